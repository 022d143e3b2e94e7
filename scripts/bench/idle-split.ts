/**
 * Where the content script's time goes on a page with nothing to find (issue 12, target 6), by
 * CPU: per load (page scripts off, so every script event on a renderer main thread is ours), the
 * outermost script trace events (evaluation, callbacks, microtasks, timers, event dispatch),
 * summed by kind, wall (`dur`) and the thread's CPU (`tdur`) time. CPU time holds on a loaded
 * machine where wall time (and CDP's ScriptDuration, the idle part) does not. Builds side by side,
 * loads interleaved; pages of ./startup-cost.ts (one paragraph, or with ten iframes: --frames).
 *
 * `--mention`: the paragraph names two of the sheet's terms instead, so the full script loads and paints.
 *
 *   tsx scripts/bench/idle-split.ts name=dir [name=dir …] [--rounds 5] [--frames | --mention]
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { BrowserContext } from 'playwright-core';
import { launchChromium } from '../lib/browser';
import { startServer } from '../lib/server';
import { sleep } from './common';
import { putStartupPages } from './startup-cost';
import type { TraceEvent } from './tracing';

/** A trace event with the arguments read here. */
type Ev = TraceEvent & {
  args?: { data?: { url?: string; functionName?: string; frame?: string }; [k: string]: unknown };
};

const CATEGORIES = [
  '__metadata',
  'toplevel',
  'devtools.timeline',
  'v8',
  'v8.execute',
  'disabled-by-default-devtools.timeline',
  'blink',
];

async function tracedLoad(context: BrowserContext, url: string): Promise<Ev[]> {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  const events: Ev[] = [];
  cdp.on('Tracing.dataCollected', (e: { value: object[] }) => events.push(...(e.value as Ev[])));
  await cdp.send('Tracing.start', {
    traceConfig: { includedCategories: CATEGORIES, recordMode: 'recordAsMuchAsPossible' },
    transferMode: 'ReportEvents',
  });
  await page.goto(url, { waitUntil: 'load' });
  await sleep(1500);
  const complete = new Promise((r) => cdp.once('Tracing.tracingComplete', r));
  await cdp.send('Tracing.end');
  await complete;
  await page.close();
  return events;
}

/** Script event kinds: with page scripts off, all of them on a renderer main thread are ours. */
const SCRIPT = new Set([
  'EvaluateScript',
  'FunctionCall',
  'RunMicrotasks',
  'v8.compile',
  'v8.run',
  'v8.callFunction',
  'TimerFire',
  'EventDispatch',
  'FireAnimationFrame',
]);

/** Outermost script events on renderer main threads, by name (+ our URL's function): [wall, cpu] ms; TOTAL: all of them. */
function split(events: Ev[]): Map<string, [number, number]> {
  const main = new Set(
    events
      .filter((e) => e.name === 'thread_name' && (e.args as { name?: string })?.name === 'CrRendererMain')
      .map((e) => `${e.pid}:${e.tid}`),
  );
  const out = new Map<string, [number, number]>();
  const add = (k: string, dur: number, tdur: number) => {
    const v = out.get(k) ?? [0, 0];
    v[0] += dur / 1000;
    v[1] += tdur / 1000;
    out.set(k, v);
  };
  const xs = events
    .filter((e) => e.ph === 'X' && main.has(`${e.pid}:${e.tid}`) && SCRIPT.has(e.name))
    .sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
  const end = new Map<string, number>();
  for (const e of xs) {
    const t = `${e.pid}:${e.tid}`;
    if ((end.get(t) ?? -1) > e.ts) continue; // nested in an outer script event
    end.set(t, e.ts + (e.dur ?? 0));
    const d = e.args?.data;
    const col = (d as { columnNumber?: number } | undefined)?.columnNumber;
    add(`${e.name} ${d?.functionName ?? ''}${col !== undefined ? `@${col}` : ''}`, e.dur ?? 0, e.tdur ?? 0);
    add('TOTAL', e.dur ?? 0, e.tdur ?? 0);
  }
  return out;
}

const { values, positionals } = parseArgs({
  options: {
    rounds: { type: 'string', default: '5' },
    frames: { type: 'boolean', default: false },
    mention: { type: 'boolean', default: false },
  },
  allowPositionals: true,
});
const server = await startServer(resolve('tests/fixtures'));
const urls = putStartupPages(server);
const builds: [string, { context: BrowserContext; close(): Promise<void> }][] = [];
try {
  for (const spec of positionals) {
    const at = spec.indexOf('=');
    const b = await launchChromium({
      // The pages' CSP runs none of their scripts; with JavaScript off the loader's import() of the
      // full script fails and the background injects it instead (--mention would time that path).
      javaScriptEnabled: values.mention,
      extensionDir: resolve(spec.slice(at + 1)),
      offline: true,
    });
    builds.push([spec.slice(0, at), b]);
  }
  await sleep(1000);
  const url = values.frames ? urls.frames : values.mention ? urls.mention : urls.one;
  /** Per build, per event kind: the [wall, CPU] ms of each load that had it. */
  const sums = new Map<string, Map<string, [number, number][]>>(builds.map(([n]) => [n, new Map()]));
  for (const [, b] of builds) await tracedLoad(b.context, url);
  const rounds = Number(values.rounds);
  // Interleaved, so every build sees the same machine load.
  for (let r = 0; r < rounds; r++)
    for (const [n, b] of builds) {
      const m = sums.get(n)!;
      for (const [k, v] of split(await tracedLoad(b.context, url))) {
        const xs = m.get(k) ?? [];
        xs.push(v);
        m.set(k, xs);
      }
    }
  const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1] ?? 0;
  const cpuOf = (xs: [number, number][]) => xs.map((x) => x[1]);
  for (const [n, m] of sums) {
    console.log(`${n} (${url.split('/').pop()}), medians of ${rounds} loads, ms wall / CPU (per load, all frames):`);
    for (const [k, xs] of [...m].sort((a, b) => med(cpuOf(b[1])) - med(cpuOf(a[1])))) {
      const wall = med(xs.map((x) => x[0])).toFixed(2);
      const cpu = cpuOf(xs);
      console.log(
        `  ${wall.padStart(7)} / ${med(cpu).toFixed(2).padStart(7)}  ${k} (${xs.length} loads; CPU ${cpu.map((x) => x.toFixed(1)).join(' ')})`,
      );
    }
  }
} finally {
  for (const [, b] of builds) await b.close();
  await server.close();
}
