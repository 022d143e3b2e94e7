/** Messages between the content script, the background and the popup. */

/** Content script → background: what this frame found (sent after every scan). */
export interface MentionsReport {
  type: 'mentions';
  /** Mention count per term id in this frame. */
  counts: Record<string, number>;
  /** The frame's URL when it scanned (so a report from before a navigation is not mixed with one after). */
  url?: string;
}

/** Popup → background: the results of a tab (all frames summed). */
export interface GetTabMentions {
  type: 'get-tab-mentions';
  tabId: number;
}

/** Background or popup → content script: go to the next/previous mention (of one term, or any) and open its card. */
export interface RevealMention {
  type: 'reveal-mention';
  direction: 1 | -1;
  termId?: string;
}

/**
 * Background → content script (frame of the selection): the user chose "Look up … in
 * Contexto" on selected text and `termId` is the best match. Open that term's card
 * next to the current selection (`at: 'selection'`: anchored to
 * `getSelection().getRangeAt(0).getBoundingClientRect()`), without modifying the page
 * DOM beyond the card's own host. Answer `{ shown: true }` when the card opened.
 */
export interface ShowCard {
  type: 'show-card';
  termId: string;
  at: 'selection';
}

/** The background's answer to `get-tab-mentions`. */
export interface TabMentions {
  /** Mention count per term id, all frames summed. */
  counts: Record<string, number>;
}

/** Content script (card's "Open in Contexto") → background: open the popup's search on a term. */
export interface OpenTerm {
  type: 'open-term';
  termId: string;
}

/**
 * Popup → content script of the top frame: "are you running here, and on what page?"
 * The browser hides tab URLs from an extension without the "tabs" permission, so the
 * popup learns the page (for the per-site switch) from the content script itself;
 * no answer means content scripts cannot run on that page. Answer: `PageInfo`.
 */
export interface GetPageInfo {
  type: 'get-page-info';
}

export interface PageInfo {
  url: string;
}

/** Content script → background: the full entries in use (bundled + imported), for cards. Answer: `Entry[]`. */
export interface GetEntries {
  type: 'get-entries';
}

export type Message = MentionsReport | GetTabMentions | RevealMention | ShowCard | OpenTerm | GetPageInfo | GetEntries;
