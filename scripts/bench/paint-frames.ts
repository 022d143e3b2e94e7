/**
 * Rendering cost of our highlights on the 5 MB synthetic page in Chromium (page scripts off),
 * for several builds of the extension side by side in one run, and without the extension:
 *  (a) the frame of a hover card against a plain fixed box added to the page without our highlights,
 *  (b) frames over a scripted scroll (rAF intervals, and the longest main-thread task from a trace),
 *  (c) the longest renderer main-thread task from a performance trace during load and scan
 *      (devtools.timeline: scripts, style, layout and paint), and how many ranges end up registered.
 * A "frame" in (a) is the longest renderer main-thread task in the trace from the action to 1.5 s
 * after it (the task that runs style, layout and paint for the change, our script included).
 *
 *   npx tsx scripts/bench/paint-frames.ts [--ext name=dir ...] [--rounds 3]
 * Default builds: main=/tmp/pv-main-ext (a build of main) and branch=.output/chrome-mv3.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, CDPSession, Page } from 'playwright-core';
import { loadFactSheetDir } from '../../src/factsheet/load-files';
import { launchChromium } from '../lib/browser';
import { REPO_ROOT } from '../lib/corpus';
import { NO_PAGE_SCRIPTS_CSP, startServer } from '../lib/server';
import { cardsSoFar, nextCardMs } from './common';
import { syntheticPage } from './synthetic';
import type { TraceEvent as BaseTraceEvent } from './tracing';

/** The trace events this script reads, with the arguments it looks into. */
interface TraceEvent extends Omit<BaseTraceEvent, 'args'> {
  args?: { name?: string; data?: { frames?: { processId?: number; url?: string }[]; url?: string } };
}

const argv = process.argv.slice(2);
const exts: [string, string][] = [];
for (let i = 0; i < argv.length; i++) {
  if (argv[i] === '--ext') {
    const [name, dir] = argv[++i]!.split('=');
    exts.push([name!, dir!]);
  }
}
if (!exts.length) exts.push(['main', '/tmp/pv-main-ext'], ['branch', join(REPO_ROOT, '.output/chrome-mv3')]);
const roundsArg = argv.indexOf('--rounds');
const ROUNDS = roundsArg >= 0 ? Number(argv[roundsArg + 1]) : 3;

const CATEGORIES = [
  'toplevel',
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'disabled-by-default-devtools.timeline.frame',
  'blink.user_timing',
].join(',');

async function startTrace(cdp: CDPSession): Promise<() => Promise<TraceEvent[]>> {
  const events: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', (e) => {
    events.push(...(e.value as unknown as TraceEvent[]));
  });
  await cdp.send('Tracing.start', { categories: CATEGORIES, transferMode: 'ReportEvents' });
  return async () => {
    const done = new Promise<void>((ok) => cdp.once('Tracing.tracingComplete', () => ok()));
    await cdp.send('Tracing.end');
    await done;
    return events;
  };
}

/** Top-level task durations (ms) on the renderer main thread of the page's process, with their start (µs). */
function rendererTasks(events: TraceEvent[], url: string): { ts: number; ms: number }[] {
  const mainThreads = new Map<number, number>(); // pid → tid of CrRendererMain
  for (const e of events)
    if (e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain') mainThreads.set(e.pid, e.tid);
  // The page's process: from the tracing-started frames, else the one with most task time.
  let pid: number | undefined;
  for (const e of events) {
    const frames = e.args?.data?.frames;
    const hit = frames?.find((f) => f.url?.startsWith(url));
    if (hit?.processId) pid = hit.processId;
  }
  const isTask = (e: TraceEvent) =>
    e.ph === 'X' && (e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask') && e.dur !== undefined;
  if (pid === undefined || !mainThreads.has(pid)) {
    const total = new Map<number, number>();
    for (const e of events)
      if (isTask(e) && mainThreads.get(e.pid) === e.tid) total.set(e.pid, (total.get(e.pid) ?? 0) + e.dur!);
    pid = [...total].sort((a, b) => b[1] - a[1])[0]?.[0];
  }
  const tid = pid === undefined ? undefined : mainThreads.get(pid);
  return events
    .filter((e) => isTask(e) && e.pid === pid && e.tid === tid)
    .map((e) => ({ ts: e.ts, ms: e.dur! / 1000 }))
    .sort((a, b) => a.ts - b.ts);
}

const longest = (tasks: { ms: number }[]) => Math.max(0, ...tasks.map((t) => t.ms));
const r1 = (x: number) => Math.round(x * 10) / 10;
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]! : -1;
};
const median = (xs: number[]) => pct(xs, 50);

