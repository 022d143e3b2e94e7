import { describe, expect, it } from 'vitest';
import { browser, hover, nameOf, openFixture, paintedOnce, server, useChromiumWithFixtures } from './chromium-fixtures';
import { dialogNames, waitFor } from './chromium';
import {
  collectHighlightsInPage,
  expectedMentions,
  factIndex,
  PAINTING_FIXTURES,
  serializeDomInPage,
} from './expected';

const kindOf = (id: string) => factIndex().byId.get(id)!.kind;

/** The built Chromium extension: painting: exactly the CLI's mentions, and the page DOM left as it was. */

useChromiumWithFixtures();

describe('Chromium: painting', () => {
  for (const fixture of PAINTING_FIXTURES) {
    it(`paints exactly the CLI's mentions on ${fixture}`, async () => {
      const expected = expectedMentions(fixture);
      expect(expected.length).toBeGreaterThan(2);
      const page = await openFixture(`/${fixture}`);
      const painted = await paintedOnce(page, expected.length);
      expect(painted).toEqual(expected);
      // Nothing else registered under our prefix: only the kind highlights.
      const names = await page.evaluate(() => [
        ...(CSS as unknown as { highlights: Map<string, unknown> }).highlights.keys(),
      ]);
      expect(names.every((n) => /^contexto-[a-z-]+$/.test(n))).toBe(true);
      await page.close();
    });
  }

  it('paints the first screen while the page is still loading, but not words the parser may still be writing', async () => {
    const page = await browser.context.newPage();
    // The server sends the page up to "Agents of the DEA", then the rest ("LERS unit met…") 8 s later.
    await page.goto(server.url('/paused/8000/pages/parsing.html'), { waitUntil: 'commit' });
    const early = await waitFor(async () => {
      const state = await page.evaluate(() => ({
        loading: document.readyState === 'loading',
        cut: document.getElementById('cut')?.textContent ?? null,
      }));
      const painted = await page.evaluate(collectHighlightsInPage);
      if (!state.loading) return { painted: null, ...state };
      return painted.length ? { painted, ...state } : null;
    }, 'highlights while the page loads');
    expect(early.loading).toBe(true);
    // The parser has written the cut words; they are left for later.
    expect(early.cut).toBe('Agents of the DEA');
    expect(early.painted).toEqual([
      { name: `contexto-${kindOf('sinaloa-cartel')}`, text: 'Sinaloa Cartel' },
      { name: `contexto-${kindOf('fentanyl')}`, text: 'fentanyl' },
    ]);
    await page.waitForLoadState('domcontentloaded', { timeout: 30_000 });
    const painted = await paintedOnce(page, 3);
    expect(painted.map((p) => p.text)).toEqual(['Sinaloa Cartel', 'fentanyl', 'fentanyl']);
    await page.close();
  });

  it('draws the highlights: the pixels under a mention change when our highlights are taken away', async () => {
    const page = await openFixture('/sample-article.html');
    await paintedOnce(page, expectedMentions('sample-article.html').length);
    // One mention in a block's own text and one inside an inline element (the rules are on :root in Chromium).
    for (const kind of ['plain', 'inline']) {
      const clip = (await page.evaluate(async (want) => {
        const inline = new Set(['a', 'em', 'strong', 'b', 'i', 'span']);
        for (const [name, h] of (CSS as unknown as { highlights: Map<string, Set<Range>> }).highlights) {
          if (name === 'contexto-focus') continue;
          for (const range of h) {
            const isInline = inline.has(range.startContainer.parentElement?.localName ?? '');
            if (isInline !== (want === 'inline')) continue;
            range.startContainer.parentElement?.scrollIntoView({ block: 'center' });
            await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 100)));
            const r = range.getClientRects()[0]!;
            return { x: r.left, y: r.top - 1, width: Math.max(4, r.width), height: r.height + 6 };
          }
        }
        return null;
      }, kind)) as { x: number; y: number; width: number; height: number } | null;
      if (kind === 'plain') expect(clip).not.toBeNull();
      if (!clip) continue;
      const on = await page.screenshot({ clip });
      const saved = await page.evaluate(() => {
        const reg = (CSS as unknown as { highlights: Map<string, unknown> }).highlights;
        const names = [...reg.keys()];
        (window as unknown as { __saved: [string, unknown][] }).__saved = names.map((n) => [n, reg.get(n)]);
        for (const n of names) reg.delete(n);
        return names.length;
      });
      expect(saved).toBeGreaterThan(0);
      await page.waitForTimeout(100);
      const off = await page.screenshot({ clip });
      await page.evaluate(() => {
        const reg = (CSS as unknown as { highlights: Map<string, unknown> }).highlights;
        for (const [n, h] of (window as unknown as { __saved: [string, unknown][] }).__saved) reg.set(n, h);
      });
      expect({ kind, drawn: !on.equals(off) }).toEqual({ kind, drawn: true });
    }
    await page.close();
  });

  it('leaves the page DOM identical apart from the card host', async () => {
    const page = await browser.context.newPage();
    // Runs before the content script (document_idle comes after DOMContentLoaded).
    await page.addInitScript(() => {
      document.addEventListener('DOMContentLoaded', () => {
        const clone = document.documentElement.cloneNode(true) as HTMLElement;
        const parts: string[] = [];
        const walk = (node: Node, depth: number) => {
          parts.push(`${depth}:${node.nodeType}:${node.nodeName}:${node.nodeType === 3 ? (node as Text).data : ''}`);
          if (node.nodeType === 1)
            for (const attr of Array.from((node as Element).attributes))
              parts.push(`${depth}@${attr.name}=${attr.value}`);
          for (const c of node.childNodes) walk(c, depth + 1);
        };
        walk(clone, 0);
        (window as unknown as { __before: string }).__before = `${clone.outerHTML}\n----\n${parts.join('\n')}`;
      });
    });
    await page.goto(server.url('/pages/basic.html'));
    const expected = expectedMentions('pages/basic.html');
    await paintedOnce(page, expected.length);
    expect(await page.evaluate(() => document.querySelector('contexto-card'))).toBeNull();
    await hover(page, 'Sinaloa Cartel');
    const cdp = await page.context().newCDPSession(page);
    await waitFor(async () => (await dialogNames(cdp)).includes(nameOf('sinaloa-cartel')), 'the card');
    // The one node we add: a single host element, a child of <html>.
    expect(
      await page.evaluate(() => [...document.querySelectorAll('contexto-card')].map((n) => n.parentElement?.localName)),
    ).toEqual(['html']);
    const before = await page.evaluate(() => (window as unknown as { __before: string }).__before);
    const after = await page.evaluate(serializeDomInPage);
    expect(before.length).toBeGreaterThan(100);
    expect(after).toBe(before);
    await page.close();
  });
});
