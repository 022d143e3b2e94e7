import type { EarlyReads } from './early-reads';

/**
 * Between the loader every frame runs (entrypoints/content.ts, src/page/loader.ts) and the full
 * content script it imports when the frame needs it (entrypoints/content-main.ts). The import
 * runs in the content script's own world, so the full script hands itself over through that
 * world's global, which the page cannot see.
 */

/** The full content script, as built (an unlisted script, web-accessible for the import only). */
export const CONTENT_MAIN_PATH = '/content-main.js';

/** The global the full content script sets when it is evaluated. */
export const CONTENT_MAIN_GLOBAL = '__contextoContentMain';

/** The card's view (host, rendering, placement: src/card/view.ts), which the full script loads on a card's first use. */
export const CARD_VIEW_PATH = '/card-view.js';

/** The global the card's view sets when it is evaluated. */
export const CARD_VIEW_GLOBAL = '__contextoCardView';

/** The extension scripts a frame may ask the background to run in it (`inject-script`), by name. */
export const INJECTABLE_SCRIPTS = { 'content-main': CONTENT_MAIN_PATH, 'card-view': CARD_VIEW_PATH } as const;
export type InjectableScript = keyof typeof INJECTABLE_SCRIPTS;

/** What a running frame answers for the loader (the messages only the full script can answer). */
export interface PageHandle {
  /** `reveal-mention`, in the top frame. */
  reveal(direction: 1 | -1, termId?: string): Promise<{ revealed: boolean }>;
  /** `show-card` at the selection's range (taken when the message arrived). */
  showCardAt(range: Range, termId: string): Promise<{ shown: boolean }>;
}

/** Starts Contexto in this frame (with WXT's content-script context, made then) with the reads the loader started (./early-reads.ts); null when the extension went away meanwhile. */
export type StartContentMain = (early?: EarlyReads) => Promise<PageHandle | null>;

/** The one extension API used here: Chrome's, and Firefox's callback namespace. */
declare const chrome: { runtime: { getURL(path: string): string } };

/** What the script at `global`'s name handed over when it was evaluated in this world, if it was. */
export function handedOver<T>(global: string): T | undefined {
  return (globalThis as Record<string, unknown>)[global] as T | undefined;
}

/**
 * Evaluates the extension's script at `path` in this content-script world (once) and returns what it
 * set at `global`. Chrome refuses a content script's import() where the reader blocked the site's
 * JavaScript; `inject` then asks the background to run the same file here (`inject-script`).
 */
export async function importHandedOver<T>(path: string, global: string, inject: () => Promise<boolean>): Promise<T> {
  if (handedOver<T>(global) === undefined) {
    try {
      // Written as `import(chrome.runtime.getURL(…))`: the form web-ext lint knows to be the extension's own file.
      await import(/* @vite-ignore */ chrome.runtime.getURL(path));
    } catch (e) {
      if (handedOver<T>(global) === undefined && !(await inject())) throw e;
    }
  }
  const value = handedOver<T>(global);
  if (value === undefined) throw new Error(`${path} did not hand itself over`);
  return value;
}