/** Ranges registered under our highlight names now (page's main world). */
const REGISTERED = `(() => { let n = 0; for (const [k, h] of CSS.highlights) if (k.startsWith('contexto') && k !== 'contexto-focus') n += h.size; return n; })()`;

async function waitForScan(page: Page, withExtension: boolean): Promise<void> {
  if (!withExtension) return;
  // The controller records `contexto-scan` when the first full scan is done.
  await page.waitForFunction(() => performance.getEntriesByName('contexto-scan').length > 0, undefined, {
    timeout: 120_000,
    polling: 100,
  });
  await page.waitForTimeout(1500); // painting batches and the observer settle
}

interface VariantResult {
  name: string;
  loadLongestTaskMs: number[];
  loadTasksOver50: number[];
  registeredAfterLoad: number;
  boxFrameMs: number[];
  boxTaskMs: number[];
  cardTaskMs: number[];
  cardMeasureMs: number[];
  scrollFrameMs: number[];
  scrollLongestTaskMs: number[];
  /** Scrolled frames in which the registered ranges changed (each has Chromium rebuild every highlight marker). */
  scrollChangedFrames: number[];
  registeredAfterScroll: number;
}

function emptyResult(name: string): VariantResult {
  return {
    name,
    loadLongestTaskMs: [],
    loadTasksOver50: [],
    registeredAfterLoad: 0,
    boxFrameMs: [],
    boxTaskMs: [],
    cardTaskMs: [],
    cardMeasureMs: [],
    scrollFrameMs: [],
    scrollLongestTaskMs: [],
    scrollChangedFrames: [],
    registeredAfterScroll: 0,
  };
}

/** One round on a fresh page, added to `res`. */
async function measure(res: VariantResult, context: BrowserContext, url: string, withExtension: boolean) {
  {
    const page = await context.newPage();
    await page.goto('about:blank');
    const cdp = await context.newCDPSession(page);
    // (c) load and scan, traced.
    let stop = await startTrace(cdp);
    await page.goto(url, { waitUntil: 'load', timeout: 120_000 });
    await waitForScan(page, withExtension);
    let tasks = rendererTasks(await stop(), url);
    res.loadLongestTaskMs.push(r1(longest(tasks)));
    res.loadTasksOver50.push(tasks.filter((t) => t.ms > 50).length);
    res.registeredAfterLoad = (await page.evaluate(REGISTERED)) as number;

    // (a) a plain fixed box: append → the frame after it (rAF, then a task after that frame's rendering).
    stop = await startTrace(cdp);
    for (let i = 0; i < 3; i++) {
      res.boxFrameMs.push(
        r1(
          (await page.evaluate(`new Promise((resolve) => {
            const d = document.createElement('div');
            d.style.cssText = 'position:fixed;left:100px;top:100px;width:300px;height:200px;background:#fff;border:1px solid #888;z-index:2147483646';
            d.textContent = 'card '.repeat(40);
            const t0 = performance.now();
            document.documentElement.append(d);
            requestAnimationFrame(() => setTimeout(() => { const ms = performance.now() - t0; d.remove(); setTimeout(() => resolve(ms), 300); }, 0));
          })`)) as number,
        ),
      );
    }
    tasks = rendererTasks(await stop(), url);
    res.boxTaskMs.push(r1(longest(tasks)));

    if (withExtension) {
      // (a) the card: rest the pointer on a painted mention in the viewport; the trace covers delay and paint.
      const point = (await page.evaluate(() => {
        for (const [n, h] of CSS.highlights as unknown as Map<string, Set<Range>>) {
          if (!n.startsWith('contexto') || n === 'contexto-focus') continue;
          for (const range of h) {
            const r = range.getClientRects()[0];
            if (r && r.top > 150 && r.bottom < innerHeight - 150 && r.left > 0 && r.right < innerWidth)
              return { x: r.left + Math.min(r.width / 2, 8), y: r.top + r.height / 2 };
          }
        }
        return null;
      })) as { x: number; y: number } | null;
      if (point) {
        const before = await cardsSoFar(page);
        await page.mouse.move(point.x - 40, point.y + 60);
        await page.waitForTimeout(300);
        stop = await startTrace(cdp);
        await page.mouse.move(point.x, point.y, { steps: 2 });
        const ms = await nextCardMs(page, before, 5000);
        await page.waitForTimeout(300);
        tasks = rendererTasks(await stop(), url);
        if (ms !== null) {
          res.cardMeasureMs.push(r1(ms));
          res.cardTaskMs.push(r1(longest(tasks)));
        }
        await page.mouse.move(1279, 1);
        await page.keyboard.press('Escape');
        await page.waitForTimeout(800);
      }
    }

    // (b) scripted scroll: 200 frames, 60 px each (about 13 viewports), from the top.
    await page.evaluate(() => scrollTo(0, 0));
    await page.waitForTimeout(1000);
    stop = await startTrace(cdp);
    // A string: tsx would wrap named inner functions in a helper the page does not have.
    const { frames, changed } = (await page.evaluate(`new Promise((resolve) => {
      const times = [];
      let n = 0;
      let changed = 0;
      let last = '';
      const look = () => {
        let s = '';
        for (const [k, h] of CSS.highlights) if (k.startsWith('contexto')) s += k + h.size + ';';
        return s;
      };
      const step = (t) => {
        times.push(t);
        const now = look();
        if (n > 0 && now !== last) changed++;
        last = now;
        if (n++ >= 200) return resolve({ frames: times.slice(1).map((x, i) => x - times[i]), changed });
        scrollBy(0, 60);
        requestAnimationFrame(step);
      };
      requestAnimationFrame(step);
    })`)) as { frames: number[]; changed: number };
    res.scrollChangedFrames.push(changed);
    tasks = rendererTasks(await stop(), url);
    res.scrollFrameMs.push(...frames.map(r1));
    res.scrollLongestTaskMs.push(r1(longest(tasks)));
    await page.waitForTimeout(1000);
    res.registeredAfterScroll = (await page.evaluate(REGISTERED)) as number;
    await cdp.detach();
    await page.close();
  }
}

