import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ElementHandle, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from './chromium';
import { collectHighlightsInPage, focusMarkInPage } from './expected';
import { launchFirefoxWithExtensionPages } from './firefox';
import { useServerAndBrowser } from './use-browser';

/**
 * The popup and the options page in Firefox ESR, as in Chromium (popup.test.ts,
 * options.test.ts, timeline.test.ts): search, "On this page", the switches, the timeline,
 * settings saved, and an import with a rejected file leaving storage unchanged.
 */

declare const browser: typeof import('wxt/browser').browser;

let article: Page;
let articleTab: number;
let dir: string;

const painted = (page: Page) => page.evaluate(collectHighlightsInPage);

async function extensionPage(path: string): Promise<Page> {
  const page = await shared.browser.newPage();
  // puppeteer's BiDi navigation never sees a moz-extension: load finish: poll the page itself.
  void page.goto(`${shared.browser.extensionOrigin}/${path}`, { timeout: 10_000 }).catch(() => {});
  await waitFor(
    () =>
      page
        .evaluate(
          () =>
            location.protocol === 'moz-extension:' &&
            document.readyState === 'complete' &&
            typeof browser !== 'undefined',
        )
        .catch(() => false),
    `${path} to load`,
  );
  return page;
}

/** The article's tab id, asked from an extension page (no "tabs" permission: the tab with reported mentions). */
async function findArticleTab(): Promise<number> {
  const page = await extensionPage('popup.html');
  try {
    return await waitFor(
      () =>
        page.evaluate(async () => {
          for (const tab of await browser.tabs.query({})) {
            const answer = (await browser.runtime.sendMessage({ type: 'get-tab-mentions', tabId: tab.id })) as {
              counts: Record<string, number>;
            };
            if (Object.keys(answer?.counts ?? {}).length) return tab.id!;
          }
          return 0;
        }),
      'the article tab',
    );
  } finally {
    await page.close();
  }
}

async function openPopup(query = ''): Promise<Page> {
  const popup = await extensionPage(`popup.html?tab=${articleTab}${query}`);
  await popup.waitForSelector('#results [role="option"], #results .group-empty');
  return popup;
}

const texts = (page: Page, selector: string) => page.$$eval(selector, (els) => els.map((e) => e.textContent ?? ''));
const storage = (page: Page, area: 'sync' | 'local') => page.evaluate((a) => browser.storage[a].get(null), area);

