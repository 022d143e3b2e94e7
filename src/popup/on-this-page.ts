import { browser } from 'wxt/browser';
import type { Entry } from '../factsheet/types';
import type { GetTabMentions, RevealMention } from '../messages';

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
