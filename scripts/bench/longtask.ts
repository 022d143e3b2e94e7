/**
 * Longest task (page scripts on): the longest main-thread task (PerformanceObserver `longtask`,
 * page's main world) during load + 1.5 s, with the extension loaded and without; plus the
 * longest uninterrupted stretch of the content script's own JavaScript, from V8 CPU profile
 * samples whose stack contains the content script. The trace part (trace.ts) is the firmer
 * measure; this one stays for comparison with earlier runs.
 */
import type { BrowserContext } from 'playwright-core';
import type { CorpusPage } from '../lib/corpus';
import type { LocalServer } from '../lib/server';
import { chromiumPair } from './browsers';
import type { Log } from './common';
import { longestRun, startProfiler, stopProfiler } from './profile';

export interface LongTaskResult {
  page: string;
  withExtensionMs: number;
  withoutExtensionMs: number;
  longestContentScriptRunMs: number;
}

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

export async function longTaskBench(opts: {
  server: LocalServer;
  pages: CorpusPage[];
  log: Log;
}): Promise<{ longTasks: LongTaskResult[]; worstContentScriptRunMs: number; blockedRequestsFromExtension: number }> {
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
    return {
      longTasks,
      worstContentScriptRunMs: longTasks.length ? Math.max(...longTasks.map((l) => l.longestContentScriptRunMs)) : -1,
      blockedRequestsFromExtension: pair.blockedFromExtension(),
    };
  } finally {
    await pair.close();
  }
}
