import { nextFrame } from './chunk';

/**
 * The first screen painted while a long page still parses. Browsers paint frames during parsing
 * (Chromium: 5–11 frames in the last 0.7–1.7 s before DOMContentLoaded on the bench's long pages),
 * so a page whose text names a term early need not wait for DOMContentLoaded, nor for the frame
 * after it, which on a long page comes late: the whole page is laid out first.
 *
 * Each pass reads the top of what is parsed so far (`scan`: up to the block the parser may still
 * be writing, and no more than a first screen of text). Another pass follows only while the parsed
 * part ends inside the first viewport (an intersection observer says so after the next frame's
 * layout); at DOMContentLoaded the caller stops this and scans the whole page.
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
      if ((await parsedPastFirstScreen(doc)) || !parsing()) return;
    }
  })();
  return () => {
    stopped = true;
  };
}

/**
 * Resolves, once a frame has laid it out, whether the element the parser is filling (the body's
 * deepest last element) starts below the first viewport (no element yet: false, after a frame). Asked of an intersection observer: reading
 * its place ourselves (getBoundingClientRect) made us lay out the parsed part in our own callback
 * (breitbart, trace part), rather than the frame doing it. True without an observer: no more passes.
 */
export function parsedPastFirstScreen(doc: Document): Promise<boolean> {
  let last = doc.body?.lastElementChild ?? null;
  while (last?.lastElementChild) last = last.lastElementChild;
  const win = doc.defaultView;
  if (!last) return nextFrame().then(() => false);
  if (!win?.IntersectionObserver) return Promise.resolve(true);
  const target = last;
  return new Promise((resolve) => {
    const observer = new win.IntersectionObserver((entries) => {
      observer.disconnect();
      const entry = entries[entries.length - 1]!;
      resolve(entry.boundingClientRect.top >= win.innerHeight);
    });
    observer.observe(target);
  });
}
