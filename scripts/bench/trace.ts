/**
 * Long tasks from a performance trace (Chromium tracing over CDP), page scripts off
 * (`javaScriptEnabled: false`: the page's own scripts do not run, the extension's content
 * script does). Per page, one load with the extension and one without, each traced from
 * navigation to the end of our first scan + 1 s (pages without mentions: load + 3 s; without the
 * extension: the same wait as the load with):
 * - the longest task on the page's renderer main thread (`CrRendererMain` of the process that
 *   parsed the page), with vs without the extension;
 * - the longest task attributable to us: a task in which the content script runs (an event
 *   nested in it names a `chrome-extension://<id>/` script), and the first rendering task after
 *   each of ours (style, layout, pre-paint, paint: what our highlight registration sets off; with
 *   page scripts off nothing else schedules rendering then, except the parser and resources
 *   still loading, so this over- rather than under-counts). Target: every such task ≤ 50 ms.
 */
import type { CDPSession, Page } from 'playwright-core';
import type { LocalServer } from '../lib/server';
import { chromiumPair } from './browsers';
import { type Log, round, sleep } from './common';

interface TraceEvent {
  name: string;
  cat: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  args?: Record<string, unknown>;
}

export interface TraceResult {
  page: string;
  /** Longest renderer-main-thread task (ms), without / with the extension. */
  withoutExtensionMs: number;
  withExtensionMs: number;
  /** Longest task running our content script (ms). */
  ourScriptTaskMs: number;
  /** Longest rendering task right after one of ours (ms). */
  renderingAfterOursMs: number;
  /** max(ourScriptTaskMs, renderingAfterOursMs): the target is ≤ 50. */
  oursMs: number;
  /** Tasks of ours over 50 ms (script or the rendering after it). */
  oursOver50: number;
  /** The biggest events directly inside our longest script task (name, ms). */
  ourLongestTask: [string, number][];
}

const CATEGORIES = [
  '__metadata',
  'toplevel',
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'v8.execute',
  'blink.user_timing',
];
const TASK = new Set(['ThreadControllerImpl::RunTask', 'RunTask']);
const RENDERING = new Set(['UpdateLayoutTree', 'Layout', 'PrePaint', 'Paint', 'Layerize', 'UpdateLayer', 'Commit']);

/** Runs `during` while the browser is traced; returns the trace events. */
export async function traced(cdp: CDPSession, during: () => Promise<void>): Promise<TraceEvent[]> {
  const events: TraceEvent[] = [];
  const onData = (e: { value: object[] }) => events.push(...(e.value as TraceEvent[]));
  cdp.on('Tracing.dataCollected', onData);
  await cdp.send('Tracing.start', {
    traceConfig: { includedCategories: CATEGORIES, recordMode: 'recordAsMuchAsPossible' },
    transferMode: 'ReportEvents',
  });
  try {
    await during();
  } finally {
    const complete = new Promise((r) => cdp.once('Tracing.tracingComplete', r));
    await cdp.send('Tracing.end');
    await complete;
    cdp.off('Tracing.dataCollected', onData);
  }
  return events;
}

/** The page's renderer main thread: the `CrRendererMain` thread that parsed `url`. */
function mainThread(events: TraceEvent[], url: string): { pid: number; tid: number } | null {
  const mains = new Set(
    events
      .filter(
        (e) => e.ph === 'M' && e.name === 'thread_name' && (e.args as { name?: string })?.name === 'CrRendererMain',
      )
      .map((e) => `${e.pid}:${e.tid}`),
  );
  for (const e of events) {
    if (e.name !== 'ParseHTML' || !mains.has(`${e.pid}:${e.tid}`)) continue;
    const u = (e.args as { beginData?: { url?: string } })?.beginData?.url;
    if (u === url) return { pid: e.pid, tid: e.tid };
  }
  return null;
}

/** Top-level tasks of one thread, each with the events nested in it. */
function tasksOf(events: TraceEvent[], thread: { pid: number; tid: number }) {
  const own = events
    .filter((e) => e.pid === thread.pid && e.tid === thread.tid && e.ph === 'X' && e.dur !== undefined)
    .sort((a, b) => a.ts - b.ts || b.dur! - a.dur!);
  const tasks: { ts: number; dur: number; nested: TraceEvent[] }[] = [];
  let current: (typeof tasks)[number] | null = null;
  for (const e of own) {
    if (current && e.ts < current.ts + current.dur) current.nested.push(e);
    else if (TASK.has(e.name)) {
      current = { ts: e.ts, dur: e.dur!, nested: [] };
      tasks.push(current);
    } else current = null;
  }
  return tasks;
}

export function analyseTrace(events: TraceEvent[], url: string, extensionId: string | null) {
  const thread = mainThread(events, url);
  if (!thread) return null;
  const tasks = tasksOf(events, thread);
  const longest = Math.max(0, ...tasks.map((t) => t.dur)) / 1000;
  if (!extensionId) return { longest, ourScript: 0, renderingAfter: 0, over50: 0, breakdown: [] };
  const marker = `chrome-extension://${extensionId}/`;
  const isOurs = (t: (typeof tasks)[number]) => t.nested.some((e) => e.args && JSON.stringify(e.args).includes(marker));
  const isRendering = (t: (typeof tasks)[number]) => t.nested.some((e) => RENDERING.has(e.name));
  let ourScript = 0;
  let renderingAfter = 0;
  let over50 = 0;
  let pending = false;
  let worst: (typeof tasks)[number] | null = null;
  for (const t of tasks) {
    if (isOurs(t)) {
      if (t.dur > ourScript) worst = t;
      ourScript = Math.max(ourScript, t.dur);
      if (t.dur > 50_000) over50++;
      pending = true;
    } else if (pending && isRendering(t)) {
      renderingAfter = Math.max(renderingAfter, t.dur);
      if (t.dur > 50_000) over50++;
      pending = false;
    }
  }
  return {
    longest,
    ourScript: ourScript / 1000,
    renderingAfter: renderingAfter / 1000,
    over50,
    breakdown: worst ? breakdown(worst.nested) : [],
  };
}

