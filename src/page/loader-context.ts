/**
 * The content-script context the loader every frame runs gets (src/page/loader.ts): WXT's
 * wrapper for entrypoints/content.ts constructs this class in place of WXT's
 * ContentScriptContext (wxt.config.ts `loaderContext`). WXT's posts a window message and listens
 * for others' in every frame, which costs a page that names nothing more than all else the loader
 * does; the loader only needs to know when the extension went away (reloaded, updated,
 * uninstalled: `runtime.id` is then undefined). The full content script makes WXT's own when it
 * starts (entrypoints/content-main.ts): its location watcher and cleanup need it.
 */

/** What the loader uses of a content-script context (WXT's ContentScriptContext has it too). */
export interface LoaderContext {
  /** True once the extension went away (checked on each read). */
  readonly isInvalid: boolean;
  /** Aborted once the context is found invalid. */
  readonly signal: AbortSignal;
  onInvalidated(cb: () => void): void;
}

declare const chrome: { runtime?: { id?: string } };

export class ContentScriptContext implements LoaderContext {
  private invalid = false;
  /** Made when `signal` is first asked for: a frame that never waits on one makes no AbortController. */
  private controller: AbortController | null = null;
  private readonly invalidated: (() => void)[] = [];

  get signal(): AbortSignal {
    this.controller ??= new AbortController();
    if (this.isInvalid) this.controller.abort();
    return this.controller.signal;
  }

  get isInvalid(): boolean {
    if (!this.invalid && !chrome.runtime?.id) {
      this.invalid = true;
      this.controller?.abort();
      for (const cb of this.invalidated.splice(0)) cb();
    }
    return this.invalid;
  }

  /** `cb` runs once, when the context is first found invalid (never, when it already was). */
  onInvalidated(cb: () => void): void {
    if (!this.invalid) this.invalidated.push(cb);
  }
}
