import type { CDPSession, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { CHROME_BUILD, dialogNames, fullAXTree, launchChromium, waitFor, watchErrors } from './chromium';
import { type Box, type MentionBox, mentionBoxInPage } from './expected';
import { useServerAndBrowser } from './use-browser';

/**
 * Touch and phones, in Chromium with touch emulation at a 390 × 700 shared.browser viewport: a tap on
 * a mention opens its card as a bottom (or top) sheet that leaves the mention in view, with
 * 44 px targets; a tap elsewhere closes it; a tap on a mention inside a link follows the
 * link, a long press there opens the card instead; a scroll gesture opens nothing.
 */

const shared = useServerAndBrowser(() =>
  launchChromium(process.env.CONTEXTO_EXTENSION_DIR ?? CHROME_BUILD, { phone: true }),
);

/** Card (dialog) names of the terms used here, as in data/terms. */
const NAMES: Record<string, string> = {
  'sinaloa-cartel': 'Sinaloa Cartel',
  fentanyl: 'Fentanyl',
  'merida-initiative': 'Mérida Initiative',
  cjng: 'Jalisco New Generation Cartel (CJNG)',
};
const nameOf = (id: string) => NAMES[id]!;

async function openPhonePage(): Promise<{ page: Page; cdp: CDPSession; errors: string[] }> {
  const page = await shared.browser.context.newPage();
  await page.goto(shared.server.url('/pages/phone.html'));
  await page.bringToFront();
  const { cdp, errors } = await watchErrors(page);
  await waitFor(() => page.evaluate(mentionBoxInPage, 'DEA'), 'the mentions to be painted');
  // The content script fetches the cards' entries once it has reported its mentions (200 ms later).
  await page.waitForTimeout(800);
  return { page, cdp, errors };
}

async function mentionBox(page: Page, text: string): Promise<MentionBox> {
  return waitFor(() => page.evaluate(mentionBoxInPage, text), `a painted "${text}"`);
}

type CardBoxes = { dialog: Box; targets: { role: string; name: string; box: Box }[] };

/**
 * Boxes of the open card once it has settled: the card is placed a frame after it opens and
 * slides in for 120 ms, so read until two reads 150 ms apart agree (then assert on the final place).
 */
async function cardBoxes(cdp: CDPSession): Promise<CardBoxes> {
  let last = '';
  return waitFor(async () => {
    const boxes = await readCardBoxes(cdp);
    const key = JSON.stringify(boxes);
    const settled = key === last;
    last = key;
    if (!settled) await new Promise((r) => setTimeout(r, 150));
    return settled ? boxes : null;
  }, 'the card to settle');
}

/** Boxes (CSS px) of the open dialog and of its buttons and links, from the accessibility tree (it sees into the closed root). */
async function readCardBoxes(cdp: CDPSession): Promise<CardBoxes> {
  return waitFor(async () => {
    const nodes = await fullAXTree<{
      ignored?: boolean;
      role?: { value?: string };
      name?: { value?: string };
      backendDOMNodeId?: number;
    }>(cdp);
    const boxOf = async (id: number): Promise<Box> => {
      const { model } = (await cdp.send('DOM.getBoxModel', { backendNodeId: id })) as { model: { border: number[] } };
      const xs = model.border.filter((_, i) => i % 2 === 0);
      const ys = model.border.filter((_, i) => i % 2 === 1);
      return { left: Math.min(...xs), top: Math.min(...ys), right: Math.max(...xs), bottom: Math.max(...ys) };
    };
    const dialog = nodes.find((n) => !n.ignored && n.role?.value === 'dialog');
    if (!dialog?.backendDOMNodeId) return null;
    const targets: { role: string; name: string; box: Box }[] = [];
    // Buttons and links after the dialog in tree order belong to it (the card host is the page's last element).
    const start = nodes.indexOf(dialog);
    for (const n of nodes.slice(start + 1)) {
      if (n.ignored || !n.backendDOMNodeId || (n.role?.value !== 'button' && n.role?.value !== 'link')) continue;
      targets.push({ role: n.role.value, name: String(n.name?.value ?? ''), box: await boxOf(n.backendDOMNodeId) });
    }
    return { dialog: await boxOf(dialog.backendDOMNodeId), targets };
  }, 'the card boxes');
}

const overlaps = (a: Box, b: Box) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

async function touch(
  cdp: CDPSession,
  type: 'touchStart' | 'touchMove' | 'touchEnd',
  x: number,
  y: number,
): Promise<void> {
  await cdp.send('Input.dispatchTouchEvent', { type, touchPoints: type === 'touchEnd' ? [] : [{ x, y }] });
}

describe('Chromium, shared.browser viewport with touch', () => {
  it('a tap on a mention opens its card as a full-width sheet that leaves the mention in view, with 44 px targets', async () => {
    const { page, cdp, errors } = await openPhonePage();
    expect(page.viewportSize()).toEqual({ width: 390, height: 700 });
    const box = await mentionBox(page, 'Sinaloa Cartel');
    await page.touchscreen.tap(box.tap.x, box.tap.y);
    await waitFor(async () => (await dialogNames(cdp)).join() === nameOf('sinaloa-cartel'), 'the Sinaloa Cartel card');
    const { dialog, targets } = await cardBoxes(cdp);
    const now = await mentionBox(page, 'Sinaloa Cartel');
    // A sheet: the whole width, against the bottom or top edge, never over the mention.
    expect(Math.round(dialog.left)).toBe(0);
    expect(Math.round(dialog.right)).toBe(390);
    expect(Math.round(dialog.bottom) === 700 || Math.round(dialog.top) === 0).toBe(true);
    expect(overlaps(dialog, now)).toBe(false);
    // Every button and link in it is a large enough touch target.
    expect(targets.length).toBeGreaterThanOrEqual(3);
    for (const t of targets) {
      expect({ ...t, tall: t.box.bottom - t.box.top >= 43.5, wide: t.box.right - t.box.left >= 43.5 }).toMatchObject({
        tall: true,
        wide: true,
      });
    }
    expect(errors).toEqual([]);
    await page.close();
  });

  it('a tap elsewhere closes the card; a tap on the card itself keeps it', async () => {
    const { page, cdp } = await openPhonePage();
    const box = await mentionBox(page, 'fentanyl');
    await page.touchscreen.tap(box.tap.x, box.tap.y);
    await waitFor(async () => (await dialogNames(cdp)).join() === nameOf('fentanyl'), 'the fentanyl card');
    const { dialog } = await cardBoxes(cdp);
    await page.touchscreen.tap(dialog.left + 30, (dialog.top + dialog.bottom) / 2);
    await page.waitForTimeout(400);
    expect(await dialogNames(cdp)).toEqual([nameOf('fentanyl')]);
    const heading = await page.locator('h1').boundingBox();
    await page.touchscreen.tap(heading!.x + 20, heading!.y + heading!.height / 2);
    await waitFor(async () => (await dialogNames(cdp)).length === 0, 'the card to close');
    await page.close();
  });

  it('a tap on a mention inside a link follows the link and opens no card', async () => {
    const { page, cdp } = await openPhonePage();
    const box = await mentionBox(page, 'Mérida Initiative');
    await Promise.all([
      page.waitForURL(/\/pages\/basic\.html$/, { timeout: 15_000 }),
      page.touchscreen.tap(box.tap.x, box.tap.y),
    ]);
    expect(new URL(page.url()).pathname).toBe('/pages/basic.html');
    expect(await dialogNames(cdp)).toEqual([]);
    await page.close();
  });

  it('a long press on a mention inside a link opens its card and does not follow the link', async () => {
    const { page, cdp } = await openPhonePage();
    const { x, y } = (await mentionBox(page, 'Mérida Initiative')).tap;
    await touch(cdp, 'touchStart', x, y);
    await page.waitForTimeout(900);
    await touch(cdp, 'touchEnd', x, y);
    await waitFor(
      async () => (await dialogNames(cdp)).join() === nameOf('merida-initiative'),
      'the Mérida Initiative card',
    );
    await page.waitForTimeout(500);
    expect(new URL(page.url()).pathname).toBe('/pages/phone.html');
    await page.close();
  });

  it('a scroll gesture that starts on a mention scrolls the page and opens nothing', async () => {
    const { page, cdp } = await openPhonePage();
    const { x, y } = (await mentionBox(page, 'Sinaloa Cartel')).tap;
    await touch(cdp, 'touchStart', x, y);
    for (let dy = 0; dy <= 240; dy += 20) await touch(cdp, 'touchMove', x, y - dy);
    await touch(cdp, 'touchEnd', x, y - 240);
    // Also the browser's own synthetic scroll gesture, starting on another mention.
    const other = await mentionBox(page, 'CJNG');
    await cdp.send('Input.synthesizeScrollGesture', {
      x: Math.round(other.tap.x),
      y: Math.round(other.tap.y),
      yDistance: -200,
      gestureSourceType: 'touch',
      speed: 800,
    });
    await page.waitForTimeout(800);
    expect(await page.evaluate(() => window.scrollY)).toBeGreaterThan(50);
    expect(await dialogNames(cdp)).toEqual([]);
    await page.close();
  });

  it('a mention near the bottom edge still gets a sheet that leaves it in view', async () => {
    const { page, cdp } = await openPhonePage();
    // Put the CJNG mention about 40 px above the bottom edge.
    const first = await mentionBox(page, 'CJNG');
    await page.evaluate((dy) => window.scrollTo(0, dy), Math.max(0, first.bottom - 660));
    await page.waitForTimeout(200);
    const box = await mentionBox(page, 'CJNG');
    expect(box.bottom).toBeGreaterThan(560);
    await page.touchscreen.tap(box.tap.x, box.tap.y);
    await waitFor(async () => (await dialogNames(cdp)).join() === nameOf('cjng'), 'the CJNG card');
    await page.waitForTimeout(300);
    const { dialog } = await cardBoxes(cdp);
    const now = await mentionBox(page, 'CJNG');
    expect(now.top).toBeGreaterThanOrEqual(0);
    expect(now.bottom).toBeLessThanOrEqual(700);
    expect(overlaps(dialog, now)).toBe(false);
    expect(dialog.bottom - dialog.top).toBeGreaterThan(150);
    await page.close();
  });
});
