/**
 * Where the card's frame goes on the 5 MB page (page scripts off), in detail, for several builds
 * side by side in one run: one hover per round, traced with Blink's detailed categories, and the
 * renderer main thread's self time in the card's window (card-split.ts) summed per trace event
 * name; then the same for a plain fixed box appended by the page (same page, same highlights).
 * `--extra N,M`: also with N (then M) more ranges added to our highlights from the page's main
 * world (spread over the page), to see how the frame scales with the registered ranges.
 *
 * `--show`: also a box shown the card's way (`shadow`) and in a same-origin iframe placed by scroll
 * offsets only (`iframe`). `--ext none=`: the browser without the extension. `--tree`: the
 * window's events nested. Times per name are thread (CPU) self times where the trace has them.
 * `--after MS`: the window runs on MS past the frame's end (what follows the card: e.g. the frames
 * of an animation); under 200, as the plain box is removed 200 ms after its frame.
 *
 *   npx tsx scripts/bench/card-frame.ts [--ext name=dir ...] [--rounds 3] [--hovers 1] [--extra 0,1000] [--top 25] [--show] [--tree] [--after 250]
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { loadFactSheetDir } from '../../src/factsheet/load-files';
import { launchChromium } from '../lib/browser';
import { REPO_ROOT } from '../lib/corpus';
import { NO_PAGE_SCRIPTS_CSP, startServer } from '../lib/server';
import { cardSplit } from './card-split';
import { cardsSoFar, median, nextCardMs, REGISTERED_RANGES } from './common';
import { waitForScan } from './hover';
import { syntheticPage } from './synthetic';
import { type TraceEvent, traced } from './tracing';

const argv = process.argv.slice(2);
const arg = (name: string) => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
};
const exts: [string, string][] = [];
for (let i = 0; i < argv.length; i++) {
  if (argv[i] === '--ext') {
    const [name, dir] = argv[++i]!.split('=');
    exts.push([name!, dir!]);
  }
}
if (!exts.length) exts.push(['branch', join(REPO_ROOT, '.output/chrome-mv3')]);
const ROUNDS = Number(arg('--rounds') ?? 3);
const EXTRAS = (arg('--extra') ?? '0').split(',').map(Number);
const TOP = Number(arg('--top') ?? 25);
const TREE = argv.includes('--tree');
const SHOW = argv.includes('--show');
const PROFILE = argv.includes('--profile');
const HOVERS = Number(arg('--hovers') ?? 1);
const AFTER_MS = Number(arg('--after') ?? 0);

const CATEGORIES = [
  '__metadata',
  'toplevel',
  'blink',
  'cc',
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'disabled-by-default-devtools.timeline.frame',
  'disabled-by-default-blink.debug',
  'v8.execute',
  'blink.user_timing',
];

/** Self time (ms) per event name on the measure's thread inside the window of the last `measure`. */
function selfByName(events: TraceEvent[], measure: string): { window: number; by: Map<string, number> } | null {
  const begin = events.filter((e) => e.name === measure && e.ph === 'b').pop();
  const split = cardSplit(events, measure);
  if (!begin || !split) return null;
  const from = begin.ts;
  const to = from + (split.windowMs + AFTER_MS) * 1000;
  const own = events
    .filter((e) => e.pid === begin.pid && e.tid === begin.tid && e.ph === 'X' && e.dur !== undefined)
    .filter((e) => e.ts < to && e.ts + e.dur! > from)
    .sort((a, b) => a.ts - b.ts || b.dur! - a.dur!);
  const by = new Map<string, number>();
  const stack: TraceEvent[] = [];
  const child = new Map<TraceEvent, number>();
  for (const e of own) {
    while (stack.length && stack[stack.length - 1]!.ts + stack[stack.length - 1]!.dur! <= e.ts) stack.pop();
    const p = stack[stack.length - 1];
    if (p) child.set(p, (child.get(p) ?? 0) + e.dur!);
    stack.push(e);
  }
  if (TREE) {
    // The window's events over 1 ms, nested by time (what the self times above come from).
    const st: TraceEvent[] = [];
    for (const e of own) {
      while (st.length && st[st.length - 1]!.ts + st[st.length - 1]!.dur! <= e.ts) st.pop();
      st.push(e);
      if (e.dur! >= 1000)
        console.log(
          `${'  '.repeat(st.length)}${(e.dur! / 1000).toFixed(1)} ${e.name} [${e.cat}] @${((e.ts - from) / 1000).toFixed(1)}`,
        );
    }
  }
  // Thread (CPU) time where the trace has it: on a loaded machine wall time includes waiting for a core.
  const cpuChild = new Map<TraceEvent, number>();
  stack.length = 0;
  for (const e of own) {
    while (stack.length && stack[stack.length - 1]!.ts + stack[stack.length - 1]!.dur! <= e.ts) stack.pop();
    const p = stack[stack.length - 1];
    if (p) cpuChild.set(p, (cpuChild.get(p) ?? 0) + (e.tdur ?? e.dur!));
    stack.push(e);
  }
  let cpu = 0;
  for (const e of own) {
    const self = Math.max(0, (e.tdur ?? e.dur!) - (cpuChild.get(e) ?? 0)) / 1000;
    by.set(e.name, (by.get(e.name) ?? 0) + self);
    cpu += self;
  }
  by.set('(all, CPU)', cpu);
  by.set(
    '(events with thread time, %)',
    (100 * own.filter((e) => e.tdur !== undefined).length) / Math.max(1, own.length),
  );
  return { window: split.windowMs + AFTER_MS, by };
}

