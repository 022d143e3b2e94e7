import type { Entry } from '../model';
import type { InjectableScript } from '../page/handoff';

/**
 * Every message between contexts, declared once: what it carries and what it is answered.
 * On the wire a message is `{ type, ...data }` (so a test can send one from a service
 * worker as a plain object).
 */

/** Mention count per term id. */
export type MentionCounts = Record<string, number>;

/** Messages the background answers (sent with `runtime.sendMessage`). */
export type BackgroundProtocol = {
  /** Content script: what this frame found (after every scan); `url` keeps reports from before a navigation apart. */
  mentions: { data: { counts: MentionCounts; url?: string }; answer: { ok: true } };
  /** Popup: the mentions of a tab, all frames summed. */
  'get-tab-mentions': { data: { tabId: number }; answer: { counts: MentionCounts } };
  /**
   * Content script: full entries in use (bundled + imported) for cards: those of `ids` (the terms a
   * frame mentions, or a related term a card opens), or all of them without `ids`.
   */
  'get-entries': { data: { ids?: string[] }; answer: Entry[] };
  /** Content script (the card's "Open in Contexto"): open the popup's search on a term. */
  'open-term': { data: { termId: string }; answer: { ok: true } };
  /**
   * Loader (the full script) and the full script (the card's view): run that file in the sender's
   * frame, in place of an import() that failed or would settle late (src/background/inject-script.ts).
   */
  'inject-script': { data: { script: InjectableScript }; answer: { ok: boolean } };
};

/** Messages a tab's content scripts answer (sent with `tabs.sendMessage`). */
export type TabProtocol = {
  /**
   * Background (keyboard command) or popup: go to the next/previous mention (of one term,
   * or any) and open its card. Only the top frame answers.
   */
  'reveal-mention': { data: { direction: 1 | -1; termId?: string }; answer: { revealed: boolean } };
  /**
   * Popup → top frame: "are you running here, and on what page?" The browser hides tab URLs
   * from an extension without the "tabs" permission, so the popup learns the page (for the
   * per-site switch) from the content script; no answer means content scripts cannot run there.
   */
  'get-page-info': { data: Record<never, never>; answer: { url: string } };
  /**
   * Background → the frame of the selection: the user chose "Look up … in Contexto" and
   * `termId` is the best match; open its card at the selection (tracked while the page scrolls).
   */
  'show-card': { data: { termId: string }; answer: { shown: boolean } };
  /**
   * Background → every frame: the active sheet's gate words changed (its stored item, null when
   * removed); a frame still without the full script looks at its text again. Never answered.
   */
  'active-gate-changed': { data: { gate: unknown }; answer: never };
};

/** Messages the extension's own pages (the popup) listen for, sent by the background with `runtime.sendMessage`. */
export type PagesProtocol = {
  /** A tab's mention counts changed (a frame reported, or the tab navigated): an open popup asks again. Never answered. */
  'tab-mentions-changed': { data: { tabId: number }; answer: never };
};

/** The shape of a protocol map: per message type, its data and its answer. */
export type AnyProtocol = Record<string, { data: object; answer: unknown }>;

/** A message as it travels: its type and its data side by side. */
export type MessageOf<P extends AnyProtocol, K extends keyof P & string> = { type: K } & P[K]['data'];

export type AnswerOf<P extends AnyProtocol, K extends keyof P & string> = P[K]['answer'];
