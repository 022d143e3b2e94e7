/**
 * `npx tsx scripts/bench/scan-ab.ts OTHER_TREE [--firefox] [--reps N] [page …]`: this tree's scan against
 * another source tree's (e.g. main, unpacked with `git archive main | tar -x -C DIR` and node_modules
 * linked in), side by side in one browser: both trees' bench bundles in each page, the bare walk and
 * each tree's `contexto` interleaved in a rotating order, fastest of N (the scan part's method).
 */
import { buildPageBundle } from './bundle';
import { openScanTab, scanPages } from './scan-tab';

const args = process.argv.slice(2);
const other = args[0];
if (!other) throw new Error('usage: scan-ab.ts OTHER_TREE [--firefox] [--reps N] [page …]');
const firefox = args.includes('--firefox');
const repsAt = args.indexOf('--reps');
const reps = repsAt >= 0 ? Number(args[repsAt + 1]) : 15;
const { server, urls } = await scanPages(
  args.slice(1).filter((a, i, all) => !a.startsWith('--') && all[i - 1] !== '--reps'),
);
const otherBundle = (await import(`${other}/scripts/bench/bundle.ts`)) as { buildPageBundle: () => Promise<string> };
const bundles = { this: await buildPageBundle(), other: await otherBundle.buildPageBundle() };

const tab = await openScanTab(firefox, ['--js-flags=--expose-gc']);
const runs = [
  ['base', 'this', 'baseline'],
  ['this', 'this', 'contexto'],
  ['other', 'other', 'contexto'],
] as const;
const f = (x: number) => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));
const ratios: { this: number[]; other: number[] } = { this: [], other: [] };
try {
  for (const [name, url] of urls) {
    await tab.goto(url);
    for (const which of ['other', 'this'] as const) {
      await tab.evaluate(bundles[which]);
      await tab.evaluate(`globalThis.__ab_${which} = globalThis.__contextoBench; __ab_${which}.snapshot()`);
    }
    const best: Record<string, number> = {};
    const counts: Record<string, number> = {};
    const n = name === 'synthetic-5mb' ? Math.min(reps, 5) : reps;
    for (let rep = -1; rep < n; rep++) {
      for (let k = 0; k < runs.length; k++) {
        const [label, which, method] = runs[(k + Math.max(rep, 0)) % runs.length]!;
        await tab.evaluate(`__ab_${which}.reset()`);
        const r = (await tab.evaluate(`__ab_${which}.run(${JSON.stringify(method)})`)) as { ms: number; count: number };
        if (rep >= 0) best[label] = Math.min(best[label] ?? Number.POSITIVE_INFINITY, r.ms);
        counts[label] = r.count;
      }
    }
    if (counts.this !== counts.other)
      throw new Error(`${name}: ${counts.this} mentions here, ${counts.other} in the other tree`);
    ratios.this.push(best.this! / best.base!);
    ratios.other.push(best.other! / best.base!);
    console.log(
      `${name}: base ${f(best.base!)}, this ${f(best.this!)} (${(best.this! / best.base!).toFixed(2)}×), other ${f(best.other!)} (${(best.other! / best.base!).toFixed(2)}×) ms; ${counts.this} mentions`,
    );
  }
  const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;
  console.log(
    `median ratio over the bare walk: this ${med(ratios.this).toFixed(2)}×, other ${med(ratios.other).toFixed(2)}×`,
  );
} finally {
  await tab.close();
  await server.close();
}
