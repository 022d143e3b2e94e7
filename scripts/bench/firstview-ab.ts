/**
 * First view of two Firefox (or Chromium) builds side by side in one run: the bench's
 * `firstview` part (scripts/bench/firstview.ts) for each build in turn, rounds alternating
 * (A B B A …) so that the machine's load falls on both alike.
 *
 *   npx tsx scripts/bench/firstview-ab.ts a=/tmp/before b=.output/firefox-mv2 [--browser chromium] [--rounds 2] [--loads 3]
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { loadFactSheetDir } from '../../src/factsheet/load-files';
import { corpusDir, corpusPages } from '../lib/corpus';
import { NO_PAGE_SCRIPTS_CSP, startServer } from '../lib/server';
import { median } from './common';
import { firstViewBench } from './firstview';
import { syntheticPage } from './synthetic';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    browser: { type: 'string', default: 'firefox' },
    rounds: { type: 'string', default: '2' },
    loads: { type: 'string', default: '3' },
    pages: { type: 'string', default: 'wikipedia-2,yahoo-2,synthetic-5mb' },
  },
});
const browser = values.browser === 'chromium' ? 'chromium' : 'firefox';
const builds = positionals.map((p) => {
  const [name, dir] = p.split('=');
  if (!name || !dir) throw new Error(`expected name=dir, got ${p}`);
  return { name, dir };
});
if (builds.length < 2) throw new Error('give two builds: a=dir b=dir');
const wanted = values.pages.split(',');
const envKey = browser === 'chromium' ? 'CONTEXTO_EXTENSION_DIR' : 'CONTEXTO_FIREFOX_EXTENSION_DIR';

const server = await startServer(corpusDir());
const pages: { name: string; path: string; html?: string }[] = corpusPages()
  .map((p) => ({
    name: p.file.replace(/\.html$/, ''),
    path: `/firstview/${p.file}`,
    html: readFileSync(p.path, 'utf8'),
  }))
  .filter((p) => wanted.includes(p.name));
if (wanted.includes('synthetic-5mb')) {
  server.put('/synthetic.html', {
    type: 'text/html; charset=utf-8',
    body: syntheticPage(loadFactSheetDir()).html,
    headers: { 'content-security-policy': NO_PAGE_SCRIPTS_CSP },
  });
  pages.push({ name: 'synthetic-5mb', path: '/synthetic.html' });
}
const samples = new Map<string, (number | null)[]>();
const dcls = new Map<string, number[]>();
const log = (...xs: unknown[]) => console.log(...xs);
try {
  for (let round = 0; round < Number(values.rounds); round++) {
    const order = round % 2 === 0 ? builds : [...builds].reverse();
    for (const b of order) {
      process.env[envKey] = b.dir;
      log(`round ${round + 1}: ${b.name} (${b.dir})`);
      const results = await firstViewBench({ server, log, loads: Number(values.loads), pages, browser });
      for (const r of results) {
        const key = `${r.page}\t${b.name}`;
        samples.set(key, [...(samples.get(key) ?? []), ...r.samples]);
        dcls.set(key, [...(dcls.get(key) ?? []), ...r.dclSamples]);
      }
    }
  }
} finally {
  await server.close();
}
console.log(
  '\nfirst highlight in the first viewport after DOMContentLoaded (ms; negative: before it), all loads of all rounds:',
);
for (const p of pages) {
  const row = builds.map((b) => {
    const xs = samples.get(`${p.name}\t${b.name}`) ?? [];
    const ok = xs.filter((x) => x !== null);
    return `${b.name} median ${ok.length ? median(ok).toFixed(0) : '-'} (${xs.map((x) => (x === null ? 'none' : x.toFixed(0))).join(', ')})`;
  });
  console.log(`  ${p.name}: ${row.join('; ')}`);
}
// The times above count from DOMContentLoaded: a build that delayed it would look faster by them.
console.log('\nDOMContentLoaded (ms from the navigation start), medians of all loads:');
for (const p of pages) {
  const row = builds.map((b) => {
    const xs = dcls.get(`${p.name}\t${b.name}`) ?? [];
    return `${b.name} ${xs.length ? median(xs).toFixed(0) : '-'}`;
  });
  console.log(`  ${p.name}: ${row.join('; ')}`);
}
