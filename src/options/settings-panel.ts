import { KINDS, type Kind } from '../factsheet/types';
import { i18n } from '#i18n';
import { kindGroupLabel } from '../l10n';
import {
  loadSettings,
  normalizeHost,
  resetSettings,
  saveSettings,
  watchSettings,
  SHOW_DELAY_RANGE,
  type HiddenTerm,
  type HighlightStyle,
  type Settings,
} from '../settings';
import { byId, element, showMessage } from './dom';

/**
 * The settings half of the options page: on/off, highlight style, kinds, every vs
 * first mention, show delay, disabled sites, reset. Every change is saved at once;
 * changes made elsewhere (the popup) show up live.
 */
export async function startSettingsPanel(doc: Document): Promise<void> {
  const enabled = byId<HTMLInputElement>(doc, 'enabled');
  const kindsBox = byId(doc, 'kinds');
  const delay = byId<HTMLInputElement>(doc, 'delay');
  const delayError = byId(doc, 'delay-error');
  const sitesList = byId(doc, 'sites-list');
  const sitesEmpty = byId(doc, 'sites-empty');
  const siteForm = byId<HTMLFormElement>(doc, 'site-form');
  const siteInput = byId<HTMLInputElement>(doc, 'site-input');
  const siteError = byId(doc, 'site-error');
  const hiddenList = byId(doc, 'hidden-list');
  const hiddenEmpty = byId(doc, 'hidden-empty');
  const resetButton = byId<HTMLButtonElement>(doc, 'reset');
  const status = byId(doc, 'settings-status');
  const styleRadios = [...doc.querySelectorAll<HTMLInputElement>('input[name="style"]')];
  const mentionRadios = [...doc.querySelectorAll<HTMLInputElement>('input[name="mentions"]')];

  const kindBoxes = new Map<Kind, HTMLInputElement>();
  for (const kind of KINDS) {
    const box = element('input');
    box.type = 'checkbox';
    box.value = kind;
    box.name = 'kind';
    kindBoxes.set(kind, box);
    kindsBox.append(element('label', { className: 'row' }, box, ' ', element('span', { text: kindGroupLabel(kind) })));
  }
  delay.min = String(SHOW_DELAY_RANGE.min);
  delay.max = String(SHOW_DELAY_RANGE.max);

  let current: Settings = await loadSettings();

  const save = async (patch: Partial<Settings>) => {
    current = await saveSettings(patch);
    showForm(current);
    status.textContent = i18n.t('optionsSaved');
  };

  function showForm(s: Settings): void {
    enabled.checked = s.enabled;
    for (const r of styleRadios) r.checked = r.value === s.highlightStyle;
    for (const r of mentionRadios) r.checked = r.value === (s.firstMentionOnly ? 'first' : 'every');
    for (const [kind, box] of kindBoxes) box.checked = s.kinds.includes(kind);
    if (doc.activeElement !== delay) delay.value = String(s.showDelayMs);
    sitesList.replaceChildren(...s.disabledSites.map(siteItem));
    sitesEmpty.hidden = s.disabledSites.length > 0;
    hiddenList.replaceChildren(...s.hiddenTerms.map(hiddenItem));
    hiddenEmpty.hidden = s.hiddenTerms.length > 0;
  }

  /** A term marked "Not this" on a site, with its undo. */
  function hiddenItem(h: HiddenTerm): HTMLElement {
    const name = h.name ?? h.term;
    const undo = element('button', { text: i18n.t('optionsHiddenUndo') });
    undo.type = 'button';
    undo.setAttribute('aria-label', i18n.t('optionsHiddenUndoNamed', { name, site: h.site }));
    undo.addEventListener(
      'click',
      () => void save({ hiddenTerms: current.hiddenTerms.filter((x) => !(x.site === h.site && x.term === h.term)) }),
    );
    const li = element(
      'li',
      {},
      element('span', { className: 'site', text: i18n.t('optionsHiddenItem', { name, site: h.site }) }),
      ' ',
      undo,
    );
    li.dataset.site = h.site;
    li.dataset.term = h.term;
    return li;
  }

  function siteItem(host: string): HTMLElement {
    const remove = element('button', { text: i18n.t('optionsSiteRemove') });
    remove.type = 'button';
    remove.setAttribute('aria-label', i18n.t('optionsSiteRemoveNamed', [host]));
    remove.addEventListener(
      'click',
      () => void save({ disabledSites: current.disabledSites.filter((h) => h !== host) }),
    );
    const li = element('li', {}, element('span', { className: 'site', text: host }), ' ', remove);
    li.dataset.site = host;
    return li;
  }

  enabled.addEventListener('change', () => void save({ enabled: enabled.checked }));
  for (const r of styleRadios)
    r.addEventListener('change', () => r.checked && void save({ highlightStyle: r.value as HighlightStyle }));
  for (const r of mentionRadios)
    r.addEventListener('change', () => r.checked && void save({ firstMentionOnly: r.value === 'first' }));
  for (const box of kindBoxes.values()) {
    box.addEventListener('change', () => void save({ kinds: KINDS.filter((k) => kindBoxes.get(k)!.checked) }));
  }
  delay.addEventListener('change', () => {
    const value = Number(delay.value);
    if (
      delay.value.trim() === '' ||
      !Number.isFinite(value) ||
      value < SHOW_DELAY_RANGE.min ||
      value > SHOW_DELAY_RANGE.max
    ) {
      showMessage(delayError, i18n.t('optionsDelayInvalid', [SHOW_DELAY_RANGE.min, SHOW_DELAY_RANGE.max]));
      delay.setAttribute('aria-invalid', 'true');
      return;
    }
    showMessage(delayError, '');
    delay.removeAttribute('aria-invalid');
    void save({ showDelayMs: value });
  });
  siteForm.addEventListener('submit', (e) => {
    e.preventDefault();
    const host = normalizeHost(siteInput.value);
    if (!host || (!host.includes('.') && host !== 'localhost')) {
      showMessage(siteError, i18n.t('optionsSiteInvalid'));
      siteInput.setAttribute('aria-invalid', 'true');
      return;
    }
    showMessage(siteError, '');
    siteInput.removeAttribute('aria-invalid');
    siteInput.value = '';
    if (!current.disabledSites.includes(host)) void save({ disabledSites: [...current.disabledSites, host] });
  });
  resetButton.addEventListener('click', async () => {
    current = await resetSettings();
    showForm(current);
    showMessage(delayError, '');
    status.textContent = i18n.t('optionsResetDone');
  });

  watchSettings((s) => {
    current = s;
    showForm(s);
  });
  showForm(current);
}
