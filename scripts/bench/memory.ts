/**
 * Memory: the heap the extension's content script holds on a huge page (the 5 MB article),
 * after a GC, in total and per mention. V8's heap is per renderer isolate (the page's main world
 * and the extension's isolated world share it; `Runtime.getHeapUsage` cannot split it), so the
 * content script's share is taken by difference, one tab open at a time:
 *   total = heap with the extension − heap without it, on the 5 MB page (after our first scan);
 *   idle  = the same on an empty page (the content script started, nothing found);
 *   held for the page's mentions = total − idle; per mention = that / mentions.
 * Heap = V8's used size + Blink's (`embedderHeapUsedSize`: ranges and highlights live there).
 * The content script's isolated world is checked to exist (CDP `Runtime.executionContextCreated`,
 * `auxData.type` 'isolated', named after the extension) so a load where it did not start is not counted.
 */
import type { BrowserContext, CDPSession } from 'playwright-core';
import type { LocalServer } from '../lib/server';
import { chromiumPair } from './browsers';
import { type Log, median, round, sleep } from './common';
import { waitForScan } from './hover';

export interface MemoryResult {
  page: string;
  mentions: number;
  /** Heap (V8 + Blink) with − without the extension, MB, on the page and on an empty page. */
  totalMb: number;
  idleMb: number;
  /** totalMb − idleMb. */
  forMentionsMb: number;
  bytesPerMention: number;
  /** V8's part only (MB), with − without, on the page. */
  v8TotalMb: number;
}

interface Heap {
  v8: number;
  blink: number;
}

async function heapOf(cdp: CDPSession): Promise<Heap> {
  for (let i = 0; i < 2; i++) await cdp.send('HeapProfiler.collectGarbage');
  const u = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number; embedderHeapUsedSize?: number };
  return { v8: u.usedSize, blink: u.embedderHeapUsedSize ?? 0 };
}

/** One tab: load, wait, GC, heap; with `isolated`, fails unless an extension's isolated world was created. */
async function heapAfterLoad(context: BrowserContext, url: string, extension: boolean): Promise<Heap> {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  const isolated: string[] = [];
  cdp.on('Runtime.executionContextCreated', (e) => {
    const aux = e.context.auxData as { type?: string } | undefined;
    if (aux?.type === 'isolated') isolated.push(e.context.name);
  });
  await cdp.send('Runtime.enable');
  await page.goto(url, { waitUntil: 'load', timeout: 120_000 });
  if (extension) await waitForScan(page);
  await sleep(1500);
  const heap = await heapOf(cdp);
  await page.close();
  // Playwright's own utility world is isolated too; the content script's is named after the extension.
  if (extension && !isolated.some((n) => n && !n.startsWith('__playwright')))
    throw new Error(`memory: no content-script world on ${url} (${isolated.join(', ')})`);
  return heap;
}

export async function memoryBench(opts: {
  server: LocalServer;
  name: string;
  path: string;
  /** The bench's page bundle (bundle.ts): counts the mentions read in context on that page, as the content script does. */
  bundle: string;
  loads: number;
  log: Log;
}): Promise<MemoryResult> {
  const { server, log } = opts;
  server.put('/memory/empty.html', {
    type: 'text/html; charset=utf-8',
    body: '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Empty</title></head><body><p>Nothing.</p></body></html>',
  });
  const pair = await chromiumPair(server);
  try {
    const diffs = async (path: string) => {
      const v8: number[] = [];
      const all: number[] = [];
      for (let i = 0; i < opts.loads; i++) {
        const w = await heapAfterLoad(pair.ext, server.origin + path, true);
        const wo = await heapAfterLoad(pair.plain, server.origin + path, false);
        v8.push(w.v8 - wo.v8);
        all.push(w.v8 + w.blink - wo.v8 - wo.blink);
      }
      return { v8: median(v8), all: median(all) };
    };
    const page = await diffs(opts.path);
    const idle = await diffs('/memory/empty.html');
    const counter = await pair.plain.newPage();
    await counter.goto(server.origin + opts.path, { waitUntil: 'load', timeout: 120_000 });
    await counter.evaluate(opts.bundle);
    const mentions = (await counter.evaluate(
      '(() => { const b = globalThis.__contextoBench; b.snapshot(); b.reset(); return b.run("contexto").count; })()',
    )) as number;
    await counter.close();
    const MB = 1024 * 1024;
    const r: MemoryResult = {
      page: opts.name,
      mentions,
      totalMb: round(page.all / MB),
      idleMb: round(idle.all / MB),
      forMentionsMb: round((page.all - idle.all) / MB),
      bytesPerMention: mentions ? Math.round((page.all - idle.all) / mentions) : -1,
      v8TotalMb: round(page.v8 / MB),
    };
    log(
      `  memory ${opts.name}: extension holds ${r.totalMb} MB (V8 ${r.v8TotalMb} MB), ${r.idleMb} MB on an empty page; for ${r.mentions} mentions ${r.forMentionsMb} MB, ${r.bytesPerMention} B each (target < 10 MB)`,
    );
    return r;
  } finally {
    await pair.close();
  }
}
