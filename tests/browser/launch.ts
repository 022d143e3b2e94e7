import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { existsSync } from 'node:fs';
import { chromium, type BrowserContext, type Worker } from 'playwright-core';

/** The built Chromium extension (`npm run build`). */
export const EXTENSION_DIR = new URL('../../.output/chrome-mv3/', import.meta.url).pathname;
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/lib/chromium/chromium';

export interface LoadedExtension {
  context: BrowserContext;
  worker: Worker;
  id: string;
  /** `chrome-extension://<id>/<path>` */
  url(path: string): string;
  close(): Promise<void>;
}

/** Launches headless Chromium with the built extension loaded in a fresh profile. */
export async function launchWithExtension(options: { lang?: string } = {}): Promise<LoadedExtension> {
  if (!existsSync(join(EXTENSION_DIR, 'manifest.json'))) throw new Error(`No built extension in ${EXTENSION_DIR}: run "npm run build" first`);
  const profile = await mkdtemp(join(tmpdir(), 'contexto-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    locale: options.lang,
    env: options.lang ? { ...process.env, LANGUAGE: options.lang, LANG: `${options.lang}.UTF-8` } : undefined,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      ...(options.lang ? [`--lang=${options.lang}`] : []),
      `--disable-extensions-except=${EXTENSION_DIR}`,
      `--load-extension=${EXTENSION_DIR}`,
    ],
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 15_000 }));
  const id = new URL(worker.url()).host;
  return {
    context,
    worker,
    id,
    url: (path) => `chrome-extension://${id}/${path.replace(/^\//, '')}`,
    close: async () => {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

/** Id of the tab showing `url`, asked from the extension's service worker. */
export async function tabIdOf(worker: Worker, url: string): Promise<number> {
  return worker.evaluate(async (wanted) => {
    const tabs = await chrome.tabs.query({});
    const tab = tabs.find((t) => t.url === wanted);
    if (tab?.id === undefined) throw new Error(`no tab with ${wanted}: ${tabs.map((t) => t.url).join(', ')}`);
    return tab.id;
  }, url);
}
