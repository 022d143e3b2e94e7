import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'puppeteer-core';
import { describe, expect, it } from 'vitest';
import { CARD_MARGIN } from '../../src/card/style';
import { waitFor } from './chromium';
import { collectHighlightsInPage, expectedMentions, mentionBoxInPage, PAINTING_FIXTURES } from './expected';
import { launchFirefoxWithExtensionPages } from './firefox';
import { useServerAndBrowser } from './use-browser';

/**
 * The Firefox build in Firefox ESR (puppeteer-core over WebDriver BiDi): it loads, paints
 * the same mentions the CLI finds (and Chromium paints) on the same fixtures, and hovering
 * reaches the content script (which creates the card host) without errors.
 */

// One test opens a moz-extension: page.
const shared = useServerAndBrowser(launchFirefoxWithExtensionPages);

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

  it('has the full script in the top frame while a parser-blocking script holds the page; it and a sub-frame paint', async () => {
    // A page held mid-body by a parser-blocking script: the script the background injects into the top
    // frame (src/background/inject-script.ts) runs at once. (Main's import() settled seconds into such a hold.)
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    const pageHtml = `<!doctype html><html><head><meta charset="utf-8"><title>Held</title></head><body>
<p>Officials discussed the Sinaloa Cartel and fentanyl seizures at the border.</p>
<script src="/held.js"></script>
<iframe src="/frame.html" width="600" height="200"></iframe>
</body></html>`;
    const frameHtml = '<!doctype html><html><body><p>Analysts named the DEA.</p></body></html>';
    const server = createServer((req, res) => {
      const send = (type: string, body: string) =>
        res.writeHead(200, { 'content-type': type, 'cache-control': 'no-store' }).end(body);
      if (req.url === '/held.js') void held.then(() => send('text/javascript', 'window.__released = true;'));
      else if (req.url === '/frame.html') send('text/html; charset=utf-8', frameHtml);
      else send('text/html; charset=utf-8', pageHtml);
    });
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const page = await shared.browser.newPage();
    const options = await shared.browser.newPage();
    try {
      const errors = collectErrors(page);
      void page.goto(`${origin}/held.html`).catch(() => {});
      await waitFor(
        () =>
          page.evaluate(
            () => document.readyState === 'loading' && document.querySelector('script[src="/held.js"]') !== null,
          ),
        'the page parsed up to the held script',
      );
      // What the top frame's content-script world holds, asked from an extension page.
      void options.goto(`${shared.browser.extensionOrigin}/options.html`, { timeout: 10_000 }).catch(() => {});
      const inTop = () =>
        options.evaluate(async (url) => {
          const b = (
            globalThis as unknown as {
              browser?: {
                tabs: {
                  query(q: { url: string }): Promise<{ id?: number }[]>;
                  executeScript(id: number, d: { code: string; frameId: number; runAt: string }): Promise<unknown[]>;
                };
              };
            }
          ).browser;
          if (!b?.tabs) return 'no extension page yet';
          const [tab] = await b.tabs.query({ url });
          if (tab?.id === undefined) return 'no tab';
          const [type] = await b.tabs.executeScript(tab.id, {
            code: 'typeof globalThis.__contextoContentMain',
            frameId: 0,
            runAt: 'document_start',
          });
          return type;
        }, 'http://127.0.0.1/held.html');
      await waitFor(
        async () => (await inTop().catch((e: unknown) => String(e))) === 'function',
        'the full script in the top frame',
      );
      expect(await page.evaluate(() => document.readyState)).toBe('loading');

      release();
      const top = await waitFor(async () => {
        const p = await page.evaluate(collectHighlightsInPage);
        return p.length === 2 ? p : null;
      }, 'the top page highlights');
      expect(top.map((m) => m.text)).toEqual(['Sinaloa Cartel', 'fentanyl']);
      const frame = await waitFor(() => page.frames().find((f) => f.url().endsWith('/frame.html')), 'the sub-frame');
      const inFrame = await waitFor(async () => {
        const p = await frame.evaluate(collectHighlightsInPage);
        return p.length === 1 ? p : null;
      }, 'the frame highlight');
      expect(inFrame.map((m) => m.text)).toEqual(['DEA']);
      expect(errors).toEqual([]);
    } finally {
      release();
      await options.close();
      await page.close();
      await new Promise<void>((ok) => server.close(() => ok()));
    }
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
      // The card is styled in its own document under the page's CSP too: 380 px wide (and the
      // margin shown for its shadow) across a row below the mention, not a full-width unstyled box.
      const width = await waitFor(
        () =>
          page.evaluate((y) => {
            let n = 0;
            for (let x = 0; x < innerWidth; x++)
              if (document.elementFromPoint(x, y)?.localName === 'contexto-card') n++;
            return n || null;
          }, point.y + 60),
        'the card on screen',
      );
      expect(width).toBeGreaterThanOrEqual(380);
      expect(width).toBeLessThanOrEqual(380 + 2 * CARD_MARGIN);
      // The host is the only thing added, page scripts cannot open its closed shadow root, and its frame is not the page's.
      expect(await page.evaluate(() => window.length)).toBe(0);
      expect(await page.evaluate(() => (document.querySelector('contexto-card') as HTMLElement).shadowRoot)).toBeNull();
      expect(await page.evaluate(() => document.querySelector('contexto-card')!.parentElement!.localName)).toBe('html');
      await page.keyboard.press('Escape');
      await new Promise((r) => setTimeout(r, 300));
      expect(errors).toEqual([]);
      await page.close();
    });
  }
});
