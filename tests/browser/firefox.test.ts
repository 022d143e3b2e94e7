import type { Page } from 'puppeteer-core';
import { describe, expect, it } from 'vitest';
import { waitFor } from './chromium';
import { collectHighlightsInPage, expectedMentions, mentionBoxInPage, PAINTING_FIXTURES } from './expected';
import { launchFirefox } from './firefox';
import { useServerAndBrowser } from './use-browser';

/**
 * The Firefox build in Firefox ESR (puppeteer-core over WebDriver BiDi): it loads, paints
 * the same mentions the CLI finds (and Chromium paints) on the same fixtures, and hovering
 * reaches the content script (which creates the card host) without errors.
 */

const shared = useServerAndBrowser(() => launchFirefox());

function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => {
    // The CSP fixture blocks the browser's own favicon request; that is the page's business.
    if (!String(e).includes('favicon.ico')) errors.push(`pageerror: ${String(e)}`);
  });
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console.error: ${m.text()}`);
  });
  return errors;
}

describe('Firefox', () => {
  it('installs the built extension', () => {
    expect(shared.browser.extensionId).toBe('contexto@contexto.example');
  });

  for (const fixture of PAINTING_FIXTURES) {
    it(`paints exactly the CLI's mentions on ${fixture}`, async () => {
      const expected = expectedMentions(fixture);
      const page = await shared.browser.newPage();
      const errors = collectErrors(page);
      await page.goto(shared.server.url(`/${fixture}`));
      const painted = await waitFor(async () => {
        const p = await page.evaluate(collectHighlightsInPage);
        return p.length === expected.length ? p : null;
      }, `${expected.length} highlights`);
      expect(painted).toEqual(expected);
      expect(errors).toEqual([]);
      await page.close();
    });
  }

  it('paints the first screen while the page is still loading, but not words the parser may still be writing', async () => {
    const page = await shared.browser.newPage();
    // The server sends the page up to "Agents of the DEA", then the rest ("LERS unit met…") 8 s later.
    const loaded = page.goto(shared.server.url('/paused/8000/pages/parsing.html'), { timeout: 60_000 });
    const early = await waitFor(async () => {
      const state = await page
        .evaluate(() => ({
          loading: document.readyState === 'loading',
          cut: document.getElementById('cut')?.textContent,
        }))
        .catch(() => null);
      if (!state?.cut) return null;
      const painted = await page.evaluate(collectHighlightsInPage);
      if (!state.loading) return { painted: null, ...state };
      return painted.length ? { painted, ...state } : null;
    }, 'highlights while the page loads');
    expect(early.loading).toBe(true);
    expect(early.cut).toBe('Agents of the DEA');
    expect(early.painted?.map((p) => p.text)).toEqual(['Sinaloa Cartel', 'fentanyl']);
    await loaded;
    const painted = await waitFor(async () => {
      const p = await page.evaluate(collectHighlightsInPage);
      return p.length === 3 ? p : null;
    }, '3 highlights');
    expect(painted.map((p) => p.text)).toEqual(['Sinaloa Cartel', 'fentanyl', 'fentanyl']);
    await page.close();
  });

  for (const [fixture, term] of [
    ['pages/basic.html', 'Sinaloa Cartel'],
    ['pages/csp.html', 'DEA'],
  ] as const) {
    it(`reaches the content script on hover on ${fixture} (the card host appears) without errors`, async () => {
      const page = await shared.browser.newPage();
      const errors = collectErrors(page);
      await page.goto(shared.server.url(`/${fixture}`));
      const expected = expectedMentions(fixture);
      await waitFor(
        async () => (await page.evaluate(collectHighlightsInPage)).length === expected.length,
        'the highlights',
      );
      expect(await page.evaluate(() => document.querySelectorAll('contexto-card').length)).toBe(0);
      const { tap: point } = await waitFor(() => page.evaluate(mentionBoxInPage, term), `a painted "${term}"`);
      await page.mouse.move(point.x - 40, point.y + 40);
      await page.mouse.move(point.x, point.y, { steps: 4 });
      await waitFor(
        async () => (await page.evaluate(() => document.querySelectorAll('contexto-card').length)) === 1,
        'the card host',
      );
      // The host is the only thing added, and page scripts cannot open its closed shadow root.
      expect(await page.evaluate(() => (document.querySelector('contexto-card') as HTMLElement).shadowRoot)).toBeNull();
      expect(await page.evaluate(() => document.querySelector('contexto-card')!.parentElement!.localName)).toBe('html');
      await page.keyboard.press('Escape');
      await new Promise((r) => setTimeout(r, 300));
      expect(errors).toEqual([]);
      await page.close();
    });
  }
});
