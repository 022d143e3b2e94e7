import { browser } from 'wxt/browser';
import type { Entry } from '../factsheet/types';
import { i18n } from '#i18n';
import { popupUrl } from '../background/open-term';
import { sendToTab } from '../messaging';
import { createTermSearch, type TermSearch } from '../search';
import { getActiveEntries, watchActiveEntries } from '../sheets';

/**
 * Selection lookup: a context-menu item "Look up “…” in Contexto" on selected text.
 * The best fuzzy match opens as a card next to the selection (content script,
 * `show-card`); when nothing matches well enough, or the page cannot show a card
 * (browser pages, PDF viewer, a content script that does not answer), the popup page
 * opens in a small window with the search prefilled (`?q=`) or the card open (`?term=`).
 */

export const LOOK_UP_MENU_ID = 'contexto-look-up-selection';
const MAX_SELECTION_LENGTH = 200;

export type LookUpOutcome =
  | { result: 'card-on-page'; termId: string }
  | { result: 'card-in-window'; termId: string }
  | { result: 'search-in-window'; query: string }
  | { result: 'ignored' };

interface TabRef {
  id?: number;
}

let searchCache: Promise<TermSearch> | null = null;

function termSearch(): Promise<TermSearch> {
  searchCache ??= getActiveEntries().then(createTermSearch);
  return searchCache;
}

/** Creates the menu item and listens for clicks. Call once when the background starts. */
export function registerSelectionLookup(): void {
  void createMenu();
  browser.contextMenus.onClicked.addListener((info, tab) => {
    if (info.menuItemId !== LOOK_UP_MENU_ID) return;
    void lookUpSelection(info.selectionText ?? '', tab, info.frameId);
  });
  watchActiveEntries((entries: Entry[]) => {
    searchCache = Promise.resolve(createTermSearch(entries));
  });
  // For the browser test and for debugging from the service worker console.
  (globalThis as { contextoLookUpSelection?: typeof lookUpSelection }).contextoLookUpSelection = lookUpSelection;
}

async function createMenu(): Promise<void> {
  try {
    await browser.contextMenus.removeAll();
    browser.contextMenus.create({ id: LOOK_UP_MENU_ID, title: i18n.t('menuLookUp'), contexts: ['selection'] });
  } catch (e) {
    console.warn('Contexto: could not create the context menu', e);
  }
}

/** Looks up selected text: the best match's card next to the selection, else a search window. */
export async function lookUpSelection(selection: string, tab?: TabRef, frameId?: number): Promise<LookUpOutcome> {
  const query = selection.replace(/\s+/g, ' ').trim().slice(0, MAX_SELECTION_LENGTH);
  if (!query) return { result: 'ignored' };
  const best = (await termSearch()).bestMatch(query);
  if (!best) {
    await openPopupWindow({ q: query, tab: tab?.id });
    return { result: 'search-in-window', query };
  }
  const termId = best.entry.id;
  if (tab?.id !== undefined && (await showCardInTab(tab.id, termId, frameId)))
    return { result: 'card-on-page', termId };
  await openPopupWindow({ term: termId, q: query, tab: tab?.id });
  return { result: 'card-in-window', termId };
}

/** True when the content script of that frame answered that it showed the card. */
async function showCardInTab(tabId: number, termId: string, frameId?: number): Promise<boolean> {
  try {
    const answer = await sendToTab(tabId, 'show-card', { termId }, frameId === undefined ? {} : { frameId });
    return answer?.shown === true;
  } catch {
    return false;
  }
}

/** The popup page in a small window: `popup.html?q=…&term=…&tab=…`. */
async function openPopupWindow(params: { q?: string; term?: string; tab?: number }): Promise<void> {
  const query: Record<string, string> = {};
  if (params.q) query.q = params.q;
  if (params.term) query.term = params.term;
  if (params.tab !== undefined) query.tab = String(params.tab);
  const url = popupUrl(query);
  try {
    await browser.windows.create({ url, type: 'popup', width: 400, height: 600 });
  } catch {
    await browser.tabs.create({ url });
  }
}
