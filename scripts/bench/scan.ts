/**
 * The side-by-side scan (no extension): the bench's methods (page-entry.ts, one IIFE) evaluated
 * in each page, page scripts off by CSP, interleaved reps after a warm-up round; in Chromium
 * (Playwright, with a heap column) and in Firefox ESR (Puppeteer over WebDriver BiDi).
 */
import type { CDPSession } from 'playwright-core';
import { blockOutside, launchChromium, type Blocked } from '../lib/browser';
import { launchFirefox } from '../lib/firefox';
import { type Log, median } from './common';
import type { BenchOptions, Method } from './options';

export interface PageResult {
  page: string;
  kb: number;
  ms: Partial<Record<Method, number>>;
  /** Every rep's time, for the record. */
  samples: Partial<Record<Method, number[]>>;
  counts: Partial<Record<Method, number>>;
  ratios: {
    contextoOverBaseline: number;
    /** Over the walk that also reads every character: the floor of any scan that looks at each one in script. */
    contextoOverChars?: number;
    /** The scan without the context rules over the baseline. */
    noContextOverBaseline?: number;
    /** What reading in context adds: contexto over contexto without the context rules. */
    contextoOverNoContext?: number;
    markjsOverContexto?: number;
    naiveOverContexto?: number;
  };
  /** Not measured in Firefox (no CDP) nor with --quick. */
  heapGrowthKb?: number;
  blockedRequests: number;
  expectedMentions?: number;
}

export interface ScanTarget {
  name: string;
  url: string;
  kb: number;
  expectedMentions?: number;
}

/**
 * mark.js is 100–700× slower than contexto: 3 reps settle its ratio, and more would double the full
 * run's time (it took most of the run's 20 minutes with 5).
 */
const MARKJS_REPS = 3;

/** Pages whose contexto run is faster than this get 3× the reps (not with --quick). */
export const FAST_PAGE_MS = 20;
/**
 * With --quick, a page whose warm-up round took longer than this (wall time, the fresh copies of the
 * body laid out included) gets QUICK_SLOW_REPS rounds: the 5 MB page's rounds take seconds, and so do
 * breitbart's (half a megabyte of CSS to apply to each copy).
 */
export const QUICK_SLOW_ROUND_MS = 1000;
export const QUICK_SLOW_REPS = 2;

export const SHORT: Record<Method, string> = {
  baseline: 'base',
  chars: 'chars',
  contexto: 'ctx',
  'contexto-noctx': 'noctx',
  markjs: 'mark.js',
  naive: 'naive',
};

/** What the scan part needs from a browser tab (Playwright's Chromium page or Puppeteer's Firefox page). */
interface Tab {
  goto(url: string): Promise<unknown>;
  evaluate<T, A>(fn: string | ((arg: A) => T), arg?: A): Promise<T>;
}

type Bench = {
  snapshot(): void;
  reset(): void;
  run(m: Method): { ms: number; count: number };
  phases(): Record<string, number>;
};
const bench = () => (globalThis as unknown as { __contextoBench: Bench }).__contextoBench;

async function heapUsed(cdp: CDPSession): Promise<number> {
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
  return usedSize;
}

