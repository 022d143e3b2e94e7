import { browser } from 'wxt/browser';

/** Where the popup page lives; it reads `?term=<id>` and opens that term. */
export const POPUP_PATH = '/popup.html' as const;

/** The popup page with its query (`term`, `q`, `tab`: see src/popup/app.ts). */
export function popupUrl(params: Record<string, string> = {}): string {
  const query = new URLSearchParams(params).toString();
  return `${browser.runtime.getURL(POPUP_PATH)}${query ? `?${query}` : ''}`;
}

/** The toolbar button's API: `action` (MV3) or `browserAction` (Firefox MV2). */
export function toolbarAction() {
  return browser.action ?? browser.browserAction;
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
  const api = toolbarAction() as ActionApi | undefined;
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
  await browser.tabs.create({ url: popupUrl({ term: termId }) });
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
