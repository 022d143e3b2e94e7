/**
 * Long tasks from a performance trace (Chromium tracing over CDP), page scripts off: the pages
 * are served with a CSP that runs none of their scripts (`NO_PAGE_SCRIPTS_CSP`, the /static/
 * route; not `javaScriptEnabled: false`, under which the loader's import() of the full content
 * script fails and only the loader ran). Per page, one load with the extension and one without,
 * each traced from navigation to the end of our first scan + 1 s (pages without mentions: load +
 * 3 s; without the extension: the same wait as the load with):
 * - the longest task on the page's renderer main thread (`CrRendererMain` of the process that
 *   parsed the page), with vs without the extension;
 * - our part of every task in which the content script runs: the outermost events that name a
 *   `chrome-extension://` script (the loader, or the full script under its per-session URL), and the
 *   outermost script entries (a call, an evaluation, a microtask checkpoint, a timer) in which the
 *   V8 sampler traced along caught our script on the stack: the full script's module evaluation
 *   and our promise continuations name no script, and a scan slice resumed by a timer runs in a
 *   microtask checkpoint inside it; plus the checkpoint right after each (our continuations), with any
 *   style or layout they force; not the host task's other work (a parser task that also runs our
 *   DOMContentLoaded listener goes on to recalculate the whole page's style and layout, which it
 *   does as long without us); the host task's length is reported too, and whether the full script ran;
 * - the rendering right after each of ours from DOMContentLoaded on (style, layout, pre-paint,
 *   paint: what our highlight registration sets off; before it we only read storage, and the
 *   frames that follow are the page's own): the rendering events after our part in the same task
 *   when it is a frame that ran our animation-frame callback, else the next rendering task; with page
 *   scripts off nothing else schedules rendering then, except resources still loading, so this
 *   over- rather than under-counts: the page's own first frames after DOMContentLoaded (its whole
 *   style, layout and paint) come then with or without us;
 * - so a control, from the load without the extension: the page's own first rendering task after
 *   the one that dispatched DOMContentLoaded, and its longest rendering task after that (some pages
 *   keep rendering on their own). "Rendering we add": the rendering right after ours less the
 *   paired load's control for that frame (the first, or a later one), at least 0. Target: our
 *   script part and the rendering we add ≤ 50 ms.
 * One load moves 2–5× between runs: `loads` loads per page (with and without, alternating), each
 * figure the median over them.
 */
import type { CDPSession, Page } from 'playwright-core';
import type { LocalServer } from '../lib/server';
import { CONTENT_MAIN_PATH } from '../../src/page/handoff';
import { chromiumPair } from './browsers';
import { type Log, median, round, sleep } from './common';
import { CATEGORIES, type TraceEvent, traced } from './tracing';

export interface TraceResult {
  page: string;
  /** Loads per page; every figure below is the median over them. */
  loads: number;
  /** Longest renderer-main-thread task (ms), without / with the extension. */
  withoutExtensionMs: number;
  withExtensionMs: number;
  /** Longest part of a task that is our content script's (ms; see above). */
  ourScriptTaskMs: number;
  /** Most thread (CPU) time of one such part (ms): less sensitive to a loaded machine than the wall time. */
  ourScriptCpuMs: number;
  /** Longest task holding our script, the host's work included (ms). */
  hostTaskMs: number;
  /** Longest rendering task right after one of ours (ms). */
  renderingAfterOursMs: number;
  /** max(ourScriptTaskMs, renderingAfterOursMs). */
  oursMs: number;
  /** The control: without the extension, the first rendering task after the one that dispatched DOMContentLoaded (ms). */
  pageRenderingWithoutMs: number;
  /** The control for later frames: without the extension, the longest rendering task after that first one (ms). */
  pageLaterRenderingWithoutMs: number;
  /**
   * The rendering right after ours less the paired load's control: in the page's first frame after
   * DOMContentLoaded, its first frame; in a later frame, its longest later one; the larger, at least 0 (ms).
   */
  renderingAddedMs: number;
  /** max(ourScriptTaskMs, renderingAddedMs) per paired load, median: the target is ≤ 50. */
  oursAddedMs: number;
  /** Parts of ours over 50 ms (script or the rendering after it), per load. */
  oursOver50: number[];
  /** In the load with the median `oursMs`: the biggest events inside our longest script part (name, self ms). */
  ourLongestTask: [string, number][];
  /** The same part's sampled time per function of ours (name@file:line:column, ms): where its script time went. */
  ourLongestFunctions: [string, number][];
  /** The full content script (content-main.js) ran (in every load): the page opened the gate and its import worked. */
  fullScript: boolean;
  /**
   * The loader's (content.js) longest part of a task, wall and thread time (ms), and all of its parts
   * together: while the top frame parses, its looks at the text run in mutation observer callbacks.
   */
  loaderMs: number;
  loaderCpuMs: number;
  loaderTotalMs: number;
}

