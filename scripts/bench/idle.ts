/**
 * Nothing to find: what the extension costs a page (and each of its frames: the content script
 * runs in all frames) that names no term. Page scripts off (`javaScriptEnabled: false`), so
 * all script time on the page's renderer main thread is ours. Per load, a fresh tab; CDP
 * `Performance.getMetrics` (`ScriptDuration`, `TaskDuration`: the renderer main thread's totals
 * since the tab opened) read 2 s after `load`. Pages: one paragraph, and the same paragraph with
 * ten small same-origin iframes of one paragraph each. Targets: ≤ 3 ms of script per frame with
 * the extension (minus without), and the ten-frame page's task time ≤ 1.2× without.
 *
 * The floor, measured in the same run: the built extension with its content script replaced by
 * an empty one, by one that only reads the gate's storage item, by that read plus a message listener,
 * and by those plus a walk of the text at DOMContentLoaded (same manifest: document_start, all
 * frames, the manifest CSS). What any content script costs here, which ours cannot go under.
 * CONTEXTO_IDLE_COMPARE=name=dir,… adds other builds to the same run (before/after a change).
 */
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { launchChromium } from '../lib/browser';
import type { LocalServer } from '../lib/server';
import { chromiumPair } from './browsers';
import { extensionDir, type Log, median, round, sleep } from './common';

interface Cost {
  with: number;
  without: number;
}

export interface IdleResult {
  page: string;
  frames: number;
  scriptMs: Cost;
  taskMs: Cost;
  /** (script with − script without) / frames. */
  scriptPerFrameMs: number;
  /**
   * The same for the main thread's CPU time (CDP `ThreadTime`): all our work on it, not only
   * script; not counting the time a loaded machine takes the core away (still noisy there: shared cores, caches).
   */
  cpuPerFrameMs: number;
  taskRatio: number;
  /** The same for the floor builds: an empty content script, one that only reads storage. */
  floor: Record<FloorName, { scriptMs: number; taskMs: number; scriptPerFrameMs: number; cpuPerFrameMs: number }>;
}

