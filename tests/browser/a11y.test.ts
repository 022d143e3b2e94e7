import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import type { CDPSession, Page } from 'playwright-core';
import { build } from 'vite';
import { describe, expect, it } from 'vitest';
import { CHROME_BUILD, waitFor } from './chromium';
import { collectHighlightsInPage } from './expected';
import { extensionUrl, launchExtension, tabIdOf } from './launch';
import { useServerAndBrowser } from './use-browser';

/**
 * Accessibility in Chromium: the keyboard command's polite announcement in our own host
 * ("Mention 3 of 12: Sinaloa Cartel"), the popup's "On this page" listbox read with its
 * counts, and an axe-core audit (WCAG 2.0/2.1/2.2 A and AA rules) of the popup, the options
 * page and open cards, each in the light and the dark scheme: 0 violations.
 */

declare const chrome: typeof import('wxt/browser').browser;
declare const axe: {
  run(context: unknown, options: unknown): Promise<{ violations: AxeViolation[]; passes: { id: string }[] }>;
};

interface AxeViolation {
  id: string;
  impact: string;
  help: string;
  nodes: { target: unknown[]; failureSummary?: string }[];
}

const AXE_SOURCE = readFileSync(fileURLToPath(import.meta.resolve('axe-core/axe.min.js')), 'utf8');
const WCAG_22_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'];

const shared = useServerAndBrowser(launchExtension);

