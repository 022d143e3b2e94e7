import { sendToBackground } from '../messaging';
import { CARD_VIEW_GLOBAL, CARD_VIEW_PATH } from '../page/handoff';
import type { CardView } from './view';

/** The one extension API used here: Chrome's, and Firefox's callback namespace (see the import below). */
declare const chrome: { runtime: { getURL(path: string): string } };

let loading: Promise<CardView> | null = null;

/**
 * The card's view (./view.ts, built as its own script), evaluated in this content-script world on
 * first call. Chrome refuses a content script's import() where the reader blocked the site's
 * JavaScript; the background then runs the same file in this frame (`inject-script`).
 */
export function loadCardView(): Promise<CardView> {
  loading ??= load().catch((e: unknown) => {
    loading = null; // a later card tries again
    throw e;
  });
  return loading;
}

async function load(): Promise<CardView> {
  if (!handedOver()) {
    try {
      // Written as `import(chrome.runtime.getURL(…))`: the form web-ext lint knows to be the extension's own file.
      await import(/* @vite-ignore */ chrome.runtime.getURL(CARD_VIEW_PATH));
    } catch (e) {
      const injected = await sendToBackground('inject-script', { script: 'card-view' }).catch(() => undefined);
      if (!handedOver() && !injected?.ok) throw e;
    }
  }
  const view = handedOver();
  if (!view) throw new Error('the card view did not hand itself over');
  return view;
}

function handedOver(): CardView | undefined {
  return (globalThis as Record<string, unknown>)[CARD_VIEW_GLOBAL] as CardView | undefined;
}
