/**
 * Live updates: paragraphs inserted one at a time at the top of a live article (each holds one
 * mention; at the top, so it is in the first viewport even when only near-viewport ranges are
 * registered); after each we wait until one of the extension's registered ranges lies inside
 * it. Our cost is the CPU time of content-script samples, first 100 paragraphs vs last 100
 * (after an unmeasured warm-up), also without the timed report to the background; the wall
 * time of each insert-and-wait step shows the browser's own work; medians over the rounds.
 */
import type { CDPSession, Page } from 'playwright-core';
import type { LocalServer } from '../lib/server';
import type { ChromiumPair } from './browsers';
import { type Log, median, REGISTERED_RANGES, round } from './common';
import { ourCpuMs, ourSelfTimes, startProfiler, stopProfiler, stretchesOf } from './profile';

export const INCREMENTAL_PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Incremental</title></head><body><main><article><h1>Live page</h1>${Array.from({ length: 200 }, (_, i) => `<p>Opening paragraph ${i} with ordinary words about the weather, the city and the markets.</p>`).join('')}<p>The Sinaloa Cartel is mentioned once.</p></article></main></body></html>`;

/** One round: a fresh 200-paragraph page, `count` paragraphs inserted one at a time. */
async function incrementalRound(page: Page, cdp: CDPSession, origin: string, count: number, log?: Log) {
  await page.goto(`${origin}/incremental.html`, { waitUntil: 'load' });
  await page.waitForFunction(REGISTERED_RANGES, undefined, { timeout: 30_000, polling: 50 }).catch(() => undefined);
  await page.waitForTimeout(500);
  const times: number[] = [];
  const block = async (from: number, to: number) => {
    for (let i = from; i < to; i++) {
      // A string, not a function: tsx would wrap the inner helpers in its `__name`, unknown in the page.
      const t = (await page.evaluate(`(async () => {
        const p = document.createElement('p');
        p.innerHTML = 'Paragraph ${i}: officials discussed the <em>Mérida Initiative</em> and other matters at length, again and again, today.';
        const t0 = performance.now();
        document.querySelector('article h1').after(p);
        for (;;) {
          await new Promise((r) => setTimeout(r, 2));
          for (const [name, h] of CSS.highlights)
            if (name.startsWith('contexto')) for (const r of h) if (p.contains(r.startContainer)) return performance.now() - t0;
          if (performance.now() - t0 > 5000) return -1;
        }
      })()`)) as number;
      times.push(t);
    }
  };
  // Warm-up (JIT): 50 paragraphs inserted unmeasured (they stay: a removal alone does not start a
  // rescan, so removing them would be charged to the next insert), so the first 100 are not
  // charged with compiling our code (that would flatter the last/first ratio).
  await block(-50, 0);
  await page.waitForTimeout(300);
  times.length = 0;
  const first = Math.min(100, count);
  const measured = async (from: number, to: number) => {
    await startProfiler(cdp);
    const t0 = performance.now();
    await block(from, to);
    const wall = performance.now() - t0;
    const profile = await stopProfiler(cdp);
    const n = to - from;
    return {
      profile,
      ours: ourCpuMs(profile) / n,
      // The report to the background runs on a timer (at most every REPORT_DELAY_MS), not per change.
      perChange: ourCpuMs(profile, 'report') / n,
      wall: wall / n,
      toHighlight: median(times.slice(from, to).filter((t) => t >= 0)),
    };
  };
  const a = await measured(0, first);
  await block(first, count - first);
  const b = await measured(count - first, count);
  log?.(
    `  incremental: report() stretches first ${JSON.stringify(stretchesOf(a.profile, 'report'))}, last ${JSON.stringify(stretchesOf(b.profile, 'report'))}`,
  );
  log?.(`  incremental, self ms of our samples, first 100: ${JSON.stringify(ourSelfTimes(a.profile))}`);
  log?.(`  incremental, self ms of our samples, last 100: ${JSON.stringify(ourSelfTimes(b.profile))}`);
  return { a, b, times };
}

export type IncrementalResult = Awaited<ReturnType<typeof incrementalBench>>;

/** `rounds` rounds on fresh pages; medians over the rounds. */
export async function incrementalBench(opts: {
  pair: ChromiumPair;
  server: LocalServer;
  paragraphs: number;
  rounds: number;
  log: Log;
  verbose?: boolean;
}) {
  const { pair, server, log } = opts;
  server.put('/incremental.html', { type: 'text/html; charset=utf-8', body: INCREMENTAL_PAGE });
  const page = await pair.ext.newPage();
  const cdp = await pair.ext.newCDPSession(page);
  const rs = [];
  for (let r = 0; r < opts.rounds; r++) {
    const x = await incrementalRound(page, cdp, server.origin, opts.paragraphs, opts.verbose ? log : undefined);
    if (opts.verbose)
      log(
        `  incremental round ${r}: ours ${x.a.ours.toFixed(3)} -> ${x.b.ours.toFixed(3)} ms, per change ${x.a.perChange.toFixed(3)} -> ${x.b.perChange.toFixed(3)} ms, wall ${x.a.wall.toFixed(2)} -> ${x.b.wall.toFixed(2)} ms`,
      );
    rs.push(x);
  }
  await page.close();
  const firstMs = median(rs.map((x) => x.a.ours));
  const lastMs = median(rs.map((x) => x.b.ours));
  const firstChange = median(rs.map((x) => x.a.perChange));
  const lastChange = median(rs.map((x) => x.b.perChange));
  const times = rs.flatMap((x) => x.times);
  const ok = times.filter((t) => t >= 0);
  const r3 = (x: number) => round(x, 3);
  const result = {
    paragraphs: opts.paragraphs,
    rounds: opts.rounds,
    firstHundredMsPerParagraph: r3(firstMs),
    lastHundredMsPerParagraph: r3(lastMs),
    ratio: r3(lastMs / firstMs),
    ratiosPerRound: rs.map((x) => r3(x.b.ours / x.a.ours)),
    perChangeFirstMs: r3(firstChange),
    perChangeLastMs: r3(lastChange),
    perChangeRatio: r3(lastChange / firstChange),
    wallFirstMsPerParagraph: r3(median(rs.map((x) => x.a.wall))),
    wallLastMsPerParagraph: r3(median(rs.map((x) => x.b.wall))),
    timeToHighlightFirstMs: r3(median(rs.map((x) => x.a.toHighlight))),
    timeToHighlightLastMs: r3(median(rs.map((x) => x.b.toHighlight))),
    medianTimeToHighlightMs: r3(median(ok)),
    missedHighlights: times.length - ok.length,
  };
  log(`  incremental: ${JSON.stringify(result)}`);
  return result;
}
