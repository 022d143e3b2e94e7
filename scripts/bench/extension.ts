/**
 * Bench parts that need the built extension (.output/chrome-mv3):
 * - longest task: the longest main-thread task (PerformanceObserver `longtask`, page's
 *   main world) during load + 1.5 s, with the extension loaded and without; plus the
 *   longest uninterrupted stretch of the content script's own JavaScript, from V8 CPU
 *   profile samples (100 µs interval) whose stack contains the content script;
 * - incremental: paragraphs appended one at a time (each holds one mention); after each we
 *   wait until the extension's highlights contain one more range. The extension's cost is
 *   the CPU time of content-script samples, first 100 paragraphs vs last 100 (after an
 *   unmeasured warm-up), also without the timed report to the background; the wall time of
 *   each append-and-wait step shows the browser's own work; median of 3 rounds;
 * - hover: delay end → card painted, from the content script's User Timing measures.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, CDPSession, Page } from 'playwright-core';
import { REPO_ROOT, type CorpusPage } from '../lib/corpus';
import type { LocalServer } from '../lib/server';
import { blockOutside, launchChromium, type Blocked } from '../lib/browser';

export interface ExtensionResults {
  longTasks: { page: string; withExtensionMs: number; withoutExtensionMs: number; longestContentScriptRunMs: number }[];
  worstContentScriptRunMs: number;
  incremental?: Awaited<ReturnType<typeof incremental>>;
  hover: HoverResult[] | string;
  blockedRequestsFromExtension: number;
}

const LONGTASK_INIT = `(() => {
  window.__longest = 0;
  try {
    new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__longest = Math.max(window.__longest, e.duration); })
      .observe({ type: 'longtask', buffered: true });
  } catch {}
})();`;

interface ProfileNode {
  id: number;
  callFrame: { url: string };
  parent?: number;
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** Per sample: is the content script on the stack? And each sample's duration (µs). */
function contentScriptSamples(profile: Profile): { ours: boolean[]; dt: number[] } {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const memo = new Map<number, boolean>();
  const isOurs = (id: number): boolean => {
    const known = memo.get(id);
    if (known !== undefined) return known;
    const n = byId.get(id)!;
    const p = parent.get(id);
    const v = /^chrome-extension:\/\/[^/]+\/content-scripts\//.test(n.callFrame.url) || (p !== undefined && isOurs(p));
    memo.set(id, v);
    return v;
  };
  const ours = profile.samples.map(isOurs);
  // timeDeltas[i] is the time since the previous sample: the duration of sample i-1.
  const dt = profile.samples.map((_, i) => profile.timeDeltas[i + 1] ?? 0);
  return { ours, dt };
}

function longestRun(profile: Profile): number {
  const { ours, dt } = contentScriptSamples(profile);
  let best = 0;
  let run = 0;
  for (let i = 0; i < ours.length; i++) {
    if (ours[i]) run += dt[i]!;
    else {
      // A single non-ours sample inside our run (e.g. GC, a native call) does not end the task.
      if (run > 0 && ours[i + 1]) {
        run += dt[i]!;
        continue;
      }
      best = Math.max(best, run);
      run = 0;
    }
  }
  return Math.max(best, run) / 1000;
}

/** CPU ms of content-script samples; with `without`, not counting samples with that function on the stack. */
const ourCpuMs = (profile: Profile, without?: string) => {
  const { ours, dt } = contentScriptSamples(profile);
  const skip = without ? withFunction(profile, without) : () => false;
  return ours.reduce((sum, o, i) => (o && !skip(profile.samples[i]!) ? sum + dt[i]! : sum), 0) / 1000;
};

function withFunction(profile: Profile, fn: string): (id: number) => boolean {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const memo = new Map<number, boolean>();
  const has = (id: number | undefined): boolean => {
    if (id === undefined) return false;
    const known = memo.get(id);
    if (known !== undefined) return known;
    const v = (byId.get(id)!.callFrame as { functionName?: string }).functionName === fn || has(parent.get(id));
    memo.set(id, v);
    return v;
  };
  return has;
}

/** Where our samples were spent: self time (ms) per leaf function, largest first (for --verbose). */
function ourSelfTimes(profile: Profile, top = 12): [string, number][] {
  const { ours, dt } = contentScriptSamples(profile);
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const label = (id: number) => {
    const f = byId.get(id)!.callFrame as { functionName?: string; url: string; lineNumber?: number };
    return `${f.functionName || '(anonymous)'}${f.url ? `@${f.url.split('/').pop()}:${f.lineNumber}` : ''}`;
  };
  const self = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    if (!ours[i]) return;
    // The leaf and its two callers.
    const p1 = parent.get(id);
    const p2 = p1 !== undefined ? parent.get(p1) : undefined;
    const name = [id, p1, p2]
      .filter((x): x is number => x !== undefined)
      .map(label)
      .join(' < ');
    self.set(name, (self.get(name) ?? 0) + dt[i]! / 1000);
  });
  return [...self]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([k, v]) => [k, +v.toFixed(2)]);
}

