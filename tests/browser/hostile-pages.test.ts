import type { CDPSession, Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialogNames, launchChromium, waitFor, watchErrors, type ChromiumWithExtension } from './chromium';
import { collectHighlightsInPage, expectedMentions, factIndex } from './expected';
import { launchFirefox, type FirefoxWithExtension } from './firefox';
import { startFixtureServer, type FixtureServer } from './server';

/**
 * Hostile pages in Chromium (a strict CSP is covered in chromium-hover-card.test.ts and firefox.test.ts).
 *
 * hostile-globals.html replaces, before our content script runs, the built-ins it relies on
 * (Array.prototype.map/forEach/push…, Node.prototype.appendChild, Element.prototype.attachShadow,
 * Range.prototype.toString, document.createRange/createTreeWalker, EventTarget listeners,
 * performance.mark/measure, JSON, Object.keys, Map/Set/MutationObserver, `window.CSS`…) with
 * traps that count the call and throw, and pollutes Object.prototype. Content scripts run in an
 * isolated world with their own built-ins, so the extension must still paint every mention,
 * open a card on hover, raise no error and call no trap. If the content script ran in the
 * page's world (or reached the page's built-ins through some shared object), the traps would
 * throw inside it and the count would not be 0.
 *
 * The page's main world is read only through CDP Runtime.evaluate with code that avoids the
 * trapped built-ins (Playwright's page.evaluate runs helper code in the main world that could
 * trip them); highlights through the real registry the page saved before hiding `window.CSS`.
 */

let server: FixtureServer;
let browser: ChromiumWithExtension;
let firefox: FirefoxWithExtension;

beforeAll(async () => {
  server = await startFixtureServer();
  browser = await launchChromium();
  firefox = await launchFirefox();
});

afterAll(async () => {
  await browser?.close();
  await firefox?.close();
  await server?.close();
});

const nameOf = (id: string) => factIndex().byId.get(id)!.name;

async function mainWorld<T>(cdp: CDPSession, expression: string): Promise<T> {
  const r = (await cdp.send('Runtime.evaluate', { expression, returnByValue: true })) as {
    result: { value: T };
    exceptionDetails?: { text: string };
  };
  if (r.exceptionDetails) throw new Error(`main-world evaluation failed: ${r.exceptionDetails.text}`);
  return r.result.value;
}

/** Our highlighted texts, through the registry saved by the page, without any trapped built-in. */
const HIGHLIGHT_TEXTS = `(() => {
  const out = [];
  let i = 0;
  for (const [name, h] of window.__realHighlights) {
    if (!name.startsWith('contexto') || name === 'contexto-focus') continue;
    for (const r of h) out[i++] = window.__realRangeToString.call(r);
  }
  return out;
})()`;

const POINT_OF = (text: string) => `(() => {
  for (const [name, h] of window.__realHighlights) {
    if (!name.startsWith('contexto') || name === 'contexto-focus') continue;
    for (const r of h) {
      if (window.__realRangeToString.call(r) !== ${JSON.stringify(text)}) continue;
      const b = r.getClientRects()[0];
      if (b) return { x: b.left + b.width / 2, y: b.top + b.height / 2 };
    }
  }
  return null;
})()`;

describe('Chromium: a page that redefines the built-ins', () => {
  it('still gets every highlight and a hover card, with no error and no trapped built-in called', async () => {
    const fixture = 'pages/hostile-globals.html';
    // The static text, plus the paragraph the page adds after load (with its saved originals).
    const expected = [...expectedMentions(fixture).map((m) => m.text), 'CJNG'].sort();
    expect(expected.length).toBeGreaterThanOrEqual(5);
    const page = await browser.context.newPage();
    const { cdp, errors } = await watchErrors(page);
    await page.goto(server.url(`/${fixture}`));
    await page.bringToFront();
    const painted = await waitFor(async () => {
      const texts = await mainWorld<string[]>(cdp, HIGHLIGHT_TEXTS);
      return texts.length === expected.length ? texts : null;
    }, `${expected.length} highlights`);
    expect([...painted].sort()).toEqual(expected);

    const point = await waitFor(
      () => mainWorld<{ x: number; y: number } | null>(cdp, POINT_OF('Sinaloa Cartel')),
      'a painted "Sinaloa Cartel"',
    );
    await page.mouse.move(point.x - 30, point.y + 40);
    await page.mouse.move(point.x, point.y, { steps: 4 });
    await waitFor(async () => (await dialogNames(cdp)).join() === nameOf('sinaloa-cartel'), 'the Sinaloa Cartel card');
    await page.keyboard.press('Escape');
    await waitFor(async () => (await dialogNames(cdp)).length === 0, 'the card to close');

    expect(await mainWorld<number>(cdp, 'window.__hostileCalls')).toBe(0);
    expect(errors).toEqual([]);
    // The traps are really in place in the page's world (this call is counted, after the check above).
    expect(
      await mainWorld<string>(
        cdp,
        `(() => { try { [1].map((x) => x); return 'map works'; } catch (e) { return e.message; } })()`,
      ),
    ).toBe('hostile page: Array.prototype.map was called');
    expect(await mainWorld<string>(cdp, 'typeof window.CSS + " " + typeof window.MutationObserver')).toBe(
      'undefined undefined',
    );
    await page.close();
  });
});

/**
 * Our highlighted texts in one frame's main world. for…of, not forEach: in a frame whose
 * sandbox forbids scripts, the registry will not call back into a callback from that frame.
 */
