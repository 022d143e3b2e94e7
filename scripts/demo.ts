/**
 * `npm run demo`: builds the extension, opens the bundled sample article in headless
 * Chromium with it, prints the mentions painted on the page, hovers one, and saves
 * docs/screenshot-page.png and docs/screenshot-card.png, then the popup's timeline
 * (docs/screenshot-timeline.png) and the card as a phone sheet (docs/screenshot-phone.png).
 * Then the 1280×800 store screenshots (scripts/lib/store-screenshots.ts; `--no-store` skips them).
 * Everything stays on 127.0.0.1.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { dialogNames, launchChromium, waitFor } from '../tests/browser/chromium';
import { extensionUrl, tabIdOf } from '../tests/browser/launch';
import { mentionBoxInPage } from '../tests/browser/expected';
import { startFixtureServer } from '../tests/browser/server';
import { openCardOn, openSampleArticle } from './lib/showcase';
import { storeScreenshots } from './lib/store-screenshots';

const HOVER_TERM = process.env.DEMO_TERM ?? 'Sinaloa Cartel';

if (!process.argv.includes('--no-build')) {
  const build = spawnSync('npm', ['run', 'build'], { stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const server = await startFixtureServer();
const chromium = await launchChromium();
try {
  const { page, painted } = await openSampleArticle(chromium, server, { width: 1100, height: 900 });

  console.log(`\nContexto painted ${painted.length} mentions on the sample article:`);
  const byKind = new Map<string, string[]>();
  for (const m of painted) {
    const kind = m.name.replace(/^contexto-/, '');
    byKind.set(kind, [...(byKind.get(kind) ?? []), m.text]);
  }
  for (const [kind, texts] of byKind) console.log(`  ${kind.padEnd(16)} ${texts.join(', ')}`);

  mkdirSync('docs', { recursive: true });
  await page.screenshot({ path: 'docs/screenshot-page.png' });

  // The mention near the top, so the card opens below it with room to spare.
  const name = await openCardOn(page, HOVER_TERM, 140);
  await page.screenshot({ path: 'docs/screenshot-card.png' });
  console.log(`\nHovered "${HOVER_TERM}": the card "${name}" opened.`);
  console.log('Saved docs/screenshot-page.png and docs/screenshot-card.png');

  // The popup's "Background for this page" for the article, opened as a page at the popup's size.
  await page.keyboard.press('Escape');
  const tab = await tabIdOf(chromium.worker, page);
  const popup = await chromium.context.newPage();
  await popup.setViewportSize({ width: 380, height: 600 });
  await popup.goto(extensionUrl(chromium, `popup.html?tab=${tab}&view=timeline`));
  await popup.locator('#timeline li.tl-item').first().waitFor({ timeout: 20_000 });
  const facts = await popup.locator('#timeline li.tl-item').count();
  const years = await popup.locator('#timeline h2').allTextContents();
  await popup.screenshot({ path: 'docs/screenshot-timeline.png' });
  console.log(
    `\nTimeline: ${facts} dated facts in ${years.length} years (${years[0]}…${years.at(-1)}). Saved docs/screenshot-timeline.png`,
  );

  // The same article on a phone-sized window: a tap opens the card as a bottom sheet.
  const phone = await chromium.context.newPage();
  await phone.setViewportSize({ width: 390, height: 720 });
  await phone.goto(server.url('/pages/phone.html'));
  const { tap } = await waitFor(
    () => phone.evaluate(mentionBoxInPage, 'Sinaloa Cartel'),
    'a painted "Sinaloa Cartel" on the phone page',
  );
  await phone.waitForTimeout(800);
  await phone.mouse.move(tap.x, tap.y);
  const phoneCdp = await phone.context().newCDPSession(phone);
  await waitFor(async () => (await dialogNames(phoneCdp)).length > 0, 'the sheet');
  await phone.waitForTimeout(400);
  await phone.screenshot({ path: 'docs/screenshot-phone.png' });
  console.log('Saved docs/screenshot-phone.png (narrow window: the card as a bottom sheet)');

  if (!process.argv.includes('--no-store')) await storeScreenshots(chromium, server, HOVER_TERM);
} finally {
  await chromium.close();
  await server.close();
}