/** Adds `n` ranges (words spread over the whole page) to our first highlight, from the page's main world. */
async function addExtra(page: Page, n: number): Promise<void> {
  if (!n) return;
  await page.evaluate(`(() => {
    const ours = [...CSS.highlights].find(([k]) => k.startsWith('contexto') && k !== 'contexto-focus');
    if (!ours) return;
    const h = ours[1];
    const texts = [];
    const w = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let t = w.nextNode(); t; t = w.nextNode()) if (t.data.length > 20) texts.push(t);
    const step = texts.length / ${n};
    for (let i = 0; i < ${n}; i++) {
      const t = texts[Math.floor(i * step)];
      const r = new Range();
      r.setStart(t, 0);
      r.setEnd(t, 5);
      h.add(r);
    }
  })()`);
}

/** A plain fixed box appended by the page, timed with the same two measures as the card. */
async function plainBox(page: Page): Promise<void> {
  await page.evaluate(`new Promise((resolve) => {
    const t0 = performance.now();
    const d = document.createElement('div');
    d.style.cssText = 'position:fixed;left:100px;top:100px;width:300px;height:200px;background:#fff;border:1px solid #888;z-index:2147483646';
    d.textContent = 'card '.repeat(40);
    document.documentElement.append(d);
    requestAnimationFrame(() => {
      performance.measure('bench-box', { start: t0 });
      setTimeout(() => { d.remove(); setTimeout(resolve, 300); }, 200);
    });
  })`);
}

/**
 * Ways of showing a 380×200 box of new text, each timed like the card (`bench-<name>`), built
 * beforehand (main world): `shadow` a kept-displayed hidden frame in a contained host's shadow
 * root (as the card is), shown by a class and new text; `iframe` a same-origin about:blank iframe
 * kept attached, clipped and placed by scroll offsets only (no change in the page's document).
 */
