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

interface UrgentScheduler {
  postTask(task: () => void, options: { priority: 'user-blocking' }): Promise<unknown>;
}

/**
 * A later task that runs soon: `scheduler.postTask` at 'user-blocking' priority where there is one
 * (Chromium: ahead of the parser's tasks, while a page parses, and of the first frame after
 * DOMContentLoaded, both of which a timer waits for: a sliced compile that yielded to timers came after
 * DOMContentLoaded on wikipedia-2); else a later task or the next animation frame, whichever comes first.
 */
export const nextTaskOrFrame = (): Promise<void> => {
  const scheduler = (globalThis as { scheduler?: UrgentScheduler }).scheduler;
  if (typeof scheduler?.postTask === 'function')
    return scheduler.postTask(() => {}, { priority: 'user-blocking' }).then(() => {});
  return Promise.race([nextTask(), nextFrame()]);
};

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
