import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Page, type Worker } from 'playwright-core';
import { CHROME_BUILD, CHROMIUM_PATH, launchChromium, type ChromiumWithExtension } from './chromium';

/** The extension API inside `worker.evaluate` callbacks (they run in the service worker). */
declare const chrome: typeof import('wxt/browser').browser;


/** Where the tests load the extension from (`npm run build`), or `CONTEXTO_EXTENSION_DIR`. */
export const EXTENSION_DIR = process.env.CONTEXTO_EXTENSION_DIR ?? CHROME_BUILD;

/** The shared launcher, with the extension folder above. */
export function launchExtension(): Promise<ChromiumWithExtension> {
  return launchChromium(EXTENSION_DIR);
}

/** Like `launchChromium`, with the browser UI in another language (Linux reads LANGUAGE). */
export async function launchExtensionInLanguage(lang: string): Promise<ChromiumWithExtension> {
  const userDataDir = mkdtempSync(join(tmpdir(), `contexto-chromium-${lang}-`));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    locale: lang,
    env: { ...process.env, LANGUAGE: lang, LANG: `${lang}.UTF-8` },
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      `--lang=${lang}`,
      `--disable-extensions-except=${EXTENSION_DIR}`,
      `--load-extension=${EXTENSION_DIR}`,
    ],
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 30_000 }));
  return {
    context,
    worker,
    extensionId: new URL(worker.url()).host,
    async close() {
      await context.close().catch(() => {});
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
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
