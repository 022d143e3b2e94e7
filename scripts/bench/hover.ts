/**
 * Hover: the pointer rests on `count` mentions spread over the page, one after the other, leaving
 * the card to close in between. The content script records a `contexto-card` User Timing measure
 * per card (show delay's end → the animation frame after the card was placed and made visible)
 * and `contexto-card-placed` (→ placed and visible: our JavaScript and the layout it forces); the
 * page's main world reads them (Chromium keeps one performance timeline per window, shared by the
 * page and the extension's isolated world). Mentions are picked among the ranges registered in
 * the viewport after scrolling to k/count of the page, so the part works when only near-viewport
 * ranges are registered.
 */
import type { CDPSession, Page } from 'playwright-core';
import { type CardSplit, cardSplit } from './card-split';
import { median, REGISTERED_RANGES, SCAN_DONE } from './common';
import { traced } from './tracing';

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
  /** Delay end → the end of the frame that paints the card (`contexto-card-frame-end`), median. */
  frameEndMedianMs: number;
  /** Reference: a plain fixed 300×200 box with text appended by the page → next animation frame, same page and highlights. */
  plainBoxMedianMs: number;
  missed: number;
  /** With a CDP session: where each card's time went (card-split.ts), medians per part. */
  split?: CardSplit;
}

/** Waits until the first scan is done (its measure, or the registered ranges stop changing). */
export async function waitForScan(page: Page): Promise<void> {
  let last = -1;
  for (let i = 0; i < 240; i++) {
    if (((await page.evaluate(SCAN_DONE)) as number) > 0) return;
    const n = (await page.evaluate(REGISTERED_RANGES)) as number;
    if (n > 0 && n === last) return;
    last = n;
    await page.waitForTimeout(500);
  }
}

/** One plain box's times (ms): → the next animation frame's callback, and → the end of that frame (the first task after it). */
export interface BoxFrame {
  frameMs: number;
  frameEndMs: number;
}

/**
 * A plain fixed 300×200 box with text appended by the page → the next animation frame, `n` times;
 * timed like the card (`contexto-card` and `contexto-card-frame-end`).
 */
export async function plainBoxFrames(page: Page, n = 5): Promise<BoxFrame[]> {
  const box: BoxFrame[] = [];
  for (let i = 0; i < n; i++) {
    box.push(
      (await page.evaluate(`new Promise((resolve) => {
        const d = document.createElement('div');
        d.style.cssText = 'position:fixed;left:100px;top:100px;width:300px;height:200px;background:#fff;border:1px solid #888;z-index:2147483646';
        d.textContent = 'card '.repeat(40);
        const t0 = performance.now();
        document.documentElement.append(d);
        d.getBoundingClientRect();
        requestAnimationFrame(() => {
          const frameMs = performance.now() - t0;
          setTimeout(() => {
            const frameEndMs = performance.now() - t0;
            d.remove();
            setTimeout(() => resolve({ frameMs, frameEndMs }), 300);
          });
        });
      })`)) as BoxFrame,
    );
  }
  return box;
}

/**
 * `opts.cdp`: trace each hover and split its time (`split`); `opts.reload: false`: hover on the
 * page as it is (already loaded and scanned).
 */