const SHOW_SETUP = `(() => {
  if (window.__show) return;
  const host = document.createElement('div');
  host.style.cssText = 'all:initial;display:block;position:fixed;top:0;left:0;width:0;height:0;overflow:visible;z-index:2147483647;contain:layout size style';
  const root = host.attachShadow({ mode: 'open' });
  root.innerHTML = '<style>.f{position:fixed;left:100px;top:100px;width:380px;background:#fff;border:1px solid #888}.shut{visibility:hidden}</style><div class="f shut"></div>';
  document.documentElement.append(host);
  const a = document.createElement('div');
  a.style.cssText = 'position:fixed;left:0;top:0;width:100vw;height:100vh;overflow:hidden;pointer-events:none;z-index:2147483647';
  a.innerHTML = '<div style="position:relative;width:300vw;height:300vh"><div style="position:absolute;left:100vw;top:100vh;width:100vw;height:100vh;overflow:hidden"><div style="position:relative;width:200vw;height:200vh"><iframe style="position:absolute;left:0;top:0;width:100vw;height:100vh;border:0;pointer-events:auto;color-scheme:normal"></iframe></div></div></div>';
  document.documentElement.append(a);
  const f = a.querySelector('iframe');
  const d = f.contentDocument;
  d.body.innerHTML = '<style>html,body{margin:0;background:transparent}.c{position:fixed;right:0;bottom:0;width:380px;background:#fff;border:1px solid #888;box-sizing:border-box}</style><div class="c"></div>';
  window.__show = {
    shadow: (text) => { const fr = root.querySelector('.f'); fr.textContent = text; fr.classList.remove('shut'); return () => { fr.classList.add('shut'); fr.textContent = ''; }; },
    iframe: (text) => {
      const c = d.querySelector('.c');
      c.textContent = text;
      const r = c.getBoundingClientRect();
      const b = a.firstChild.firstChild;
      b.scrollLeft = innerWidth - r.width; b.scrollTop = innerHeight - r.height;
      a.scrollLeft = innerWidth - 100; a.scrollTop = innerHeight - 100;
      return () => { a.scrollLeft = 0; a.scrollTop = 0; c.textContent = ''; };
    },
  };
})()`;

async function showOnce(page: Page, how: string): Promise<void> {
  await page.evaluate(`new Promise((resolve) => {
    const t0 = performance.now();
    const hide = window.__show['${how}']('card '.repeat(40) + Math.random());
    requestAnimationFrame(() => {
      performance.measure('bench-${how}', { start: t0 });
      setTimeout(() => { hide(); setTimeout(resolve, 400); }, 200);
    });
  })`);
}

interface Profile {
  nodes: { id: number; hitCount?: number; callFrame: { functionName: string; url: string; lineNumber: number } }[];
  samples?: number[];
  timeDeltas?: number[];
}

/** `--profile`: the hover's JavaScript by function, self time from a sampling profile (ms). */
function printProfile(profile: Profile): void {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  const deltas = profile.timeDeltas ?? [];
  for (const [i, id] of (profile.samples ?? []).entries()) {
    const f = byId.get(id)?.callFrame;
    if (!f) continue;
    const key = `${f.functionName || '(anonymous)'} ${f.url.replace(/^.*\//, '')}:${f.lineNumber + 1}`;
    self.set(key, (self.get(key) ?? 0) + (deltas[i + 1] ?? 0) / 1000);
  }
  const top = [...self].filter(([k]) => !k.startsWith('(idle)') && !k.startsWith('(program)'));
  console.log('  profile (self ms):');
  for (const [k, ms] of top.sort((a, b) => b[1] - a[1]).slice(0, TOP))
    console.log(`    ${ms.toFixed(2).padStart(8)}  ${k}`);
}

async function hoverOnce(page: Page): Promise<number | null> {
  await page.mouse.move(1279, 1);
  await page.waitForTimeout(700);
  const find = () =>
    page.evaluate(() => {
      for (const [n, h] of CSS.highlights as unknown as Map<string, Set<Range>>) {
        if (!n.startsWith('contexto') || n === 'contexto-focus') continue;
        for (const range of h) {
          const r = range.getClientRects()[0];
          if (r && r.top > 150 && r.bottom < innerHeight - 150 && r.left > 0 && r.right < innerWidth - 20)
            return { x: r.left + Math.min(r.width / 2, 8), y: r.top + r.height / 2 };
        }
      }
      return null;
    }) as Promise<{ x: number; y: number } | null>;
  let point = await find();
  // No mention in view here: scroll on a little until one is.
  for (let i = 0; !point && i < 10; i++) {
    await page.evaluate(() => window.scrollBy(0, innerHeight / 2));
    await page.waitForTimeout(400);
    point = await find();
  }
  if (!point) return null;
  const before = await cardsSoFar(page);
  await page.mouse.move(point.x, point.y, { steps: 2 });
  return nextCardMs(page, before, 15000);
}

interface Sample {
  variant: string;
  extra: number;
  registered: number;
  what: string;
  ms: number | null;
  window: number;
  by: Map<string, number>;
}