function frameHighlights(frame: Frame): Promise<string[]> {
  return frame.evaluate(() => {
    const out: string[] = [];
    for (const [name, h] of CSS.highlights as unknown as Map<string, Set<Range>>) {
      if (name.startsWith('contexto') && name !== 'contexto-focus') for (const r of h) out.push(r.toString());
    }
    return out;
  });
}

/**
 * sandbox.html: mentions on the top page and in three sandboxed frames. Observed in Chromium,
 * and asserted here:
 * - `<iframe sandbox srcdoc=…>`: our content script does not run there. Its URL is
 *   about:srcdoc, which our `http://*\/*` / `https://*\/*` matches do not cover, and the manifest
 *   asks for no `match_about_blank` / `match_origin_as_fallback`: nothing is painted (the frame
 *   is still readable, its registry is empty);
 * - `<iframe sandbox="allow-scripts" src=…>` and `<iframe sandbox src=…>` (no scripts at all):
 *   the URL matches, and a sandbox restricts the page's scripts, not an extension's content
 *   scripts, so ours runs in both and paints the frame's mentions, opaque origin or not.
 * The top page paints as usual and no frame raises an error.
 */
describe('Chromium: sandboxed iframes', () => {
  it('the top page works; ours runs in sandboxed http frames (scripts allowed or not), not in a sandboxed srcdoc; no errors', async () => {
    const page: Page = await browser.context.newPage();
    const { errors } = await watchErrors(page);
    // Frames may live in other processes (CDP above sees the top one): Playwright's events cover them all.
    page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
    page.on('console', (m) => {
      // The browser's notice that the no-scripts frame's own <script> was not run is the page's business.
      if (m.type() === 'error' && !m.text().startsWith('Blocked script execution in'))
        errors.push(`console.error (${m.location().url}): ${m.text()}`);
    });
    await page.goto(server.url('/pages/sandbox.html'));
    const top = await waitFor(async () => {
      const t = await page.evaluate(collectHighlightsInPage);
      return t.length === 2 ? t : null;
    }, 'the top page highlights');
    expect(top.map((m) => m.text)).toEqual(['Sinaloa Cartel', 'fentanyl']);

    const frames = page.frames().filter((f) => f !== page.mainFrame());
    expect(frames.length).toBe(3);
    const srcdoc = frames.filter((f) => f.url() === 'about:srcdoc');
    const withSrc = frames.filter((f) => f.url().endsWith('/pages/sandboxed-frame.html'));
    expect(srcdoc.length).toBe(1);
    expect(withSrc.length).toBe(2);
    // Which one may run page scripts: the frame's own script marks its body.
    const ran = await Promise.all(withSrc.map((f) => f.evaluate(() => document.body.dataset.ran ?? 'no')));
    expect([...ran].sort()).toEqual(['no', 'yes']);
    for (const f of withSrc) {
      const painted = await waitFor(async () => {
        const t = await frameHighlights(f);
        return t.length === 2 ? t : null;
      }, 'the sandboxed frame highlights');
      expect(painted).toEqual(['Sinaloa Cartel', 'DEA']);
    }
    // By now content scripts have long run in every frame they were injected into.
    expect(await frameHighlights(srcdoc[0]!)).toEqual([]);
    expect(await srcdoc[0]!.evaluate(() => document.body.textContent)).toContain('Sinaloa Cartel');
    expect(errors).toEqual([]);
    await page.close();
  });
});

/**
 * The same hostile page in Firefox. Content scripts there see the page through Xray wrappers
 * (the page's own replacements of built-ins are invisible to them). The page is read with
 * string expressions (BiDi script.evaluate: no helper code of puppeteer's runs in the page);
 * the card's closed shadow root is not reachable without an accessibility tree, so the card
 * is checked by its host element appearing on hover, found without any trapped built-in.
 */
describe('Firefox: a page that redefines the built-ins', () => {
  it('still gets every highlight and the card on hover, with no error and no trapped built-in called', async () => {
    const fixture = 'pages/hostile-globals.html';
    const expected = [...expectedMentions(fixture).map((m) => m.text), 'CJNG'].sort();
    const page = await firefox.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(`pageerror: ${String(e)}`));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(`console.error: ${m.text()}`);
    });
    await page.goto(server.url(`/${fixture}`));
    const painted = await waitFor(async () => {
      const texts = (await page.evaluate(HIGHLIGHT_TEXTS)) as string[];
      return texts.length === expected.length ? texts : null;
    }, `${expected.length} highlights`);
    expect([...painted].sort()).toEqual(expected);
    const cards = `document.getElementsByTagName('contexto-card').length`;
    expect(await page.evaluate(cards)).toBe(0);
    const point = await waitFor(
      async () => (await page.evaluate(POINT_OF('Sinaloa Cartel'))) as { x: number; y: number } | null,
      'a painted "Sinaloa Cartel"',
    );
    await page.mouse.move(point.x - 30, point.y + 40);
    await page.mouse.move(point.x, point.y, { steps: 4 });
    await waitFor(async () => (await page.evaluate(cards)) === 1, 'the card host');
    expect(await page.evaluate('window.__hostileCalls')).toBe(0);
    expect(errors).toEqual([]);
    expect(
      await page.evaluate(
        `(() => { try { [1].map((x) => x); return 'map works'; } catch (e) { return e.message; } })()`,
      ),
    ).toBe('hostile page: Array.prototype.map was called');
    await page.close();
  });
});
