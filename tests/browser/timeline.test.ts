import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { waitFor, type ChromiumWithExtension } from './chromium';
import { collectHighlightsInPage, focusMarkInPage } from './expected';
import { extensionUrl, launchExtension, launchExtensionInLanguage, tabIdOf } from './launch';
import { useServerAndBrowser } from './use-browser';

/**
 * The popup's "Background for this page" (Chromium): beside "On this page", the dated facts
 * of every term the page mentions, newest first, grouped by year, each with its term, date,
 * source link and sentence; choosing a term reveals its mention on the page. English and Spanish.
 */

const shared = useServerAndBrowser(launchExtension);

async function articleTab(browser: ChromiumWithExtension): Promise<{ page: Page; tab: number }> {
  const page = await browser.context.newPage();
  await page.goto(shared.server.url('/sample-article.html'));
  await waitFor(async () => (await page.evaluate(collectHighlightsInPage)).length > 5, 'the highlights');
  await page.waitForTimeout(600); // the page reports its counts 200 ms after the scan
  return { page, tab: await tabIdOf(browser.worker, page) };
}

interface Row {
  year: string;
  date: string;
  datetime: string;
  term: string;
  text: string;
  href: string | null;
}

const rows = (popup: Page) =>
  popup.locator('#timeline li.tl-item').evaluateAll((items) =>
    items.map((li) => ({
      year: li.closest('section')!.querySelector('h2')!.textContent!,
      date: li.querySelector('time')!.textContent!,
      datetime: li.querySelector('time')!.getAttribute('datetime')!,
      term: li.querySelector('button.tl-term')!.textContent!,
      text: li.querySelector('.tl-text')!.textContent!,
      href: li.querySelector('a.source-link')?.getAttribute('href') ?? null,
    })),
  ) as Promise<Row[]>;

describe('popup timeline', () => {
  it("lists every dated fact of the page's terms, newest first, grouped by year, and choosing a term reveals it", async () => {
    const { page, tab } = await articleTab(shared.browser);
    const popup = await shared.browser.context.newPage();
    await popup.goto(extensionUrl(shared.browser, `popup.html?tab=${tab}`));
    const pageTerms = popup.locator('#results .group').first().locator('[role="option"] .option-label');
    await expect.poll(() => pageTerms.count(), { timeout: 10_000 }).toBeGreaterThan(5);
    const termNames = await pageTerms.allTextContents();

    expect(await popup.locator('#tab-timeline').textContent()).toBe('Background for this page');
    expect(await popup.locator('#tab-terms').getAttribute('aria-selected')).toBe('true');
    await popup.locator('#tab-timeline').click();
    expect(await popup.locator('#tab-timeline').getAttribute('aria-selected')).toBe('true');
    expect(await popup.locator('#results').isHidden()).toBe(true);
    await popup.locator('#timeline li.tl-item').first().waitFor();
    const list = await rows(popup);

    // Every term of the page and only those; as many facts as they have in the fact sheet.
    expect(new Set(list.map((r) => r.term))).toEqual(new Set(termNames));
    // The build's fact sheet is data/terms: each page term contributes all of its facts.
    const sheet = readdirSync('data/terms')
      .filter((f) => f.endsWith('.json'))
      .map((f) => JSON.parse(readFileSync(join('data/terms', f), 'utf8')) as { name: string; facts: unknown[] });
    const factCount = sheet.filter((e) => termNames.includes(e.name)).reduce((n, e) => n + e.facts.length, 0);
    expect(list.length).toBe(factCount);
    expect(list.length).toBeGreaterThan(termNames.length);
    // Newest first, grouped by year; a heading per year; each fact with its date, sentence and source.
    const keys = list.map((r) => (r.datetime.length === 7 ? `${r.datetime}-99` : r.datetime));
    expect(keys).toEqual([...keys].sort().reverse());
    for (const r of list) {
      expect(r.datetime.startsWith(r.year)).toBe(true);
      expect(r.date).toMatch(/\d{4}/);
      expect(r.text.length).toBeGreaterThan(10);
    }
    const headings = await popup.locator('#timeline h2').allTextContents();
    expect(headings).toEqual([...new Set(list.map((r) => r.year))]);
    expect(list.filter((r) => r.href).length).toBeGreaterThan(list.length / 2);
    for (const r of list) if (r.href) expect(r.href).toMatch(/^https:\/\//);

    // Arrow keys move between the two tabs.
    await popup.locator('#tab-timeline').focus();
    await popup.keyboard.press('ArrowLeft');
    expect(await popup.locator('#tab-terms').getAttribute('aria-selected')).toBe('true');
    expect(await popup.locator('#timeline').isHidden()).toBe(true);
    await popup.keyboard.press('ArrowRight');
    expect(await popup.locator('#timeline').isVisible()).toBe(true);

    // Choosing a fact's term reveals its mention on the page.
    expect((await page.evaluate(focusMarkInPage)).texts).toEqual([]);
    const fentanyl = popup.locator('#timeline button.tl-term', { hasText: /^Fentanyl$/ }).first();
    await fentanyl.click();
    await expect
      .poll(async () => (await page.evaluate(focusMarkInPage)).texts.map((t) => t.toLowerCase()))
      .toEqual(['fentanyl']);
    await popup.close();
    await page.close();
  });
});

describe('popup timeline in Spanish', () => {
  it('is titled and written in Spanish, with Spanish dates', async () => {
    const es = await launchExtensionInLanguage('es');
    try {
      const { page, tab } = await articleTab(es);
      const popup = await es.context.newPage();
      await popup.goto(extensionUrl(es, `popup.html?tab=${tab}&view=timeline`));
      expect(await popup.locator('#tab-timeline').textContent()).toBe('Antecedentes de esta página');
      expect(await popup.locator('#tab-timeline').getAttribute('aria-selected')).toBe('true');
      await popup.locator('#timeline li.tl-item').first().waitFor();
      const list = await rows(popup);
      expect(list.length).toBeGreaterThan(5);
      expect(list.some((r) => r.term === 'Fentanilo')).toBe(true);
      // Month names in Spanish ("may 2025", "12 dic 2024"…), and the Spanish text of facts that have one.
      expect(list.some((r) => /\b(ene|feb|mar|abr|may|jun|jul|ago|sept?|oct|nov|dic)\b/.test(r.date))).toBe(true);
      expect(await popup.locator('#timeline .tl-text[lang="es"]').count()).toBeGreaterThan(list.length / 2);
      await popup.close();
      await page.close();
    } finally {
      await es.close();
    }
  });
});
