import { parseHTML } from 'linkedom';
import { afterEach, describe, expect, it } from 'vitest';
import {
  compileWhenTopNamesTerm,
  EARLY_LOOK_CHARS,
  isFrameWorthScanning,
  MIN_FRAME,
  whenDomReady,
  whenWorthScanning,
} from '../../src/page/start';

/** A sub-frame's window with a viewport of `w`×`h` that can be resized (and fires `resize`). */
function frameWindow(w: number, h: number, top?: unknown) {
  const target = new EventTarget();
  const win = {
    innerWidth: w,
    innerHeight: h,
    top: top ?? {},
    addEventListener: target.addEventListener.bind(target),
    removeEventListener: target.removeEventListener.bind(target),
    resize(nw: number, nh: number) {
      win.innerWidth = nw;
      win.innerHeight = nh;
      target.dispatchEvent(new Event('resize'));
    },
  };
  return win as typeof win & Window;
}

const settled = async (p: Promise<void>) => {
  let done = false;
  void p.then(() => {
    done = true;
  });
  await new Promise((r) => setTimeout(r, 0));
  return done;
};

describe('which frames scan', () => {
  it('the top frame always, whatever its size', () => {
    const win = frameWindow(0, 0);
    (win as { top: unknown }).top = win;
    expect(isFrameWorthScanning(win)).toBe(true);
  });

  it('a sub-frame big enough for a line of text; not a tracker pixel, a spacer or a display:none frame', () => {
    expect(isFrameWorthScanning(frameWindow(300, 100))).toBe(true);
    expect(isFrameWorthScanning(frameWindow(MIN_FRAME.width, MIN_FRAME.height))).toBe(true);
    expect(isFrameWorthScanning(frameWindow(1, 1))).toBe(false);
    expect(isFrameWorthScanning(frameWindow(0, 0))).toBe(false);
    expect(isFrameWorthScanning(frameWindow(728, MIN_FRAME.height - 1))).toBe(false);
    expect(isFrameWorthScanning(frameWindow(MIN_FRAME.width - 1, 600))).toBe(false);
  });

  it('a small frame starts once it is resized to a useful size, not before', async () => {
    const win = frameWindow(0, 0);
    const ready = whenWorthScanning(win, new AbortController().signal);
    expect(await settled(ready)).toBe(false);
    win.resize(5, 5);
    expect(await settled(ready)).toBe(false);
    win.resize(300, 150);
    expect(await settled(ready)).toBe(true);
  });

  it('a frame big enough starts at once; an aborted wait never starts', async () => {
    expect(await settled(whenWorthScanning(frameWindow(300, 100), new AbortController().signal))).toBe(true);
    const win = frameWindow(0, 0);
    const abort = new AbortController();
    const ready = whenWorthScanning(win, abort.signal);
    abort.abort();
    win.resize(300, 150);
    expect(await settled(ready)).toBe(false);
  });
});

describe('when the scan starts', () => {
  it('at DOMContentLoaded while the page parses; at once after', async () => {
    const { document } = parseHTML('<!doctype html><html><body><p>x</p></body></html>');
    let state = 'loading';
    Object.defineProperty(document, 'readyState', { get: () => state });
    const ready = whenDomReady(document as unknown as Document);
    expect(await settled(ready)).toBe(false);
    state = 'interactive';
    document.dispatchEvent(new (document.defaultView as unknown as { Event: typeof Event }).Event('DOMContentLoaded'));
    expect(await settled(ready)).toBe(true);
    expect(await settled(whenDomReady(document as unknown as Document))).toBe(true);
  });
});

describe('when the top frame compiles its matcher', () => {
  const ownObserver = globalThis.MutationObserver;
  afterEach(() => {
    globalThis.MutationObserver = ownObserver;
  });
  /** A page still parsing, and a matcher that "compiles" on the first text naming Sinaloa. */
  function parsing(body: string) {
    const { document, MutationObserver, Event } = parseHTML(`<html><body>${body}</body></html>`);
    Object.defineProperty(document, 'readyState', { value: 'loading', configurable: true });
    // The page's own observer class (the code under test uses the global one).
    globalThis.MutationObserver = MutationObserver;
    const texts: string[] = [];
    let compiled = false;
    const matcher = {
      find(text: string) {
        texts.push(text);
        compiled ||= /\bSinaloa\b/.test(text);
        return { mentions: compiled && /\bSinaloa\b/.test(text) ? [{}] : [], contextIds: [], shadowed: [] } as never;
      },
    };
    const loaded = () => document.dispatchEvent(new Event('DOMContentLoaded'));
    return { document: document as unknown as Document, texts, matcher, compiled: () => compiled, loaded };
  }
  const tick = () => new Promise((r) => setTimeout(r, 0));

  it('at once when the top of the page parsed so far names a term (script text not read)', () => {
    const p = parsing('<script>var Sinaloa;</script><p>The Sinaloa Cartel.</p>');
    compileWhenTopNamesTerm(p.document, p.matcher);
    expect(p.compiled()).toBe(true);
    expect(p.texts.join('')).not.toContain('var Sinaloa');
  });

  it('again as the parser adds nodes, until the term comes', async () => {
    const p = parsing('<p>Weather.</p>');
    compileWhenTopNamesTerm(p.document, p.matcher);
    expect(p.compiled()).toBe(false);
    const para = p.document.createElement('p');
    para.textContent = 'The Sinaloa Cartel.';
    p.document.body.append(para);
    await tick();
    expect(p.compiled()).toBe(true);
    const looks = p.texts.length;
    p.document.body.append(p.document.createElement('p'));
    await tick();
    expect(p.texts.length).toBe(looks);
  });

  it('not past the top of the page, nor after DOMContentLoaded, nor once parsed', async () => {
    const long = parsing(`<p>${'Weather. '.repeat(EARLY_LOOK_CHARS / 8)}</p>`);
    compileWhenTopNamesTerm(long.document, long.matcher);
    long.document.body.append(Object.assign(long.document.createElement('p'), { textContent: 'Sinaloa' }));
    await tick();
    expect(long.texts.length).toBe(1);
    expect(long.compiled()).toBe(false);

    const loaded = parsing('<p>Weather.</p>');
    compileWhenTopNamesTerm(loaded.document, loaded.matcher);
    loaded.loaded();
    loaded.document.body.append(Object.assign(loaded.document.createElement('p'), { textContent: 'Sinaloa' }));
    await tick();
    expect(loaded.compiled()).toBe(false);

    const parsed = parsing('<p>Sinaloa</p>');
    Object.defineProperty(parsed.document, 'readyState', { value: 'interactive' });
    compileWhenTopNamesTerm(parsed.document, parsed.matcher);
    expect(parsed.texts).toEqual([]);
  });
});
