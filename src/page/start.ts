/**
 * When a frame starts scanning. The content script is injected at `document_start`: it reads
 * settings and the active sheet while the page parses, then scans once the DOM is complete
 * (DOMContentLoaded), from the top of the page. A sub-frame too small to show a line of text
 * (trackers, spacers, collapsed or `display: none` frames) does nothing until it is resized.
 */

/** Smallest sub-frame (CSS px) that can show a highlighted word. */
export const MIN_FRAME = { width: 40, height: 12 } as const;

type FrameWindow = Pick<Window, 'innerWidth' | 'innerHeight' | 'top' | 'addEventListener' | 'removeEventListener'>;

/** The top frame always; a sub-frame when big enough to show text. */
export function isFrameWorthScanning(win: FrameWindow): boolean {
  if (win.top === (win as unknown)) return true;
  return win.innerWidth >= MIN_FRAME.width && win.innerHeight >= MIN_FRAME.height;
}

/**
 * Resolves once the frame is worth scanning (at once when it is); never, if `ctx.signal` aborts
 * first. The signal is read only for a wait (the loader's context makes it on demand).
 */
export function whenWorthScanning(win: FrameWindow, ctx: { readonly signal: AbortSignal }): Promise<void> {
  if (isFrameWorthScanning(win)) return Promise.resolve();
  const signal = ctx.signal;
  return new Promise((resolve) => {
    const check = () => {
      if (!isFrameWorthScanning(win)) return;
      win.removeEventListener('resize', check);
      resolve();
    };
    // A frame shown or enlarged gets a resize event (a `display: none` frame has a 0×0 viewport).
    win.addEventListener('resize', check, { passive: true, signal });
  });
}

/** Resolves when `doc`'s DOM is complete (at once when it already is). */
export function whenDomReady(doc: Document): Promise<void> {
  if (doc.readyState !== 'loading') return Promise.resolve();
  return new Promise((resolve) => doc.addEventListener('DOMContentLoaded', () => resolve(), { once: true }));
}

/**
 * Resolves (true) in a task after this one (what was queued meanwhile, parsing and other tasks,
 * runs first), or at `doc`'s DOMContentLoaded if that comes first: Chrome runs no timer of ours
 * where the reader blocked the site's JavaScript. For a document still parsing. A plain timer, not
 * `later` (./timer.ts): its `<noscript>` probe cost the loader 2 ms in every top frame (the HTML
 * parser's first use in the frame's content-script world).
 */
export function afterThisTask(doc: Document): Promise<true> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(id);
      doc.removeEventListener('DOMContentLoaded', done);
      resolve(true);
    };
    const id = setTimeout(done, 0);
    doc.addEventListener('DOMContentLoaded', done);
  });
}