async function benchPage(
  page: Tab,
  cdp: CDPSession | null,
  url: string,
  bundle: string,
  methods: Method[],
  o: BenchOptions,
  log: Log,
): Promise<Omit<PageResult, 'page' | 'kb' | 'blockedRequests'>> {
  await page.goto(url);
  await page.evaluate(bundle);
  await page.evaluate(`(${bench})().snapshot()`);
  const samples = Object.fromEntries(methods.map((m) => [m, [] as number[]])) as Record<Method, number[]>;
  const counts = {} as Record<Method, number>;
  let slowMarkjs = false;
  // One warm-up round (JIT, caches), then o.reps rounds; the order rotates every round. A page whose
  // contexto run takes under FAST_PAGE_MS gets 3× the rounds (cheap, and its few-ms times are the noisiest),
  // except with --quick, which is kept under 3 minutes: there a page slow to set up gets fewer.
  let reps = o.reps;
  for (let rep = -1; rep < reps; rep++) {
    const roundStart = performance.now();
    for (let k = 0; k < methods.length; k++) {
      const method = methods[(k + Math.max(rep, 0)) % methods.length]!;
      if (method === 'markjs' && (slowMarkjs || samples.markjs.length >= MARKJS_REPS)) continue;
      await page.evaluate(`(${bench})().reset()`);
      const r = (await page.evaluate(`(${bench})().run(${JSON.stringify(method)})`)) as { ms: number; count: number };
      if (rep >= 0) samples[method].push(r.ms);
      // mark.js takes minutes on the 5 MB page: a first run over markjsSlowMs is its only sample.
      if (method === 'markjs' && rep < 0 && r.ms > o.markjsSlowMs) {
        slowMarkjs = true;
        samples.markjs.push(r.ms);
      }
      if (method === 'contexto' && rep < 0 && !o.quick && r.ms < FAST_PAGE_MS) reps = o.reps * 3;
      if (o.verbose) log(`    rep ${rep} ${method}: ${r.ms.toFixed(1)} ms, ${r.count}`);
      if (counts[method] !== undefined && counts[method] !== r.count)
        throw new Error(`${method} found ${r.count} mentions, before ${counts[method]}`);
      counts[method] = r.count;
    }
    if (o.quick && rep < 0 && performance.now() - roundStart > QUICK_SLOW_ROUND_MS) reps = QUICK_SLOW_REPS;
  }
  // Heap growth: what our annotation keeps alive (ranges and highlights), after GC.
  let heapGrowthKb: number | undefined;
  if (cdp && !o.quick) {
    await page.evaluate(`(${bench})().reset()`);
    const before = await heapUsed(cdp);
    await page.evaluate(`void (${bench})().run('contexto')`);
    heapGrowthKb = ((await heapUsed(cdp)) - before) / 1024;
  }
  if (o.verbose) {
    // Where our scan's time goes: block collection vs matching vs ranges + highlights vs style flush.
    await page.evaluate(`(${bench})().reset()`);
    const p = (await page.evaluate(`(${bench})().phases()`)) as Record<string, number>;
    log(
      `    contexto phases: collect ${p.collect!.toFixed(1)} ms, match ${p.match!.toFixed(1)} ms, read in context (match included) ${p.read!.toFixed(1)} ms, full ${p.full!.toFixed(1)} ms, flush ${p.flush!.toFixed(1)} ms; ${p.blocks} blocks, ${p.chars} chars, ${p.mentions} candidates, ${p.accepted} accepted`,
    );
  }
  const summarise = o.stat === 'min' ? (xs: number[]) => Math.min(...xs) : median;
  const ms = Object.fromEntries(methods.map((m) => [m, summarise(samples[m])])) as Record<Method, number>;
  return {
    ms,
    samples,
    counts,
    ratios: {
      contextoOverBaseline: ms.contexto / ms.baseline,
      ...(ms.chars !== undefined && { contextoOverChars: ms.contexto / ms.chars }),
      ...(ms['contexto-noctx'] !== undefined && {
        noContextOverBaseline: ms['contexto-noctx'] / ms.baseline,
        contextoOverNoContext: ms.contexto / ms['contexto-noctx'],
      }),
      ...(ms.markjs !== undefined && { markjsOverContexto: ms.markjs / ms.contexto }),
      ...(ms.naive !== undefined && { naiveOverContexto: ms.naive / ms.contexto }),
    },
    ...(heapGrowthKb !== undefined && { heapGrowthKb }),
  };
}

const f1 = (x: number) => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));