/** Stretches of consecutive samples with `fn` on the stack: how many, and their total ms (for --verbose). */
function stretchesOf(profile: Profile, fn: string): { count: number; ms: number } {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const has = (id: number | undefined): boolean =>
    id !== undefined &&
    ((byId.get(id)!.callFrame as { functionName?: string }).functionName === fn || has(parent.get(id)));
  const { dt } = contentScriptSamples(profile);
  let count = 0;
  let ms = 0;
  let inside = false;
  profile.samples.forEach((id, i) => {
    const h = has(id);
    if (h && !inside) count++;
    if (h) ms += dt[i]! / 1000;
    inside = h;
  });
  return { count, ms: +ms.toFixed(2) };
}

async function startProfiler(cdp: CDPSession): Promise<void> {
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
  await cdp.send('Profiler.start');
}
const stopProfiler = async (cdp: CDPSession) => ((await cdp.send('Profiler.stop')) as { profile: Profile }).profile;

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

/** Sum of the sizes of the extension's highlights, read from the page's main world. */
const HIGHLIGHTED = () => {
  let n = 0;
  for (const [name, h] of CSS.highlights as unknown as Map<string, Set<unknown>>)
    if (name.startsWith('contexto')) n += h.size;
  return n;
};

/** One round: a fresh 200-paragraph page, `count` paragraphs appended one at a time. */
async function incrementalRound(
  page: Page,
  cdp: CDPSession,
  origin: string,
  count: number,
  log?: (...xs: unknown[]) => void,
) {
  await page.goto(`${origin}/incremental.html`, { waitUntil: 'load' });
  await page.waitForFunction(HIGHLIGHTED, undefined, { timeout: 30_000, polling: 50 }).catch(() => undefined);
  await page.waitForTimeout(500);
  const times: number[] = [];
  const block = async (from: number, to: number) => {
    for (let i = from; i < to; i++) {
      const t = await page.evaluate(
        async ({ i, HIGHLIGHTED }) => {
          const count = new Function(`return (${HIGHLIGHTED})()`) as () => number;
          // Only highlights near the viewport are registered: keep the end of the article (where paragraphs go) in view.
          scrollTo(0, document.documentElement.scrollHeight);
          const before = count();
          const p = document.createElement('p');
          p.innerHTML = `Paragraph ${i}: officials discussed the <em>Mérida Initiative</em> and other matters at length, again and again, today.`;
          const t0 = performance.now();
          document.querySelector('article')!.append(p);
          for (;;) {
            await new Promise((r) => setTimeout(r, 2));
            if (count() > before) return performance.now() - t0;
            if (performance.now() - t0 > 5000) return -1;
          }
        },
        { i, HIGHLIGHTED: HIGHLIGHTED.toString() },
      );
      times.push(t);
    }
  };
  // Warm-up (JIT): 50 paragraphs appended unmeasured (they stay: a removal alone does not start a
  // rescan, so removing them would be charged to the next append), so the first 100 are not
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
      toHighlight:
        times
          .slice(from, to)
          .filter((t) => t >= 0)
          .sort((a, b) => a - b)[n >> 1] ?? -1,
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

/**
 * Incremental, `rounds` times (fresh page each); medians over the rounds. Per paragraph, first
 * 100 vs last 100: our content script's CPU time (all of it, and without the timed report to the
 * background), and the wall time of one append-and-wait step (the browser's work included).
 */
async function incremental(
  page: Page,
  cdp: CDPSession,
  origin: string,
  count: number,
  rounds: number,
  log?: (...xs: unknown[]) => void,
) {
  const rs = [];
  for (let r = 0; r < rounds; r++) {
    const x = await incrementalRound(page, cdp, origin, count, log);
    log?.(
      `  incremental round ${r}: ours ${x.a.ours.toFixed(3)} -> ${x.b.ours.toFixed(3)} ms, per change ${x.a.perChange.toFixed(3)} -> ${x.b.perChange.toFixed(3)} ms, wall ${x.a.wall.toFixed(2)} -> ${x.b.wall.toFixed(2)} ms`,
    );
    rs.push(x);
  }
  const med = (xs: number[]) => [...xs].sort((p, q) => p - q)[xs.length >> 1]!;
  const firstMs = med(rs.map((x) => x.a.ours));
  const lastMs = med(rs.map((x) => x.b.ours));
  const firstChange = med(rs.map((x) => x.a.perChange));
  const lastChange = med(rs.map((x) => x.b.perChange));
  const times = rs.flatMap((x) => x.times);
  const ok = times.filter((t) => t >= 0).sort((p, q) => p - q);
  const r3 = (x: number) => +x.toFixed(3);
  return {
    paragraphs: count,
    rounds,
    firstHundredMsPerParagraph: r3(firstMs),
    lastHundredMsPerParagraph: r3(lastMs),
    ratio: r3(lastMs / firstMs),
    ratiosPerRound: rs.map((x) => r3(x.b.ours / x.a.ours)),
    perChangeFirstMs: r3(firstChange),
    perChangeLastMs: r3(lastChange),
    perChangeRatio: r3(lastChange / firstChange),
    wallFirstMsPerParagraph: r3(med(rs.map((x) => x.a.wall))),
    wallLastMsPerParagraph: r3(med(rs.map((x) => x.b.wall))),
    timeToHighlightFirstMs: r3(med(rs.map((x) => x.a.toHighlight))),
    timeToHighlightLastMs: r3(med(rs.map((x) => x.b.toHighlight))),
    medianTimeToHighlightMs: r3(ok[ok.length >> 1] ?? -1),
    missedHighlights: times.length - ok.length,
  };
}

export interface HoverResult {
  page: string;
  /** Hovers tried, and the delay-end → card-painted times read from the `contexto-card` measures. */
  hovers: number;
  samplesMs: number[];
  medianMs: number;
  maxMs: number;
  /** Delay end → card placed and visible (our JavaScript and the layout it forces). */
  placedMedianMs: number;
  placedMaxMs: number;
  /** Reference: a plain fixed 300×200 box with text appended by the page → next animation frame, same page and highlights. */
  plainBoxMedianMs: number;
  missed: number;
}

/**
 * Hover: the pointer rests on `count` mentions spread over the page, one after the other,
 * leaving the card to close in between. The content script records a `contexto-card`
 * User Timing measure per card (show delay's end → the animation frame after the card was
 * placed and made visible); the page's main world reads them (Chromium keeps one
 * performance timeline per window, shared by the page and the extension's isolated world).
 */
async function hover(page: Page, url: string, name: string, count: number): Promise<HoverResult> {
  await page.goto(url, { waitUntil: 'load', timeout: 120_000 });
  // Wait until the scan is done: the number of highlighted ranges stops changing.
  let last = -1;
  for (let i = 0; i < 120; i++) {
    const n = (await page.evaluate(HIGHLIGHTED)) as number;
    if (n > 0 && n === last) break;
    last = n;
    await page.waitForTimeout(500);
  }
  const samples: number[] = [];
  const placed: number[] = [];
  let missed = 0;
  for (let k = 0; k < count; k++) {
    const point = (await page.evaluate(
      ({ k, count }) => {
        const ranges: Range[] = [];
        for (const [n, h] of CSS.highlights as unknown as Map<string, Set<Range>>)
          if (n.startsWith('contexto') && n !== 'contexto-focus') ranges.push(...h);
        ranges.sort((a, b) => a.compareBoundaryPoints(Range.START_TO_START, b));
        const range = ranges[Math.floor(((k + 0.5) * ranges.length) / count)];
        if (!range) return null;
        range.startContainer.parentElement?.scrollIntoView({ block: 'center' });
        const r = range.getClientRects()[0];
        return r
          ? {
              x: r.left + Math.min(r.width / 2, 8),
              y: r.top + r.height / 2,
              before: performance.getEntriesByName('contexto-card').length,
            }
          : null;
      },
      { k, count },
    )) as { x: number; y: number; before: number } | null;
    if (!point) {
      missed++;
      continue;
    }
    await page.waitForTimeout(100); // let scroll events settle
    await page.mouse.move(point.x, point.y, { steps: 2 });
    const ms = (await page
      .waitForFunction(
        (before) => {
          const e = performance.getEntriesByName('contexto-card');
          const p = performance.getEntriesByName('contexto-card-placed');
          return e.length > before ? [e[e.length - 1]!.duration, p[p.length - 1]!.duration] : false;
        },
        point.before,
        { timeout: 5000, polling: 20 },
      )
      .then((h) => h.jsonValue())
      .catch(() => null)) as [number, number] | null;
    if (ms) {
      samples.push(ms[0]);
      placed.push(ms[1]);
    } else missed++;
    // Off every mention (the page's right edge), then past the hide delay, so the next card waits for the show delay again.
    await page.mouse.move(1279, 1, { steps: 1 });
    await page.waitForTimeout(600);
  }
  // Reference: what any fixed overlay costs to get painted on this page (the browser's own rendering).
  const box: number[] = [];
  for (let i = 0; i < 5; i++) {
    box.push(
      (await page.evaluate(`new Promise((resolve) => {
        const d = document.createElement('div');
        d.style.cssText = 'position:fixed;left:100px;top:100px;width:300px;height:200px;background:#fff;border:1px solid #888;z-index:2147483646';
        d.textContent = 'card '.repeat(40);
        const t0 = performance.now();
        document.documentElement.append(d);
        d.getBoundingClientRect();
        requestAnimationFrame(() => { const ms = performance.now() - t0; d.remove(); setTimeout(() => resolve(ms), 300); });
      })`)) as number,
    );
  }
  const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1] ?? -1;
  const max = (xs: number[]) => (xs.length ? Math.max(...xs) : -1);
  return {
    page: name,
    hovers: count,
    samplesMs: samples.map((x) => +x.toFixed(1)),
    medianMs: med(samples),
    maxMs: max(samples),
    placedMedianMs: med(placed),
    placedMaxMs: max(placed),
    plainBoxMedianMs: med(box),
    missed,
  };
}

