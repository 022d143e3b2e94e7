/**
 * Cards on the 5 MB page for two Chromium builds side by side: both browsers open at once, the page
 * loaded and scanned in each, then rounds of hovers (./hover.ts) alternating between them (A B B A …),
 * so the machine's load falls on both alike. Parts run one after another disagreed by 2× on this
 * machine where this did not.
 *
 *   npx tsx scripts/bench/hover-ab.ts a=/tmp/before b=.output/chrome-mv3 [--rounds 4] [--hovers 8]
 */
import { parseArgs } from 'node:util';
import { loadFactSheetDir } from '../../src/factsheet/load-files';
import { launchChromium } from '../lib/browser';
import { corpusDir } from '../lib/corpus';
import { NO_PAGE_SCRIPTS_CSP, startServer } from '../lib/server';
import { median } from './common';
import { hover, waitForScan } from './hover';
import { syntheticPage } from './synthetic';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { rounds: { type: 'string', default: '4' }, hovers: { type: 'string', default: '8' } },
});
const specs = positionals.map((p) => {
  const [name, dir] = p.split('=');
  if (!name || !dir) throw new Error(`expected name=dir, got ${p}`);
  return { name, dir };
});
if (specs.length !== 2) throw new Error('give two builds: a=dir b=dir');

const server = await startServer(corpusDir());
server.put('/synthetic.html', {
  type: 'text/html; charset=utf-8',
  body: syntheticPage(loadFactSheetDir()).html,
  headers: { 'content-security-policy': NO_PAGE_SCRIPTS_CSP },
});
const url = `${server.origin}/synthetic.html`;
const builds = [];
try {
  for (const { name, dir } of specs) {
    const browser = await launchChromium({ extensionDir: dir, offline: true });
    builds.push({ name, browser, page: await browser.context.newPage(), placed: [] as number[], card: [] as number[] });
  }
  for (const b of builds) {
    await b.page.goto(url, { waitUntil: 'load', timeout: 120_000 });
    await waitForScan(b.page);
  }
  for (let r = 0; r < Number(values.rounds); r++) {
    for (const b of r % 2 ? [...builds].reverse() : builds) {
      const h = await hover(b.page, url, 'synthetic-5mb', Number(values.hovers), { reload: false });
      b.placed.push(h.placedMedianMs);
      b.card.push(h.medianMs);
      console.log(
        `${b.name} round ${r + 1}: placed ${h.placedMedianMs.toFixed(1)} ms, card painted ${h.medianMs.toFixed(1)} ms, frame end ${h.frameEndMedianMs.toFixed(1)} ms (medians of ${h.samplesMs.length}; missed ${h.missed})`,
      );
    }
  }
  console.log("\nmedians of the round medians (ms from the show delay's end):");
  for (const b of builds)
    console.log(`  ${b.name}: placed ${median(b.placed).toFixed(1)}, card painted ${median(b.card).toFixed(1)}`);
} finally {
  for (const b of builds) await b.browser.close();
  await server.close();
}
