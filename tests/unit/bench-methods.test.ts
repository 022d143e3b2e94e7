/**
 * The bench measures what it says: on a small page where every method can find the
 * same things, baseline sees every text node, chars reads every character, and contexto (with and without the context
 * rules), mark.js and the naive scan report the same mentions (real Chromium, the bench's own bundle).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { buildPageBundle } from '../../scripts/bench/bundle';
import type { BenchApi } from '../../scripts/bench/page-entry';
import { launchChromium } from '../../scripts/lib/browser';

const PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>t</title></head><body>
<article><h1>Bench check</h1>
<p>Agents of the Drug Enforcement Administration met <em>Border Patrol</em> officers. The Mérida Initiative ended.</p>
<p lang="es">La <a href="#x">Iniciativa Mérida</a> y la Patrulla Fronteriza hablaron del gun trafficking y de huachicol hoy.</p>
<p>Nothing here. <script>var DEA = 1;</script><span>CJNG</span> and AMLO spoke.</p>
</article></body></html>`;
const EXPECTED = [
  'Drug Enforcement Administration',
  'Border Patrol',
  'Mérida Initiative',
  'Iniciativa Mérida',
  'Patrulla Fronteriza',
  'gun trafficking',
  'huachicol',
  'CJNG',
  'AMLO',
];

describe('bench methods', () => {
  let close: () => Promise<void>;
  let context: BrowserContext;
  let page: Page;
  beforeAll(async () => {
    const bundle = await buildPageBundle();
    ({ context, close } = await launchChromium({}));
    await context.route('**/*', (r) => r.abort());
    page = await context.newPage();
    await page.setContent(PAGE);
    await page.evaluate(bundle);
    await page.evaluate(() => (globalThis as unknown as { __contextoBench: BenchApi }).__contextoBench.snapshot());
  }, 120_000);
  afterAll(async () => close?.());

  // contexto reads in context (the Spanish paragraph says it is Spanish); contexto-noctx does not.
  it.each(['contexto', 'contexto-noctx', 'markjs', 'naive'] as const)(
    '%s finds exactly the expected mentions',
    async (method) => {
      const found = await page.evaluate(
        (m) => (globalThis as unknown as { __contextoBench: BenchApi }).__contextoBench.mentionsOf(m),
        method,
      );
      expect(found).toEqual(EXPECTED);
      const { count } = await page.evaluate((m) => {
        const b = (globalThis as unknown as { __contextoBench: BenchApi }).__contextoBench;
        b.reset();
        return b.run(m);
      }, method);
      expect(count).toBe(EXPECTED.length);
    },
  );

  it('baseline visits every text node of the body', async () => {
    const expected = await page.evaluate(() => {
      const w = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      let n = 0;
      while (w.nextNode()) n++;
      return n;
    });
    const { count } = await page.evaluate(() => {
      const b = (globalThis as unknown as { __contextoBench: BenchApi }).__contextoBench;
      b.reset();
      return b.run('baseline');
    });
    expect(count).toBe(expected);
    expect(count).toBeGreaterThan(10);
  });

  it('chars reads every character of the body text but long scripts, and no more', async () => {
    const expected = await page.evaluate(() => {
      const script = document.createElement('script');
      script.type = 'text/plain';
      script.textContent = 'x'.repeat(300);
      document.body.append(script);
      const b = (globalThis as unknown as { __contextoBench: BenchApi }).__contextoBench;
      b.snapshot();
      const w = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      let chars = 0;
      let sum = 0;
      for (let n = w.nextNode(); n; n = w.nextNode()) {
        if (n.parentNode === script) continue;
        const d = (n as Text).data;
        chars += d.length;
        for (let i = 0; i < d.length; i++) sum += d.charCodeAt(i);
      }
      return { chars, sum };
    });
    const got = await page.evaluate(() => {
      const b = (globalThis as unknown as { __contextoBench: BenchApi }).__contextoBench;
      b.reset();
      const { count } = b.run('chars');
      return { chars: count, sum: (globalThis as { __benchSink?: number }).__benchSink };
    });
    await page.evaluate(() => {
      document.querySelector('script[type="text/plain"]')?.remove();
      (globalThis as unknown as { __contextoBench: BenchApi }).__contextoBench.snapshot();
    });
    expect(got).toEqual(expected);
    expect(got.chars).toBeGreaterThan(200);
  });
});
