import { nextFrame } from './chunk';

/**
 * The first screen painted while a long page still parses. Browsers paint frames during parsing
 * (Chromium: 5–11 frames in the last 0.7–1.7 s before DOMContentLoaded on the bench's long pages),
 * so a page whose text names a term early need not wait for DOMContentLoaded, nor for the frame
 * after it, which on a long page comes late: the whole page is laid out first.
 *
 * Each pass reads the top of what is parsed so far (`scan`: up to the block the parser may still
 * be writing, and no more than a first screen of text). Another pass follows, in a later frame,
 * only while the parsed part ends inside the first viewport; at DOMContentLoaded the caller stops
 * this and scans the whole page.
 */

/** Most passes over the parsed part. */
export const MAX_PARSING_PASSES = 8;

/** Runs `scan` (resolving false when it was cut short) while `doc` parses; returns a stop. */
export function paintWhileParsing(doc: Document, scan: () => Promise<boolean>): () => void {
  let stopped = false;
  const parsing = () => !stopped && doc.readyState === 'loading';
  void (async () => {
    for (let pass = 0; pass < MAX_PARSING_PASSES && parsing(); pass++) {
      if (!(await scan()) || !parsing()) return;
      // In a frame (while the parser runs, Chromium runs frames ahead of timer tasks), where the
      // layout this asks for is the one the frame does next anyway.
      await nextFrame();
      if (!parsing() || parsedPastFirstScreen(doc)) return;
    }
  })();
  return () => {
    stopped = true;
  };
}

/** The element the parser is filling (the body's deepest last element) starts below the first viewport. */
export function parsedPastFirstScreen(doc: Document): boolean {
  let last = doc.body?.lastElementChild ?? null;
  while (last?.lastElementChild) last = last.lastElementChild;
  if (!last) return false;
  return last.getBoundingClientRect().top >= (doc.defaultView?.innerHeight ?? 0);
}
