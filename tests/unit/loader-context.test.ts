import { afterEach, describe, expect, it, vi } from 'vitest';
import { ContentScriptContext } from '../../src/page/loader-context';

describe("the loader's content-script context", () => {
  afterEach(() => vi.unstubAllGlobals());

  it('turns invalid, once, when the extension goes away (runtime.id undefined)', () => {
    const runtime: { id?: string } = { id: 'contexto' };
    vi.stubGlobal('chrome', { runtime });
    const ctx = new ContentScriptContext();
    const invalidated = vi.fn();
    ctx.onInvalidated(invalidated);
    expect(ctx.isInvalid).toBe(false);
    expect(ctx.signal.aborted).toBe(false);
    delete runtime.id;
    expect(ctx.isInvalid).toBe(true);
    expect(ctx.isInvalid).toBe(true);
    expect(ctx.signal.aborted).toBe(true);
    expect(invalidated).toHaveBeenCalledTimes(1);
  });

  it('makes no AbortController until its signal is asked for (every frame reads isInvalid and adds a callback)', () => {
    const runtime: { id?: string } = { id: 'contexto' };
    vi.stubGlobal('chrome', { runtime });
    const made = vi.fn();
    const Real = AbortController;
    vi.stubGlobal(
      'AbortController',
      class extends Real {
        constructor() {
          super();
          made();
        }
      },
    );
    const ctx = new ContentScriptContext();
    const invalidated = vi.fn();
    ctx.onInvalidated(invalidated);
    expect(ctx.isInvalid).toBe(false);
    expect(made).not.toHaveBeenCalled();
    delete runtime.id;
    expect(ctx.isInvalid).toBe(true);
    expect(invalidated).toHaveBeenCalledTimes(1);
    expect(made).not.toHaveBeenCalled();
    // Asked for after the fact, the signal is aborted already; a callback added then never runs.
    expect(ctx.signal.aborted).toBe(true);
    const late = vi.fn();
    ctx.onInvalidated(late);
    expect(ctx.isInvalid).toBe(true);
    expect(late).not.toHaveBeenCalled();
  });

  it('aborts a signal asked for before the extension goes away', () => {
    const runtime: { id?: string } = { id: 'contexto' };
    vi.stubGlobal('chrome', { runtime });
    const ctx = new ContentScriptContext();
    const signal = ctx.signal;
    const aborted = vi.fn();
    signal.addEventListener('abort', aborted);
    expect(signal.aborted).toBe(false);
    delete runtime.id;
    expect(ctx.isInvalid).toBe(true);
    expect(signal.aborted).toBe(true);
    expect(aborted).toHaveBeenCalledTimes(1);
  });

  it('is invalid where the extension API is gone altogether', () => {
    vi.stubGlobal('chrome', {});
    expect(new ContentScriptContext().isInvalid).toBe(true);
  });
});
