import { parseHTML } from 'linkedom';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { MAX_PARSING_PASSES, paintWhileParsing } from '../../src/page/while-parsing';

/** Passes over the parsed part while a page parses (src/page/while-parsing.ts), with frames run by hand. */

let queued: (() => void)[] = [];
/** Runs the animation frame callbacks queued so far, then lets promises settle. */
async function frame(): Promise<void> {
  const now = queued;
  queued = [];
  for (const cb of now) cb();
  await settle();
}
const settle = () => new Promise((r) => setTimeout(r, 0));

/** A page still parsing whose last parsed element lies `top` px from the top of a 900 px viewport. */
function parsingPage(body: string) {
  const { document } = parseHTML(`<!doctype html><html><body>${body}</body></html>`);
  const doc = document as unknown as Document;
  let state: DocumentReadyState = 'loading';
  Object.defineProperty(doc, 'readyState', { get: () => state });
  Object.defineProperty(doc, 'defaultView', { value: { innerHeight: 900 } });
  const page = { doc, top: 0, asked: [] as Element[], loaded: () => (state = 'interactive') };
  for (const el of doc.querySelectorAll('*'))
    (el as unknown as { getBoundingClientRect(): { top: number } }).getBoundingClientRect = () => {
      page.asked.push(el);
      return { top: page.top };
    };
  return page;
}

afterEach(() => vi.unstubAllGlobals());

describe('paintWhileParsing', () => {
  it('reads the parsed part again in a later frame while it ends in the first viewport, and stops once it reaches below', async () => {
    vi.stubGlobal('requestAnimationFrame', (cb: () => void) => queued.push(cb));
    const page = parsingPage('<header><nav><a>Home</a></nav></header><p id="last">Top <b id="deep">story</b></p>');
    const scan = vi.fn(() => Promise.resolve(true));
    paintWhileParsing(page.doc, scan);
    await settle();
    expect(scan).toHaveBeenCalledTimes(1);
    page.top = 400;
    await frame();
    // It asked where the element the parser is filling lies.
    expect(page.asked.at(-1)).toBe(page.doc.getElementById('deep'));
    expect(scan).toHaveBeenCalledTimes(2);
    page.top = 1200;
    await frame();
    await frame();
    expect(scan).toHaveBeenCalledTimes(2);
  });

  it('stops when told (DOMContentLoaded), when the page is parsed, and after MAX_PARSING_PASSES passes', async () => {
    vi.stubGlobal('requestAnimationFrame', (cb: () => void) => queued.push(cb));
    /** Passes over a one-paragraph page still loading; `meanwhile` runs after the first pass. */
    const passes = async (meanwhile: (page: ReturnType<typeof parsingPage>, stop: () => void) => void, frames = 2) => {
      const page = parsingPage('<p>Top</p>');
      const scan = vi.fn(() => Promise.resolve(true));
      const stop = paintWhileParsing(page.doc, scan);
      await settle();
      meanwhile(page, stop);
      for (let i = 0; i < frames; i++) await frame();
      return scan.mock.calls.length;
    };
    expect(await passes((_, stop) => stop())).toBe(1);
    expect(await passes((page) => page.loaded())).toBe(1);
    expect(await passes(() => {}, MAX_PARSING_PASSES + 3)).toBe(MAX_PARSING_PASSES);
  });

  it('a pass cut short (a whole-page scan took over) ends the passes', async () => {
    vi.stubGlobal('requestAnimationFrame', (cb: () => void) => queued.push(cb));
    const page = parsingPage('<p>Top</p>');
    const scan = vi.fn(() => Promise.resolve(false));
    paintWhileParsing(page.doc, scan);
    await frame();
    await frame();
    expect(scan).toHaveBeenCalledTimes(1);
    expect(page.asked).toEqual([]);
  });
});