export async function scanChromium(opts: {
  origin: string;
  targets: ScanTarget[];
  bundle: string;
  o: BenchOptions;
  log: Log;
}): Promise<PageResult[]> {
  const { o, log } = opts;
  const { context, close } = await launchChromium({ extraArgs: ['--js-flags=--expose-gc'] });
  const results: PageResult[] = [];
  try {
    const blocked: Blocked[] = [];
    await blockOutside(context, opts.origin, blocked);
    const chromiumPage = await context.newPage();
    const cdp = await context.newCDPSession(chromiumPage);
    const page: Tab = {
      goto: (url) => chromiumPage.goto(url, { waitUntil: 'load', timeout: 120_000 }),
      evaluate: (fn, arg) => chromiumPage.evaluate(fn as never, arg),
    };
    for (const t of opts.targets) {
      const before = blocked.length;
      const r = await benchPage(page, cdp, t.url, opts.bundle, o.methods, o, log);
      const result: PageResult = { page: t.name, kb: t.kb, ...r, blockedRequests: blocked.length - before };
      if (t.expectedMentions !== undefined) result.expectedMentions = t.expectedMentions;
      results.push(result);
      if (!o.json)
        log(
          `  ${t.name}: ${o.methods.map((m) => `${SHORT[m]} ${f1(r.ms[m]!)} ms`).join(', ')}; ctx/base ${r.ratios.contextoOverBaseline.toFixed(2)}`,
        );
    }
  } finally {
    await close();
  }
  return results;
}

/** The Firefox methods: baseline and contexto with and without the context rules (mark.js and naive only in Chromium). */
export const firefoxMethods = (methods: Method[]) => methods.filter((m) => m !== 'markjs' && m !== 'naive');

export async function scanFirefox(opts: {
  targets: ScanTarget[];
  bundle: string;
  o: BenchOptions;
  log: Log;
}): Promise<PageResult[]> {
  const { o, log } = opts;
  const ff = await launchFirefox({
    viewport: { width: 1280, height: 900 },
    prefs: { 'privacy.reduceTimerPrecision': false },
  });
  const results: PageResult[] = [];
  try {
    const ffPage = await ff.newPage();
    const page: Tab = {
      goto: (url) => ffPage.goto(url, { waitUntil: 'load', timeout: 120_000 }),
      evaluate: (fn, arg) =>
        (typeof fn === 'string' ? ffPage.evaluate(fn) : ffPage.evaluate(fn as never, arg)) as never,
    };
    const methods = firefoxMethods(o.methods);
    for (const t of opts.targets) {
      const r = await benchPage(page, null, t.url, opts.bundle, methods, o, log);
      results.push({ page: t.name, kb: t.kb, ...r, blockedRequests: 0 });
      if (!o.json)
        log(
          `  firefox ${t.name}: ${methods.map((m) => `${SHORT[m]} ${f1(r.ms[m]!)} ms`).join(', ')}; ctx/base ${r.ratios.contextoOverBaseline.toFixed(2)}`,
        );
    }
  } finally {
    await ff.close();
  }
  return results;
}

/** The scan's summary for one browser's results. */
export function scanSummary(results: PageResult[]) {
  const synth = results.find((r) => r.page === 'synthetic-5mb');
  const corpus = results.filter((r) => r !== synth);
  const worst = results.reduce((a, b) => (b.ratios.contextoOverBaseline > a.ratios.contextoOverBaseline ? b : a));
  const noctx = corpus.every((r) => r.ratios.contextoOverNoContext !== undefined);
  const chars = corpus.every((r) => r.ratios.contextoOverChars !== undefined);
  return {
    worstContextoOverBaseline: worst.ratios.contextoOverBaseline,
    worstPage: worst.page,
    medianContextoOverBaselineCorpus: median(corpus.map((r) => r.ratios.contextoOverBaseline)),
    ...(chars && {
      medianContextoOverCharsCorpus: median(corpus.map((r) => r.ratios.contextoOverChars!)),
      worstContextoOverChars: Math.max(...corpus.map((r) => r.ratios.contextoOverChars!)),
    }),
    ...(noctx && {
      medianNoContextOverBaselineCorpus: median(corpus.map((r) => r.ratios.noContextOverBaseline!)),
      medianContextoOverNoContextCorpus: median(corpus.map((r) => r.ratios.contextoOverNoContext!)),
      /** Summed over the corpus pages: the context rules' share of the whole corpus scan. */
      corpusContextoOverNoContextTotal:
        corpus.reduce((a, r) => a + r.ms.contexto!, 0) / corpus.reduce((a, r) => a + r.ms['contexto-noctx']!, 0),
    }),
    synthetic: synth ? { ...synth.ratios, counts: synth.counts, expected: synth.expectedMentions } : null,
  };
}
export type ScanSummary = ReturnType<typeof scanSummary>;
