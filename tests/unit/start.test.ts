import { parseHTML } from 'linkedom';
import { describe, expect, it, vi } from 'vitest';
import { afterThisTask, isFrameWorthScanning, MIN_FRAME, whenDomReady, whenWorthScanning } from '../../src/page/start';

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
    const ready = whenWorthScanning(win, new AbortController());
    expect(await settled(ready)).toBe(false);
    win.resize(5, 5);
    expect(await settled(ready)).toBe(false);
    win.resize(300, 150);
    expect(await settled(ready)).toBe(true);
  });

  it("reads the context's signal only to wait (the loader's context makes one on demand)", async () => {
    const read = vi.fn(() => new AbortController().signal);
    const ctx = {
      get signal() {
        return read();
      },
    };
    expect(await settled(whenWorthScanning(frameWindow(300, 100), ctx))).toBe(true);
    expect(read).not.toHaveBeenCalled();
    const small = frameWindow(0, 0);
    const ready = whenWorthScanning(small, ctx);
    expect(read).toHaveBeenCalledTimes(1);
    small.resize(300, 150);
    expect(await settled(ready)).toBe(true);
  });

  it('a frame big enough starts at once; an aborted wait never starts', async () => {
    expect(await settled(whenWorthScanning(frameWindow(300, 100), new AbortController()))).toBe(true);
    const win = frameWindow(0, 0);
    const abort = new AbortController();
    const ready = whenWorthScanning(win, abort);
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

describe('afterThisTask', () => {
  it('resolves in a later task while the document parses', async () => {
    const doc = new EventTarget() as Document;
    let resolved = false;
    void afterThisTask(doc).then(() => {
      resolved = true;
    });
    await Promise.resolve();
    expect(resolved).toBe(false);
    await new Promise((r) => setTimeout(r, 0));
    expect(resolved).toBe(true);
  });

  it('resolves at DOMContentLoaded where timers never fire (the reader blocked the site’s JavaScript)', async () => {
    const doc = new EventTarget() as Document;
    vi.stubGlobal('setTimeout', () => 0);
    try {
      let resolved = false;
      void afterThisTask(doc).then(() => {
        resolved = true;
      });
      await Promise.resolve();
      expect(resolved).toBe(false);
      doc.dispatchEvent(new Event('DOMContentLoaded'));
      await Promise.resolve();
      expect(resolved).toBe(true);
    } finally {
      vi.unstubAllGlobals();
    }
  });
});
