/**
 * Scroll smoothness and hover on a huge page (the 5 MB article, page scripts off by CSP), with
 * the extension and without, side by side in one run:
 * - frame times (intervals between animation frames) while the page scrolls 60 px per frame
 *   for `frames` frames from the top, `rounds` rounds each, alternating with / without;
 * - the card: delay end → the frame that paints it (`contexto-card`, see hover.ts), against a
 *   plain fixed box → its next frame on the same page *without* the extension (the browser's own
 *   cost of painting something new there). Targets: each ≤ 1.2× without. Both times end in the
 *   animation frame's callback, before that frame's style, layout and paint; the same two are
 *   also timed to the frame's end (the first task after it), what the reader waits for.
 *   Then as many hovers again, each traced, for where the card's time goes (card-split.ts): our
 *   JavaScript, the style and layout it forces, the frame's rendering, idle.
 */
import type { Page } from 'playwright-core';
import type { LocalServer } from '../lib/server';
import { chromiumPair } from './browsers';
import type { CardSplit } from './card-split';
import { type Log, median, percentile, round } from './common';
import { hover, plainBoxFrames, waitForScan } from './hover';

export interface FrameStats {
  p50: number;
  p95: number;
  max: number;
  frames: number;
}

export interface SmoothResult {
  page: string;
  scroll: { withExtension: FrameStats; withoutExtension: FrameStats; p50Ratio: number; p95Ratio: number };
  card: {
    /** Delay end → card painted, median ms (with the extension). */
    cardMedianMs: number;
    /** Plain fixed box → next frame on the page without the extension, median ms. */
    plainBoxWithoutExtensionMedianMs: number;
    ratio: number;
    missed: number;
    /** Delay end → card placed and visible (our JavaScript and the layout it forces), median ms. */
    placedMedianMs: number;
    /** The same card and box, each to the end of the frame that paints it (its rendering included), median ms. */
    frameEnd: { cardMedianMs: number; plainBoxWithoutExtensionMedianMs: number; ratio: number };
    /** From traced hovers (not the ones above): medians of the card's window and its parts, ms. */
    split?: CardSplit;
  };
}

/** Scrolls `frames` frames of 60 px from the top; returns the frame intervals (ms). */
async function scrollFrames(page: Page, frames: number): Promise<number[]> {
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.waitForTimeout(300);
  // A string, not a function: tsx would wrap the inner `step` in its `__name`, unknown in the page.
  return (await page.evaluate(`new Promise((resolve) => {
    const times = [];
    const step = (t) => {
      times.push(t);
      if (times.length > ${frames}) {
        resolve(times.slice(1).map((x, i) => x - times[i]));
        return;
      }
      window.scrollBy(0, 60);
      requestAnimationFrame(step);
    };
    requestAnimationFrame(step);
  })`)) as number[];
}

const stats = (xs: number[]): FrameStats => ({
  p50: round(median(xs), 1),
  p95: round(percentile(xs, 95), 1),
  max: round(Math.max(...xs), 1),
  frames: xs.length,
});

export async function smoothBench(opts: {
  server: LocalServer;
  name: string;
  path: string;
  log: Log;
  frames?: number;
  rounds?: number;
  hovers?: number;
}): Promise<SmoothResult> {
  const { server, log } = opts;
  const url = server.origin + opts.path;
  const pair = await chromiumPair(server);
  try {
    const ext = await pair.ext.newPage();
    const plain = await pair.plain.newPage();
    await ext.goto(url, { waitUntil: 'load', timeout: 120_000 });
    await waitForScan(ext);
    await plain.goto(url, { waitUntil: 'load', timeout: 120_000 });
    const withExt: number[] = [];
    const without: number[] = [];
    for (let r = 0; r < (opts.rounds ?? 3); r++) {
      without.push(...(await scrollFrames(plain, opts.frames ?? 120)));
      withExt.push(...(await scrollFrames(ext, opts.frames ?? 120)));
    }
    const a = stats(withExt);
    const b = stats(without);
    const boxes = await plainBoxFrames(plain, opts.hovers ?? 5);
    const box = boxes.map((b) => b.frameMs);
    const boxEnd = median(boxes.map((b) => b.frameEndMs));
    const card = await hover(ext, url, opts.name, opts.hovers ?? 5);
    const cdp = await pair.ext.newCDPSession(ext);
    const traced = await hover(ext, url, opts.name, opts.hovers ?? 5, { cdp, reload: false });
    await cdp.detach();
    const result: SmoothResult = {
      page: opts.name,
      scroll: { withExtension: a, withoutExtension: b, p50Ratio: round(a.p50 / b.p50), p95Ratio: round(a.p95 / b.p95) },
      card: {
        cardMedianMs: round(card.medianMs, 1),
        plainBoxWithoutExtensionMedianMs: round(median(box), 1),
        ratio: round(card.medianMs / median(box)),
        missed: card.missed,
        placedMedianMs: round(card.placedMedianMs, 1),
        frameEnd: {
          cardMedianMs: round(card.frameEndMedianMs, 1),
          plainBoxWithoutExtensionMedianMs: round(boxEnd, 1),
          ratio: round(card.frameEndMedianMs / boxEnd),
        },
        ...(traced.split ? { split: traced.split } : {}),
      },
    };
    log(
      `  smooth ${opts.name}: scroll frames with p50/p95/max ${a.p50}/${a.p95}/${a.max} ms, without ${b.p50}/${b.p95}/${b.max} ms (p95 ${result.scroll.p95Ratio}×); card ${result.card.cardMedianMs} ms vs plain box without the extension ${result.card.plainBoxWithoutExtensionMedianMs} ms (${result.card.ratio}×), placed ${result.card.placedMedianMs} ms; to the frame's end ${result.card.frameEnd.cardMedianMs} vs ${result.card.frameEnd.plainBoxWithoutExtensionMedianMs} ms (${result.card.frameEnd.ratio}×); traced card split ${JSON.stringify(traced.split)}`,
    );
    return result;
  } finally {
    await pair.close();
  }
}
