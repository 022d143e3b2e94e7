/**
 * `npm run icons`: exports design/icon.svg to public/icon/{16,32,48,96,128}.png with the
 * Chromium the tests already use (headless, no network, no other tool), and writes
 * docs/store/icon-preview.png: the toolbar sizes at their real pixels on light and dark
 * toolbars, with and without a badge drawn like the browser's (enlarged 4×, pixelated, so
 * the pixels can be judged), plus the 128 px icon on both.
 *
 *   npm run icons                # PNGs + preview
 *   npm run icons -- --preview   # only the preview, from the committed PNGs
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { requireBrowser } from './lib/browser-paths';
import { ICON_SIZES, iconPadding, iconPath, pngSize } from './lib/release';

const SOURCE = 'design/icon.svg';
const PREVIEW = 'docs/store/icon-preview.png';
const BADGE_BG = '#3b4652'; // src/background/tab-mentions.ts setBadgeBackgroundColor
const TOOLBARS = [
  { name: 'Chrome light', bg: '#ffffff' },
  { name: 'Firefox light', bg: '#f9f9fb' },
  { name: 'Chrome dark', bg: '#35363a' },
  { name: 'Firefox dark', bg: '#2b2a33' },
];

const dataUrl = (type: string, bytes: Buffer | string) =>
  `data:${type};base64,${Buffer.from(bytes).toString('base64')}`;

const browser = await chromium.launch({
  executablePath: requireBrowser('chromium'),
  headless: true,
  args: ['--no-sandbox', '--disable-gpu'],
});
try {
  const page = await browser.newPage({ deviceScaleFactor: 1 });
  await page.route('**/*', (route) => (route.request().url().startsWith('data:') ? route.continue() : route.abort()));

  if (!process.argv.includes('--preview')) {
    const svg = readFileSync(SOURCE, 'utf8');
    mkdirSync('public/icon', { recursive: true });
    for (const size of ICON_SIZES) {
      const pad = iconPadding(size);
      await page.setViewportSize({ width: size, height: size });
      await page.setContent(
        `<html><body style="margin:0;background:transparent"><img id="i" src="${dataUrl('image/svg+xml', svg)}" ` +
          `style="display:block;box-sizing:border-box;width:${size}px;height:${size}px;padding:${pad}px"></body></html>`,
      );
      await page.locator('#i').evaluate((img: HTMLImageElement) => img.decode());
      const png = await page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } });
      const got = pngSize(png);
      if (got?.width !== size || got.height !== size)
        throw new Error(`${iconPath(size)}: rendered ${got?.width}×${got?.height}, expected ${size}×${size}`);
      writeFileSync(`public/${iconPath(size)}`, png);
      console.log(`public/${iconPath(size)}  ${size}×${size}  padding ${pad}px  ${png.length} B`);
    }
  }

  // Preview: real pixels first, then enlarged without smoothing.
  const img = (size: number) => dataUrl('image/png', readFileSync(`public/${iconPath(size)}`));
  const badge = (text: string, scale: number) =>
    `<span style="position:absolute;right:${-4 * scale}px;bottom:${-3 * scale}px;min-width:${8 * scale}px;height:${10 * scale}px;padding:0 ${2 * scale}px;` +
    `border-radius:${2 * scale}px;background:${BADGE_BG};color:#fff;font:bold ${8.5 * scale}px/${10 * scale}px system-ui,sans-serif;text-align:center">${text}</span>`;
  const slot = (size: number, display: number, text: string | null, scale: number) =>
    `<span style="position:relative;display:inline-block;width:${display}px;height:${display}px;margin:0 ${10 * scale}px">` +
    `<img src="${img(size)}" width="${display}" height="${display}" style="display:block">${text ? badge(text, scale) : ''}</span>`;
  const rows = TOOLBARS.map(
    (t) =>
      `<div style="background:${t.bg};padding:6px 8px;display:flex;align-items:center;gap:4px">` +
      slot(16, 16, null, 1) +
      slot(16, 16, '3', 1) +
      slot(16, 16, '12', 1) +
      `<span style="width:18px"></span>` +
      slot(32, 32, null, 2) +
      slot(32, 32, '12', 2) +
      `</div>`,
  ).join('');
  await page.setViewportSize({ width: 300, height: 4 * 44 });
  await page.setContent(`<html><body style="margin:0">${rows}</body></html>`);
  await page.evaluate(() => Promise.all([...document.images].map((i) => i.decode())));
  const small = await page.screenshot({
    clip: { x: 0, y: 0, width: 300, height: await page.evaluate(() => document.body.scrollHeight) },
  });
  const big = TOOLBARS.filter((_, i) => i % 2 === 0)
    .map(
      (t) =>
        `<div style="background:${t.bg};padding:12px;display:inline-block"><img src="${img(128)}" width="128" height="128" style="display:block"></div>`,
    )
    .join('');
  const labels = TOOLBARS.map(
    (t) => `<div style="height:${44 * 4}px;display:flex;align-items:center">${t.name}</div>`,
  ).join('');
  await page.setViewportSize({ width: 1600, height: 4 * 44 * 4 + 40 });
  await page.setContent(
    `<html><body style="margin:0;font:14px system-ui,sans-serif;display:flex;gap:16px;padding:8px">` +
      `<div>${labels}</div><img src="${dataUrl('image/png', small)}" style="image-rendering:pixelated;width:${300 * 4}px">` +
      `<div style="display:flex;flex-direction:column;gap:8px">${big}</div></body></html>`,
  );
  await page.evaluate(() => Promise.all([...document.images].map((i) => i.decode())));
  mkdirSync('docs/store', { recursive: true });
  const height = await page.evaluate(() => document.body.scrollHeight);
  writeFileSync(PREVIEW, await page.screenshot({ clip: { x: 0, y: 0, width: 1600, height } }));
  console.log(`${PREVIEW}  toolbar sizes at 4× (16 px with badges "3" and "12", 32 px), 128 px on light and dark`);
} finally {
  await browser.close();
}
