import { later } from './timer';
/**
 * Runs work in slices so no task of ours blocks the page's main thread for long:
 * each slice stops after `budgetMs` and the rest continues in a later task.
 */

export const SLICE_BUDGET_MS = 12;

export interface ChunkedRun {
  cancel(): void;
  readonly done: Promise<boolean>;
}

const nextTask = (): Promise<void> => new Promise((resolve) => later(resolve));

/**
 * The next animation frame. While a page parses, Chromium runs the parser and its frames ahead
 * of timer tasks: work that must happen before DOMContentLoaded goes in frames.
 */
export const nextFrame = (): Promise<void> =>
  typeof requestAnimationFrame === 'function'
    ? new Promise((resolve) => requestAnimationFrame(() => resolve()))
    : nextTask();

/**
 * A later task or the next animation frame, whichever comes first: work that should neither hold
 * a task nor wait long, while a page parses (frames come first) and after (tasks do).
 */
export const nextTaskOrFrame = (): Promise<void> => Promise.race([nextTask(), nextFrame()]);

/**
 * Calls `step` until it returns false, yielding to the page between slices (`yieldToPage`: in a
 * later task by default). Resolves `done` with true when finished, false when cancelled.
 */
export function runChunked(step: () => boolean, budgetMs = SLICE_BUDGET_MS, yieldToPage = nextTask): ChunkedRun {
  let cancelled = false;
  const done = (async () => {
    for (;;) {
      const sliceStart = performance.now();
      do {
        if (cancelled) return false;
        if (!step()) return true;
      } while (performance.now() - sliceStart < budgetMs);
      await yieldToPage();
    }
  })();
  return {
    cancel: () => {
      cancelled = true;
    },
    done,
  };
}
