/**
 * `npx tsx scripts/bench/scan-profile.ts [--firefox] [page …]`: where the scan's time goes against
 * the bare walk, part by part, on corpus pages and the 5 MB page (the bench's bundle, page scripts
 * off). Each part is cumulative (walk → + every character read → + folded → + the stream → blocks →
 * reading in context → ranges and highlights); see `profile` in page-entry.ts.
 */
import { loadFactSheetDir } from '../../src/factsheet/load-files';
import { launchChromium } from '../lib/browser';
import { corpusDir, corpusPages } from '../lib/corpus';
import { launchFirefox } from '../lib/firefox';
import { startServer } from '../lib/server';
import { buildPageBundle } from './bundle';
import { QUICK_PAGES } from './options';
import { syntheticPage } from './synthetic';

const args = process.argv.slice(2);
const firefox = args.includes('--firefox');
const wanted = args.filter((a) => !a.startsWith('--'));
const names = wanted.length ? wanted : [...QUICK_PAGES, 'synthetic-5mb'];

const server = await startServer(corpusDir());
server.put('/synthetic.html', { type: 'text/html; charset=utf-8', body: syntheticPage(loadFactSheetDir()).html });
const urls = names.map((n) => {
  if (n === 'synthetic-5mb') return [n, `${server.origin}/synthetic.html`] as const;
  const p = corpusPages().find((c) => c.file.includes(n));
  if (!p) throw new Error(`no page ${n}`);
  return [n, `${server.origin}/static/${p.file}`] as const;
});
const bundle = await buildPageBundle();

interface Tab {
  goto(url: string): Promise<unknown>;
  evaluate(fn: string): Promise<unknown>;
}
let tab: Tab;
let close: () => Promise<void>;
if (firefox) {
  const ff = await launchFirefox({
    viewport: { width: 1280, height: 900 },
    prefs: { 'privacy.reduceTimerPrecision': false },
  });
  const page = await ff.newPage();
  tab = { goto: (u) => page.goto(u, { waitUntil: 'load', timeout: 120_000 }), evaluate: (f) => page.evaluate(f) };
  close = () => ff.close();
} else {
  const c = await launchChromium({ offline: true });
  const page = await c.context.newPage();
  tab = { goto: (u) => page.goto(u, { waitUntil: 'load', timeout: 120_000 }), evaluate: (f) => page.evaluate(f) };
  close = c.close;
}
const f = (x: number) => (x >= 10 ? x.toFixed(1) : x.toFixed(2));
try {
  for (const [name, url] of urls) {
    await tab.goto(url);
    await tab.evaluate(bundle);
    const k = name === 'synthetic-5mb' ? 1 : 10;
    await tab.evaluate(`__contextoBench.profile(${k}, 2)`);
    const p = (await tab.evaluate(`__contextoBench.profile(${k}, 5)`)) as Record<string, number>;
    const w = p.walk!;
    const parts = ['walkOnly', 'walk', 'units', 'fold', 'stream', 'setup', 'iterate', 'read', 'full'];
    console.log(
      `${name}: ${parts.map((x) => `${x} ${f(p[x]!)} (${(p[x]! / w).toFixed(1)}×)`).join(', ')}; ` +
        `${p.nodes} nodes, ${p.chars} chars, ${p.hits} hits, ${p.blocks} blocks (${p.blockChars} chars), ${p.attributeSkips} attribute skips, ${p.accepted} accepted`,
    );
  }
} finally {
  await close();
  await server.close();
}
