import { browser } from 'wxt/browser';
import { i18n } from '#i18n';
import { entryName } from '../l10n';
import { localizePage, uiLanguage } from '../l10n/pages';
import { onMessages, type PagesProtocol } from '../messaging';
import type { Entry } from '../model';
import { loadSettings, watchSettings } from '../settings';
import { getActiveEntries, watchActiveEntries } from '../sheets';
import { installCardStyles } from './card-view';
import { elementsOf } from './elements';
import { ResultList } from './listbox';
import { fetchTabMentionCounts, revealMentionInTab } from './on-this-page';
import { PopupState } from './state';
import { findTargetTab } from './target-tab';
import { renderBrowseList } from './views/browse';
import { CardPane } from './views/card';
import type { ItemActions } from './views/entry-items';
import { PageViews, renderPageTimeline } from './views/page-views';
import { renderSearchResults } from './views/search';
import { showPageStatus, showSwitches, wireSwitches } from './views/switches';

/**
 * Runs the toolbar popup (also used as a page: `popup.html?q=…` prefills the search,
 * `?term=<id>` opens that entry's card, `?tab=<id>` picks the tab it is about,
 * `?view=timeline` starts on "Background for this page"). The wiring only: what each
 * part shows lives in ./views, what the popup knows in ./state.
 */
export async function startPopup(doc: Document, params: URLSearchParams): Promise<void> {
  localizePage(doc);
  installCardStyles(doc);
  const ui = elementsOf(doc);
  ui.input.focus();
  // In a tab (tests, "Open in Contexto" on Firefox, the lookup window) rather than the toolbar popup: never close itself.
  const openedAsPage = params.has('tab') || (await browser.tabs.getCurrent().catch(() => undefined)) !== undefined;
  const lang = uiLanguage();
  const state = new PopupState((e: Entry) => entryName(e, lang));
  const list = new ResultList(ui.results, ui.input, 'result');
  const card = new CardPane(ui, state, lang, () => renderList());
  const views = new PageViews(ui, params.get('view') === 'timeline' ? 'timeline' : 'terms', () => renderList());

  const [entries, settings, tab] = await Promise.all([getActiveEntries(), loadSettings(), findTargetTab(params)]);
  state.setEntries(entries);
  state.settings = settings;

  const revealOnPage = async (entry: Entry): Promise<void> => {
    if (tab.id === undefined) return;
    const ok = await revealMentionInTab(tab.id, entry.id);
    if (ok && !openedAsPage) window.close();
    else ui.live.textContent = ok ? i18n.t('popupRevealed', [state.nameOf(entry)]) : i18n.t('popupRevealFailed');
  };
  const actions: ItemActions = {
    lang,
    nameOf: state.nameOf,
    openCard: (entry) => card.open(entry),
    revealOnPage: (entry) => void revealOnPage(entry),
  };

  function renderList(): void {
    const query = ui.input.value.trim();
    // The two views are for the page, with an empty search; a search shows its results.
    const tabs = tab.scriptable && !query && !card.isOpen;
    ui.viewTabs.hidden = !tabs;
    const showTimeline = tabs && views.current === 'timeline';
    ui.timeline.hidden = !showTimeline;
    ui.results.hidden = showTimeline || card.isOpen;
    if (showTimeline) {
      ui.input.removeAttribute('aria-activedescendant');
      renderPageTimeline(doc, ui, state, lang, actions.revealOnPage);
    }
    if (query) renderSearchResults(query, list, ui, state, actions);
    else renderBrowseList(list, tab, state, actions);
  }

  if (views.current === 'timeline') views.set('timeline', false);
  showPageStatus(ui, tab);
  showSwitches(ui, tab, settings);
  wireSwitches(ui, tab);
  ui.optionsLink.href = browser.runtime.getURL('/options.html');
  ui.optionsLink.addEventListener('click', (e) => {
    e.preventDefault();
    void browser.runtime.openOptionsPage();
    if (!openedAsPage) window.close();
  });

  const q = params.get('q');
  if (q) ui.input.value = q.slice(0, 200);
  renderList();
  const termFromParam = state.byId.get(params.get('term') ?? '');
  if (termFromParam) card.open(termFromParam);

  if (tab.id !== undefined && tab.scriptable) {
    const tabId = tab.id;
    // Asked again whenever the tab's frames report, so a page still being scanned fills the list in.
    let shown: string | undefined;
    const refreshPageCounts = () =>
      void fetchTabMentionCounts(tabId).then((counts) => {
        // Unchanged counts leave the list (and the reader's place in it) alone.
        const key = JSON.stringify(counts ?? {});
        if (key === shown) return;
        shown = key;
        state.setPageCounts(counts ?? {});
        if (!ui.input.value.trim() && !card.isOpen) renderList();
      });
    onMessages<PagesProtocol>({
      'tab-mentions-changed': (m) => {
        if (m.tabId === tabId) refreshPageCounts();
        return undefined;
      },
    });
    refreshPageCounts();
  }
  watchActiveEntries((next) => {
    state.setEntries(next);
    if (!card.isOpen) renderList();
  });
  watchSettings((next) => {
    state.settings = next;
    showSwitches(ui, tab, next);
  });

  ui.input.addEventListener('input', () => {
    if (card.isOpen) card.close(false);
    renderList();
  });
  ui.input.addEventListener('keydown', (e) => {
    switch (e.key) {
      case 'ArrowDown':
        e.preventDefault();
        list.move(1);
        break;
      case 'ArrowUp':
        e.preventDefault();
        list.move(-1);
        break;
      case 'Enter':
        e.preventDefault();
        list.chooseActive();
        break;
    }
  });
  doc.addEventListener('keydown', (e) => {
    if (e.key !== 'Escape') return;
    if (card.isOpen) {
      e.preventDefault();
      card.close(true);
    } else if (ui.input.value) {
      e.preventDefault();
      ui.input.value = '';
      renderList();
      ui.input.focus();
    }
    // An empty search and no card: let Escape close the popup as usual.
  });
}
