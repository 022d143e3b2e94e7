import bundledPack from 'virtual:contexto-bundled-pack';
import { browser } from 'wxt/browser';
import type { Entry } from '../factsheet/types';
import { i18n } from '#i18n';
import { entryName } from '../l10n';
import { uiLanguage } from '../l10n/pages';
import {
  acceptSubscription,
  checkForUpdate,
  checkPackUrl,
  loadPacks,
  packSheets,
  patternCovers,
  permissionFor,
  previewSubscription,
  rollBack,
  setDailyCheck,
  unsubscribe,
  watchPacks,
  type PackSubscription,
  type SubscriptionPreview,
} from '../packs';
import { bundledSheetEntries, type SheetMode } from '../sheets';
import { byId, element } from './dom';
import { problemReport } from './sheets-panel';

/**
 * True when the browser already lets Contexto read `url`: the origin's optional permission
 * was granted, or a pattern the extension holds covers it (Chrome counts the content
 * script's match patterns, every http and https site, as host access: nothing to ask there).
 */
async function hostAccessGranted(url: string): Promise<boolean> {
  if (await browser.permissions.contains(permissionFor(url))) return true;
  const { origins = [] } = await browser.permissions.getAll();
  return origins.some((pattern) => patternCovers(pattern, url));
}

/**
 * Subscribed packs on the options page: the bundled pack's revision, subscribing (URL +
 * public key, or a subscription file), a preview of what would be added, changed and
 * removed, then per subscription: daily check, check now, roll back, unsubscribe.
 * Every string from a pack is set as text, never as markup.
 */