async function main(): Promise<void> {
  const entries = loadFactSheetDir();
  const synthetic = syntheticPage(entries);
  const server = await startServer(REPO_ROOT);
  server.put('/synthetic.html', {
    type: 'text/html; charset=utf-8',
    body: synthetic.html,
    headers: { 'content-security-policy': NO_PAGE_SCRIPTS_CSP },
  });
  const url = `${server.origin}/synthetic.html`;
  console.log(
    `paint-frames: synthetic page ${(synthetic.html.length / 1048576).toFixed(1)} MB, ${synthetic.mentions} mentions; ${ROUNDS} rounds; page scripts off`,
  );
  const variants = ([['without', null], ...exts] as [string, string | null][]).filter(([name, dir]) => {
    if (!dir || existsSync(join(dir, 'manifest.json'))) return true;
    console.log(`${name}: no build at ${dir}, skipped`);
    return false;
  });
  const results = variants.map(([name]) => emptyResult(name));
  // Rounds interleave the variants (a fresh browser each), so drifting load on the machine hits them alike.
  for (let round = 0; round < ROUNDS; round++) {
    for (const [i, [name, dir]] of variants.entries()) {
      const { context, close } = await launchChromium(dir ? { extensionDir: dir } : {});
      try {
        await measure(results[i]!, context, url, dir !== null);
      } finally {
        await close();
      }
      console.log(`round ${round + 1} ${name} done`);
    }
  }
  for (const r of results) console.log(JSON.stringify({ ...r, scrollFrameMs: undefined }));
  await server.close();
  const base = results.find((r) => r.name === 'without');
  const rows = results.map((r) => ({
    variant: r.name,
    'load: longest task ms (median)': median(r.loadLongestTaskMs),
    'load: tasks >50 ms (median)': median(r.loadTasksOver50),
    'registered ranges after load': r.registeredAfterLoad,
    'box frame ms (median)': median(r.boxFrameMs),
    'box longest task ms (median)': median(r.boxTaskMs),
    'card longest task ms (median)': r.cardTaskMs.length ? median(r.cardTaskMs) : '-',
    'card measure ms (median)': r.cardMeasureMs.length ? median(r.cardMeasureMs) : '-',
    'card / box task without': r.cardTaskMs.length && base ? r1(median(r.cardTaskMs) / median(base.boxTaskMs)) : '-',
    'scroll frame p50/p95/max ms': `${r1(pct(r.scrollFrameMs, 50))}/${r1(pct(r.scrollFrameMs, 95))}/${r1(Math.max(...r.scrollFrameMs))}`,
    'scroll p95 / without': base ? r1(pct(r.scrollFrameMs, 95) / pct(base.scrollFrameMs, 95)) : '-',
    'scroll longest task ms (median)': median(r.scrollLongestTaskMs),
    'scroll frames with a highlight change (median)': median(r.scrollChangedFrames),
    'registered after scroll': r.registeredAfterScroll,
  }));
  console.table(rows);
}

await main();