export async function extensionBench(opts: {
  server: LocalServer;
  pages: CorpusPage[];
  log: (...xs: unknown[]) => void;
  paragraphs: number;
  parts?: ReadonlySet<string>;
  verbose?: boolean;
  rounds?: number;
  hoverPages?: [string, string][];
}): Promise<ExtensionResults> {
  const part = (name: string) => !opts.parts || opts.parts.has(name);
  const dir = process.env.CONTEXTO_EXTENSION_DIR ?? join(REPO_ROOT, '.output/chrome-mv3');
  if (!existsSync(join(dir, 'manifest.json')) || !existsSync(join(dir, 'content-scripts/content.js')))
    throw new Error('no Chrome build: run npm run build first');
  const { server, pages, log } = opts;
  server.put('/incremental.html', {
    type: 'text/html; charset=utf-8',
    body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Incremental</title></head><body><main><article><h1>Live page</h1>${Array.from({ length: 200 }, (_, i) => `<p>Opening paragraph ${i} with ordinary words about the weather, the city and the markets.</p>`).join('')}<p>The Sinaloa Cartel is mentioned once.</p></article></main></body></html>`,
  });
  const blockedExt: Blocked[] = [];
  const withExt = await launchChromium({ extensionDir: dir });
  const without = await launchChromium({});
  try {
    await blockOutside(withExt.context, server.origin, blockedExt);
    await blockOutside(without.context, server.origin, []);
    await withExt.context.addInitScript(LONGTASK_INIT);
    await without.context.addInitScript(LONGTASK_INIT);
    // Give the service worker a moment to start.
    await new Promise((r) => setTimeout(r, 1000));
    const longTasks: ExtensionResults['longTasks'] = [];
    for (const p of part('longtask') ? pages : []) {
      const url = `${server.origin}/page/${p.file}`;
      const a = await longestTask(without.context, url, false);
      const b = await longestTask(withExt.context, url, true);
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
    const page = await withExt.context.newPage();
    const cdp = await withExt.context.newCDPSession(page);
    let inc: ExtensionResults['incremental'];
    if (opts.paragraphs > 0 && part('incremental')) {
      inc = await incremental(
        page,
        cdp,
        server.origin,
        opts.paragraphs,
        opts.rounds ?? 3,
        opts.verbose ? log : undefined,
      );
      log(`  incremental: ${JSON.stringify(inc)}`);
    }
    let hovers: HoverResult[] | string = 'not run (--only)';
    if (part('hover')) {
      hovers = [];
      server.put('/sample-article.html', {
        type: 'text/html; charset=utf-8',
        body: readFileSync(join(REPO_ROOT, 'tests/fixtures/sample-article.html'), 'utf8'),
      });
      for (const [name, path] of [['sample-article', '/sample-article.html'], ...(opts.hoverPages ?? [])] as [
        string,
        string,
      ][]) {
        const h = await hover(page, server.origin + path, name, 10);
        hovers.push(h);
        log(`  hover ${name}: ${JSON.stringify(h)}`);
      }
    }
    return {
      longTasks,
      worstContentScriptRunMs: longTasks.length ? Math.max(...longTasks.map((l) => l.longestContentScriptRunMs)) : -1,
      incremental: inc,
      hover: hovers,
      blockedRequestsFromExtension: blockedExt.filter((b) => b.fromExtension).length,
    };
  } finally {
    await withExt.close();
    await without.close();
  }
}
