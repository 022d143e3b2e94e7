/** Stops a timer started by `later` (nothing if it ran). */
export type Cancel = () => void;

interface PostTaskScheduler {
  postTask(task: () => void, options: { delay?: number; signal?: AbortSignal }): Promise<unknown>;
}

let scriptsOff: boolean | undefined;

/**
 * setTimeout for the content scripts. Chrome runs no setTimeout callback, an extension's
 * included, in a page whose JavaScript the reader blocked (site settings), while events,
 * observers, animation frames and `scheduler.postTask` still run there: such pages get postTask.
 */
export function later(task: () => void, ms = 0): Cancel {
  const scheduler = (globalThis as { scheduler?: PostTaskScheduler }).scheduler;
  if (scheduler && pageScriptsOff()) {
    const abort = new AbortController();
    scheduler.postTask(task, { delay: ms, signal: abort.signal }).catch(() => {});
    return () => abort.abort();
  }
  const id = setTimeout(task, ms);
  return () => clearTimeout(id);
}

/**
 * The page's scripting is off: its HTML parser then reads `<noscript>` content as elements.
 * Asked of a detached element that never enters the page.
 */
export function pageScriptsOff(): boolean {
  if (scriptsOff === undefined) {
    try {
      const probe = document.createElement('div');
      probe.innerHTML = '<noscript><i></i></noscript>';
      scriptsOff = probe.querySelector('i') !== null;
    } catch {
      scriptsOff = false;
    }
  }
  return scriptsOff;
}
