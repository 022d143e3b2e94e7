/**
 * `npx tsx scripts/bench/scan-profile.ts [--firefox] [page …]`: where the scan's time goes against
 * the bare walk, part by part, on corpus pages and the 5 MB page (the bench's bundle, page scripts
 * off). Each part is cumulative (walk → + every character read → + folded → + the stream → blocks →
 * reading in context → ranges and highlights); see `profile` in page-entry.ts. `--fresh`: each sample on a
 * fresh copy of the body, as the scan part's reps run (fastest of 15).
 */
import { buildPageBundle } from './bundle';
import { openScanTab, scanPages } from './scan-tab';

const args = process.argv.slice(2);
const firefox = args.includes('--firefox');
const fresh = args.includes('--fresh');
const { server, urls } = await scanPages(args.filter((a) => !a.startsWith('--')));
const bundle = await buildPageBundle();

const tab = await openScanTab(firefox);
const f = (x: number) => (x >= 10 ? x.toFixed(1) : x.toFixed(2));
try {
  for (const [name, url] of urls) {
    await tab.goto(url);
    await tab.evaluate(bundle);
    const k = name === 'synthetic-5mb' ? 1 : 10;
    if (fresh) await tab.evaluate('__contextoBench.snapshot()');
    await tab.evaluate(`__contextoBench.profile(${k}, 2, ${fresh})`);
    const p = (await tab.evaluate(`__contextoBench.profile(${k}, ${fresh ? 15 : 5}, ${fresh})`)) as Record<
      string,
      number
    >;
    const w = p.walk!;
    const parts = ['walkOnly', 'walk', 'units', 'fold', 'stream', 'setup', 'iterate', 'read', 'full'];
    console.log(
      `${name}: ${parts.map((x) => `${x} ${f(p[x]!)} (${(p[x]! / w).toFixed(1)}×)`).join(', ')}; ` +
        `${p.nodes} nodes, ${p.chars} chars, ${p.hits} hits, ${p.blocks} blocks (${p.blockChars} chars), ${p.attributeSkips} attribute skips, ${p.accepted} accepted`,
    );
  }
} finally {
  await tab.close();
  await server.close();
}