/** Self time (ms) per event name inside a task, largest first (for --verbose). */
function breakdown(nested: TraceEvent[]): [string, number][] {
  const self = new Map<string, number>();
  const stack: { e: TraceEvent; children: number }[] = [];
  const close = (until: number) => {
    while (stack.length && stack[stack.length - 1]!.e.ts + stack[stack.length - 1]!.e.dur! <= until) {
      const { e, children } = stack.pop()!;
      const url = (e.args as { data?: { url?: string } })?.data?.url;
      const name = `${e.name}${url ? ` ${url.replace(/^.*\//, '')}` : ''}`;
      self.set(name, (self.get(name) ?? 0) + e.dur! - children);
      if (stack.length) stack[stack.length - 1]!.children += e.dur!;
    }
  };
  for (const e of nested) {
    close(e.ts);
    stack.push({ e, children: 0 });
  }
  close(Number.POSITIVE_INFINITY);
  return [...self]
    .filter(([name]) => !TASK.has(name))
    .sort((a, b) => b[1] - a[1])
    .slice(0, 8)
    .map(([k, v]) => [k, round(v / 1000, 1)]);
}

/** The extension's id: the host of its service worker in this context. */
async function extensionIdOf(page: Page): Promise<string | null> {
  for (let i = 0; i < 20; i++) {
    const sw = page.context().serviceWorkers()[0];
    if (sw) return new URL(sw.url()).host;
    await sleep(250);
  }
  return null;
}

/** Loads `url` traced; waits for our first scan's measure (up to `quietMs`) + 1 s, or `fixedWaitMs` when given. */
async function tracedLoad(page: Page, cdp: CDPSession, url: string, quietMs: number, fixedWaitMs?: number) {
  let waited = 0;
  const events = await traced(cdp, async () => {
    const t0 = performance.now();
    await page.goto(url, { waitUntil: 'load', timeout: 120_000 }).catch(() => undefined);
    if (fixedWaitMs !== undefined) await sleep(Math.max(0, fixedWaitMs - (performance.now() - t0)));
    else {
      // The content script's measure lands in the window's shared performance timeline; with page
      // scripts off, the bench reads it through Playwright's utility world.
      // It is recorded only when the scan found something: pages without mentions wait `quietMs`.
      await page
        .waitForFunction(() => performance.getEntriesByName('contexto-scan').length > 0, undefined, {
          timeout: quietMs,
          polling: 100,
        })
        .catch(() => undefined);
      await sleep(1000);
    }
    waited = performance.now() - t0;
  });
  return { events, waited };
}

export async function traceBench(opts: {
  server: LocalServer;
  /** `mentions`: the page names terms, so our scan's measure will come (else a fixed wait). */
  targets: { name: string; url: string; mentions?: boolean }[];
  log: Log;
  verbose?: boolean;
}): Promise<TraceResult[]> {
  const { log } = opts;
  const pair = await chromiumPair(opts.server, { javaScriptEnabled: false });
  const results: TraceResult[] = [];
  try {
    const extPage = await pair.ext.newPage();
    const plainPage = await pair.plain.newPage();
    const extCdp = await pair.ext.newCDPSession(extPage);
    const plainCdp = await pair.plain.newCDPSession(plainPage);
    const id = await extensionIdOf(extPage);
    if (!id) throw new Error('trace: the extension did not start');
    for (const t of opts.targets) {
      const quiet = t.mentions ? 60_000 : 3000;
      const withExt = await tracedLoad(extPage, extCdp, t.url, quiet);
      const without = await tracedLoad(plainPage, plainCdp, t.url, quiet, withExt.waited);
      const a = analyseTrace(withExt.events, t.url, id);
      const b = analyseTrace(without.events, t.url, null);
      if (!a || !b) {
        log(`  trace ${t.name}: no main thread found for ${t.url}`);
        continue;
      }
      const r: TraceResult = {
        page: t.name,
        withoutExtensionMs: round(b.longest, 1),
        withExtensionMs: round(a.longest, 1),
        ourScriptTaskMs: round(a.ourScript, 1),
        renderingAfterOursMs: round(a.renderingAfter, 1),
        oursMs: round(Math.max(a.ourScript, a.renderingAfter), 1),
        oursOver50: a.over50,
        ourLongestTask: a.breakdown,
      };
      results.push(r);
      log(
        `  trace ${t.name}: longest task without ${r.withoutExtensionMs} ms, with ${r.withExtensionMs} ms; ours: script ${r.ourScriptTaskMs} ms, rendering after it ${r.renderingAfterOursMs} ms (${r.oursOver50} over 50 ms)${opts.verbose ? `; our longest task: ${JSON.stringify(r.ourLongestTask)}` : ''}`,
      );
    }
  } finally {
    await pair.close();
  }
  return results;
}
