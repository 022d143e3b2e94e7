import { resolve } from 'node:path';
import type { Browser, Page } from 'puppeteer-core';
import { launchFirefox as launch } from '../../scripts/lib/firefox';

export const FIREFOX_BUILD = resolve('.output/firefox-mv2');

export interface FirefoxWithExtension {
  browser: Browser;
  extensionId: string;
  /** `moz-extension://<uuid>`: where the extension's pages are (popup.html, options.html). */
  extensionOrigin: string;
  /** A new tab where every request not to 127.0.0.1 is aborted. */
  newPage(): Promise<Page>;
  /** Requests that got past the tabs' blocking to the refusing proxy (see scripts/lib/firefox.ts). */
  outside: string[];
  close(): Promise<void>;
}

/**
 * Headless Firefox ESR over WebDriver BiDi with the built extension installed (temporarily):
 * the launcher shared with `npm run test:pages` (scripts/lib/firefox.ts).
 */
export async function launchFirefox(
  extensionDir = FIREFOX_BUILD,
  opts: { viewport?: { width: number; height: number }; prefs?: Record<string, unknown> } = {},
): Promise<FirefoxWithExtension> {
  const ff = await launch({ extensionDir, ...opts });
  return {
    browser: ff.browser,
    extensionId: ff.extensionId!,
    extensionOrigin: ff.extensionOrigin!,
    newPage: () => ff.newPage(),
    outside: ff.outside,
    close: () => ff.close(),
  };
}

/** `launchFirefox()` whose WebDriver BiDi may also open moz-extension: pages (popup, options), for the tests that need them. */
export async function launchFirefoxWithExtensionPages(): Promise<FirefoxWithExtension> {
  process.env.MOZ_REMOTE_ALLOW_SYSTEM_ACCESS = '1';
  try {
    return await launchFirefox();
  } finally {
    delete process.env.MOZ_REMOTE_ALLOW_SYSTEM_ACCESS;
  }
}
