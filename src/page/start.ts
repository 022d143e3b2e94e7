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

/** Resolves once the frame is worth scanning (at once when it is); never, if `signal` aborts first. */
export function whenWorthScanning(win: FrameWindow, signal: AbortSignal): Promise<void> {
  if (isFrameWorthScanning(win)) return Promise.resolve();
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

/** A page at least this long (HTML bytes) is worth compiling the matcher for before its DOM is complete. */
export const EARLY_COMPILE_BYTES = 64 * 1024;

/**
 * True when the top frame should compile its matcher while the page still parses: a long page
 * (its first screen then gets painted right at DOMContentLoaded), or one still arriving (the
 * compile fills the wait). Not a short page that is about done (a frame with nothing to find
 * would pay for a matcher it never uses); sub-frames never.
 */
export function shouldCompileEarly(doc: Pick<Document, 'readyState'>, isTop: boolean, htmlBytes: number): boolean {
  if (!isTop || doc.readyState !== 'loading') return false;
  // 0: the response has not ended (navigation timing fills the size at its end).
  return htmlBytes === 0 || htmlBytes >= EARLY_COMPILE_BYTES;
}

/** The page's HTML size so far known (0 until its response has ended). */
export function documentBytes(): number {
  const nav = globalThis.performance?.getEntriesByType?.('navigation')[0] as PerformanceNavigationTiming | undefined;
  return nav?.decodedBodySize ?? 0;
}

/** Resolves when `doc`'s DOM is complete (at once when it already is). */
export function whenDomReady(doc: Document): Promise<void> {
  if (doc.readyState !== 'loading') return Promise.resolve();
  return new Promise((resolve) => doc.addEventListener('DOMContentLoaded', () => resolve(), { once: true }));
}
