import { browser } from 'wxt/browser';
import { KINDS, type Entry } from '../factsheet/types';
import { entryName, entrySummary, kindGroupKey, localizePage, t, uiLanguage } from '../l10n';
import { createTermSearch, type TermSearch } from '../search';
import { loadSettings, saveSettings, setSiteEnabled, watchSettings, isActiveOn, type Settings } from '../settings';
import { getActiveEntries, watchActiveEntries } from '../sheets';
import { installCardStyles, renderEntryCard } from './card-view';
import { ResultList, type ListItem, type ListSection } from './listbox';
import { askPageUrl, fetchTabMentionCounts, revealMentionInTab, termsOnPage, type PageTerm } from './on-this-page';
import { canRunContentScripts, siteOf } from './page-access';
import { buildTimeline, renderTimeline } from './timeline';

/** The tab the popup is about: `?tab=<id>` when given (tests, opened as a page), else the active tab. */
interface TargetTab {
  id: number | undefined;
  /** The tab shows one of Contexto's own pages (the popup opened as a page). */
  own: boolean;
  url: string | undefined;
  /** Content scripts can run there, so highlights and "On this page" exist. */
  scriptable: boolean;
  site: string;
}

interface PopupElements {
  input: HTMLInputElement;
  status: HTMLElement;
  switches: HTMLElement;
  siteSwitch: HTMLInputElement;
  siteName: HTMLElement;
  globalSwitch: HTMLInputElement;
  results: HTMLElement;
  viewTabs: HTMLElement;
  tabTerms: HTMLButtonElement;
  tabTimeline: HTMLButtonElement;
  timeline: HTMLElement;
  cardView: HTMLElement;
  cardBack: HTMLButtonElement;
  cardSlot: HTMLElement;
  live: HTMLElement;
  optionsLink: HTMLAnchorElement;
}

function elementsOf(doc: Document): PopupElements {
  const get = <T extends HTMLElement>(id: string) => {
    const el = doc.getElementById(id);
    if (!el) throw new Error(`popup: #${id} is missing`);
    return el as T;
  };
  return {
    input: get('search'),
    status: get('page-status'),
    switches: get('switches'),
    siteSwitch: get('site-switch'),
    siteName: get('site-name'),
    globalSwitch: get('global-switch'),
    results: get('results'),
    viewTabs: get('view-tabs'),
    tabTerms: get('tab-terms'),
    tabTimeline: get('tab-timeline'),
    timeline: get('timeline'),
    cardView: get('card-view'),
    cardBack: get('card-back'),
    cardSlot: get('card-slot'),
    live: get('live'),
    optionsLink: get('options-link'),
  };
}

/**
 * Runs the toolbar popup (also used as a page: `popup.html?q=…` prefills the search,
 * `?term=<id>` opens that entry's card, `?tab=<id>` picks the tab it is about,
 * `?view=timeline` starts on "Background for this page").
 */
