import { browser } from 'wxt/browser';

/** Where the popup page lives; it reads `?term=<id>` and opens that term. */
export const POPUP_PATH = '/popup.html' as const;

export function popupUrlFor(termId: string): string {
  return `${browser.runtime.getURL(POPUP_PATH)}?term=${encodeURIComponent(termId)}`;
}

interface ActionApi {
  openPopup?: (options?: unknown) => Promise<void>;
  setPopup: (details: { tabId?: number; popup: string }) => Promise<void>;
}

/**
 * The card's "Open in Contexto": opens the toolbar popup on the term where the browser
 * lets an extension open it (Chrome), else the popup page in a new tab (Firefox only
 * opens the popup from a user gesture in the extension's own UI).
 */
export async function openTermInContexto(termId: string, tabId?: number): Promise<void> {
  const api = (browser.action ?? (browser as unknown as { browserAction?: unknown }).browserAction) as
    | ActionApi
    | undefined;
  const manifest = browser.runtime.getManifest() as {
    action?: { default_popup?: string };
    browser_action?: { default_popup?: string };
  };
  const defaultPopup = manifest.action?.default_popup ?? manifest.browser_action?.default_popup;
  if (api?.openPopup && defaultPopup && tabId !== undefined) {
    try {
      await api.setPopup({ tabId, popup: `${defaultPopup}?term=${encodeURIComponent(termId)}` });
      await withTimeout(api.openPopup(), 2000);
      await api.setPopup({ tabId, popup: defaultPopup });
      return;
    } catch {
      await api.setPopup({ tabId, popup: defaultPopup }).catch(() => {});
    }
  }
  await browser.tabs.create({ url: popupUrlFor(termId) });
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('timed out')), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}