const TASK = new Set(['ThreadControllerImpl::RunTask', 'RunTask']);
/** Events only a rendering frame (BeginMainFrame) holds. */
const FRAME = new Set(['FireAnimationFrame', 'BeginMainFrame', 'Commit']);
const RENDERING = new Set(['UpdateLayoutTree', 'Layout', 'PrePaint', 'Paint', 'Layerize', 'UpdateLayer', 'Commit']);

/** Time (µs) in a task's rendering steps, each counted once (not again inside another). */
function renderingIn(nested: TraceEvent[]): number {
  let sum = 0;
  let end = Number.NEGATIVE_INFINITY;
  for (const e of nested) {
    if (!RENDERING.has(e.name) || e.ts < end) continue;
    sum += e.dur!;
    end = e.ts + e.dur!;
  }
  return sum;
}

/** The page's renderer main thread: the `CrRendererMain` thread that parsed `url`. */
function mainThread(events: TraceEvent[], url: string): { pid: number; tid: number; parsedFrom: number } | null {
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
    if (u === url) return { pid: e.pid, tid: e.tid, parsedFrom: e.ts };
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

/** Names our scripts: the only extension in the bench's browser (the full script's URL has a per-session host). */
const MARKER = 'chrome-extension://';
/** Names the loader (entrypoints/content.ts, built to content-scripts/content.js). */
const LOADER = '/content-scripts/content.js"';

/** Where script runs: an event of these that the sampler caught our script in is ours. */
const SCRIPT_ENTRY = new Set([
  'EvaluateScript',
  'v8.evaluateModule',
  'v8.run',
  'v8.callFunction',
  'FunctionCall',
  'RunMicrotasks',
  'TimerFire',
  'FireAnimationFrame',
  'FireIdleCallback',
]);

/** The trace categories of this part: the shared ones and the V8 sampler's, which sees our script where no event names it. */
export const TRACE_CATEGORIES = [...CATEGORIES, 'disabled-by-default-v8.cpu_profiler'];

interface ProfileNode {
  id: number;
  parent?: number;
  callFrame: { url?: string; functionName?: string; lineNumber?: number; columnNumber?: number };
}

/**
 * The V8 sampler's samples on one thread, in time order (µs): each with the function of ours
 * nearest the top of its stack (`name@file:line:column`), or null when none of ours is on it.
 */
export function samplesOf(events: TraceEvent[], thread: { pid: number; tid: number }) {
  const ts: number[] = [];
  const ours: (string | null)[] = [];
  for (const profile of events) {
    if (profile.name !== 'Profile' || profile.pid !== thread.pid || profile.tid !== thread.tid) continue;
    const nodes = new Map<number, ProfileNode>();
    const label = new Map<number, string | null>();
    const oursAt = (id: number): string | null => {
      const known = label.get(id);
      if (known !== undefined) return known;
      const n = nodes.get(id);
      const f = n?.callFrame;
      const v = !n
        ? null
        : f?.url?.startsWith(MARKER)
          ? `${f.functionName || '(anonymous)'}@${f.url.replace(/^.*\//, '')}:${f.lineNumber}:${f.columnNumber}`
          : n.parent === undefined
            ? null
            : oursAt(n.parent);
      label.set(id, v);
      return v;
    };
    let t = (profile.args as { data: { startTime: number } }).data.startTime;
    for (const chunk of events) {
      if (chunk.name !== 'ProfileChunk' || chunk.pid !== thread.pid || chunk.id !== profile.id) continue;
      const data = (
        chunk.args as { data: { cpuProfile?: { nodes?: ProfileNode[]; samples?: number[] }; timeDeltas?: number[] } }
      ).data;
      for (const n of data.cpuProfile?.nodes ?? []) nodes.set(n.id, n);
      const samples = data.cpuProfile?.samples ?? [];
      samples.forEach((node, i) => {
        t += data.timeDeltas?.[i] ?? 0;
        ts.push(t);
        ours.push(oursAt(node));
      });
    }
  }
  const order = ts.map((_, i) => i).sort((a, b) => ts[a]! - ts[b]!);
  return { ts: order.map((i) => ts[i]!), ours: order.map((i) => ours[i]!) };
}

type Samples = ReturnType<typeof samplesOf>;

/** Index of the first sample at or after `t`. */
function firstSample(samples: Samples, t: number): number {
  let lo = 0;
  let hi = samples.ts.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (samples.ts[mid]! < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** A sample of ours within [from, to]. */
function sampledOurs(samples: Samples, from: number, to: number): boolean {
  for (let i = firstSample(samples, from); i < samples.ts.length && samples.ts[i]! <= to; i++)
    if (samples.ours[i] !== null) return true;
  return false;
}

export function analyseTrace(events: TraceEvent[], url: string, withExtension: boolean) {
  const thread = mainThread(events, url);
  if (!thread) return null;
  const tasks = tasksOf(events, thread);
  const longest = Math.max(0, ...tasks.map((t) => t.dur)) / 1000;
  const isRendering = (t: (typeof tasks)[number]) => t.nested.some((e) => RENDERING.has(e.name));
  // Our highlights come after DOMContentLoaded (its dispatch on this thread); rendering before is the page's.
  const dcl =
    events.find(
      (e) =>
        e.pid === thread.pid &&
        e.tid === thread.tid &&
        e.name === 'EventDispatch' &&
        (e.args as { data?: { type?: string } })?.data?.type === 'DOMContentLoaded' &&
        e.ts >= thread.parsedFrom,
    )?.ts ?? Number.POSITIVE_INFINITY;
  // The page's first rendering task after the one dispatching DOMContentLoaded: it lays out and paints
  // what the parser's last task left, with or without us (the control, from a load without us).
  const firstFrame = tasks.find((t) => t.ts > dcl && isRendering(t));
  const pageRendering = (firstFrame?.dur ?? 0) / 1000;
  // And its longest rendering task after that first frame (pages that keep rendering on their own:
  // late images, fonts, CSS animations), the control for a later frame.
  const pageLaterRendering =
    Math.max(0, ...tasks.filter((t) => firstFrame && t.ts > firstFrame.ts && isRendering(t)).map((t) => t.dur)) / 1000;
  const renderingSinceDcl = tasks.filter((t) => t.ts > dcl).reduce((sum, t) => sum + renderingIn(t.nested), 0) / 1000;
  if (!withExtension)
    return {
      longest,
      pageRendering,
      pageLaterRendering,
      renderingSinceDcl,
      ourScript: 0,
      ourScriptCpu: 0,
      host: 0,
      renderingAfter: 0,
      renderingAfterInFirstFrame: 0,
      renderingAfterLater: 0,
      over50: 0,
      breakdown: [],
      renderingBreakdown: [],
      functions: [],
      fullScript: false,
      loader: { longest: 0, longestCpu: 0, total: 0 },
    };
  const marker = MARKER;
  const samples = samplesOf(events, thread);
  const fullScript = tasks.some((t) =>
    t.nested.some((e) => e.args && JSON.stringify(e.args).includes(`${CONTENT_MAIN_PATH}"`)),
  );
  const isOurs = (t: (typeof tasks)[number]) =>
    t.nested.some((e) => e.args && JSON.stringify(e.args).includes(marker)) || sampledOurs(samples, t.ts, t.ts + t.dur);
  let ourScript = 0;
  let ourScriptCpu = 0;
  let host = 0;
  let renderingAfter = 0;
  // The rendering after ours split: in the page's first frame after DOMContentLoaded, and in any later one.
  let renderingAfterInFirstFrame = 0;
  let renderingAfterLater = 0;
  let renderingBreakdown: [string, number][] = [];
  const rendered = (t: (typeof tasks)[number], ms: number, from = 0) => {
    renderingAfter = Math.max(renderingAfter, ms);
    if (t === firstFrame) renderingAfterInFirstFrame = ms;
    else if (ms > renderingAfterLater) {
      renderingAfterLater = ms;
      renderingBreakdown = breakdown(t.nested.filter((e) => e.ts >= from));
    }
    if (ms > 50_000) over50++;
    pending = false;
  };
  let over50 = 0;
  let pending = false;
  let worst: TraceEvent[] = [];
  let worstRoots: TraceEvent[] = [];
  for (const t of tasks) {
    const part = isOurs(t) ? ourPart(t.nested, marker, samples) : null;
    if (part) {
      if (part.dur > ourScript) {
        worst = part.events;
        worstRoots = part.roots;
      }
      ourScript = Math.max(ourScript, part.dur);
      ourScriptCpu = Math.max(ourScriptCpu, part.cpu);
      host = Math.max(host, t.dur);
      if (part.dur > 50_000) over50++;
      if (part.end < dcl) continue;
      pending = true;
      // A frame that ran our callback renders in the same task, after it. (Not a parser task's own
      // style and layout once it has dispatched DOMContentLoaded to us: it does that as long without us.)
      const isFrame = t.nested.some((e) => FRAME.has(e.name));
      const rendering = isFrame ? renderingIn(t.nested.filter((e) => e.ts >= part.end)) : 0;
      if (rendering > 0) rendered(t, rendering, part.end);
    } else if (pending && isRendering(t)) rendered(t, t.dur);
  }
  return {
    longest,
    pageRendering,
    pageLaterRendering,
    renderingSinceDcl,
    ourScript: ourScript / 1000,
    ourScriptCpu: ourScriptCpu / 1000,
    host: host / 1000,
    renderingAfter: renderingAfter / 1000,
    renderingAfterInFirstFrame: renderingAfterInFirstFrame / 1000,
    renderingAfterLater: renderingAfterLater / 1000,
    over50,
    breakdown: breakdown(worst),
    renderingBreakdown,
    functions: functionsIn(worstRoots, samples),
    fullScript,
    loader: loaderParts(tasks),
  };
}

/** The loader's parts (ms): the outermost events naming its script, per task. */
function loaderParts(tasks: { nested: TraceEvent[] }[]) {
  let longest = 0;
  let longestCpu = 0;
  let total = 0;
  for (const t of tasks) {
    let dur = 0;
    let cpu = 0;
    let end = 0;
    for (const e of t.nested) {
      if (e.ts < end || !e.args || !JSON.stringify(e.args).includes(LOADER)) continue;
      end = e.ts + e.dur!;
      dur += e.dur!;
      cpu += e.tdur ?? e.dur!;
    }
    longest = Math.max(longest, dur);
    longestCpu = Math.max(longestCpu, cpu);
    total += dur;
  }
  return { longest: longest / 1000, longestCpu: longestCpu / 1000, total: total / 1000 };
}

/**
 * Our part of one task (µs): the outermost events naming our script or script entries in which a
 * sample caught ours, each with the microtask checkpoint that follows it at the same level (where
 * our promise continuations run), and everything nested in those; `cpu`: their thread time (`tdur`:
 * less than `dur` on a loaded machine, where the thread waits for a core); `end`: where the last of them ends.
 */
function ourPart(
  nested: TraceEvent[],
  marker: string,
  samples: Samples,
): { dur: number; cpu: number; end: number; events: TraceEvent[]; roots: TraceEvent[] } {
  const parent = new Map<TraceEvent, TraceEvent | null>();
  const stack: TraceEvent[] = [];
  for (const e of nested) {
    while (stack.length && stack[stack.length - 1]!.ts + stack[stack.length - 1]!.dur! <= e.ts) stack.pop();
    parent.set(e, stack[stack.length - 1] ?? null);
    stack.push(e);
  }
  const names = (e: TraceEvent) =>
    (e.args !== undefined && JSON.stringify(e.args).includes(marker)) ||
    (SCRIPT_ENTRY.has(e.name) && sampledOurs(samples, e.ts, e.ts + e.dur!));
  const inside = (e: TraceEvent, roots: Set<TraceEvent>) => {
    for (let p = parent.get(e); p; p = parent.get(p)) if (roots.has(p)) return true;
    return false;
  };
  const roots = new Set<TraceEvent>();
  for (const e of nested) if (names(e) && !inside(e, roots)) roots.add(e);
  // The checkpoint after one of ours: the next event with the same parent, when it is one.
  for (const e of [...roots]) {
    const next = nested.find((n) => n.ts >= e.ts + e.dur! && parent.get(n) === parent.get(e));
    if (next && next.name === 'RunMicrotasks') roots.add(next);
  }
  let dur = 0;
  let cpu = 0;
  let end = 0;
  for (const e of roots) {
    dur += e.dur!;
    cpu += e.tdur ?? e.dur!;
    end = Math.max(end, e.ts + e.dur!);
  }
  return { dur, cpu, end, events: nested.filter((e) => roots.has(e) || inside(e, roots)), roots: [...roots] };
}

/** Sampled time (ms) per function of ours within our part's outermost events, largest first (for --verbose). */
function functionsIn(roots: TraceEvent[], samples: Samples): [string, number][] {
  const time = new Map<string, number>();
  for (const e of roots) {
    for (let i = firstSample(samples, e.ts); i < samples.ts.length && samples.ts[i]! <= e.ts + e.dur!; i++) {
      const fn = samples.ours[i];
      // A sample stands for the time until the next one.
      if (fn) time.set(fn, (time.get(fn) ?? 0) + (samples.ts[i + 1] ?? samples.ts[i]!) - samples.ts[i]!);
    }
  }
  return [...time]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 6)
    .map(([k, v]) => [k, round(v / 1000, 1)]);
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

/** Loads `url` traced; waits for our first scan's measure (up to `quietMs`) + 1 s, or `fixedWaitMs` when given. */
async function tracedLoad(page: Page, cdp: CDPSession, url: string, quietMs: number, fixedWaitMs?: number) {
  let waited = 0;
  const events = await traced(
    cdp,
    async () => {
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
    },
    TRACE_CATEGORIES,
  );
  return { events, waited };
}

export async function traceBench(opts: {
  server: LocalServer;
  /**
   * Served with `NO_PAGE_SCRIPTS_CSP` (page scripts off). `mentions`: the page names terms, so our
   * scan's measure will come (else a fixed wait).
   */
  targets: { name: string; url: string; mentions?: boolean }[];
  /** Loads per page, with and without the extension each. */
  loads: number;
  log: Log;
  verbose?: boolean;
}): Promise<TraceResult[]> {
  const { log } = opts;
  const pair = await chromiumPair(opts.server);
  const results: TraceResult[] = [];
  try {
    const extPage = await pair.ext.newPage();
    const plainPage = await pair.plain.newPage();
    const extCdp = await pair.ext.newCDPSession(extPage);
    const plainCdp = await pair.plain.newCDPSession(plainPage);
    for (const t of opts.targets) {
      const quiet = t.mentions ? 60_000 : 3000;
      const runs: {
        a: NonNullable<ReturnType<typeof analyseTrace>>;
        b: NonNullable<ReturnType<typeof analyseTrace>>;
      }[] = [];
      for (let i = 0; i < opts.loads; i++) {
        const withExt = await tracedLoad(extPage, extCdp, t.url, quiet);
        const without = await tracedLoad(plainPage, plainCdp, t.url, quiet, withExt.waited);
        const a = analyseTrace(withExt.events, t.url, true);
        const b = analyseTrace(without.events, t.url, false);
        if (!a || !b) {
          log(`  trace ${t.name}: no main thread found for ${t.url}`);
          continue;
        }
        runs.push({ a, b });
        if (opts.verbose)
          log(
            `    load ${i + 1}: loader ${round(a.loader.longest, 1)} ms (thread ${round(a.loader.longestCpu, 1)} ms, all parts ${round(a.loader.total, 1)} ms); ours: script ${round(a.ourScript, 1)} ms (thread time ${round(a.ourScriptCpu, 1)} ms; in a task of ${round(a.host, 1)} ms), rendering since DOMContentLoaded ${round(a.renderingSinceDcl, 1)} ms (without us ${round(b.renderingSinceDcl, 1)} ms), rendering after it ${round(a.renderingAfter, 1)} ms (in a later frame: ${round(a.renderingAfterLater, 1)} ms, ${JSON.stringify(a.renderingBreakdown)}); events ${JSON.stringify(a.breakdown)}; sampled ${JSON.stringify(a.functions)}`,
          );
      }
      if (!runs.length) continue;
      const med = (f: (r: (typeof runs)[number]) => number) => round(median(runs.map(f)), 1);
      const ours = (r: (typeof runs)[number]) => Math.max(r.a.ourScript, r.a.renderingAfter);
      const oursMs = med(ours);
      // Each against the page's own without us: its first frame after DOMContentLoaded, and its longest later one.
      const added = (r: (typeof runs)[number]) =>
        Math.max(
          0,
          r.a.renderingAfterInFirstFrame - r.b.pageRendering,
          r.a.renderingAfterLater - r.b.pageLaterRendering,
        );
      // The load whose figure is the median (the nearer of the two middle ones).
      const typical = runs.reduce((best, r) => (Math.abs(ours(r) - oursMs) < Math.abs(ours(best) - oursMs) ? r : best));
      const r: TraceResult = {
        page: t.name,
        loads: runs.length,
        withoutExtensionMs: med((x) => x.b.longest),
        withExtensionMs: med((x) => x.a.longest),
        ourScriptTaskMs: med((x) => x.a.ourScript),
        ourScriptCpuMs: med((x) => x.a.ourScriptCpu),
        hostTaskMs: med((x) => x.a.host),
        renderingAfterOursMs: med((x) => x.a.renderingAfter),
        oursMs,
        pageRenderingWithoutMs: med((x) => x.b.pageRendering),
        pageLaterRenderingWithoutMs: med((x) => x.b.pageLaterRendering),
        renderingAddedMs: med(added),
        oursAddedMs: med((x) => Math.max(x.a.ourScript, added(x))),
        oursOver50: runs.map((x) => x.a.over50),
        ourLongestTask: typical.a.breakdown,
        ourLongestFunctions: typical.a.functions,
        fullScript: runs.every((x) => x.a.fullScript),
        loaderMs: med((x) => x.a.loader.longest),
        loaderCpuMs: med((x) => x.a.loader.longestCpu),
        loaderTotalMs: med((x) => x.a.loader.total),
      };
      results.push(r);
      log(
        `  trace ${t.name} (medians of ${r.loads} loads): longest task without ${r.withoutExtensionMs} ms, with ${r.withExtensionMs} ms; ours: script ${r.ourScriptTaskMs} ms (thread time ${r.ourScriptCpuMs} ms; in a task of ${r.hostTaskMs} ms), rendering after it ${r.renderingAfterOursMs} ms (over 50 ms per load: ${r.oursOver50.join(', ')}), the page's own first frame after DOMContentLoaded without us ${r.pageRenderingWithoutMs} ms and its longest later one ${r.pageLaterRenderingWithoutMs} ms, so we add ${r.renderingAddedMs} ms; full script ${r.fullScript ? 'ran' : 'did not run in every load'}; loader's longest part ${r.loaderMs} ms (thread ${r.loaderCpuMs} ms; all its parts ${r.loaderTotalMs} ms)${opts.verbose ? `; our longest part in the median load: ${JSON.stringify(r.ourLongestTask)}, sampled ${JSON.stringify(r.ourLongestFunctions)}` : ''}`,
      );
    }
  } finally {
    await pair.close();
  }
  return results;
}
