import { parseHTML } from 'linkedom';
import { describe, expect, it, vi } from 'vitest';
import { MAX_PARSING_PASSES, paintWhileParsing } from '../../src/page/while-parsing';

/** Passes over the parsed part while a page parses (src/page/while-parsing.ts), with frames run by hand. */

/** After a frame's layout: each observer's callback with its targets' place (`top`), as intersection observers do. */
let pending: (() => void)[] = [];
async function frame(): Promise<void> {
  const now = pending;
  pending = [];
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
  const page = {
    doc,
    top: 0,
    /** Elements observed, and elements whose place we read ourselves (a layout of ours: none). */
    observed: [] as Element[],
    read: [] as Element[],
    loaded: () => (state = 'interactive'),
  };
  class Observer {
    private targets: Element[] = [];
    private live = true;
    constructor(private readonly cb: (entries: { boundingClientRect: { top: number } }[]) => void) {}
    observe(el: Element) {
      page.observed.push(el);
      this.targets.push(el);
      pending.push(() => {
        if (this.live) this.cb(this.targets.map(() => ({ boundingClientRect: { top: page.top } })));
      });
    }
    disconnect() {
      this.live = false;
    }
  }
  Object.defineProperty(doc, 'defaultView', { value: { innerHeight: 900, IntersectionObserver: Observer } });
  for (const el of doc.querySelectorAll('*'))
    (el as unknown as { getBoundingClientRect(): { top: number } }).getBoundingClientRect = () => {
      page.read.push(el);
      return { top: page.top };
    };
  return page;
}

describe('paintWhileParsing', () => {
  it('reads the parsed part again after a frame while it ends in the first viewport, and stops once it reaches below', async () => {
    const page = parsingPage('<header><nav><a>Home</a></nav></header><p id="last">Top <b id="deep">story</b></p>');
    const scan = vi.fn(() => Promise.resolve(true));
    paintWhileParsing(page.doc, scan);
    await settle();
    expect(scan).toHaveBeenCalledTimes(1);
    page.top = 400;
    await frame();
    // It asked an observer where the element the parser is filling lies, and laid out nothing itself.
    expect(page.observed.at(-1)).toBe(page.doc.getElementById('deep'));
    expect(scan).toHaveBeenCalledTimes(2);
    page.top = 1200;
    await frame();
    await frame();
    expect(scan).toHaveBeenCalledTimes(2);
    expect(page.observed).toHaveLength(2);
    expect(page.read).toEqual([]);
  });

  it('stops when told (DOMContentLoaded), when the page is parsed, and after MAX_PARSING_PASSES passes', async () => {
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
    const page = parsingPage('<p>Top</p>');
    const scan = vi.fn(() => Promise.resolve(false));
    paintWhileParsing(page.doc, scan);
    await frame();
    await frame();
    expect(scan).toHaveBeenCalledTimes(1);
    expect(page.observed).toEqual([]);
  });
});