async function main(): Promise<void> {
  const synthetic = syntheticPage(loadFactSheetDir());
  const server = await startServer(REPO_ROOT);
  server.put('/synthetic.html', {
    type: 'text/html; charset=utf-8',
    body: synthetic.html,
    headers: { 'content-security-policy': NO_PAGE_SCRIPTS_CSP },
  });
  const url = `${server.origin}/synthetic.html`;
  const variants = exts.filter(([name, dir]) => {
    if (!dir || existsSync(join(dir, 'manifest.json'))) return true;
    console.log(`${name}: no build at ${dir}, skipped`);
    return false;
  });
  const samples: Sample[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    for (const [name, dir] of variants) {
      // An empty dir (`--ext none=`): the browser without the extension (no highlights, no card).
      const { context, close } = await launchChromium({ ...(dir ? { extensionDir: dir } : {}), offline: true });
      try {
        const page = await context.newPage();
        await page.goto(url, { waitUntil: 'load', timeout: 120_000 });
        if (dir) await waitForScan(page);
        await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight / 2));
        await page.waitForTimeout(1500);
        const cdp = await context.newCDPSession(page);
        let added = 0;
        for (const extra of EXTRAS) {
          await addExtra(page, extra - added);
          added = extra;
          await page.waitForTimeout(500);
          const registered = (await page.evaluate(REGISTERED_RANGES)) as number;
          let ms: number | null = null;
          let events: TraceEvent[];
          let s: ReturnType<typeof selfByName>;
          for (let k = 0; dir && k < HOVERS; k++) {
            if (PROFILE) {
              await cdp.send('Profiler.enable');
              await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
              await cdp.send('Profiler.start');
            }
            events = await traced(
              cdp,
              async () => {
                ms = await hoverOnce(page);
                await page.waitForTimeout(300);
              },
              CATEGORIES,
            );
            if (PROFILE) printProfile((await cdp.send('Profiler.stop')).profile as Profile);
            s = selfByName(events, 'contexto-card');
            // The page's first card also pays for first use (the card's host and styles, Intl, bindings).
            const what = k === 0 ? 'card (first)' : 'card (later)';
            if (s) samples.push({ variant: name, extra, registered, what, ms, ...s });
            else console.log(`${name} +${extra}: no card measure (${ms})`);
            await page.mouse.move(1279, 1);
            await page.keyboard.press('Escape');
            await page.waitForTimeout(800);
          }
          await page.mouse.move(1279, 1);
          await page.keyboard.press('Escape');
          await page.waitForTimeout(800);
          events = await traced(cdp, () => plainBox(page), CATEGORIES);
          s = selfByName(events, 'bench-box');
          if (s) samples.push({ variant: name, extra, registered, what: 'box', ms: s.window, ...s });
          if (SHOW) {
            await page.evaluate(SHOW_SETUP).catch(() => {});
            for (const how of ['shadow', 'iframe'] as const) {
              await page.waitForTimeout(300);
              events = await traced(cdp, () => showOnce(page, how), CATEGORIES);
              s = selfByName(events, `bench-${how}`);
              if (s) samples.push({ variant: name, extra, registered, what: how, ms: s.window, ...s });
            }
          }
        }
        await cdp.detach();
      } finally {
        await close();
      }
      console.log(`round ${round + 1} ${name} done`);
    }
  }
  await server.close();
  const groups = new Map<string, Sample[]>();
  for (const s of samples) {
    const k = `${s.variant} +${s.extra} ${s.what}`;
    groups.set(k, [...(groups.get(k) ?? []), s]);
  }
  for (const [k, ss] of groups) {
    const names = new Set(ss.flatMap((s) => [...s.by.keys()]));
    const med = [...names]
      .map((n) => [n, median(ss.map((s) => s.by.get(n) ?? 0))] as const)
      .sort((a, b) => b[1] - a[1])
      .slice(0, TOP);
    console.log(
      `\n== ${k}: registered ${ss.map((s) => s.registered).join('/')}; measure ms ${ss.map((s) => s.ms?.toFixed(1)).join(' ')}; window ms ${ss.map((s) => s.window).join(' ')} (median ${median(ss.map((s) => s.window)).toFixed(1)})`,
    );
    for (const [n, ms] of med) console.log(`  ${ms.toFixed(2).padStart(8)}  ${n}`);
  }
}

await main();
