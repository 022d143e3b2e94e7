/**
 * The first screen painted while a long page still parses. Browsers paint frames during parsing
 * (Chromium: 5–11 frames in the last 0.7–1.7 s before DOMContentLoaded on the bench's long pages),
 * so a page whose text names a term early need not wait for DOMContentLoaded, nor for the frame
 * after it, which on a long page comes late: the whole page is laid out first.
 *
 * Each pass reads what is parsed so far (`scan`, which stops before the block the parser may
 * still be writing). Another pass follows, after the next frame, only while the parsed part
 * ends inside the first viewport; at DOMContentLoaded the caller stops this and scans the whole page.
 */

/** Most passes over the parsed part (each costs a scan of what is parsed so far). */
export const MAX_PARSING_PASSES = 8;

/**
 * Runs `scan` (resolving false when it was cut short) while `doc` parses; returns a stop.
 */
export function paintWhileParsing(doc: Document, scan: () => Promise<boolean>): () => void {
  let stopped = false;
  let cancelWait = () => {};
  const parsing = () => !stopped && doc.readyState === 'loading';
  void (async () => {
    for (let pass = 0; pass < MAX_PARSING_PASSES && parsing(); pass++) {
      if (!(await scan()) || !parsing()) return;
      const past = parsedPastFirstScreen(doc);
      cancelWait = past.cancel;
      if ((await past.answer) || !parsing()) return;
    }
  })();
  return () => {
    stopped = true;
    cancelWait();
  };
}

/**
 * Whether the element the parser is filling (the body's deepest last element) lies below the
 * first viewport, from an IntersectionObserver: answered after the next frame's layout, which the
 * browser does anyway, instead of forcing a layout of the parsed part here.
 */
function parsedPastFirstScreen(doc: Document): { answer: Promise<boolean>; cancel(): void } {
  const IO = doc.defaultView?.IntersectionObserver;
  let last: Element | null = doc.body;
  while (last?.lastElementChild) last = last.lastElementChild;
  if (typeof IO !== 'function' || !last) return { answer: Promise.resolve(true), cancel: () => {} };
  let observer: IntersectionObserver | null = null;
  let settle: (past: boolean) => void = () => {};
  const answer = new Promise<boolean>((resolve) => {
    settle = resolve;
    observer = new IO((entries) => {
      observer?.disconnect();
      const e = entries[entries.length - 1]!;
      const bottom = e.rootBounds?.bottom ?? doc.defaultView?.innerHeight ?? 0;
      resolve(e.boundingClientRect.top >= bottom);
    });
    observer.observe(last!);
  });
  return {
    answer,
    cancel: () => {
      observer?.disconnect();
      settle(true);
    },
  };
}
