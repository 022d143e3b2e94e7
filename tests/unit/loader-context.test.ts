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

  it('is invalid where the extension API is gone altogether', () => {
    vi.stubGlobal('chrome', {});
    expect(new ContentScriptContext().isInvalid).toBe(true);
  });
});
