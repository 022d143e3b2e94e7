import type { Page, Worker } from 'playwright-core';
import { CHROME_BUILD, launchChromium, type ChromiumWithExtension } from './chromium';

/** The extension API inside `worker.evaluate` callbacks (they run in the service worker). */
declare const chrome: typeof import('wxt/browser').browser;

/** Where the tests load the extension from (`npm run build`), or `CONTEXTO_EXTENSION_DIR`. */
export const EXTENSION_DIR = process.env.CONTEXTO_EXTENSION_DIR ?? CHROME_BUILD;

/** The shared launcher, with the extension folder above. */
export function launchExtension(): Promise<ChromiumWithExtension> {
  return launchChromium(EXTENSION_DIR);
}

/** Like `launchExtension`, with the browser UI in another language. */
export function launchExtensionInLanguage(lang: string): Promise<ChromiumWithExtension> {
  return launchChromium(EXTENSION_DIR, { lang });
}

/** `chrome-extension://<id>/<path>` */
export function extensionUrl(ext: ChromiumWithExtension, path: string): string {
  return `chrome-extension://${ext.extensionId}/${path.replace(/^\//, '')}`;
}

/**
 * Id of the tab showing `page`: brought to the front, it is the active tab (the
 * extension has no "tabs" permission, so it cannot look tabs up by URL).
 */
export async function tabIdOf(worker: Worker, page: Page): Promise<number> {
  await page.bringToFront();
  return worker.evaluate(async () => {
    const [tab] = await chrome.tabs.query({ active: true, lastFocusedWindow: true });
    if (tab?.id === undefined) throw new Error('no active tab');
    return tab.id;
  });
}
