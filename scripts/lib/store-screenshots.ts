/**
 * The store screenshots, 1280×800 as the Chrome Web Store asks (addons.mozilla.org takes the
 * same), made by `npm run demo` from the sample article with the built extension:
 *
 *   docs/store/screenshots/1-page.png          the article with Contexto's underlines
 *   docs/store/screenshots/2-card.png          a mention's card, opened by resting the pointer on it
 *   docs/store/screenshots/3-popup-search.png  the toolbar popup searching "fentanil" (typo, Spanish)
 *   docs/store/screenshots/4-timeline.png      the popup's "Background for this page"
 *
 * Headless Chromium has no toolbar, so the popup is opened as its own page at the popup's
 * width (popup.html?tab=<the article's tab>, as the tests do) and its real pixels are placed
 * over the article's screenshot at the top right, where the toolbar button opens it.
 * Nothing is drawn by hand.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import type { ChromiumWithExtension } from '../../tests/browser/chromium';
import { extensionUrl, tabIdOf } from '../../tests/browser/launch';
import type { FixtureServer } from '../../tests/browser/server';
import { openCardOn, openSampleArticle } from './showcase';

export const STORE_SIZE = { width: 1280, height: 800 };
const DIR = 'docs/store/screenshots';
const SEARCH = 'fentanil';
const POPUP_WIDTH = 380; // src/popup/popup.css body.popup
const POPUP_MAX_HEIGHT = 600; // the browsers' popup limit, and popup.css max-height

/** The popup's own pixels: its width, its content's height (at most the browsers' 600 px). */
async function popupShot(popup: Page): Promise<Buffer> {
  await popup.waitForTimeout(300);
  const height = await popup.evaluate(
    (max) => Math.min(max, Math.ceil(document.body.getBoundingClientRect().height)),
    POPUP_MAX_HEIGHT,
  );
  return popup.screenshot({ clip: { x: 0, y: 0, width: POPUP_WIDTH, height: Math.max(200, height) } });
}

async function overArticle(compositor: Page, article: Buffer, popup: Buffer, path: string): Promise<void> {
  const url = (png: Buffer) => `data:image/png;base64,${png.toString('base64')}`;
  await compositor.setContent(
    `<html><body style="margin:0;width:${STORE_SIZE.width}px;height:${STORE_SIZE.height}px;overflow:hidden;position:relative">` +
      `<img src="${url(article)}" style="position:absolute;inset:0;display:block">` +
      `<img src="${url(popup)}" style="position:absolute;top:8px;right:16px;width:${POPUP_WIDTH}px;display:block;border:1px solid #c4c7ce;` +
      `border-radius:8px;box-shadow:0 8px 28px rgba(0,0,0,.28)"></body></html>`,
  );
  await compositor.evaluate(() => Promise.all([...document.images].map((i) => i.decode())));
  writeFileSync(path, await compositor.screenshot({ clip: { x: 0, y: 0, ...STORE_SIZE } }));
}

export async function storeScreenshots(
  chromium: ChromiumWithExtension,
  server: FixtureServer,
  hoverTerm: string,
): Promise<void> {
  mkdirSync(DIR, { recursive: true });
  const { page, painted } = await openSampleArticle(chromium, server, STORE_SIZE);
  await page.screenshot({ path: `${DIR}/1-page.png` });
  const article = await page.screenshot();

  const card = await openCardOn(page, hoverTerm, 160);
  await page.screenshot({ path: `${DIR}/2-card.png` });
  await page.keyboard.press('Escape');
  await page.mouse.move(5, 5);

  const tab = await tabIdOf(chromium.worker, page);
  const popupUrl = (query: string) => extensionUrl(chromium, `popup.html?tab=${tab}${query}`);
  const popup = await chromium.context.newPage();
  await popup.setViewportSize({ width: POPUP_WIDTH, height: POPUP_MAX_HEIGHT });
  await popup.goto(popupUrl(''));
  await popup.locator('#search').fill(SEARCH);
  const option = popup.locator('#results [role="option"]').first();
  await option.waitFor({ timeout: 20_000 });
  const top = (await option.textContent())?.trim().replace(/\s+/g, ' ');
  const searchShot = await popupShot(popup);

  await popup.goto(popupUrl('&view=timeline'));
  await popup.locator('#timeline li.tl-item').first().waitFor({ timeout: 20_000 });
  const facts = await popup.locator('#timeline li.tl-item').count();
  const timelineShot = await popupShot(popup);

  const compositor = await chromium.context.newPage();
  await compositor.setViewportSize(STORE_SIZE);
  await overArticle(compositor, article, searchShot, `${DIR}/3-popup-search.png`);
  await overArticle(compositor, article, timelineShot, `${DIR}/4-timeline.png`);
  await Promise.all([page.close(), popup.close(), compositor.close()]);

  console.log(`\nStore screenshots (${STORE_SIZE.width}×${STORE_SIZE.height}) in ${DIR}/:`);
  console.log(`  1-page.png          ${painted.length} mentions painted`);
  console.log(`  2-card.png          the card "${card}"`);
  console.log(`  3-popup-search.png  "${SEARCH}" → first result: ${top}`);
  console.log(`  4-timeline.png      ${facts} dated facts for the article's terms`);
}