export async function startPopup(doc: Document, params: URLSearchParams): Promise<void> {
  localizePage(doc);
  installCardStyles(doc);
  const ui = elementsOf(doc);
  ui.input.focus();
  // In a tab (tests, "Open in Contexto" on Firefox, the lookup window) rather than the toolbar popup: never close itself.
  const openedAsPage = params.has('tab') || (await browser.tabs.getCurrent().catch(() => undefined)) !== undefined;
  const lang = uiLanguage();
  const nameOf = (e: Entry) => entryName(e, lang);

  let entries: Entry[] = [];
  let byId = new Map<string, Entry>();
  let search: TermSearch = createTermSearch([]);
  let settings: Settings | null = null;
  let pageTerms: PageTerm[] | null = null;
  let pageCounts: Record<string, number> | null = null;
  let cardOpen = false;
  /** Beside "On this page": the page's timeline ("Background for this page"). */
  let view: 'terms' | 'timeline' = params.get('view') === 'timeline' ? 'timeline' : 'terms';

  const list = new ResultList(ui.results, ui.input, 'result');

  const [initialEntries, initialSettings, tab] = await Promise.all([getActiveEntries(), loadSettings(), findTargetTab(params)]);
  setEntries(initialEntries);
  settings = initialSettings;
  if (view === 'timeline') setView('timeline', false);

  showPageStatus();
  showSwitches();
  ui.optionsLink.href = (browser.runtime.getURL as (path: string) => string)('/options.html');
  ui.optionsLink.addEventListener('click', (e) => {
    e.preventDefault();
    void browser.runtime.openOptionsPage();
    if (!openedAsPage) window.close();
  });

  const q = params.get('q');
  if (q) ui.input.value = q.slice(0, 200);
  renderList();
  const termParam = params.get('term');
  const termFromParam = termParam ? byId.get(termParam) : undefined;
  if (termFromParam) openCard(termFromParam);

  if (tab.id !== undefined && tab.scriptable) {
    void fetchTabMentionCounts(tab.id).then((counts) => {
      pageCounts = counts ?? {};
      pageTerms = termsOnPage(pageCounts, byId, nameOf);
      if (!ui.input.value.trim() && !cardOpen) renderList();
    });
  }

  watchActiveEntries((next) => {
    setEntries(next);
    if (pageCounts) pageTerms = termsOnPage(pageCounts, byId, nameOf);
    if (!cardOpen) renderList();
  });
  watchSettings((next) => {
    settings = next;
    showSwitches();
  });

  ui.input.addEventListener('input', () => {
    if (cardOpen) closeCard(false);
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
    if (cardOpen) {
      e.preventDefault();
      closeCard(true);
    } else if (ui.input.value) {
      e.preventDefault();
      ui.input.value = '';
      renderList();
      ui.input.focus();
    }
    // An empty search and no card: let Escape close the popup as usual.
  });
  ui.cardBack.addEventListener('click', () => closeCard(true));
  ui.tabTerms.addEventListener('click', () => setView('terms', true));
  ui.tabTimeline.addEventListener('click', () => setView('timeline', true));
  ui.viewTabs.addEventListener('keydown', (e) => {
    if (e.key !== 'ArrowLeft' && e.key !== 'ArrowRight' && e.key !== 'Home' && e.key !== 'End') return;
    e.preventDefault();
    const next = e.key === 'Home' ? 'terms' : e.key === 'End' ? 'timeline' : view === 'terms' ? 'timeline' : 'terms';
    setView(next, true);
  });
  ui.siteSwitch.addEventListener('change', () => {
    if (tab.site) void setSiteEnabled(tab.site, ui.siteSwitch.checked);
  });
  ui.globalSwitch.addEventListener('change', () => {
    void saveSettings({ enabled: ui.globalSwitch.checked });
  });

  function setEntries(next: Entry[]): void {
    entries = next;
    byId = new Map(next.map((e) => [e.id, e]));
    search = createTermSearch(next);
  }

  function showPageStatus(): void {
    if (tab.scriptable || tab.own) {
      ui.status.hidden = true;
      return;
    }
    ui.status.textContent = t('popupRestrictedPage');
    ui.status.hidden = false;
  }

  function showSwitches(): void {
    if (!settings) return;
    ui.globalSwitch.checked = settings.enabled;
    const hasSite = tab.scriptable && !!tab.site;
    ui.siteSwitch.closest('label')!.hidden = !hasSite;
    if (hasSite) {
      ui.siteName.textContent = tab.site;
      ui.siteSwitch.checked = isActiveOn({ ...settings, enabled: true }, tab.site);
      ui.siteSwitch.disabled = !settings.enabled;
    }
  }

  function renderList(): void {
    const query = ui.input.value.trim();
    // The two views are for the page, with an empty search; a search shows its results.
    const tabs = tab.scriptable && !query && !cardOpen;
    ui.viewTabs.hidden = !tabs;
    const showTimeline = tabs && view === 'timeline';
    ui.timeline.hidden = !showTimeline;
    ui.results.hidden = showTimeline || cardOpen;
    if (showTimeline) {
      ui.input.removeAttribute('aria-activedescendant');
      renderPageTimeline();
    }
    if (query) renderSearchResults(query);
    else renderBrowseList();
  }

  function setView(next: 'terms' | 'timeline', focusTab: boolean): void {
    view = next;
    ui.tabTerms.setAttribute('aria-selected', String(next === 'terms'));
    ui.tabTimeline.setAttribute('aria-selected', String(next === 'timeline'));
    ui.tabTerms.tabIndex = next === 'terms' ? 0 : -1;
    ui.tabTimeline.tabIndex = next === 'timeline' ? 0 : -1;
    renderList();
    if (focusTab) (next === 'terms' ? ui.tabTerms : ui.tabTimeline).focus();
  }

  function renderPageTimeline(): void {
    if (pageTerms === null) {
      ui.timeline.replaceChildren(Object.assign(doc.createElement('p'), { className: 'tl-empty', textContent: t('popupTimelineLoading') }));
      return;
    }
    renderTimeline(ui.timeline, buildTimeline(pageTerms.map((p) => p.entry), nameOf), { lang, nameOf, t, reveal: (entry) => void revealOnPage(entry) });
  }

  function renderSearchResults(query: string): void {
    const results = search.search(query, 30);
    list.render([
      {
        items: results.map(({ entry }) => entryItem(entry, true)),
        emptyText: t('popupNoResults', query),
      },
    ]);
    ui.live.textContent = results.length ? t('popupResultCount', String(results.length)) : t('popupNoResults', query);
  }

  function renderBrowseList(): void {
    const sections: ListSection[] = [];
    if (tab.scriptable) {
      sections.push({
        heading: t('popupOnThisPage'),
        items: (pageTerms ?? []).map(pageTermItem),
        emptyText: pageTerms === null ? t('popupOnThisPageLoading') : isTabActive() ? t('popupOnThisPageEmpty') : t('popupOnThisPageOff'),
      });
    }
    for (const kind of KINDS) {
      const ofKind = entries.filter((e) => e.kind === kind).sort((a, b) => nameOf(a).localeCompare(nameOf(b)));
      if (ofKind.length) sections.push({ heading: t(kindGroupKey(kind)), items: ofKind.map((e) => entryItem(e, false)) });
    }
    list.render(sections);
  }

  function isTabActive(): boolean {
    return !!settings && isActiveOn(settings, tab.site);
  }

  function entryItem(entry: Entry, withSummary: boolean): ListItem {
    return {
      key: entry.id,
      label: nameOf(entry),
      detail: withSummary ? `${t(kindGroupKey(entry.kind))} · ${entrySummary(entry, lang)}` : undefined,
      choose: () => openCard(entry),
    };
  }

  function pageTermItem({ entry, count }: PageTerm): ListItem {
    return {
      key: 'page:' + entry.id,
      label: nameOf(entry),
      badge: { text: String(count), label: t(count === 1 ? 'popupMentionCountOne' : 'popupMentionCount', String(count)) },
      hint: t('popupRevealHint'),
      choose: () => void revealOnPage(entry),
    };
  }

  async function revealOnPage(entry: Entry): Promise<void> {
    if (tab.id === undefined) return;
    const ok = await revealMentionInTab(tab.id, entry.id);
    if (ok && !openedAsPage) window.close();
    else ui.live.textContent = ok ? t('popupRevealed', nameOf(entry)) : t('popupRevealFailed');
  }

  function openCard(entry: Entry): void {
    cardOpen = true;
    ui.cardSlot.replaceChildren(renderEntryCard(entry, {
        lang,
        nameOf: (id) => {
          const related = byId.get(id);
          return related && nameOf(related);
        },
        openTerm: (id) => {
          const next = byId.get(id);
          if (next) openCard(next);
        },
      }),);
    ui.results.hidden = true;
    ui.timeline.hidden = true;
    ui.viewTabs.hidden = true;
    ui.switches.hidden = true;
    ui.cardView.hidden = false;
    ui.input.removeAttribute('aria-activedescendant');
    ui.live.textContent = nameOf(entry);
    ui.cardBack.focus();
  }

  function closeCard(focusSearch: boolean): void {
    cardOpen = false;
    ui.cardView.hidden = true;
    ui.cardSlot.replaceChildren();
    ui.results.hidden = false;
    ui.switches.hidden = false;
    renderList();
    if (focusSearch) ui.input.focus();
  }
}

async function findTargetTab(params: URLSearchParams): Promise<TargetTab> {
  let tab: { id?: number; url?: string } | undefined;
  try {
    const wanted = Number(params.get('tab'));
    if (params.has('tab') && Number.isInteger(wanted)) tab = await browser.tabs.get(wanted);
    else [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  } catch {
    tab = undefined;
  }
  // Without the "tabs" permission the URL is hidden unless activeTab granted it: ask the content script.
  const url = tab?.url ?? (tab?.id !== undefined ? ((await askPageUrl(tab.id)) ?? undefined) : undefined);
  const own = !!url && url.startsWith((browser.runtime.getURL as (path: string) => string)('/'));
  return { id: tab?.id, own, url, scriptable: canRunContentScripts(url), site: siteOf(url) };
}
