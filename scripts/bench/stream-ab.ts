/**
 * `npx tsx scripts/bench/stream-ab.ts OTHER_TREE [--firefox] [page …]`: the matcher's text stream alone,
 * this tree's against another source tree's (as for scan-ab.ts), in one page: the text nodes the scan
 * feeds (script and style text of 256 units or more left out, as the scan does) collected once, then
 * each tree's stream fed all of them, interleaved, k runs per sample, fastest of 15 samples. Warm and
 * without DOM work: where scan-ab.ts's whole-scan ratios are lost in the timer tick and machine noise,
 * this shows what a change to the stream loop itself does.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from '../lib/corpus';
import { buildIife } from './bundle';
import { openScanTab, scanPages } from './scan-tab';

const args = process.argv.slice(2);
const other = args[0];
if (!other) throw new Error('usage: stream-ab.ts OTHER_TREE [--firefox] [page …]');
const entry = join(mkdtempSync(join(tmpdir(), 'stream-ab-')), 'entry.ts');
writeFileSync(
  entry,
  `import entries from 'virtual:contexto-factsheet';
import { compileMatcher as otherCompile } from ${JSON.stringify(`${other}/src/matcher`)};
import { compileMatcher } from ${JSON.stringify(`${REPO_ROOT}/src/matcher`)};
const SKIP = new Set(['script', 'style', 'noscript', 'template', 'textarea']);
const matchers = { this: compileMatcher(entries), other: otherCompile(entries) };
function feedAll(m, texts) {
  const s = m.textStream();
  let hits = 0;
  for (const t of texts) if (s.feed(t)) { hits++; s.reset(); }
  s.release();
  return hits;
}
globalThis.__streamAb = (k, samples) => {
  const texts = [];
  const w = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = w.nextNode(); n; n = w.nextNode()) {
    const d = n.data;
    if (d.length && !(d.length >= 256 && SKIP.has(n.parentNode.localName))) texts.push(d);
  }
  const best = { this: Infinity, other: Infinity };
  const hits = {};
  for (let s = 0; s < samples; s++)
    for (const name of s % 2 ? ['this', 'other'] : ['other', 'this']) {
      const t0 = performance.now();
      for (let i = 0; i < k; i++) hits[name] = feedAll(matchers[name], texts);
      best[name] = Math.min(best[name], (performance.now() - t0) / k);
    }
  return { best, hits, texts: texts.length };
};
`,
);
const code = await buildIife(entry, 'StreamAb');
const { server, urls } = await scanPages(args.slice(1).filter((a) => !a.startsWith('--')));
const tab = await openScanTab(args.includes('--firefox'));
try {
  for (const [name, url] of urls) {
    await tab.goto(url);
    await tab.evaluate(code);
    const k = name === 'synthetic-5mb' ? 1 : 20;
    await tab.evaluate(`__streamAb(${k}, 3)`);
    const r = (await tab.evaluate(`__streamAb(${k}, 15)`)) as {
      best: { this: number; other: number };
      hits: { this: number; other: number };
      texts: number;
    };
    if (r.hits.this !== r.hits.other)
      throw new Error(`${name}: ${r.hits.this} hits here, ${r.hits.other} in the other tree`);
    console.log(
      `${name}: stream this ${r.best.this.toFixed(3)} ms, other ${r.best.other.toFixed(3)} ms (this/other ${(r.best.this / r.best.other).toFixed(2)}); ${r.hits.this} hits, ${r.texts} text nodes`,
    );
  }
} finally {
  await tab.close();
  await server.close();
}
