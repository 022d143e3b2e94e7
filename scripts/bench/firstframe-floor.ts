/**
 * When Firefox ESR shows a page's first frame after DOMContentLoaded, with each build and with a
 * floor build whose content script does nothing (the first build's files, `content.js` replaced):
 * the `firstview` part's target (first highlight ≤ 50 ms after DOMContentLoaded) cannot be met
 * before the browser's own first frame, and this tells whether our script delays that frame. Per
 * load: DOMContentLoaded → the first animation frame after it, read in the page's main world;
 * corpus pages with the `firstview` part's first paragraph, page scripts off (CSP); loads
 * interleaved build by build.
 *
 *   tsx scripts/bench/firstframe-floor.ts NAME=DIR … [--rounds 5] [--pages wikipedia-2,yahoo-2]
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { Page } from 'puppeteer-core';
import { corpusDir } from '../lib/corpus';
import { launchFirefox } from '../lib/firefox';
import { NO_PAGE_SCRIPTS_CSP, startServer } from '../lib/server';
import { median, sleep } from './common';
import { withFirstParagraph } from './firstview';

const INIT = `(() => {
  const t = { dcl: 0, frame: 0 };
  window.__contextoFirstFrame = t;
  document.addEventListener('DOMContentLoaded', () => {
    t.dcl = performance.now();
    requestAnimationFrame(() => { t.frame = performance.now(); });
  }, { once: true });
})();`;

const { values, positionals } = parseArgs({
  options: { rounds: { type: 'string', default: '5' }, pages: { type: 'string', default: 'wikipedia-2,yahoo-2' } },
  allowPositionals: true,
});
const builds = positionals.map((spec) => {
  const at = spec.indexOf('=');
  if (at < 1) throw new Error(`expected NAME=DIR, got ${spec}`);
  return { name: spec.slice(0, at), dir: resolve(spec.slice(at + 1)) };
});
if (!builds.length) throw new Error('name at least one Firefox build: NAME=DIR');
const floorRoot = mkdtempSync(join(tmpdir(), 'contexto-floor-ff-'));
const floorDir = join(floorRoot, 'floor');
cpSync(builds[0]!.dir, floorDir, { recursive: true });
writeFileSync(join(floorDir, 'content-scripts/content.js'), 'void document.readyState;');
builds.push({ name: 'floor (no content script work)', dir: floorDir });

const server = await startServer(floorRoot);
const pages = values.pages.split(',');
for (const p of pages)
  server.put(`/${p}.html`, {
    type: 'text/html; charset=utf-8',
    headers: { 'content-security-policy': NO_PAGE_SCRIPTS_CSP },
    body: withFirstParagraph(readFileSync(join(corpusDir(), `${p}.html`), 'utf8')),
  });

const tabs: { name: string; page: Page; close(): Promise<void> }[] = [];
const times = new Map<string, number[]>();
try {
  for (const b of builds) {
    const ff = await launchFirefox({
      extensionDir: b.dir,
      viewport: { width: 1280, height: 900 },
      prefs: { 'privacy.reduceTimerPrecision': false },
    });
    tabs.push({ name: b.name, page: await ff.newPage([], { intercept: false }), close: () => ff.close() });
    await tabs.at(-1)!.page.evaluateOnNewDocument(INIT);
  }
  // One unmeasured load each (disk cache, the extension's first start).
  for (const t of tabs) await t.page.goto(`${server.origin}/${pages[0]}.html`, { waitUntil: 'load' });
  for (let r = 0; r < Number(values.rounds); r++)
    for (const p of pages)
      for (const t of tabs) {
        await t.page.goto(`${server.origin}/${p}.html`, { waitUntil: 'load', timeout: 120_000 });
        await sleep(200);
        const ms = await t.page.evaluate(() => {
          const f = (window as unknown as { __contextoFirstFrame: { dcl: number; frame: number } })
            .__contextoFirstFrame;
          return f.frame - f.dcl;
        });
        const key = `${t.name}\t${p}`;
        times.set(key, [...(times.get(key) ?? []), Math.round(ms)]);
      }
} finally {
  for (const t of tabs) await t.close();
  await server.close();
  rmSync(floorRoot, { recursive: true, force: true });
}
console.log('Firefox ESR: DOMContentLoaded → first animation frame after it (ms), per load');
for (const [key, xs] of times) {
  const [name, page] = key.split('\t');
  console.log(`  ${name} ${page}: median ${median(xs)} (${xs.join(', ')})`);
}
