/**
 * Longest task (page scripts on): the longest main-thread task (PerformanceObserver `longtask`,
 * page's main world) during load + 1.5 s, with the extension loaded and without; plus the
 * longest uninterrupted stretch of the content script's own JavaScript, from V8 CPU profile
 * samples whose stack contains the content script. The trace part (trace.ts) is the firmer
 * measure; this one stays for comparison with earlier runs.
 * Then the page's own timer: how often a 10 ms interval fires in the 2 s after `load` on a page
 * naming the sheet's terms 1,200 times, with vs without the extension (median of `TICK_ROUNDS`
 * alternating loads; test:pages prints one load of each).
 */
import type { BrowserContext } from 'playwright-core';
import type { CorpusPage } from '../lib/corpus';
import type { LocalServer } from '../lib/server';
import { chromiumPair } from './browsers';
import type { Log } from './common';
import { longestRun, startProfiler, stopProfiler } from './profile';
import { TICKS_HTML, TICKS_PATH, ticksAfterLoad } from '../lib/ticks-page';
import { median } from './common';

export interface LongTaskResult {
  page: string;
  withExtensionMs: number;
  withoutExtensionMs: number;
  longestContentScriptRunMs: number;
}

/** The ticks page's timer in the 2 s after load (10 ms interval: at most about 200). */
export interface PageTimerResult {
  rounds: number;
  withoutExtension: number;
  withExtension: number;
  /** withExtension / withoutExtension. */
  ratio: number;
}

const TICK_ROUNDS = 5;

const LONGTASK_INIT = `(() => {
  window.__longest = 0;
  try {
    new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__longest = Math.max(window.__longest, e.duration); })
      .observe({ type: 'longtask', buffered: true });
  } catch {}
})();`;

async function longestTask(
  context: BrowserContext,
  url: string,
  profile: boolean,
): Promise<{ longest: number; ours: number }> {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  if (profile) await startProfiler(cdp);
  await page.goto(url, { waitUntil: 'load', timeout: 60_000 }).catch(() => undefined);
  await page.waitForTimeout(1500);
  const longest = (await page
    .evaluate(() => (window as unknown as { __longest: number }).__longest)
    .catch(() => -1)) as number;
  const ours = profile ? longestRun(await stopProfiler(cdp)) : 0;
  await page.close();
  return { longest, ours };
}

export async function longTaskBench(opts: { server: LocalServer; pages: CorpusPage[]; log: Log }): Promise<{
  longTasks: LongTaskResult[];
  worstContentScriptRunMs: number;
  pageTimer: PageTimerResult;
  blockedRequestsFromExtension: number;
}> {
  const { server, log } = opts;
  const pair = await chromiumPair(server, { countBlocked: true });
  try {
    await pair.ext.addInitScript(LONGTASK_INIT);
    await pair.plain.addInitScript(LONGTASK_INIT);
    const longTasks: LongTaskResult[] = [];
    for (const p of opts.pages) {
      const url = `${server.origin}/page/${p.file}`;
      const a = await longestTask(pair.plain, url, false);
      const b = await longestTask(pair.ext, url, true);
      longTasks.push({
        page: p.file.replace(/\.html$/, ''),
        withoutExtensionMs: a.longest,
        withExtensionMs: b.longest,
        longestContentScriptRunMs: b.ours,
      });
      log(
        `  longtask ${p.file}: without ${a.longest.toFixed(0)} ms, with ${b.longest.toFixed(0)} ms, ours ${b.ours.toFixed(1)} ms`,
      );
    }
    server.put(TICKS_PATH, { type: 'text/html; charset=utf-8', body: TICKS_HTML });
    const plainPage = await pair.plain.newPage();
    const extPage = await pair.ext.newPage();
    const without: number[] = [];
    const withExt: number[] = [];
    for (let i = 0; i < TICK_ROUNDS; i++) {
      without.push(await ticksAfterLoad(plainPage, server.origin));
      withExt.push(await ticksAfterLoad(extPage, server.origin));
    }
    const pageTimer: PageTimerResult = {
      rounds: TICK_ROUNDS,
      withoutExtension: median(without),
      withExtension: median(withExt),
      ratio: Math.round((median(withExt) / median(without)) * 100) / 100,
    };
    log(
      `  page timer (ticks in 2 s after load, 1,200 mentions): without ${without.join(', ')}; with ${withExt.join(', ')}; medians ${pageTimer.withExtension} / ${pageTimer.withoutExtension} = ${pageTimer.ratio}×`,
    );
    return {
      longTasks,
      pageTimer,
      worstContentScriptRunMs: longTasks.length ? Math.max(...longTasks.map((l) => l.longestContentScriptRunMs)) : -1,
      blockedRequestsFromExtension: pair.blockedFromExtension(),
    };
  } finally {
    await pair.close();
  }
}
