/** Stops a timer started by `later` (nothing if it ran). */
export type Cancel = () => void;

interface PostTaskScheduler {
  postTask(task: () => void, options: { delay?: number; signal?: AbortSignal }): Promise<unknown>;
}

/** How much later than the timer the stand-in task runs while it is not known whether timers run here. */
export const STAND_IN_SLACK_MS = 8;

/**
 * Whether our timers run in this page: unknown until one of ours fires, or a stand-in task ran
 * first (false; a timer firing after all sets it true again).
 */
let timersRun: boolean | undefined;

/**
 * setTimeout for the content scripts. Chrome runs no setTimeout callback, an extension's
 * included, in a page whose JavaScript the reader blocked (site settings), while events,
 * observers, animation frames and `scheduler.postTask` still run there. Until a timer of ours has
 * fired, each gets a `postTask` stand-in a little later, and whichever runs first runs the task;
 * once timers are known to run, plain timers. (Telling by parsing `<noscript>` in a detached
 * element cost a frame about 4 ms: the HTML parser's first use there.) Not for the loader: the
 * scheduler's first use in a frame costs as much (./start.ts `afterThisTask`).
 */
export function later(task: () => void, ms = 0): Cancel {
  const scheduler = (globalThis as { scheduler?: PostTaskScheduler }).scheduler;
  if (!scheduler || timersRun === true) {
    const id = setTimeout(task, ms);
    return () => clearTimeout(id);
  }
  const abort = new AbortController();
  if (timersRun === false) {
    scheduler.postTask(task, { delay: ms, signal: abort.signal }).catch(() => {});
    return () => abort.abort();
  }
  let done = false;
  const id = setTimeout(() => {
    timersRun = true;
    abort.abort();
    if (done) return;
    done = true;
    task();
  }, ms);
  scheduler
    .postTask(
      () => {
        if (done) return;
        done = true;
        // The timer stays set: if it fires after all, timers run here.
        timersRun ??= false;
        task();
      },
      { delay: ms + STAND_IN_SLACK_MS, signal: abort.signal },
    )
    .catch(() => {});
  return () => {
    done = true;
    clearTimeout(id);
    abort.abort();
  };
}