/** Runs axe in the page (evaluated through the protocol, so extension pages' CSP does not stop it). */
async function audit(page: Page): Promise<{ violations: string[]; rulesPassed: number }> {
  // Judged as read, not halfway through a card's 120 ms fade-in, whose blended colours miss 4.5:1 by a hair.
  await page.evaluate(async () => {
    const roots: (Document | ShadowRoot)[] = [document];
    for (const el of document.querySelectorAll('*')) if (el.shadowRoot) roots.push(el.shadowRoot);
    const ending = roots
      .flatMap((r) => r.getAnimations())
      .filter((a) => a.effect?.getComputedTiming().endTime !== Number.POSITIVE_INFINITY);
    await Promise.all(ending.map((a) => a.finished));
  });
  await page.evaluate(AXE_SOURCE);
  const result = await page.evaluate(
    (tags) => axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations', 'passes'] }),
    WCAG_22_AA,
  );
  return {
    violations: result.violations.map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => `${JSON.stringify(n.target)} ${n.failureSummary ?? ''}`).join(' | ')}`,
    ),
    rulesPassed: result.passes.length,
  };
}

/** The text of our live region, read through the protocol (it pierces the closed shadow root). */
async function liveRegionText(cdp: CDPSession): Promise<string | null> {
  interface DomNode {
    nodeName: string;
    nodeValue?: string;
    attributes?: string[];
    children?: DomNode[];
    shadowRoots?: DomNode[];
  }
  const { root } = (await cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as { root: DomNode };
  const text = (n: DomNode): string => (n.nodeValue ?? '') + (n.children ?? []).map(text).join('');
  let found: string | null = null;
  const walk = (n: DomNode, inHost: boolean) => {
    const attrs = n.attributes ?? [];
    const isHost = n.nodeName.toLowerCase() === 'contexto-card';
    if (inHost && attrs[attrs.indexOf('role') + 1] === 'status' && attrs.includes('role')) found = text(n);
    for (const c of [...(n.children ?? []), ...(n.shadowRoots ?? [])]) walk(c, inHost || isHost);
  };
  walk(root, false);
  return found;
}

async function reveal(tabId: number, termId?: string): Promise<void> {
  await shared.browser.worker.evaluate(
    async ([id, term]) => {
      await chrome.tabs.sendMessage(
        id,
        { type: 'reveal-mention', direction: 1, ...(term ? { termId: term } : {}) },
        { frameId: 0 },
      );
    },
    [tabId, termId ?? ''] as const,
  );
}

describe('screen readers', () => {
  it('the keyboard command announces "Mention N of M: name" politely, in our own host', async () => {
    const page = await shared.browser.context.newPage();
    await page.goto(shared.server.url('/pages/basic.html'));
    // Counted once the first scan is done (`contexto-scan`) and the painter has registered them all
    // (it registers in batches, frame by frame): the same count twice, 300 ms apart.
    let seen = -1;
    const painted = await waitFor(async () => {
      if (!(await page.evaluate(() => performance.getEntriesByName('contexto-scan').length > 0))) return null;
      const p = await page.evaluate(collectHighlightsInPage);
      const stable = p.length > 5 && p.length === seen;
      seen = p.length;
      if (!stable) await page.waitForTimeout(300);
      return stable ? p : null;
    }, 'the highlights');
    const tab = await tabIdOf(shared.browser.worker, page);
    const cdp = await page.context().newCDPSession(page);
    await reveal(tab);
    // Polled with the text it had shown when it fails.
    await expect
      .poll(() => liveRegionText(cdp), { timeout: 15_000, interval: 100 })
      .toBe(`Mention 1 of ${painted.length}: Drug Enforcement Administration (DEA)`);
    await reveal(tab);
    await waitFor(
      async () => /^Mention 2 of \d+: Claudia Sheinbaum$/.test((await liveRegionText(cdp)) ?? ''),
      'the second announcement',
    );
    // From the popup, one term: counted among that term's mentions.
    await reveal(tab, 'fentanyl');
    const fentanyl = painted.filter((m) => m.text.toLowerCase() === 'fentanyl').length;
    await waitFor(
      async () => (await liveRegionText(cdp)) === `Mention 1 of ${fentanyl}: Fentanyl`,
      'the fentanyl announcement',
    );
    // The live region is a polite status in the card host, not a change to the page.
    const { nodes } = (await cdp.send('Accessibility.getFullAXTree')) as {
      nodes: { role?: { value?: string }; properties?: { name: string; value: { value?: unknown } }[] }[];
    };
    const status = nodes.find((n) => n.role?.value === 'status');
    expect(status?.properties?.find((p) => p.name === 'live')?.value.value).toBe('polite');
    await page.close();
  });

  it("the popup lists the page's terms as listbox options whose names include the count", async () => {
    const page = await shared.browser.context.newPage();
    await page.goto(shared.server.url('/sample-article.html'));
    await waitFor(async () => (await page.evaluate(collectHighlightsInPage)).length > 5, 'the highlights');
    const tab = await tabIdOf(shared.browser.worker, page);
    const popup = await shared.browser.context.newPage();
    await popup.goto(extensionUrl(shared.browser, `popup.html?tab=${tab}`));
    const first = popup.locator('#results .group').first().locator('[role="option"]').first();
    await first.waitFor();
    const cdp = await popup.context().newCDPSession(popup);
    const { nodes } = (await cdp.send('Accessibility.getFullAXTree')) as {
      nodes: { ignored?: boolean; role?: { value?: string }; name?: { value?: string } }[];
    };
    expect(nodes.some((n) => !n.ignored && n.role?.value === 'listbox')).toBe(true);
    const names = nodes.filter((n) => !n.ignored && n.role?.value === 'option').map((n) => String(n.name?.value ?? ''));
    const badge = await first.locator('.option-badge').textContent();
    const label = await first.locator('.option-label').textContent();
    // "Name, 3 mentions" (the accessibility tree puts a space between the two spans).
    expect(names[0]!.replace(/\s+,/, ',')).toBe(`${label}, ${badge} mention${badge === '1' ? '' : 's'}`);
    await popup.close();
    await page.close();
  });
});

describe('axe-core audit (WCAG 2.2 AA), light and dark', () => {
  for (const scheme of ['light', 'dark'] as const) {
    it(`popup (on this page, timeline, search results, an open card) in the ${scheme} scheme: 0 violations`, async () => {
      const page = await shared.browser.context.newPage();
      await page.goto(shared.server.url('/sample-article.html'));
      await waitFor(async () => (await page.evaluate(collectHighlightsInPage)).length > 5, 'the highlights');
      const tab = await tabIdOf(shared.browser.worker, page);
      const popup = await shared.browser.context.newPage();
      await popup.emulateMedia({ colorScheme: scheme });
      await popup.goto(extensionUrl(shared.browser, `popup.html?tab=${tab}`));
      await popup.locator('#results .group').first().locator('[role="option"]').first().waitFor();
      const browse = await audit(popup);
      expect(browse.violations).toEqual([]);
      expect(browse.rulesPassed).toBeGreaterThan(10);
      await popup.locator('#tab-timeline').click();
      await popup.locator('#timeline li.tl-item').first().waitFor();
      expect((await audit(popup)).violations).toEqual([]);
      await popup.locator('#tab-terms').click();
      await popup.locator('#search').fill('cartel');
      await popup.locator('#results [role="option"] .option-detail').first().waitFor();
      expect((await audit(popup)).violations).toEqual([]);
      await popup.keyboard.press('Enter');
      await popup.locator('#card-view .card').waitFor();
      expect((await audit(popup)).violations).toEqual([]);
      await popup.close();
      await page.close();
    });

    it(`options page in the ${scheme} scheme: 0 violations`, async () => {
      const options = await shared.browser.context.newPage();
      await options.emulateMedia({ colorScheme: scheme });
      await options.goto(extensionUrl(shared.browser, 'options.html'));
      await options.locator('body[data-ready="true"]').waitFor({ state: 'attached' });
      const result = await audit(options);
      expect(result.violations).toEqual([]);
      expect(result.rulesPassed).toBeGreaterThan(10);
      await options.close();
    });
  }

  let cardBundle: string | null = null;
  async function cardPageBundle(): Promise<string> {
    if (cardBundle) return cardBundle;
    const out = await build({
      configFile: false,
      logLevel: 'silent',
      root: process.cwd(),
      // The card's real i18n.t (#i18n) over the built messages instead of an extension's browser.i18n.
      resolve: {
        alias: {
          '#i18n': join(process.cwd(), '.wxt/i18n/index.ts'),
          '@wxt-dev/browser': join(process.cwd(), 'tests/browser/a11y/messages-browser.ts'),
        },
      },
      build: {
        write: false,
        minify: false,
        lib: {
          entry: join(process.cwd(), 'tests/browser/a11y/card-page.ts'),
          formats: ['iife'],
          name: 'CardPage',
          fileName: () => 'card.js',
        },
      },
    });
    for (const o of Array.isArray(out) ? out : [out])
      if ('output' in o)
        for (const c of o.output)
          if (c.type === 'chunk') {
            cardBundle = c.code;
            return cardBundle;
          }
    throw new Error('no bundle');
  }

  const entry = (id: string) =>
    JSON.parse(readFileSync(join(process.cwd(), 'data/terms', `${id}.json`), 'utf8')) as {
      id: string;
      name: string;
      related: string[];
    };

  for (const scheme of ['light', 'dark'] as const) {
    for (const sheet of [false, true]) {
      it(`open cards${sheet ? ' as phone sheets' : ''} (every kind colour used, English and Spanish) in the ${scheme} scheme: 0 violations`, async () => {
        const page = await shared.browser.context.newPage();
        await page.emulateMedia({ colorScheme: scheme });
        await page.goto(shared.server.url('/pages/basic.html'));
        // A plain test page of our own: no Contexto content script output in it, just cards.
        await page.setContent(
          '<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="color-scheme" content="light dark"><title>Card audit</title><style>body{margin:16px;background:Canvas;color:CanvasText}</style></head><body><main></main></body></html>',
        );
        await page.evaluate(await cardPageBundle());
        const ids = ['sinaloa-cartel', 'dea', 'morena', 'claudia-sheinbaum', 'fentanyl'];
        const entries = ids.map(entry);
        const names: Record<string, string> = {};
        for (const e of entries) names[e.id] = e.name;
        for (const e of entries) for (const r of e.related) names[r] ??= r;
        for (const lang of ['en', 'es'] as const) {
          const messages = JSON.parse(readFileSync(join(CHROME_BUILD, '_locales', lang, 'messages.json'), 'utf8'));
          await page.evaluate(
            ([list, n, l, s, m]) => {
              document.querySelector('main')!.replaceChildren();
              (
                window as unknown as {
                  CardPage: { showCards(e: unknown, n: unknown, l: unknown, s: unknown, m: unknown): void };
                }
              ).CardPage.showCards(list, n, l, s, m);
            },
            [entries, names, lang, sheet, messages] as const,
          );
          // The card's own words come from the built messages, in the card's language here.
          expect(await page.evaluate(() => document.querySelector('.card-host')!.shadowRoot!.textContent)).toContain(
            lang === 'es' ? 'Datos clave' : 'Key facts',
          );
          expect(await page.evaluate(() => document.querySelectorAll('.card-host').length)).toBe(ids.length);
          const result = await audit(page);
          expect(result.violations).toEqual([]);
          expect(result.rulesPassed).toBeGreaterThan(5);
        }
        await page.close();
      });
    }
  }
});