export async function startPacksPanel(doc: Document): Promise<void> {
  const form = byId<HTMLFormElement>(doc, 'pack-form');
  const urlInput = byId<HTMLInputElement>(doc, 'pack-url');
  const keyInput = byId<HTMLTextAreaElement>(doc, 'pack-key');
  const fileInput = byId<HTMLInputElement>(doc, 'pack-file');
  const subscribeButton = byId<HTMLButtonElement>(doc, 'pack-subscribe');
  const result = byId(doc, 'pack-result');
  const previewBox = byId(doc, 'pack-preview');
  const list = byId(doc, 'packs-list');
  const empty = byId(doc, 'packs-empty');
  const deps = { bundled: bundledSheetEntries() };
  const date = (iso: string) =>
    new Date(iso).toLocaleDateString(uiLanguage(), { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' });

  byId(doc, 'bundled-pack').textContent = i18n.t('optionsBundledPack', bundledPack.entryCount, {
    name: bundledPack.name,
    revision: bundledPack.revision,
    date: date(bundledPack.publishedAt),
  });

  /*
   * Origins the browser already lets Contexto read, checked ahead of the click: the request
   * itself must be made synchronously inside the click (Firefox drops the user gesture at
   * the first await), and Chrome counts the content script's match patterns as host
   * access, so it has nothing to ask and would still show its dialog.
   */
  const granted = new Map<string, boolean>();
  const primePermission = (url: string) => {
    const checked = checkPackUrl(url);
    if ('error' in checked || granted.has(checked.pattern)) return;
    void hostAccessGranted(checked.url).then(
      (yes) => granted.set(checked.pattern, yes),
      () => {},
    );
  };
  /** Called synchronously in a click handler: asks for the origin only when it is not granted yet. */
  const ensurePermission = (url: string): Promise<boolean> => {
    const request = permissionFor(url);
    if (granted.get(request.origins[0]!)) return Promise.resolve(true);
    return browser.permissions.request(request).then((yes) => {
      granted.set(request.origins[0]!, yes);
      return yes;
    });
  };
  urlInput.addEventListener('input', () => primePermission(urlInput.value));

  const say = (className: 'error' | 'success' | 'muted', text: string) =>
    result.replaceChildren(element('p', { className, text }));

  // A subscription file fills the two fields; the reader still presses the button (the permission request needs that click).
  fileInput.addEventListener('change', async () => {
    const file = fileInput.files?.[0];
    if (!file) return;
    try {
      const data = JSON.parse(await file.text()) as { url?: unknown; publicKey?: unknown };
      if (typeof data.url !== 'string' || typeof data.publicKey !== 'string') throw new Error('fields');
      urlInput.value = data.url;
      keyInput.value = data.publicKey;
      primePermission(data.url);
      result.replaceChildren();
    } catch {
      say('error', i18n.t('optionsPackBadFile'));
    }
  });

  form.addEventListener('submit', (e) => {
    e.preventDefault();
    previewBox.hidden = true;
    previewBox.replaceChildren();
    const checked = checkPackUrl(urlInput.value);
    if ('error' in checked) {
      say('error', i18n.t('optionsPackRefused', [checked.error]));
      return;
    }
    const mode = (form.querySelector<HTMLInputElement>('input[name="pack-mode"]:checked')?.value ?? 'add') as SheetMode;
    const publicKeyPem = keyInput.value;
    // Asked now, inside the click: the browser shows its prompt for this one origin.
    const permission = ensurePermission(checked.url);
    subscribeButton.disabled = true;
    void (async () => {
      try {
        if (!(await permission)) {
          say('error', i18n.t('optionsPackPermissionDenied', [checked.origin]));
          return;
        }
        say('muted', i18n.t('optionsPackFetching'));
        const outcome = await previewSubscription({ url: checked.url, publicKeyPem, mode }, deps);
        if (!outcome.ok) {
          result.replaceChildren(
            ...(outcome.problems.length > 1
              ? problemReport(i18n.t('optionsPackRefused', [outcome.reason]), outcome.problems)
              : [element('p', { className: 'error', text: i18n.t('optionsPackRefused', [outcome.reason]) })]),
          );
          return;
        }
        result.replaceChildren();
        showPreview(outcome.preview);
      } catch (err) {
        say('error', i18n.t('optionsPackRefused', [(err as Error).message]));
      } finally {
        subscribeButton.disabled = false;
      }
    })();
  });

  function showPreview(preview: SubscriptionPreview): void {
    const { meta } = preview.subscription;
    const section = (
      key: 'optionsPackPreviewAdds' | 'optionsPackPreviewChanges' | 'optionsPackPreviewRemoves',
      entries: Entry[],
      className: string,
    ) => {
      const items = entries.map((en) => element('li', { text: entryName(en, uiLanguage()) }));
      return [
        element('h4', { text: i18n.t(key, [entries.length]) }),
        element('ul', { className: `pack-diff ${className}` }, ...items),
      ];
    };
    const accept = element('button', { text: i18n.t('optionsPackAccept') });
    accept.type = 'button';
    accept.id = 'pack-accept';
    const cancel = element('button', { text: i18n.t('optionsPackCancel') });
    cancel.type = 'button';
    cancel.id = 'pack-cancel';
    previewBox.replaceChildren(
      element(
        'p',
        {},
        element('strong', {
          className: 'pack-preview-title',
          text: i18n.t('optionsPackPreviewHeading', [meta.name, meta.publisher, meta.revision, date(meta.publishedAt)]),
        }),
      ),
      ...(meta.changelog ? [element('p', { className: 'pack-changelog', text: meta.changelog })] : []),
      element('p', {
        className: 'muted pack-key',
        text: i18n.t('optionsPackPreviewKey', [preview.subscription.keyFingerprint]),
      }),
      ...section('optionsPackPreviewAdds', preview.diff.added, 'pack-adds'),
      ...section('optionsPackPreviewChanges', preview.diff.changed, 'pack-changes'),
      ...section('optionsPackPreviewRemoves', preview.diff.removed, 'pack-removes'),
      element('div', { className: 'actions' }, accept, ' ', cancel),
    );
    previewBox.hidden = false;
    accept.focus();
    cancel.addEventListener('click', () => {
      previewBox.hidden = true;
      previewBox.replaceChildren();
    });
    accept.addEventListener('click', async () => {
      accept.disabled = true;
      const outcome = await acceptSubscription(preview, deps);
      previewBox.hidden = true;
      previewBox.replaceChildren();
      if (outcome.ok) {
        say('success', i18n.t('optionsPackSubscribed', [meta.name]));
        form.reset();
      } else say('error', i18n.t('optionsPackRefused', [outcome.reason]));
      await refresh();
    });
  }

  let generation = 0;
  async function refresh(): Promise<void> {
    // Refreshes overlap (a click and the storage watch): only the latest one draws.
    const mine = ++generation;
    const [packs, sheets] = await Promise.all([loadPacks(), packSheets()]);
    if (mine !== generation) return;
    for (const p of packs) primePermission(p.url);
    list.replaceChildren(...packs.map((p) => packItem(p, sheets.get(p.id)?.entries.length ?? 0)));
    empty.hidden = packs.length > 0;
  }

  function packItem(pack: PackSubscription, entryCount: number): HTMLElement {
    const { meta } = pack;
    const status = element('p', {
      className: 'pack-status',
      text: pack.lastCheck
        ? i18n.t('optionsPackLastCheck', [
            pack.lastCheck.message,
            new Date(pack.lastCheck.at).toLocaleString(uiLanguage()),
          ])
        : '',
    });
    status.setAttribute('role', 'status');
    if (pack.lastCheck?.outcome === 'refused' || pack.lastCheck?.outcome === 'failed') status.classList.add('error');

    const daily = element('input');
    daily.type = 'checkbox';
    daily.className = 'pack-daily';
    daily.checked = pack.dailyCheck;
    daily.addEventListener('change', () => void setDailyCheck(pack.id, daily.checked));

    const check = element('button', { className: 'pack-check', text: i18n.t('optionsPackCheck') });
    check.type = 'button';
    check.setAttribute('aria-label', i18n.t('optionsPackCheckNamed', [meta.name]));
    check.addEventListener('click', () => {
      // Asked again in case the reader withdrew it; answered at once when it is still granted.
      const permission = ensurePermission(pack.url);
      check.disabled = true;
      status.classList.remove('error');
      status.textContent = i18n.t('optionsPackChecking');
      void (async () => {
        if (!(await permission.catch(() => false)))
          status.textContent = i18n.t('optionsPackPermissionDenied', [new URL(pack.url).origin]);
        else await checkForUpdate(pack.id, deps);
        await refresh();
      })();
    });

    const actions: HTMLElement[] = [check];
    if (pack.previous) {
      const back = element('button', {
        className: 'pack-rollback',
        text: i18n.t('optionsPackRollback', [pack.previous.meta.revision]),
      });
      back.type = 'button';
      back.addEventListener('click', async () => {
        const outcome = await rollBack(pack.id, deps);
        await refresh();
        if (!outcome.ok) result.replaceChildren(element('p', { className: 'error', text: outcome.reason }));
      });
      actions.push(back);
    }
    const remove = element('button', { className: 'pack-unsubscribe', text: i18n.t('optionsPackUnsubscribe') });
    remove.type = 'button';
    remove.setAttribute('aria-label', i18n.t('optionsPackUnsubscribeNamed', [meta.name]));
    remove.addEventListener('click', async () => {
      await unsubscribe(pack.id);
      say('success', i18n.t('optionsPackUnsubscribed', [meta.name]));
      await refresh();
    });
    actions.push(remove);

    const li = element(
      'li',
      { className: 'sheet pack' },
      element('strong', { className: 'pack-name', text: meta.name }),
      element('p', {
        className: 'muted sheet-meta pack-meta',
        text: i18n.t('optionsPackMeta', entryCount, {
          revision: meta.revision,
          date: date(meta.publishedAt),
          publisher: meta.publisher,
          origin: new URL(pack.url).origin,
        }),
      }),
      element('p', {
        className: 'muted sheet-meta pack-key',
        text: i18n.t('optionsPackKeyMeta', [pack.keyFingerprint]),
      }),
      ...(meta.changelog ? [element('p', { className: 'pack-changelog', text: meta.changelog })] : []),
      element('label', { className: 'row' }, daily, ' ', element('span', { text: i18n.t('optionsPackDaily') })),
      element('div', { className: 'actions' }, ...actions),
      status,
    );
    li.dataset.packId = pack.id;
    li.dataset.revision = String(meta.revision);
    return li;
  }

  // The daily check runs in the background: its result shows up here live.
  watchPacks(() => void refresh());
  await refresh();
}
