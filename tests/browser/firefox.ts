import { resolve } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';

export const FIREFOX_PATH = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
export const FIREFOX_BUILD = resolve('.output/firefox-mv2');

export interface FirefoxWithExtension {
  browser: Browser;
  extensionId: string;
  /** A new tab where every request not to 127.0.0.1 is aborted. */
  newPage(): Promise<Page>;
  close(): Promise<void>;
}

/** Launches headless Firefox ESR over WebDriver BiDi and installs the built extension (temporarily). */
export async function launchFirefox(extensionDir = FIREFOX_BUILD): Promise<FirefoxWithExtension> {
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX_PATH,
    protocol: 'webDriverBiDi',
    headless: true,
    defaultViewport: { width: 1100, height: 800 },
    extraPrefsFirefox: {
      'network.proxy.type': 0,
      'browser.safebrowsing.malware.enabled': false,
      'browser.safebrowsing.phishing.enabled': false,
      'extensions.update.enabled': false,
      'app.update.enabled': false,
    },
  });
  const extensionId = await browser.installExtension(extensionDir);
  return {
    browser,
    extensionId,
    async newPage() {
      const page = await browser.newPage();
      await page.setRequestInterception(true);
      page.on('request', (request) => {
        const url = new URL(request.url());
        if (url.hostname === '127.0.0.1' || url.protocol === 'moz-extension:' || url.protocol === 'data:' || url.protocol === 'about:') {
          void request.continue();
        } else {
          void request.abort('blockedbyclient');
        }
      });
      return page;
    },
    async close() {
      await browser.close().catch(() => {});
    },
  };
}
