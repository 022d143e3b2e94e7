import type { CDPSession, Page } from 'playwright-core';
import { beforeAll } from 'vitest';
import { fullAXTree, launchChromium, waitFor, type ChromiumWithExtension } from './chromium';
import { collectHighlightsInPage, factIndex, mentionBoxInPage, type PaintedText } from './expected';
import type { FixtureServer } from './server';
import { useServerAndBrowser } from './use-browser';

/**
 * What the chromium-*.test.ts files share: the built Chromium extension on fixture pages
 * served from 127.0.0.1 (every other request is aborted), and the ways they read it.
 * Highlights are read from the page's main world through `CSS.highlights`; the card, which
 * lives in a closed shadow root, through the CDP accessibility tree.
 */

/** The file's fixture server and browser (live bindings, set by `useChromiumWithFixtures`). */
export let server: FixtureServer;
export let browser: ChromiumWithExtension;

/** One fixture server and one Chromium with the extension (from `launch`) for the calling test file. */
export function useChromiumWithFixtures(launch = () => launchChromium()): void {
  const shared = useServerAndBrowser(launch);
  beforeAll(() => {
    ({ server, browser } = shared);
  });
}

export const nameOf = (id: string) => factIndex().byId.get(id)!.name;

export async function openFixture(path: string): Promise<Page> {
  const page = await browser.context.newPage();
  await page.goto(server.url(path));
  await page.bringToFront();
  return page;
}

/** Waits until the painted highlights have the expected count, then returns them. */
export async function paintedOnce(page: Page, count: number): Promise<PaintedText[]> {
  return waitFor(async () => {
    const painted = await page.evaluate(collectHighlightsInPage);
    return painted.length === count ? painted : null;
  }, `${count} highlights`);
}

export async function hover(page: Page, text: string): Promise<void> {
  const { tap: point } = await waitFor(() => page.evaluate(mentionBoxInPage, text), `a painted "${text}"`);
  await page.mouse.move(point.x - 30, point.y + 40);
  await page.mouse.move(point.x, point.y, { steps: 4 });
}

/** The open dialog's border quad [x1, y1, x2, y2, x3, y3, x4, y4] in CSS px, through CDP. */
export async function dialogBorderQuad(cdp: CDPSession): Promise<number[]> {
  return waitFor(async () => {
    const nodes = await fullAXTree<{ role?: { value?: string }; backendDOMNodeId?: number }>(cdp);
    const dialog = nodes.find((n) => n.role?.value === 'dialog');
    if (!dialog?.backendDOMNodeId) return null;
    const { model } = (await cdp.send('DOM.getBoxModel', { backendNodeId: dialog.backendDOMNodeId })) as {
      model: { border: number[] };
    };
    return model.border;
  }, 'the dialog box');
}

/** Writes settings the way the options page does (storage.sync key `settings`). */
export async function setSettings(patch: Record<string, unknown>): Promise<void> {
  await browser.worker.evaluate(async (p) => {
    const c = (
      globalThis as unknown as {
        chrome: {
          storage: { sync: { get(k: string): Promise<Record<string, unknown>>; set(v: object): Promise<void> } };
        };
      }
    ).chrome;
    const current = ((await c.storage.sync.get('settings')).settings ?? {}) as Record<string, unknown>;
    await c.storage.sync.set({ settings: { ...current, ...p } });
  }, patch);
}

export async function resetSettings(): Promise<void> {
  await browser.worker.evaluate(async () => {
    const c = (globalThis as unknown as { chrome: { storage: { sync: { remove(k: string): Promise<void> } } } }).chrome;
    await c.storage.sync.remove('settings');
  });
}
