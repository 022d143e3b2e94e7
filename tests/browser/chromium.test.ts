import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialogNames, focusedNode, launchChromium, waitFor, watchErrors, type ChromiumWithExtension } from './chromium';
import { collectHighlightsInPage, expectedMentions, factIndex, pointOfMentionInPage, serializeDomInPage, type PaintedText } from './expected';
import { startFixtureServer, type FixtureServer } from './server';

/**
 * The built Chromium extension on fixture pages served from 127.0.0.1 (every other request
 * is aborted). Highlights are read from the page's main world through `CSS.highlights`;
 * the card, which lives in a closed shadow root, through the CDP accessibility tree.
 */

let server: FixtureServer;
let browser: ChromiumWithExtension;

beforeAll(async () => {
  server = await startFixtureServer();
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const nameOf = (id: string) => factIndex().byId.get(id)!.name;

async function openFixture(path: string): Promise<Page> {
  const page = await browser.context.newPage();
  await page.goto(server.url(path));
  await page.bringToFront();
  return page;
}

/** Waits until the painted highlights have the expected count, then returns them. */
async function paintedOnce(page: Page, count: number): Promise<PaintedText[]> {
  return waitFor(async () => {
    const painted = await page.evaluate(collectHighlightsInPage);
    return painted.length === count ? painted : null;
  }, `${count} highlights`);
}

async function hover(page: Page, text: string): Promise<void> {
  const point = await waitFor(() => page.evaluate(pointOfMentionInPage, text), `a painted "${text}"`);
  await page.mouse.move(point.x - 30, point.y + 40);
  await page.mouse.move(point.x, point.y, { steps: 4 });
}

/** The open dialog's border quad [x1, y1, x2, y2, x3, y3, x4, y4] in CSS px, through CDP. */
async function dialogBorderQuad(cdp: import('playwright-core').CDPSession): Promise<number[]> {
  return waitFor(async () => {
    const { nodes } = (await cdp.send('Accessibility.getFullAXTree')) as { nodes: { role?: { value?: string }; backendDOMNodeId?: number }[] };
    const dialog = nodes.find((n) => n.role?.value === 'dialog');
    if (!dialog?.backendDOMNodeId) return null;
    const { model } = (await cdp.send('DOM.getBoxModel', { backendNodeId: dialog.backendDOMNodeId })) as { model: { border: number[] } };
    return model.border;
  }, 'the dialog box');
}

/** Writes settings the way the options page does (storage.sync key `settings`). */
async function setSettings(patch: Record<string, unknown>): Promise<void> {
  await browser.worker.evaluate(async (p) => {
    const c = (globalThis as unknown as { chrome: { storage: { sync: { get(k: string): Promise<Record<string, unknown>>; set(v: object): Promise<void> } } } }).chrome;
    const current = ((await c.storage.sync.get('settings')).settings ?? {}) as Record<string, unknown>;
    await c.storage.sync.set({ settings: { ...current, ...p } });
  }, patch);
}

async function resetSettings(): Promise<void> {
  await browser.worker.evaluate(async () => {
    const c = (globalThis as unknown as { chrome: { storage: { sync: { remove(k: string): Promise<void> } } } }).chrome;
    await c.storage.sync.remove('settings');
  });
}

describe('Chromium: painting', () => {
  for (const fixture of ['pages/basic.html', 'pages/csp.html', 'pages/spanish.html', 'sample-article.html']) {
    it(`paints exactly the CLI's mentions on ${fixture}`, async () => {
      const expected = expectedMentions(fixture);
      expect(expected.length).toBeGreaterThan(2);
      const page = await openFixture('/' + fixture);
      const painted = await paintedOnce(page, expected.length);
      expect(painted).toEqual(expected);
      // Nothing else registered under our prefix: only the kind highlights.
      const names = await page.evaluate(() => [...(CSS as unknown as { highlights: Map<string, unknown> }).highlights.keys()]);
      expect(names.every((n) => /^contexto-[a-z-]+$/.test(n))).toBe(true);
      await page.close();
    });
  }

  it('leaves the page DOM identical apart from the card host', async () => {
    const page = await browser.context.newPage();
    // Runs before the content script (document_idle comes after DOMContentLoaded).
    await page.addInitScript(() => {
      document.addEventListener('DOMContentLoaded', () => {
        const clone = document.documentElement.cloneNode(true) as HTMLElement;
        const parts: string[] = [];
        const walk = (node: Node, depth: number) => {
          parts.push(`${depth}:${node.nodeType}:${node.nodeName}:${node.nodeType === 3 ? (node as Text).data : ''}`);
          if (node.nodeType === 1) for (const attr of Array.from((node as Element).attributes)) parts.push(`${depth}@${attr.name}=${attr.value}`);
          node.childNodes.forEach((c) => walk(c, depth + 1));
        };
        walk(clone, 0);
        (window as unknown as { __before: string }).__before = clone.outerHTML + '\n----\n' + parts.join('\n');
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
    expect(await page.evaluate(() => [...document.querySelectorAll('contexto-card')].map((n) => n.parentElement?.localName))).toEqual(['html']);
    const before = await page.evaluate(() => (window as unknown as { __before: string }).__before);
    const after = await page.evaluate(serializeDomInPage);
    expect(before.length).toBeGreaterThan(100);
    expect(after).toBe(before);
    await page.close();
  });
});

describe('Chromium: hover card', () => {
  it('shows a dialog named after the hovered term; Escape hides it', async () => {
    const page = await openFixture('/pages/basic.html');
    const { cdp, errors } = await watchErrors(page);
    await paintedOnce(page, expectedMentions('pages/basic.html').length);
    expect(await dialogNames(cdp)).toEqual([]);
    await hover(page, 'CJNG');
    const names = await waitFor(async () => {
      const n = await dialogNames(cdp);
      return n.length ? n : null;
    }, 'a dialog');
    expect(names).toEqual([nameOf('cjng')]);
    // The adjacent mention's card replaces this one.
    await hover(page, 'Sinaloa Cartel');
    await waitFor(async () => (await dialogNames(cdp)).join() === nameOf('sinaloa-cartel'), 'the Sinaloa Cartel card');
    await page.keyboard.press('Escape');
    await waitFor(async () => (await dialogNames(cdp)).length === 0, 'the card to close');
    // Moving away closes a hover card after a short delay.
    await hover(page, 'Culiacán');
    await waitFor(async () => (await dialogNames(cdp)).join() === nameOf('culiacan'), 'the Culiacán card');
    await page.mouse.move(5, 5, { steps: 3 });
    await waitFor(async () => (await dialogNames(cdp)).length === 0, 'the card to hide after the pointer left');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('positions a card for a mention that wraps across lines inside the viewport', async () => {
    const page = await openFixture('/pages/basic.html');
    await paintedOnce(page, expectedMentions('pages/basic.html').length);
    const lines = await page.evaluate(() => {
      let count = 0;
      (CSS as unknown as { highlights: Map<string, Set<Range>> }).highlights.forEach((h) =>
        h.forEach((r) => {
          if (r.toString().startsWith('Bureau')) count = r.getClientRects().length;
        }),
      );
      return count;
    });
    expect(lines).toBeGreaterThan(1);
    await hover(page, 'Bureau of Alcohol, Tobacco, Firearms and Explosives');
    const cdp = await page.context().newCDPSession(page);
    await waitFor(async () => (await dialogNames(cdp)).join() === nameOf('atf'), 'the ATF card');
    // The dialog's box, from the accessibility/DOM domain, lies in the viewport.
    const box = await dialogBorderQuad(cdp);
    const xs = box.filter((_, i) => i % 2 === 0);
    const ys = box.filter((_, i) => i % 2 === 1);
    const viewport = page.viewportSize()!;
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThanOrEqual(viewport.width);
    expect(Math.min(...ys)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...ys)).toBeLessThanOrEqual(viewport.height);
    await page.close();
  });

  it('works under a strict Content-Security-Policy', async () => {
    const page = await openFixture('/pages/csp.html');
    const response = await page.request.get(server.url('/pages/csp.html'));
    expect(response.headers()['content-security-policy']).toBe("default-src 'none'");
    const { cdp } = await watchErrors(page);
    await paintedOnce(page, expectedMentions('pages/csp.html').length);
    await hover(page, 'DEA');
    await waitFor(async () => (await dialogNames(cdp)).join() === nameOf('dea'), 'the DEA card');
    // The card's styles applied inside the closed root (a blocked <style> would leave a full-width, unstyled box).
    const quad = await dialogBorderQuad(cdp);
    expect(Math.round(quad[2]! - quad[0]!)).toBe(380);
    await page.close();
  });
});

describe('Chromium: keyboard command', () => {
  it('opens the card of the next mention and moves focus into it; Escape returns focus', async () => {
    const page = await openFixture('/pages/basic.html');
    const { cdp } = await watchErrors(page);
    await paintedOnce(page, expectedMentions('pages/basic.html').length);
    await page.evaluate(() => {
      const a = document.querySelector('a');
      a?.focus();
    });
    // First the real shortcut (Alt+Shift+K). Headless Chromium usually does not route
    // browser-level shortcuts to extension commands, so if no card opens we send the
    // exact message the command handler sends (src/background/commands.ts) from the
    // service worker to the active tab.
    await page.keyboard.press('Alt+Shift+K');
    let viaShortcut = true;
    try {
      await waitFor(async () => (await dialogNames(cdp)).length > 0, 'a card from the shortcut', 2000);
    } catch {
      viaShortcut = false;
      await browser.worker.evaluate(async () => {
        const c = (globalThis as unknown as { chrome: { tabs: { query(q: object): Promise<{ id: number }[]>; sendMessage(id: number, m: object, o: object): Promise<unknown> } } }).chrome;
        const [tab] = await c.tabs.query({ active: true, lastFocusedWindow: true });
        await c.tabs.sendMessage(tab!.id, { type: 'reveal-mention', direction: 1 }, { frameId: 0 });
      });
    }
    console.log(`keyboard command reached the page via ${viaShortcut ? 'the real shortcut' : 'the command message'}`);
    await waitFor(async () => (await dialogNames(cdp)).join() === nameOf('dea'), 'the first mention (DEA) card');
    // Focus is inside the card (the host is the page's active element) and the mention is marked.
    expect(await page.evaluate(() => document.activeElement?.localName)).toBe('contexto-card');
    expect(await page.evaluate(() => [...((CSS as unknown as { highlights: Map<string, Set<Range>> }).highlights.get('contexto-focus') ?? [])].map((r) => r.toString()))).toEqual(['DEA']);
    // Tab moves through the card's controls (close, related terms, "Open in Contexto").
    const controls: string[] = [];
    for (let i = 0; i < 3; i++) {
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement?.localName)).toBe('contexto-card');
      const node = await focusedNode(cdp);
      controls.push(`${node?.role}:${node?.name}`);
    }
    expect(new Set(controls).size).toBe(3);
    for (const c of controls) expect(c).toMatch(/^(button|link):./);
    await page.keyboard.press('Escape');
    await waitFor(async () => (await dialogNames(cdp)).length === 0, 'the card to close');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('href'))).toBe('#x');
    // Repeated use moves on: DEA → Claudia Sheinbaum → Mérida Initiative; the Shift variant goes back.
    const reveal = (direction: 1 | -1) =>
      browser.worker.evaluate(async (d) => {
        const c = (globalThis as unknown as { chrome: { tabs: { query(q: object): Promise<{ id: number }[]>; sendMessage(id: number, m: object, o: object): Promise<unknown> } } }).chrome;
        const [tab] = await c.tabs.query({ active: true, lastFocusedWindow: true });
        await c.tabs.sendMessage(tab!.id, { type: 'reveal-mention', direction: d }, { frameId: 0 });
      }, direction);
    await reveal(1);
    await waitFor(async () => (await dialogNames(cdp)).join() === nameOf('claudia-sheinbaum'), 'the second mention card');
    await reveal(1);
    await waitFor(async () => (await dialogNames(cdp)).join() === nameOf('merida-initiative'), 'the third mention card');
    await reveal(-1);
    await waitFor(async () => (await dialogNames(cdp)).join() === nameOf('claudia-sheinbaum'), 'the second mention card again');
    await reveal(-1);
    await reveal(-1);
    await waitFor(async () => (await dialogNames(cdp)).join() === nameOf('el-chapo'), 'the last mention card (cycling)');
    await page.close();
  });
});

describe('Chromium: live pages', () => {
  it('rescans after a single-page-app navigation (history API)', async () => {
    const page = await openFixture('/pages/spa.html');
    expect((await paintedOnce(page, 2)).map((p) => p.text)).toEqual(['Sinaloa Cartel', 'fentanyl']);
    await page.evaluate(() => (window as unknown as { go(path: string): void }).go('/pages/spa/story'));
    const after = await waitFor(async () => {
      const p = (await page.evaluate(collectHighlightsInPage)).map((h) => h.text);
      return p.includes('Guardia Nacional') ? p : null;
    }, 'the new view to be painted');
    expect(after).toEqual(['Guardia Nacional', 'Chilpancingo']);
    await page.close();
  });

  it('paints paragraphs appended after load', async () => {
    const page = await openFixture('/pages/append.html');
    const painted = await waitFor(async () => {
      const p = await page.evaluate(collectHighlightsInPage);
      return p.length >= 5 ? p : null;
    }, 'the appended paragraphs to be painted');
    expect(painted.map((p) => p.text)).toEqual(['DEA', 'Guerrero', 'Los Ardillos', 'fentanyl precursors', 'straw purchasers']);
    // A paragraph added now is painted quickly (the batch delay is 100 ms; the issue asks for
    // 500 ms; the bound here is loose because the test machine is slow and noisy).
    const latency = await page.evaluate(async () => {
      const start = performance.now();
      (window as unknown as { addParagraph(t: string): void }).addParagraph('Late news from Chilpancingo.');
      const registry = (CSS as unknown as { highlights: Map<string, Set<Range>> }).highlights;
      for (;;) {
        let found = false;
        registry.forEach((h) => h.forEach((r) => (found ||= r.toString() === 'Chilpancingo')));
        if (found) return performance.now() - start;
        if (performance.now() - start > 10_000) return -1;
        await new Promise((r) => setTimeout(r, 10));
      }
    });
    console.log(`appended paragraph painted after ${Math.round(latency)} ms`);
    expect(latency).toBeGreaterThanOrEqual(0);
    expect(latency).toBeLessThan(3000);
    // Removed text loses its ranges; edited text is re-matched.
    await page.evaluate(() => {
      document.querySelectorAll('p.added')[0]!.remove();
      document.querySelector('main p')!.firstChild!.textContent = 'The first paragraph now mentions the FGR.';
    });
    const after = await waitFor(async () => {
      const p = (await page.evaluate(collectHighlightsInPage)).map((x) => x.text);
      return p.includes('FGR') && !p.includes('Guerrero') ? p : null;
    }, 'the edits to be re-matched');
    expect(after).toEqual(['FGR', 'fentanyl precursors', 'straw purchasers', 'Chilpancingo']);
    // A removal alone (no other change) also drops the removed mentions' ranges.
    const rangeCount = () =>
      page.evaluate(() => {
        let n = 0;
        (CSS as unknown as { highlights: Map<string, Set<Range>> }).highlights.forEach((h, name) => {
          if (name !== 'contexto-focus') n += h.size;
        });
        return n;
      });
    expect(await rangeCount()).toBe(4);
    await page.evaluate(() => document.querySelectorAll('p.added')[0]!.remove());
    await waitFor(async () => (await rangeCount()) === 2, 'the removed paragraph’s two ranges to be dropped');
    expect((await page.evaluate(collectHighlightsInPage)).map((x) => x.text)).toEqual(['FGR', 'Chilpancingo']);
    await page.close();
  });

  it('keeps working on a page that rewrites text nodes every 100 ms, without errors', async () => {
    const page = await browser.context.newPage();
    const { cdp, errors } = await watchErrors(page);
    await page.goto(server.url('/pages/rewrite.html'));
    const expected = ['Sinaloa Cartel', 'DEA', 'Sedena', 'CJNG'];
    await waitFor(async () => (await page.evaluate(collectHighlightsInPage)).map((p) => p.text).join() === expected.join(), 'the mentions');
    // Let the page rewrite its text a few dozen times.
    await page.waitForTimeout(3000);
    // Every mention is still painted exactly once (no stale or duplicate ranges).
    await waitFor(async () => (await page.evaluate(collectHighlightsInPage)).map((p) => p.text).join() === expected.join(), 'the mentions after rewrites');
    await hover(page, 'DEA');
    await waitFor(async () => (await dialogNames(cdp)).join() === nameOf('dea'), 'the DEA card');
    // The card stays up while the text under it is rewritten.
    await page.waitForTimeout(1000);
    expect(await dialogNames(cdp)).toEqual([nameOf('dea')]);
    const ticks = await page.evaluate(() => document.getElementById('ticker')!.textContent);
    expect(ticks).toMatch(/^Tick \d+/);
    expect(Number(/\d+/.exec(ticks!)![0])).toBeGreaterThan(10);
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe('Chromium: settings and per-tab results', () => {
  it('shows the number of distinct terms as the badge and answers get-tab-mentions', async () => {
    const page = await openFixture('/pages/basic.html');
    const expected = expectedMentions('pages/basic.html');
    await paintedOnce(page, expected.length);
    await page.bringToFront();
    const result = await waitFor(
      () =>
        browser.worker.evaluate(async () => {
          const c = (globalThis as unknown as { chrome: { tabs: { query(q: object): Promise<{ id: number }[]> }; action: { getBadgeText(d: object): Promise<string> } } }).chrome;
          const [tab] = await c.tabs.query({ active: true, lastFocusedWindow: true });
          if (!tab) return null;
          const badge = await c.action.getBadgeText({ tabId: tab.id });
          return badge ? { badge, tabId: tab.id } : null;
        }),
      'the badge',
    );
    const distinctTerms = new Set(expectedMentions('pages/basic.html').map((m) => m.text.toLowerCase())).size;
    expect(result.badge).toBe(String(distinctTerms));
    // The popup's request, from an extension page.
    const ext = await browser.context.newPage();
    await ext.goto(`chrome-extension://${browser.extensionId}/popup.html`);
    const answer = await ext.evaluate(
      (tabId) => (globalThis as unknown as { chrome: { runtime: { sendMessage(m: object): Promise<{ counts: Record<string, number> }> } } }).chrome.runtime.sendMessage({ type: 'get-tab-mentions', tabId }),
      result.tabId,
    );
    expect(Object.values(answer.counts).reduce((a, b) => a + b, 0)).toBe(expected.length);
    expect(answer.counts.fentanyl).toBe(2);
    await ext.close();
    await page.close();
  });

  it('follows settings live: first mention only, kinds, and disabling the site clears everything', async () => {
    const page = await openFixture('/pages/basic.html');
    const { cdp } = await watchErrors(page);
    const expected = expectedMentions('pages/basic.html');
    await paintedOnce(page, expected.length);
    try {
      await setSettings({ firstMentionOnly: true });
      await paintedOnce(page, expected.length - 1); // the second "fentanyl" goes
      await setSettings({ firstMentionOnly: false, kinds: ['place'] });
      const places = await paintedOnce(page, 2);
      expect(places.map((p) => p.text)).toEqual(['Culiacán', 'Guerrero']);
      await setSettings({ kinds: ['person', 'policy', 'criminal-group', 'agency', 'place', 'substance', 'concept', 'party', 'organization', 'event'], highlightStyle: 'background' });
      const restyled = await paintedOnce(page, expected.length);
      expect(restyled.every((p) => p.name.endsWith('-background'))).toBe(true);
      await setSettings({ highlightStyle: 'dotted' });
      // Open a card, then turn Contexto off for this site: highlights and card go at once.
      await hover(page, 'Morena');
      await waitFor(async () => (await dialogNames(cdp)).join() === nameOf('morena'), 'the Morena card');
      await setSettings({ disabledSites: ['127.0.0.1'] });
      await waitFor(async () => (await page.evaluate(collectHighlightsInPage)).length === 0, 'the highlights to go');
      await waitFor(async () => (await dialogNames(cdp)).length === 0, 'the card to go');
      expect(await page.evaluate(() => [...(CSS as unknown as { highlights: Map<string, unknown> }).highlights.keys()])).toEqual([]);
      expect(await page.evaluate(() => document.querySelector('contexto-card'))).toBeNull();
      // Hovering does nothing now.
      await page.mouse.move(10, 10);
      await page.mouse.move(200, 200, { steps: 3 });
      await page.waitForTimeout(800);
      expect(await dialogNames(cdp)).toEqual([]);
      // And back on without a reload.
      await setSettings({ disabledSites: [] });
      await paintedOnce(page, expected.length);
    } finally {
      await resetSettings();
      await page.close();
    }
  });
});
