import type { Page } from 'puppeteer-core';
import { describe, expect, it } from 'vitest';
import { waitFor } from './chromium';
import { FIREFOX_BUILD, launchFirefox } from './firefox';
import { mentionBoxInPage, type Box } from './expected';
import { useServerAndBrowser } from './use-browser';

/**
 * Firefox ESR at a narrow (phone-sized) window: the card opens as a full-width sheet at the
 * bottom or top edge that leaves the mention in view, by hover and by a touch tap; a tap
 * elsewhere closes it; a tap on a mention inside a link follows the link.
 */

const shared = useServerAndBrowser(() =>
  launchFirefox(process.env.CONTEXTO_FIREFOX_EXTENSION_DIR ?? FIREFOX_BUILD, {
    viewport: { width: 400, height: 760 },
  }),
);

/**
 * Runs in the page: the box our card host covers on screen, found by probing with
 * elementFromPoint (the card is in a closed shadow root), or null when nothing is shown.
 */
function cardBoxInPage(): Box | null {
  const w = document.documentElement.clientWidth;
  const h = window.innerHeight;
  let box: Box | null = null;
  for (let y = 1; y < h; y += 4) {
    for (const x of [2, w / 2, w - 3]) {
      if (document.elementFromPoint(x, y)?.localName !== 'contexto-card') continue;
      box = box
        ? {
            left: Math.min(box.left, x),
            top: Math.min(box.top, y),
            right: Math.max(box.right, x),
            bottom: Math.max(box.bottom, y),
          }
        : { left: x, top: y, right: x, bottom: y };
    }
  }
  return box;
}

const overlaps = (a: Box, b: Box) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

async function openPhonePage(): Promise<Page> {
  const page = await shared.browser.newPage();
  await page.goto(shared.server.url('/pages/phone.html'));
  await waitFor(() => page.evaluate(mentionBoxInPage, 'DEA'), 'the mentions to be painted');
  await new Promise((r) => setTimeout(r, 800)); // the card entries are fetched after the first report
  return page;
}

async function expectSheetBeside(page: Page, text: string): Promise<void> {
  // The card is placed a frame after it opens, then slides in for 120 ms: wait until two reads 150 ms apart agree.
  let last = '';
  const card = await waitFor(async () => {
    const box = await page.evaluate(cardBoxInPage);
    const key = JSON.stringify(box);
    const settled = box !== null && key === last;
    last = key;
    if (!settled) await new Promise((r) => setTimeout(r, 150));
    return settled ? box : null;
  }, 'the card on screen, settled');
  const mention = await page.evaluate(mentionBoxInPage, text);
  const width = await page.evaluate(() => document.documentElement.clientWidth);
  const height = await page.evaluate(() => window.innerHeight);
  // Full width, against the bottom or the top edge, not over the mention.
  expect(card.left).toBeLessThanOrEqual(2);
  expect(card.right).toBeGreaterThanOrEqual(width - 3);
  expect(card.bottom >= height - 5 || card.top <= 1).toBe(true);
  expect(overlaps(card, mention!)).toBe(false);
}

describe('Firefox at a narrow window', () => {
  it('hovering a mention opens a full-width sheet that leaves the mention in view', async () => {
    const page = await openPhonePage();
    expect(await page.evaluate(() => window.innerWidth)).toBeLessThan(480);
    const box = await page.evaluate(mentionBoxInPage, 'Sinaloa Cartel');
    const { x, y } = box!.tap;
    await page.mouse.move(x - 30, y + 40);
    await page.mouse.move(x, y, { steps: 4 });
    await expectSheetBeside(page, 'Sinaloa Cartel');
    await page.keyboard.press('Escape');
    await waitFor(async () => (await page.evaluate(cardBoxInPage)) === null, 'the card to close');
    await page.close();
  });

  it('a touch tap opens the card, a tap elsewhere closes it, a tap on a linked mention follows the link', async () => {
    const page = await openPhonePage();
    const box = await page.evaluate(mentionBoxInPage, 'fentanyl');
    await page.touchscreen.tap(box!.tap.x, box!.tap.y);
    await expectSheetBeside(page, 'fentanyl');
    const heading = await page.evaluate(() => {
      const r = document.querySelector('h1')!.getBoundingClientRect();
      return { x: r.left + 20, y: r.top + r.height / 2 };
    });
    await page.touchscreen.tap(heading.x, heading.y);
    await waitFor(async () => (await page.evaluate(cardBoxInPage)) === null, 'the card to close');

    const linked = await page.evaluate(mentionBoxInPage, 'Mérida Initiative');
    await new Promise((r) => setTimeout(r, 500)); // not a double tap
    await page.touchscreen.tap(linked!.tap.x, linked!.tap.y);
    await waitFor(() => new URL(page.url()).pathname === '/pages/basic.html', 'the link to be followed');
    await page.close();
  });
});