// The popup and options pages are moz-extension: pages.
const shared = useServerAndBrowser(launchFirefoxWithExtensionPages);

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'contexto-ff-ui-'));
  article = await shared.browser.newPage();
  await article.goto(shared.server.url('/sample-article.html'));
  await waitFor(async () => (await painted(article)).length > 5, 'the highlights');
  articleTab = await findArticleTab();
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('Firefox: popup', () => {
  it('search finds the right entry despite typos and accents', async () => {
    const popup = await openPopup();
    await popup.type('#search', 'fentanil');
    await waitFor(
      async () => (await texts(popup, '#results [role="option"] .option-label'))[0] === 'Fentanyl',
      'Fentanyl first',
    );
    await popup.$eval('#search', (el) => ((el as HTMLInputElement).value = ''));
    await popup.type('#search', 'lopez obrador');
    await waitFor(
      async () => (await texts(popup, '#results [role="option"] .option-label'))[0] === 'Andrés Manuel López Obrador',
      'AMLO first',
    );
    await popup.close();
  });

  it('"On this page" lists the tab\'s terms with counts, most mentioned first', async () => {
    const popup = await openPopup();
    const counts = await waitFor(async () => {
      const c = (await texts(popup, '#results .group:first-child .option-badge')).map(Number);
      return c.length > 5 ? c : null;
    }, 'the page terms');
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
    expect(await popup.$eval('#results .group:first-child .group-heading', (e) => e.textContent)).toBe('On this page');
    const names = await texts(popup, '#results .group:first-child .option-label');
    expect(names).toContain('Fentanyl');
    expect(names).not.toContain('Ayotzinapa');
    await popup.close();
  });

  it('"Highlight on this site" clears the highlights in the tab and brings them back', async () => {
    const popup = await openPopup();
    expect(await popup.$eval('#site-name', (e) => e.textContent)).toBe('127.0.0.1');
    await popup.click('#site-switch');
    await waitFor(async () => (await painted(article)).length === 0, 'the highlights to go');
    expect(((await storage(popup, 'sync')).settings as { disabledSites: string[] }).disabledSites).toEqual([
      '127.0.0.1',
    ]);
    await popup.click('#site-switch');
    await waitFor(async () => (await painted(article)).length > 5, 'the highlights to come back');
    await popup.close();
  });

  it('"Background for this page" lists the page\'s dated facts newest first, by year; a term reveals its mention', async () => {
    const popup = await openPopup();
    await popup.waitForSelector('#results .group:first-child [role="option"]');
    await popup.click('#tab-timeline');
    await popup.waitForSelector('#timeline li.tl-item');
    // Dates and year headings read in one go: the list is drawn again whenever a frame reports.
    const { dates, years } = await popup.$eval('#timeline', (t) => ({
      dates: [...t.querySelectorAll('li.tl-item time')].map((e) => e.getAttribute('datetime')!),
      years: [...t.querySelectorAll('h2')].map((e) => e.textContent ?? ''),
    }));
    const keys = dates.map((d) => (d.length === 7 ? `${d}-99` : d));
    expect(keys.length).toBeGreaterThan(5);
    expect(keys).toEqual([...keys].sort().reverse());
    expect(years).toEqual([...new Set(dates.map((d) => d.slice(0, 4)))]);
    const button = (await popup.$('#timeline button.tl-term'))!;
    const term = await button.evaluate((b) => b.textContent);
    await button.click();
    await waitFor(
      async () => (await article.evaluate(focusMarkInPage)).texts.length > 0,
      `the ${term} mention revealed`,
    );
    await popup.close();
  });
});

describe('Firefox: options page', () => {
  it('saves a setting to storage.sync', async () => {
    const options = await extensionPage('options.html');
    await options.waitForSelector('body[data-ready="true"]');
    await options.click('input[name="style"][value="solid"]');
    await waitFor(
      async () =>
        ((await storage(options, 'sync')).settings as { highlightStyle?: string } | undefined)?.highlightStyle ===
        'solid',
      'the saved style',
    );
    await options.click('#reset');
    await waitFor(async () => (await storage(options, 'sync')).settings === undefined, 'the reset');
    await options.close();
  });

  it('rejects an invalid fact sheet with a table of problems and changes nothing in storage', async () => {
    const options = await extensionPage('options.html');
    await options.waitForSelector('body[data-ready="true"]');
    const before = await storage(options, 'local');
    const file = join(dir, 'broken.json');
    writeFileSync(
      file,
      JSON.stringify({
        name: 'Broken',
        entries: [
          {
            id: 'Bad Id',
            name: 'Broken',
            kind: 'wizard',
            aliases: [{ text: 'x' }],
            summary: 'x',
            facts: [],
            related: [],
          },
        ],
      }),
    );
    const input = (await options.$('#sheet-file')) as ElementHandle<HTMLInputElement>;
    await input.uploadFile(file);
    await options.click('#import-button');
    await options.waitForSelector('#import-result tr.problem');
    expect(await options.$eval('#import-result .error', (e) => e.textContent)).toContain(
      '“broken.json” was not imported; nothing changed.',
    );
    const fields = await options.$$eval('#import-result tr.problem', (trs) =>
      trs.map((tr) => tr.querySelectorAll('td')[1]?.textContent),
    );
    expect(fields).toEqual(expect.arrayContaining(['id', 'kind', 'facts']));
    expect(await options.$$eval('#sheets-list li.sheet', (l) => l.length)).toBe(0);
    expect(await storage(options, 'local')).toEqual(before);
    await options.close();
  });
});
