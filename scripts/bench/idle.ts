/**
 * Nothing to find: what the extension costs a page (and each of its frames: the content script
 * runs in all frames) that names no term. Page scripts off (`javaScriptEnabled: false`), so
 * all script time on the page's renderer main thread is ours. Per load, a fresh tab; CDP
 * `Performance.getMetrics` (`ScriptDuration`, `TaskDuration`: the renderer main thread's totals
 * since the tab opened) read 2 s after `load`. Pages: one paragraph, and the same paragraph with
 * ten small same-origin iframes of one paragraph each. Targets: ≤ 3 ms of script per frame with
 * the extension (minus without), and the ten-frame page's task time ≤ 1.2× without.
 */
import type { BrowserContext } from 'playwright-core';
import type { LocalServer } from '../lib/server';
import { chromiumPair } from './browsers';
import { type Log, median, round, sleep } from './common';

export interface IdleResult {
  page: string;
  frames: number;
  scriptMs: { with: number; without: number };
  taskMs: { with: number; without: number };
  /** (script with − script without) / frames. */
  scriptPerFrameMs: number;
  taskRatio: number;
}

const doc = (body: string) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Note</title></head><body>${body}</body></html>`;
const PARAGRAPH = '<p>A short note about the weather, the city and the markets today, and nothing else.</p>';
const FRAMES = 10;

export const IDLE_PAGES = [
  { name: 'one paragraph', path: '/idle/one.html', frames: 1 },
  { name: `one paragraph + ${FRAMES} iframes`, path: '/idle/frames.html', frames: 1 + FRAMES },
];

function putPages(server: LocalServer): void {
  const html = (body: string) => ({ type: 'text/html; charset=utf-8', body: doc(body) });
  server.put('/idle/one.html', html(PARAGRAPH));
  server.put('/idle/frame.html', html(PARAGRAPH));
  server.put(
    '/idle/frames.html',
    html(
      PARAGRAPH +
        Array.from(
          { length: FRAMES },
          (_, i) => `<iframe src="/idle/frame.html?${i}" width="300" height="120"></iframe>`,
        ).join(''),
    ),
  );
}

async function metricsOfLoad(context: BrowserContext, url: string): Promise<{ script: number; task: number }> {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  await page.goto(url, { waitUntil: 'load', timeout: 60_000 });
  await sleep(2000);
  const { metrics } = (await cdp.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] };
  await page.close();
  const m = (name: string) => (metrics.find((x) => x.name === name)?.value ?? 0) * 1000;
  return { script: m('ScriptDuration'), task: m('TaskDuration') };
}

export async function idleBench(opts: { server: LocalServer; loads: number; log: Log }): Promise<IdleResult[]> {
  const { server, log } = opts;
  putPages(server);
  const pair = await chromiumPair(server, { javaScriptEnabled: false });
  const results: IdleResult[] = [];
  try {
    // One unmeasured load each (disk cache, the extension's first start).
    await metricsOfLoad(pair.ext, server.origin + IDLE_PAGES[1]!.path);
    await metricsOfLoad(pair.plain, server.origin + IDLE_PAGES[1]!.path);
    for (const p of IDLE_PAGES) {
      const w: { script: number; task: number }[] = [];
      const wo: { script: number; task: number }[] = [];
      for (let i = 0; i < opts.loads; i++) {
        wo.push(await metricsOfLoad(pair.plain, server.origin + p.path));
        w.push(await metricsOfLoad(pair.ext, server.origin + p.path));
      }
      const med = (xs: { script: number; task: number }[], k: 'script' | 'task') => median(xs.map((x) => x[k]));
      const r: IdleResult = {
        page: p.name,
        frames: p.frames,
        scriptMs: { with: round(med(w, 'script'), 1), without: round(med(wo, 'script'), 1) },
        taskMs: { with: round(med(w, 'task'), 1), without: round(med(wo, 'task'), 1) },
        scriptPerFrameMs: round((med(w, 'script') - med(wo, 'script')) / p.frames, 2),
        taskRatio: round(med(w, 'task') / med(wo, 'task')),
      };
      results.push(r);
      log(
        `  nothing to find, ${p.name}: script ${r.scriptMs.with} vs ${r.scriptMs.without} ms (${r.scriptPerFrameMs} ms per frame), task ${r.taskMs.with} vs ${r.taskMs.without} ms (${r.taskRatio}×); medians of ${opts.loads} loads`,
      );
    }
  } finally {
    await pair.close();
  }
  return results;
}
