/**
 * What `npm run demo` and the store screenshots (store-screenshots.ts) both do to the sample
 * article: open it, wait for the painting to settle, then open a mention's card by resting the pointer on it.
 */
import type { Page } from 'playwright-core';
import { type ChromiumWithExtension, dialogNames, waitFor } from '../../tests/browser/chromium';
import { collectHighlightsInPage, mentionBoxInPage, type PaintedText } from '../../tests/browser/expected';
import type { FixtureServer } from '../../tests/browser/server';

/** The sample article in a new tab of `viewport` size, once its painting has settled. */
export async function openSampleArticle(
  chromium: ChromiumWithExtension,
  server: FixtureServer,
  viewport: { width: number; height: number },
): Promise<{ page: Page; painted: PaintedText[] }> {
  const page = await chromium.context.newPage();
  await page.setViewportSize(viewport);
  await page.goto(server.url('/sample-article.html'));
  await page.bringToFront();
  return { page, painted: await waitForStablePaint(page) };
}

/** The painted mentions once two reads in a row agree. */
async function waitForStablePaint(page: Page): Promise<PaintedText[]> {
  let last = '';
  return waitFor(
    async () => {
      const now = await page.evaluate(collectHighlightsInPage);
      const key = JSON.stringify(now);
      const stable = now.length > 0 && key === last;
      last = key;
      return stable ? now : null;
    },
    'the highlights',
    20_000,
    300,
  );
}

/**
 * Scrolls the first painted `term` to `top` px from the top of the window (room for the card
 * below it), rests the pointer on it and waits for the card to finish fading in; its name.
 */
export async function openCardOn(page: Page, term: string, top: number): Promise<string> {
  const box = () => page.evaluate(mentionBoxInPage, term);
  const { tap: first } = await waitFor(box, `a painted "${term}"`);
  await page.evaluate((dy) => window.scrollBy(0, dy), Math.max(0, first.y - top));
  await page.waitForTimeout(200);
  const { tap: point } = await waitFor(box, `a painted "${term}"`);
  await page.mouse.move(point.x - 60, point.y + 60);
  await page.mouse.move(point.x, point.y, { steps: 5 });
  const cdp = await page.context().newCDPSession(page);
  const [name] = await waitFor(async () => {
    const names = await dialogNames(cdp);
    return names.length ? names : null;
  }, 'the card');
  await page.waitForTimeout(400); // the fade-in
  return name!;
}
