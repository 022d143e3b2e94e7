import type { Entry } from '../model';
import { sendToBackground, sendToTab, type MentionCounts } from '../messaging';

export interface PageTerm {
  entry: Entry;
  count: number;
}

/** Asks the background for the mentions found in a tab (all frames); null when nobody answers. */
export async function fetchTabMentionCounts(tabId: number): Promise<MentionCounts | null> {
  try {
    return (await sendToBackground('get-tab-mentions', { tabId })).counts;
  } catch {
    return null;
  }
}

/** The terms of a tab with their counts, most mentioned first (ties by name); unknown ids are left out. */
export function termsOnPage(
  counts: MentionCounts,
  byId: ReadonlyMap<string, Entry>,
  nameOf: (e: Entry) => string,
): PageTerm[] {
  const terms: PageTerm[] = [];
  for (const [id, count] of Object.entries(counts)) {
    const entry = byId.get(id);
    if (entry) terms.push({ entry, count });
  }
  return terms.sort((a, b) => b.count - a.count || nameOf(a.entry).localeCompare(nameOf(b.entry)));
}

/** Scrolls the tab to the next mention of a term, emphasises it and opens its card there. */
export async function revealMentionInTab(tabId: number, termId: string): Promise<boolean> {
  try {
    // The top frame moves between mentions (it answers for the whole tab).
    await sendToTab(tabId, 'reveal-mention', { direction: 1, termId }, { frameId: 0 });
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
  const answer = sendToTab(tabId, 'get-page-info', {}, { frameId: 0 }).catch(() => undefined);
  const timeout = new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), timeoutMs));
  return (await Promise.race([answer, timeout]))?.url ?? null;
}
