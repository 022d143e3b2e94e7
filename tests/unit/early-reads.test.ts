import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { readEarly } from '../../src/page/early-reads';
import { SETTINGS_VERSION } from '../../src/settings/schema';

/**
 * The loader starts the full script's first reads with the import (src/page/early-reads.ts): what
 * the full script makes of those raw items must be what it makes of its own reads, in every state.
 */

type Area = 'sync' | 'local';
/** Chrome's callback-style storage over WXT's fake browser (the loader uses `chrome`, not the polyfill). */
function fakeChrome(failing?: Area) {
  const area = (name: Area) => ({
    get(keys: string[], cb: (items: Record<string, unknown>) => void) {
      if (name === failing) throw new Error('no storage');
      void fakeBrowser.storage[name].get(keys).then(cb);
    },
  });
  return { runtime: {}, storage: { sync: area('sync'), local: area('local') } };
}

async function fresh() {
  vi.resetModules();
  const settings = await import('../../src/settings');
  const active = await import('../../src/sheets/active');
  return { loadSettings: settings.loadSettings, loadActiveMatch: active.loadActiveMatch };
}

const bundled = [{ id: 'b', name: 'B', kind: 'concept', aliases: [{ text: 'bee' }] }] as never[];
const stored = [{ id: 's', name: 'S', kind: 'concept', aliases: [{ text: 'sea' }] }];

const STATES: Record<string, () => Promise<void>> = {
  'nothing stored': async () => {},
  'current settings and an active sheet of this build': async () => {
    await fakeBrowser.storage.sync.set({
      settings: { enabled: false, highlightStyle: 'solid', kinds: ['person'] },
      settings$: { v: SETTINGS_VERSION },
    });
    await fakeBrowser.storage.local.set({ activeSheet: { bundled: 'stamp-1', match: stored, revision: 'r' } });
  },
  'v1 settings (a migration is due) and a sheet of another build': async () => {
    await fakeBrowser.storage.sync.set({ settings: { disabled: true, sites: ['a.com'], style: 'underline' } });
    await fakeBrowser.storage.local.set({ activeSheet: { bundled: 'stamp-0', match: stored, revision: 'r' } });
  },
  'corrupt values': async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    await fakeBrowser.storage.sync.set({ settings: 'garbage', settings$: { v: SETTINGS_VERSION } });
    await fakeBrowser.storage.local.set({ activeSheet: 42 });
  },
};

beforeEach(() => {
  fakeBrowser.reset();
  vi.restoreAllMocks();
});

describe('the loader’s early reads', () => {
  for (const [state, store] of Object.entries(STATES)) {
    it(`give the full script what its own reads give: ${state}`, async () => {
      await store();
      vi.stubGlobal('chrome', fakeChrome());
      const early = readEarly();
      const { loadSettings, loadActiveMatch } = await fresh();
      const withEarly = [await loadSettings(early.settings), await loadActiveMatch(bundled, 'stamp-1', early.sheet)];
      const { loadSettings: ownSettings, loadActiveMatch: ownMatch } = await fresh();
      expect(withEarly).toEqual([await ownSettings(), await ownMatch(bundled, 'stamp-1')]);
      vi.unstubAllGlobals();
    });
  }

  it('a read that fails is made again by the full script', async () => {
    await STATES['current settings and an active sheet of this build']!();
    vi.stubGlobal('chrome', fakeChrome('sync'));
    const early = readEarly();
    expect(await early.settings).toBeUndefined();
    const { loadSettings } = await fresh();
    expect((await loadSettings(early.settings)).enabled).toBe(false);
    vi.unstubAllGlobals();
  });
});
