import { browser } from 'wxt/browser';
import type { Entry } from '../factsheet/types';
import type { GetPageInfo, GetTabMentions, RevealMention } from '../messages';

export interface PageTerm {
  entry: Entry;
  count: number;
}

/**
 * Asks the background for the mentions found in a tab (all frames). The answer is a
 * map of term id → count (bare, or as `{ counts }`); null when nobody answers.
 */
export async function fetchTabMentionCounts(tabId: number): Promise<Record<string, number> | null> {
  const message: GetTabMentions = { type: 'get-tab-mentions', tabId };
  try {
    const answer: unknown = await browser.runtime.sendMessage(message);
    return countsFrom(answer);
  } catch {
    return null;
  }
}

function countsFrom(answer: unknown): Record<string, number> | null {
  if (!answer || typeof answer !== 'object') return null;
  const record = 'counts' in answer && answer.counts && typeof answer.counts === 'object' ? answer.counts : answer;
  const out: Record<string, number> = {};
  for (const [id, n] of Object.entries(record as Record<string, unknown>)) if (typeof n === 'number' && n > 0) out[id] = n;
  return out;
}

/** The terms of a tab with their counts, most mentioned first (ties by name); unknown ids are left out. */
export function termsOnPage(counts: Record<string, number>, byId: ReadonlyMap<string, Entry>, nameOf: (e: Entry) => string): PageTerm[] {
  const terms: PageTerm[] = [];
  for (const [id, count] of Object.entries(counts)) {
    const entry = byId.get(id);
    if (entry) terms.push({ entry, count });
  }
  return terms.sort((a, b) => b.count - a.count || nameOf(a.entry).localeCompare(nameOf(b.entry)));
}

/** Scrolls the tab to the next mention of a term, emphasises it and opens its card there. */
export async function revealMentionInTab(tabId: number, termId: string): Promise<boolean> {
  const message: RevealMention = { type: 'reveal-mention', direction: 1, termId };
  try {
    await browser.tabs.sendMessage(tabId, message);
    return true;
  } catch {
    return false;
  }
}

/**
 * The URL of the page in a tab, as its content script reports it (top frame); null
 * when no content script answers within `timeoutMs` (browser pages, the store, the
 * PDF viewer, or a page opened before Contexto was installed).
 */
export async function askPageUrl(tabId: number, timeoutMs = 1000): Promise<string | null> {
  const message: GetPageInfo = { type: 'get-page-info' };
  const answer = browser.tabs.sendMessage(tabId, message, { frameId: 0 }).catch(() => null);
  const timeout = new Promise<null>((resolve) => setTimeout(() => resolve(null), timeoutMs));
  const info: unknown = await Promise.race([answer, timeout]);
  if (info && typeof info === 'object' && typeof (info as { url?: unknown }).url === 'string') return (info as { url: string }).url;
  return null;
}
