import type { Matcher } from '../matcher';
import { iterateBlocks } from './scan';

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

/** How much text from the top of a page still parsing is looked at for a term: a first screen and more. */
export const EARLY_LOOK_CHARS = 20_000;

/**
 * While `doc` parses (the top frame runs from document_start): compiles `matcher` as soon as the
 * top of the page may name a term (a gated matcher compiles once a text opens its gate), so the
 * first screen is painted at DOMContentLoaded with no compile before it. Looks again as the parser
 * adds nodes, until EARLY_LOOK_CHARS of text are in or DOMContentLoaded; a page whose top names
 * nothing compiles, if it ever needs to, during its scan. Only when the compile happens depends
 * on this, never what is found.
 */
export function compileWhenTopNamesTerm(doc: Document, matcher: Pick<Matcher, 'find'>): void {
  if (doc.readyState !== 'loading') return;
  /** True once there is no need to look again. */
  const look = (): boolean => {
    const body = doc.body;
    if (!body) return false;
    let chars = 0;
    // The scanner's blocks (what it skips, it skips here too), until one names a term or the top is read.
    for (const block of iterateBlocks(body)) {
      if (matcher.find(block.text).mentions.length > 0) return true;
      chars += block.text.length;
      if (chars >= EARLY_LOOK_CHARS) return true;
    }
    return false;
  };
  if (look()) return;
  const observer = new MutationObserver(() => {
    if (look()) observer.disconnect();
  });
  observer.observe(doc.documentElement, { childList: true, subtree: true });
  doc.addEventListener('DOMContentLoaded', () => observer.disconnect(), { once: true });
}

/** Resolves when `doc`'s DOM is complete (at once when it already is). */
export function whenDomReady(doc: Document): Promise<void> {
  if (doc.readyState !== 'loading') return Promise.resolve();
  return new Promise((resolve) => doc.addEventListener('DOMContentLoaded', () => resolve(), { once: true }));
}