export async function hover(
  page: Page,
  url: string,
  name: string,
  count: number,
  opts: { cdp?: CDPSession; reload?: boolean } = {},
): Promise<HoverResult> {
  if (opts.reload !== false) {
    await page.goto(url, { waitUntil: 'load', timeout: 120_000 });
    await waitForScan(page);
  }
  const splits: CardSplit[] = [];
  const samples: number[] = [];
  const placed: number[] = [];
  const frameEnd: number[] = [];
  let missed = 0;
  for (let k = 0; k < count; k++) {
    await page.evaluate(
      ({ k, count }) =>
        window.scrollTo(0, ((k + 0.5) / count) * Math.max(0, document.documentElement.scrollHeight - innerHeight)),
      { k, count },
    );
    await page.waitForTimeout(300); // scroll events settle; near-viewport ranges get registered
    const point = (await page.evaluate((k) => {
      const inView: DOMRect[] = [];
      for (const [n, h] of CSS.highlights as unknown as Map<string, Set<Range>>) {
        if (!n.startsWith('contexto') || n === 'contexto-focus') continue;
        for (const range of h) {
          const r = range.getClientRects()[0];
          if (r && r.top > 40 && r.bottom < innerHeight - 40 && r.left >= 0 && r.right < innerWidth - 20)
            inView.push(r);
        }
      }
      inView.sort((a, b) => a.top - b.top || a.left - b.left);
      const r = inView[k % Math.max(1, inView.length)];
      return r
        ? {
            x: r.left + Math.min(r.width / 2, 8),
            y: r.top + r.height / 2,
            before: performance.getEntriesByName('contexto-card').length,
          }
        : null;
    }, k)) as { x: number; y: number; before: number } | null;
    if (!point) {
      missed++;
      continue;
    }
    let ms: [number, number, number | null] | null = null;
    const rest = async () => {
      await page.mouse.move(point.x, point.y, { steps: 2 });
      ms = (await page
        .waitForFunction(
          (before) => {
            const e = performance.getEntriesByName('contexto-card');
            const p = performance.getEntriesByName('contexto-card-placed');
            const f = performance.getEntriesByName('contexto-card-frame-end');
            // The frame's end is a task after the card's frame (a build without it: null).
            if (e.length <= before || (f.length <= before && performance.now() - e[e.length - 1]!.startTime < 2000))
              return false;
            return [
              e[e.length - 1]!.duration,
              p[p.length - 1]!.duration,
              f.length > before ? f[f.length - 1]!.duration : null,
            ];
          },
          point.before,
          { timeout: 5000, polling: 20 },
        )
        .then((h) => h.jsonValue())
        .catch(() => null)) as [number, number, number | null] | null;
      // The frame that paints the card ends after the measure: let it finish inside the trace.
      if (opts.cdp) await page.waitForTimeout(200);
    };
    if (opts.cdp) {
      const split = cardSplit(await traced(opts.cdp, rest));
      if (split) splits.push(split);
    } else await rest();
    if (ms) {
      samples.push(ms[0]);
      placed.push(ms[1]);
      if (ms[2] !== null) frameEnd.push(ms[2]);
    } else missed++;
    // Off every mention (the page's right edge), then past the hide delay, so the next card waits for the show delay again.
    await page.mouse.move(1279, 1, { steps: 1 });
    await page.waitForTimeout(600);
  }
  // Reference: what any fixed overlay costs to get painted on this page (the browser's own rendering).
  const box = await plainBoxFrames(page);
  const max = (xs: number[]) => (xs.length ? Math.max(...xs) : -1);
  return {
    page: name,
    hovers: count,
    samplesMs: samples.map((x) => +x.toFixed(1)),
    medianMs: median(samples),
    maxMs: max(samples),
    placedMedianMs: median(placed),
    placedMaxMs: max(placed),
    frameEndMedianMs: median(frameEnd),
    plainBoxMedianMs: median(box.map((b) => b.frameMs)),
    missed,
    ...(opts.cdp ? { split: medianSplit(splits) } : {}),
  };
}

/** Median of each part over the hovers (the parts of one median need not add up to its window). */
function medianSplit(splits: CardSplit[]): CardSplit {
  const m = (k: keyof CardSplit) => +median(splits.map((s) => s[k])).toFixed(1);
  return {
    windowMs: m('windowMs'),
    scriptMs: m('scriptMs'),
    forcedMs: m('forcedMs'),
    frameMs: m('frameMs'),
    otherMs: m('otherMs'),
    idleMs: m('idleMs'),
  };
}
