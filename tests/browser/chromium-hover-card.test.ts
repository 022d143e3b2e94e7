import type { CDPSession, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  dialogBorderQuad,
  hover,
  nameOf,
  openFixture,
  paintedOnce,
  server,
  useChromiumWithFixtures,
} from './chromium-fixtures';
import { dialogNames, waitFor, watchErrors } from './chromium';
import { expectedMentions } from './expected';

/** The built Chromium extension: the hover card: opening, closing, placement, strict CSP. */

useChromiumWithFixtures();

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
    await hover(page, 'CJNG');
    await waitFor(async () => (await dialogNames(cdp)).join() === nameOf('cjng'), 'the CJNG card');
    await page.mouse.move(5, 5, { steps: 3 });
    await waitFor(async () => (await dialogNames(cdp)).length === 0, 'the card to hide after the pointer left');
    expect(errors).toEqual([]);
    await page.close();
  });

  it("loads the card's code (card-view.js) only when a card is about to open, once per page", async () => {
    const page = await openFixture('/pages/basic.html');
    const cdp = await page.context().newCDPSession(page);
    // Every script the page's frames evaluate, the content script's isolated world included.
    const loads: string[] = [];
    cdp.on('Debugger.scriptParsed', (e: { url: string }) => {
      if (e.url.startsWith('chrome-extension://')) loads.push(e.url.replace(/^.*\//, ''));
    });
    await cdp.send('Debugger.enable');
    await page.reload();
    await paintedOnce(page, expectedMentions('pages/basic.html').length);
    // Painted, with the full script running, and no card yet: its code is not loaded.
    await page.waitForTimeout(300);
    expect(loads).toContain('content-main.js');
    expect(loads).not.toContain('card-view.js');
    await hover(page, 'CJNG');
    await waitFor(async () => (await dialogNames(cdp)).join() === nameOf('cjng'), 'the CJNG card');
    await hover(page, 'Sinaloa Cartel');
    await waitFor(async () => (await dialogNames(cdp)).join() === nameOf('sinaloa-cartel'), 'the Sinaloa Cartel card');
    expect(loads.filter((f) => f === 'card-view.js')).toHaveLength(1);
    await page.close();
  });

  it('positions a card for a mention that wraps across lines inside the viewport', async () => {
    const page = await openFixture('/pages/basic.html');
    await paintedOnce(page, expectedMentions('pages/basic.html').length);
    const lines = await page.evaluate(() => {
      let count = 0;
      for (const h of (CSS as unknown as { highlights: Map<string, Set<Range>> }).highlights.values()) {
        for (const r of h) if (r.toString().startsWith('Bureau')) count = r.getClientRects().length;
      }
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

  it('after the card host exists, showing, filling, moving and hiding a card changes nothing in the page document', async () => {
    // The first card builds the host (the one element we add); from then on the page's document stays as it is.
    const { page, cdp } = await cardOnBasicPage('DEA', 'dea');
    await page.keyboard.press('Escape');
    await waitFor(async () => (await dialogNames(cdp)).length === 0, 'the first card to close');
    // Room to scroll (the page is one screen tall), made before watching.
    await page.evaluate(() => {
      document.body.style.paddingBottom = '2000px';
    });
    const changes = await watchPageDocument(cdp);
    await hover(page, 'Sinaloa Cartel');
    await waitFor(async () => (await dialogNames(cdp)).join() === nameOf('sinaloa-cartel'), 'the Sinaloa Cartel card');
    // Another mention's card replaces it (filled anew, moved).
    await hover(page, 'CJNG');
    await waitFor(async () => (await dialogNames(cdp)).join() === nameOf('cjng'), 'the CJNG card');
    // The page scrolls: the card follows its mention.
    const before = await dialogBorderQuad(cdp);
    await page.evaluate(() => window.scrollBy(0, 40));
    await waitFor(async () => (await dialogBorderQuad(cdp))[1] !== before[1], 'the card to follow the scroll');
    await page.keyboard.press('Escape');
    await waitFor(async () => (await dialogNames(cdp)).length === 0, 'the card to close');
    await page.waitForTimeout(300);
    expect(changes.list).toEqual([]);
    // The check sees our changes at all: a change in the page's document is one.
    await page.evaluate(() => document.body.setAttribute('data-probe', '1'));
    await waitFor(() => changes.list.length > 0, 'the probe change');
    await page.close();
  });

  it("follows the page's scrolls, not the card's own clipping boxes (placing the card scrolls them)", async () => {
    const { page, cdp } = await cardOnBasicPage('DEA', 'dea');
    const scrollListeners = (objectId: string) =>
      cdp
        .send('DOMDebugger.getEventListeners', { objectId })
        .then(({ listeners }) => listeners.filter((l) => l.type === 'scroll').length);
    // Our listeners live in the content script's world: objects are resolved there.
    const world = await contentScriptWorld(cdp);
    const { root } = await cdp.send('DOM.getDocument', { depth: -1, pierce: true });
    const boxes: number[] = [];
    const walk = (n: DomTreeNode, inHost: boolean) => {
      const here = inHost || n.localName === 'contexto-card';
      const cls = n.attributes?.[n.attributes.indexOf('class') + 1];
      if (here && n.localName === 'div' && (cls === 'outer' || cls === 'clip')) boxes.push(n.backendNodeId);
      for (const c of [...(n.children ?? []), ...(n.shadowRoots ?? [])]) walk(c, here);
    };
    walk(root as DomTreeNode, false);
    expect(boxes).toHaveLength(2);
    for (const backendNodeId of boxes) {
      const { object } = await cdp.send('DOM.resolveNode', { backendNodeId, executionContextId: world });
      expect(await scrollListeners(object.objectId!)).toBe(0);
    }
    // The check sees our scroll listeners at all: the page's window has the card's.
    const { result } = await cdp.send('Runtime.evaluate', { expression: 'window', contextId: world });
    expect(await scrollListeners(result.objectId!)).toBeGreaterThan(0);
    await page.close();
  });

  it('shows the card without an entrance animation (each animated frame paints the page again)', async () => {
    const page = await openFixture('/pages/basic.html');
    const cdp = await page.context().newCDPSession(page);
    await paintedOnce(page, expectedMentions('pages/basic.html').length);
    const started: string[] = [];
    cdp.on('Animation.animationStarted', (e) => started.push(e.animation.name || e.animation.type));
    await cdp.send('Animation.enable');
    await hover(page, 'DEA');
    await waitFor(async () => (await dialogNames(cdp)).join() === nameOf('dea'), 'the DEA card');
    await page.waitForTimeout(300);
    expect(started).toEqual([]);
    // The check sees animations in the page at all.
    await page.evaluate(() => document.body.animate([{ opacity: 0.5 }, { opacity: 1 }], 200));
    await waitFor(() => started.length > 0, 'the probe animation');
    await page.close();
  });

  it("times the card's frame for the bench: to its animation frame, then to that frame's end", async () => {
    const { page } = await cardOnBasicPage('DEA', 'dea');
    await waitFor(
      () => page.evaluate(() => performance.getEntriesByName('contexto-card-frame-end').length > 0),
      "the frame's end",
    );
    const [frame, frameEnd] = await page.evaluate(() =>
      ['contexto-card', 'contexto-card-frame-end'].map((n) => performance.getEntriesByName(n)),
    );
    expect(frameEnd).toHaveLength(1);
    expect(frameEnd![0]!.startTime).toBe(frame![0]!.startTime);
    expect(frameEnd![0]!.duration).toBeGreaterThan(frame![0]!.duration);
    await page.close();
  });

  it('keeps the card open while the pointer moves from the mention onto it, and hides it after the pointer left it', async () => {
    const { page, cdp } = await cardOnBasicPage('Sinaloa Cartel', 'sinaloa-cartel');
    const quad = await dialogBorderQuad(cdp);
    const xs = quad.filter((_, i) => i % 2 === 0);
    const ys = quad.filter((_, i) => i % 2 === 1);
    // Onto the middle of the card's first lines, through the gap between mention and card.
    const target = { x: (Math.min(...xs) + Math.max(...xs)) / 2, y: Math.min(...ys) + 30 };
    await page.mouse.move(target.x, target.y, { steps: 12 });
    // The page sees the card (our host) under the pointer, and the card stays well past the hide delay.
    expect(await page.evaluate(({ x, y }) => document.elementFromPoint(x, y)?.localName, target)).toBe('contexto-card');
    await page.waitForTimeout(1000);
    expect(await dialogNames(cdp)).toEqual([nameOf('sinaloa-cartel')]);
    await page.mouse.move(target.x, target.y + 10, { steps: 3 });
    await page.waitForTimeout(600);
    expect(await dialogNames(cdp)).toEqual([nameOf('sinaloa-cartel')]);
    // Off the card onto plain page: it hides.
    await page.mouse.move(5, 5, { steps: 6 });
    await waitFor(async () => (await dialogNames(cdp)).length === 0, 'the card to hide after the pointer left it');
    await page.close();
  });

  it("pays the page's first card's one-time costs while the show delay runs, and leaves nothing of it behind", async () => {
    const page = await openFixture('/pages/basic.html');
    const cdp = await page.context().newCDPSession(page);
    await paintedOnce(page, expectedMentions('pages/basic.html').length);
    // The pointer brushes over a mention and leaves before the show delay ends: no card, and the card
    // made for the warm-up left nothing in the card's frame. (Again while the entries the card shows
    // have not arrived yet: the warm-up waits for them, as a card does.)
    const warm = () => page.evaluate(() => performance.getEntriesByName('contexto-card-warm-up').length);
    for (let i = 0; i < 5 && (await warm()) === 0; i++) {
      await hover(page, 'DEA');
      await page.waitForTimeout(100);
      await page.mouse.move(5, 5, { steps: 2 });
      await page.waitForTimeout(800);
      expect(await dialogNames(cdp)).toEqual([]);
    }
    expect(await warm()).toBe(1);
    // Once per page; the first card shown starts after it (at its show delay's end).
    await hover(page, 'CJNG');
    await waitFor(async () => (await dialogNames(cdp)).join() === nameOf('cjng'), 'the CJNG card');
    const [w, card] = await page.evaluate(() =>
      ['contexto-card-warm-up', 'contexto-card'].map((n) => {
        const e = performance.getEntriesByName(n)[0]!;
        return { start: e.startTime, end: e.startTime + e.duration };
      }),
    );
    expect(await warm()).toBe(1);
    expect(w!.end).toBeLessThan(card!.start);
    await page.close();
  });

  it("does not expose the card's frame to page scripts", async () => {
    const { page } = await cardOnBasicPage('CJNG', 'cjng');
    expect(
      await page.evaluate(() => ({
        length: window.length,
        frame0: window.frames[0] === undefined,
        iframes: document.querySelectorAll('iframe').length,
        root: (document.querySelector('contexto-card') as HTMLElement).shadowRoot,
      })),
    ).toEqual({ length: 0, frame0: true, iframes: 0, root: null });
    await page.close();
  });
});

/** The basic fixture, painted, with `words`' card open by hovering (term `id`). */
interface DomTreeNode {
  backendNodeId: number;
  localName: string;
  attributes?: string[];
  children?: DomTreeNode[];
  shadowRoots?: DomTreeNode[];
}

/** The execution context id of our content script's isolated world in the page's main frame (not the card's). */
async function contentScriptWorld(cdp: CDPSession): Promise<number> {
  const worlds: { id: number; origin: string; auxData?: { type?: string; frameId?: string } }[] = [];
  cdp.on('Runtime.executionContextCreated', (e) => worlds.push(e.context));
  await cdp.send('Runtime.enable');
  const { frameTree } = await cdp.send('Page.getFrameTree');
  const world = await waitFor(
    async () =>
      worlds.find(
        (w) =>
          w.auxData?.type === 'isolated' &&
          w.auxData.frameId === frameTree.frame.id &&
          w.origin.startsWith('chrome-extension://'),
      ) ?? null,
    "the content script's world",
  );
  return world.id;
}

async function cardOnBasicPage(words: string, id: string): Promise<{ page: Page; cdp: CDPSession }> {
  const page = await openFixture('/pages/basic.html');
  const cdp = await page.context().newCDPSession(page);
  await paintedOnce(page, expectedMentions('pages/basic.html').length);
  await hover(page, words);
  await waitFor(async () => (await dialogNames(cdp)).join() === nameOf(id), `the ${words} card`);
  return { page, cdp };
}

/**
 * Records every change the DevTools DOM agent reports in the page's document from now on
 * (closed shadow roots included), leaving out the card's own frame document.
 */
async function watchPageDocument(cdp: CDPSession): Promise<{ list: string[] }> {
  interface DomNode {
    nodeId: number;
    nodeName: string;
    children?: DomNode[];
    shadowRoots?: DomNode[];
    contentDocument?: DomNode;
  }
  const own = new Set<number>();
  const all = (n: DomNode, into: Set<number>) => {
    into.add(n.nodeId);
    for (const c of [
      ...(n.children ?? []),
      ...(n.shadowRoots ?? []),
      ...(n.contentDocument ? [n.contentDocument] : []),
    ])
      all(c, into);
  };
  const frames = (n: DomNode) => {
    if (n.contentDocument) all(n.contentDocument, own);
    for (const c of [...(n.children ?? []), ...(n.shadowRoots ?? [])]) frames(c);
  };
  await cdp.send('DOM.enable');
  const { root } = (await cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as { root: DomNode };
  frames(root);
  const changes = { list: [] as string[] };
  const note = (what: string, id: number) => {
    if (!own.has(id)) changes.list.push(`${what} on node ${id}`);
  };
  cdp.on('DOM.childNodeInserted', (e: { parentNodeId: number; node: DomNode }) => {
    if (own.has(e.parentNodeId)) all(e.node, own);
    else note('insertion', e.parentNodeId);
  });
  cdp.on('DOM.childNodeRemoved', (e: { parentNodeId: number }) => note('removal', e.parentNodeId));
  cdp.on('DOM.childNodeCountUpdated', (e: { nodeId: number }) => note('child count', e.nodeId));
  cdp.on('DOM.setChildNodes', (e: { parentId: number; nodes: DomNode[] }) => {
    if (own.has(e.parentId)) for (const n of e.nodes) all(n, own);
  });
  cdp.on('DOM.attributeModified', (e: { nodeId: number; name: string }) => note(`attribute ${e.name}`, e.nodeId));
  cdp.on('DOM.attributeRemoved', (e: { nodeId: number; name: string }) =>
    note(`attribute ${e.name} removed`, e.nodeId),
  );
  cdp.on('DOM.characterDataModified', (e: { nodeId: number }) => note('text', e.nodeId));
  cdp.on('DOM.inlineStyleInvalidated', (e: { nodeIds: number[] }) => {
    for (const id of e.nodeIds) note('inline style', id);
  });
  cdp.on('DOM.documentUpdated', () => changes.list.push('document replaced'));
  return changes;
}
