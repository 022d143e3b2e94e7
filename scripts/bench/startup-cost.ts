/**
 * What the content script costs where there is nothing to find (issue 12, target 6): the
 * renderer's main-thread script and task time (CDP `Performance.getMetrics` ScriptDuration and
 * TaskDuration, deltas over one load) with the built extension against the same browser without
 * it, side by side, on a one-paragraph page and on that page with ten small same-origin iframes.
 * Page scripts are off (CSP), so only the browser and the extension work. With `--profile`, a CPU
 * profile of the content script instead (self time per function, per load).
 *
 *   tsx scripts/bench/startup-cost.ts [--extension .output/chrome-mv3] [--loads 9] [--profile]
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { BrowserContext, Page } from 'playwright-core';
import { launchChromium } from '../lib/browser';
import { NO_PAGE_SCRIPTS_CSP, startServer, type LocalServer } from '../lib/server';

/** No fact-sheet term in it. */
const PARAGRAPH = '<p>The weather stayed mild all week, and the river ran low under the old stone bridge.</p>';
const page = (body: string) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Start-up cost</title></head><body>${body}</body></html>`;
export const FRAME_COUNT = 10;

/** One paragraph that names two of the sheet's terms: the frame loads the full script and paints. */
const MENTION_PARAGRAPH = '<p>Fentanyl seizures rose at the border, officials said, as the Sinaloa Cartel split.</p>';

export function putStartupPages(server: LocalServer): { one: string; frames: string; mention: string } {
  const headers = { 'content-security-policy': NO_PAGE_SCRIPTS_CSP };
  const type = 'text/html; charset=utf-8';
  server.put('/startup/one.html', { type, headers, body: page(PARAGRAPH) });
  server.put('/startup/mention.html', { type, headers, body: page(MENTION_PARAGRAPH) });
  const frames: string[] = [];
  for (let i = 0; i < FRAME_COUNT; i++) {
    server.put(`/startup/frame-${i}.html`, { type, headers, body: page(`<p>Small frame ${i}: sponsored.</p>`) });
    frames.push(`<iframe src="/startup/frame-${i}.html" width="300" height="100"></iframe>`);
  }
  server.put('/startup/frames.html', { type, headers, body: page(PARAGRAPH + frames.join('')) });
  return {
    one: `${server.origin}/startup/one.html`,
    frames: `${server.origin}/startup/frames.html`,
    mention: `${server.origin}/startup/mention.html`,
  };
}

export interface CostSample {
  scriptMs: number;
  taskMs: number;
}

/** Loads `url` in a fresh tab and returns the main-thread script and task time the load cost (settled: 1.5 s after load). */
async function measureLoad(context: BrowserContext, url: string, settleMs: number): Promise<CostSample> {
  const p = await context.newPage();
  try {
    const cdp = await context.newCDPSession(p);
    await cdp.send('Performance.enable');
    const read = async () => {
      const { metrics } = await cdp.send('Performance.getMetrics');
      const m = new Map(metrics.map((x) => [x.name, x.value]));
      return { script: (m.get('ScriptDuration') ?? 0) * 1000, task: (m.get('TaskDuration') ?? 0) * 1000 };
    };
    const before = await read();
    await p.goto(url, { waitUntil: 'load' });
    await p.waitForTimeout(settleMs);
    const after = await read();
    // A new renderer process for the page starts its counters at zero.
    const base = after.task >= before.task ? before : { script: 0, task: 0 };
    return { scriptMs: after.script - base.script, taskMs: after.task - base.task };
  } finally {
    await p.close();
  }
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

export interface StartupCostResult {
  page: string;
  frames: number;
  without: { scriptMs: number; taskMs: number };
  with: { scriptMs: number; taskMs: number };
  /** Extra script per frame (ms, medians). */
  extraScriptPerFrameMs: number;
  taskRatio: number;
}

/** Alternates loads without and with the extension, so both see the same machine load. */
export async function startupCostBench(opts: {
  server: LocalServer;
  extensionDir: string;
  loads: number;
  settleMs?: number;
  log: (...xs: unknown[]) => void;
}): Promise<StartupCostResult[]> {
  const urls = putStartupPages(opts.server);
  const settle = opts.settleMs ?? 1500;
  const bare = await launchChromium({ offline: true });
  const ext = await launchChromium({ extensionDir: opts.extensionDir, offline: true });
  const results: StartupCostResult[] = [];
  try {
    const worker = ext.context.serviceWorkers()[0] ?? (await ext.context.waitForEvent('serviceworker'));
    void worker;
    await new Promise((r) => setTimeout(r, 1000));
    for (const [name, url, frames] of [
      ['one paragraph', urls.one, 1],
      [`${FRAME_COUNT} small iframes`, urls.frames, FRAME_COUNT + 1],
    ] as const) {
      // Unmeasured warm-up loads (disk cache, first start of the extension in a renderer).
      await measureLoad(bare.context, url, 200);
      await measureLoad(ext.context, url, 200);
      const w: CostSample[] = [];
      const e: CostSample[] = [];
      for (let i = 0; i < opts.loads; i++) {
        w.push(await measureLoad(bare.context, url, settle));
        e.push(await measureLoad(ext.context, url, settle));
      }
      const sum = (xs: CostSample[]) => ({
        scriptMs: median(xs.map((x) => x.scriptMs)),
        taskMs: median(xs.map((x) => x.taskMs)),
      });
      const r: StartupCostResult = {
        page: name,
        frames,
        without: sum(w),
        with: sum(e),
        extraScriptPerFrameMs: 0,
        taskRatio: 0,
      };
      r.extraScriptPerFrameMs = (r.with.scriptMs - r.without.scriptMs) / frames;
      r.taskRatio = r.with.taskMs / r.without.taskMs;
      results.push(r);
      opts.log(
        `  start-up cost, ${name} (${frames} frame${frames > 1 ? 's' : ''}): script ${r.with.scriptMs.toFixed(1)} vs ${r.without.scriptMs.toFixed(1)} ms without (${r.extraScriptPerFrameMs.toFixed(2)} ms extra per frame); task ${r.with.taskMs.toFixed(0)} vs ${r.without.taskMs.toFixed(0)} ms (${r.taskRatio.toFixed(2)}×); median of ${opts.loads}`,
      );
      opts.log(
        `    samples with: script ${e.map((x) => x.scriptMs.toFixed(1)).join(', ')}; task ${e.map((x) => x.taskMs.toFixed(0)).join(', ')}`,
      );
      opts.log(
        `    samples without: script ${w.map((x) => x.scriptMs.toFixed(1)).join(', ')}; task ${w.map((x) => x.taskMs.toFixed(0)).join(', ')}`,
      );
    }
  } finally {
    await ext.close();
    await bare.close();
  }
  return results;
}

/**
 * Where the extension's main-thread time goes on `url`: a CPU profile (CDP `Profiler`, 100 µs
 * samples) of `loads` loads, self time per function of the content script (and the garbage
 * collector), per load.
 */
export async function profileLoads(context: BrowserContext, url: string, loads: number): Promise<[string, number][]> {
  const self = new Map<string, number>();
  for (let run = 0; run <= loads; run++) {
    const p: Page = await context.newPage();
    try {
      const cdp = await context.newCDPSession(p);
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
      await cdp.send('Profiler.start');
      await p.goto(url, { waitUntil: 'load' });
      await p.waitForTimeout(1500);
      const { profile } = await cdp.send('Profiler.stop');
      if (run === 0) continue; // warm-up
      const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
      profile.samples?.forEach((id, i) => {
        const f = nodes.get(id)!.callFrame;
        if (f.functionName !== '(garbage collector)' && !f.url.startsWith('chrome-extension:')) return;
        const key = `${f.functionName || '(top level)'} ${f.url.split('/').pop()}:${f.lineNumber + 1}:${f.columnNumber + 1}`;
        self.set(key, (self.get(key) ?? 0) + (profile.timeDeltas?.[i] ?? 0) / 1000 / loads);
      });
    } finally {
      await p.close();
    }
  }
  return [...self].sort((x, y) => y[1] - x[1]);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({
    options: {
      extension: { type: 'string', default: '.output/chrome-mv3' },
      loads: { type: 'string', default: '9' },
      profile: { type: 'boolean', default: false },
    },
    strict: true,
  });
  const server = await startServer(resolve('tests/fixtures'));
  try {
    const extensionDir = resolve(values.extension);
    console.log(`extension ${extensionDir}`);
    if (values.profile) {
      const urls = putStartupPages(server);
      const ext = await launchChromium({ extensionDir, offline: true });
      try {
        await new Promise((r) => setTimeout(r, 1000));
        for (const url of [urls.one, urls.frames, urls.mention]) {
          const rows = await profileLoads(ext.context, url, Number(values.loads));
          const total = rows.reduce((t, [, ms]) => t + ms, 0);
          console.log(`${url}: ${total.toFixed(1)} ms sampled per load in the content script and GC`);
          for (const [k, ms] of rows.slice(0, 30)) console.log(`  ${ms.toFixed(2).padStart(8)} ${k}`);
        }
      } finally {
        await ext.close();
      }
    } else
      await startupCostBench({ server, extensionDir, loads: Number(values.loads), log: (...xs) => console.log(...xs) });
  } finally {
    await server.close();
  }
}
