import { parseHTML } from 'linkedom';
import { describe, expect, it, vi } from 'vitest';
import { MAX_PARSING_PASSES, paintWhileParsing } from '../../src/page/while-parsing';

/** Passes over the parsed part while a page parses (src/page/while-parsing.ts), with a stand-in IntersectionObserver. */

class FakeObserver {
  static last: FakeObserver | null = null;
  target: Element | null = null;
  disconnected = false;
  constructor(private readonly callback: (entries: unknown[]) => void) {
    FakeObserver.last = this;
  }
  observe(el: Element) {
    this.target = el;
  }
  disconnect() {
    this.disconnected = true;
  }
  /** The frame's layout put the observed element's top at `top` (viewport 900 px high). */
  report(top: number) {
    this.callback([{ target: this.target, boundingClientRect: { top }, rootBounds: { bottom: 900 } }]);
  }
}

function parsingPage(body: string) {
  const { document } = parseHTML(`<!doctype html><html><body>${body}</body></html>`);
  const doc = document as unknown as Document;
  let state: DocumentReadyState = 'loading';
  Object.defineProperty(doc, 'readyState', { get: () => state });
  Object.defineProperty(doc, 'defaultView', { value: { IntersectionObserver: FakeObserver, innerHeight: 900 } });
  return { doc, loaded: () => (state = 'interactive') };
}

/** A scan that counts its passes and finishes at once. */
function counter() {
  const scan = vi.fn(() => Promise.resolve(true));
  return scan;
}

const settle = () => new Promise((r) => setTimeout(r, 0));

describe('paintWhileParsing', () => {
  it('reads the parsed part again after each frame while it ends in the first viewport, and stops once it reaches below', async () => {
    const { doc } = parsingPage('<header><nav><a>Home</a></nav></header><p id="last">Top story</p>');
    FakeObserver.last = null;
    const scan = counter();
    paintWhileParsing(doc, scan);
    await settle();
    expect(scan).toHaveBeenCalledTimes(1);
    // It asks where the element the parser is filling lies.
    expect(FakeObserver.last!.target).toBe(doc.getElementById('last'));
    FakeObserver.last!.report(400);
    await settle();
    expect(scan).toHaveBeenCalledTimes(2);
    FakeObserver.last!.report(1200);
    await settle();
    await settle();
    expect(scan).toHaveBeenCalledTimes(2);
    expect(FakeObserver.last!.disconnected).toBe(true);
  });

  it('stops when told (DOMContentLoaded), when the page is parsed, and after MAX_PARSING_PASSES passes', async () => {
    let page = parsingPage('<p>Top</p>');
    let scan = counter();
    const stop = paintWhileParsing(page.doc, scan);
    await settle();
    stop();
    FakeObserver.last!.report(0);
    await settle();
    expect(scan).toHaveBeenCalledTimes(1);

    page = parsingPage('<p>Top</p>');
    scan = counter();
    paintWhileParsing(page.doc, scan);
    await settle();
    page.loaded();
    FakeObserver.last!.report(0);
    await settle();
    expect(scan).toHaveBeenCalledTimes(1);

    page = parsingPage('<p>Top</p>');
    scan = counter();
    paintWhileParsing(page.doc, scan);
    for (let i = 0; i < MAX_PARSING_PASSES + 3; i++) {
      await settle();
      FakeObserver.last!.report(0);
    }
    await settle();
    expect(scan).toHaveBeenCalledTimes(MAX_PARSING_PASSES);
  });

  it('a pass cut short (a whole-page scan took over) ends the passes', async () => {
    const { doc } = parsingPage('<p>Top</p>');
    const scan = vi.fn(() => Promise.resolve(false));
    FakeObserver.last = null;
    paintWhileParsing(doc, scan);
    await settle();
    expect(scan).toHaveBeenCalledTimes(1);
    expect(FakeObserver.last).toBeNull();
  });
});