const doc = (body: string) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Note</title></head><body>${body}</body></html>`;
const PARAGRAPH = '<p>A short note about the weather, the city and the markets today, and nothing else.</p>';
const FRAMES = 10;

export const IDLE_PAGES = [
  { name: 'one paragraph', path: '/idle/one.html', frames: 1 },
  { name: `one paragraph + ${FRAMES} iframes`, path: '/idle/frames.html', frames: 1 + FRAMES },
];

const READ_GATE = 'chrome.storage.local.get("activeGate",()=>{});';
const READ_GATE_AND_LISTEN = `${READ_GATE}chrome.runtime.onMessage.addListener(()=>{});`;

/** The floor builds' content scripts. */
const FLOOR_SCRIPTS = {
  empty: '',
  /** One statement: Chromium may skip an empty script, not this one. */
  trivial: 'void document.readyState;',
  storage: READ_GATE,
  /** What any loader must do: read the gate item and listen for messages (src/page/loader.ts). */
  apis: READ_GATE_AND_LISTEN,
  /**
   * That, plus a look at the page's text at DOMContentLoaded (a native walk reading every text node):
   * what any loader that decides from the page's text must do. The first touch of the DOM in a
   * frame's content-script world, with extension APIs in use, costs more than either alone.
   */
  look: `${READ_GATE_AND_LISTEN}const d=document,go=()=>{const w=d.createTreeWalker(d.body,4);let n=0;while(w.nextNode())n+=w.currentNode.data.length};d.readyState==="loading"?d.addEventListener("DOMContentLoaded",go,{once:true}):go();`,
} as const;
export type FloorName = keyof typeof FLOOR_SCRIPTS;

/** Copies of the built extension with the content script replaced (in a temp dir the caller removes). */
function floorBuilds(): { dirs: Record<FloorName, string>; remove(): void } {
  const root = mkdtempSync(join(tmpdir(), 'contexto-floor-'));
  const dirs = {} as Record<FloorName, string>;
  for (const [name, script] of Object.entries(FLOOR_SCRIPTS) as [FloorName, string][]) {
    const dir = join(root, name);
    cpSync(extensionDir(), dir, { recursive: true });
    writeFileSync(join(dir, 'content-scripts/content.js'), script);
    dirs[name] = dir;
  }
  return { dirs, remove: () => rmSync(root, { recursive: true, force: true }) };
}

/** CONTEXTO_IDLE_COMPARE: `name=dir` pairs, comma-separated. */
function compareBuilds(): [string, string][] {
  const spec = process.env.CONTEXTO_IDLE_COMPARE;
  if (!spec) return [];
  return spec.split(',').map((pair) => {
    const at = pair.indexOf('=');
    return [pair.slice(0, at), pair.slice(at + 1)];
  });
}

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

/** A load's renderer main-thread totals (ms): script and task time (wall), and the thread's CPU time. */
interface Sample {
  script: number;
  task: number;
  cpu: number;
}

async function metricsOfLoad(context: BrowserContext, url: string): Promise<Sample> {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  await page.goto(url, { waitUntil: 'load', timeout: 60_000 });
  await sleep(2000);
  const { metrics } = (await cdp.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] };
  await page.close();
  const m = (name: string) => (metrics.find((x) => x.name === name)?.value ?? 0) * 1000;
  return { script: m('ScriptDuration'), task: m('TaskDuration'), cpu: m('ThreadTime') };
}

export async function idleBench(opts: {
  server: LocalServer;
  loads: number;
  log: Log;
  verbose?: boolean;
}): Promise<IdleResult[]> {
  const { server, log } = opts;
  putPages(server);
  const builds = floorBuilds();
  const pair = await chromiumPair(server, { javaScriptEnabled: false });
  const floors: [FloorName, { context: BrowserContext; close(): Promise<void> }][] = [];
  const others: [string, { context: BrowserContext; close(): Promise<void> }][] = [];
  const results: IdleResult[] = [];
  try {
    for (const name of Object.keys(FLOOR_SCRIPTS) as FloorName[]) {
      const b = await launchChromium({ javaScriptEnabled: false, extensionDir: builds.dirs[name], offline: true });
      floors.push([name, b]);
    }
    for (const [name, dir] of compareBuilds()) {
      const b = await launchChromium({ javaScriptEnabled: false, extensionDir: dir, offline: true });
      others.push([name, b]);
    }
    await sleep(1000);
    const contexts: [string, BrowserContext][] = [
      ['without', pair.plain],
      ...[...floors, ...others].map(([n, b]) => [n, b.context] as [string, BrowserContext]),
      ['with', pair.ext],
    ];
    // One unmeasured load each (disk cache, the extension's first start).
    for (const [, c] of contexts) await metricsOfLoad(c, server.origin + IDLE_PAGES[1]!.path);
    for (const p of IDLE_PAGES) {
      const samples = new Map<string, Sample[]>(contexts.map(([n]) => [n, []]));
      // Interleaved, so every build sees the same machine load.
      for (let i = 0; i < opts.loads; i++)
        for (const [n, c] of contexts) samples.get(n)!.push(await metricsOfLoad(c, server.origin + p.path));
      const med = (n: string, k: keyof Sample) => median(samples.get(n)!.map((x) => x[k]));
      const perFrame = (n: string, k: keyof Sample = 'script') => round((med(n, k) - med('without', k)) / p.frames, 2);
      const floor = {} as IdleResult['floor'];
      for (const [n] of floors)
        floor[n] = {
          scriptMs: round(med(n, 'script'), 1),
          taskMs: round(med(n, 'task'), 1),
          scriptPerFrameMs: perFrame(n),
          cpuPerFrameMs: perFrame(n, 'cpu'),
        };
      const r: IdleResult = {
        page: p.name,
        frames: p.frames,
        scriptMs: { with: round(med('with', 'script'), 1), without: round(med('without', 'script'), 1) },
        taskMs: { with: round(med('with', 'task'), 1), without: round(med('without', 'task'), 1) },
        scriptPerFrameMs: perFrame('with'),
        cpuPerFrameMs: perFrame('with', 'cpu'),
        taskRatio: round(med('with', 'task') / med('without', 'task')),
        floor,
      };
      results.push(r);
      log(
        `  nothing to find, ${p.name}: script ${r.scriptMs.with} vs ${r.scriptMs.without} ms (${r.scriptPerFrameMs} ms per frame; CPU ${r.cpuPerFrameMs} ms per frame), task ${r.taskMs.with} vs ${r.taskMs.without} ms (${r.taskRatio}×); medians of ${opts.loads} loads`,
      );
      for (const [n] of floors)
        log(
          `    floor, ${n} content script: script ${floor[n].scriptMs} ms (${floor[n].scriptPerFrameMs} ms per frame; CPU ${floor[n].cpuPerFrameMs} ms per frame), task ${floor[n].taskMs} ms`,
        );
      for (const [n] of others)
        log(
          `    build ${n}: script ${round(med(n, 'script'), 1)} ms (${perFrame(n)} ms per frame; CPU ${perFrame(n, 'cpu')} ms per frame), task ${round(med(n, 'task'), 1)} ms`,
        );
      if (opts.verbose)
        for (const [n, xs] of samples)
          log(
            `    ${n}: script ${xs.map((x) => x.script.toFixed(1)).join(', ')}; CPU ${xs.map((x) => x.cpu.toFixed(1)).join(', ')}`,
          );
    }
  } finally {
    for (const [, b] of [...floors, ...others]) await b.close();
    await pair.close();
    builds.remove();
  }
  return results;
}
