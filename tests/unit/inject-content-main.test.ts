import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { injectContentMain } from '../../src/background/inject-content-main';
import { GIVEN_READS_GLOBAL } from '../../src/page/early-reads';
import { CONTENT_MAIN_GLOBAL, CONTENT_MAIN_PATH } from '../../src/page/handoff';

/**
 * The background injects the full content script (src/background/inject-content-main.ts) with its
 * first storage reads: sent first, not awaited before the script (Firefox answers injections only
 * once the page is parsed), and set only where the script has not handed itself over yet.
 */

type Injection = { func?: (...args: unknown[]) => void; args?: unknown[]; files?: string[] };

function fakeScripting(opts: { slowFunc?: boolean } = {}) {
  const sent: Injection[] = [];
  const executeScript = vi.fn((injection: Injection) => {
    sent.push(injection);
    // Like Firefox while a page parses: the answer comes late (never, here, for a slow one).
    return injection.func && opts.slowFunc ? new Promise(() => {}) : Promise.resolve([]);
  });
  Object.assign(fakeBrowser, { scripting: { executeScript } });
  return sent;
}

const sender = { tab: { id: 7 }, frameId: 0, documentId: 'doc-1' } as never;

beforeEach(() => {
  fakeBrowser.reset();
});

describe('injecting the full content script', () => {
  it('gives the sheet and the settings in an injection sent before the script', async () => {
    await fakeBrowser.storage.local.set({ activeSheet: { bundled: 's' }, other: 1 });
    await fakeBrowser.storage.sync.set({ settings: { enabled: false }, settings$: { v: 2 }, more: 1 });
    const sent = fakeScripting();
    expect(await injectContentMain(sender)).toEqual({ ok: true });
    expect(sent.map((i) => (i.files ? 'files' : 'func'))).toEqual(['func', 'files']);
    expect(sent[1]!.files).toEqual([CONTENT_MAIN_PATH]);
    const [name, reads] = sent[0]!.args!;
    expect(name).toBe(GIVEN_READS_GLOBAL);
    expect(reads).toEqual({
      sync: { settings: { enabled: false }, settings$: { v: 2 } },
      local: { activeSheet: { bundled: 's' } },
    });
  });

  it('sends the script without waiting for the first injection’s answer', async () => {
    const sent = fakeScripting({ slowFunc: true });
    void injectContentMain(sender);
    await vi.waitFor(() => expect(sent.map((i) => (i.files ? 'files' : 'func'))).toEqual(['func', 'files']));
  });

  it('the given reads are set in the frame only before the script handed itself over', async () => {
    const sent = fakeScripting();
    await injectContentMain(sender);
    const { func, args } = sent[0]!;
    const g = globalThis as Record<string, unknown>;
    try {
      func!(...args!);
      expect(g[GIVEN_READS_GLOBAL]).toEqual(args![1]);
      delete g[GIVEN_READS_GLOBAL];
      g[CONTENT_MAIN_GLOBAL] = () => {};
      func!(...args!);
      expect(g[GIVEN_READS_GLOBAL]).toBeUndefined();
    } finally {
      delete g[GIVEN_READS_GLOBAL];
      delete g[CONTENT_MAIN_GLOBAL];
    }
  });
});
