import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';

/** The background's per-tab bookkeeping (src/background/tab-mentions.ts) on WXT's fake browser. */

type Module = typeof import('../../src/background/tab-mentions');
let tm: Module;

/** A fresh module: its in-memory state is what a restarted service worker has (nothing, until restored). */
async function fresh(): Promise<Module> {
  vi.resetModules();
  return import('../../src/background/tab-mentions');
}

const badge = (tabId: number) => fakeBrowser.action.getBadgeText({ tabId });
const report = (counts: Record<string, number>, url = 'https://news.example/a') => ({
  type: 'mentions' as const,
  counts,
  url,
});

beforeEach(async () => {
  fakeBrowser.reset();
  tm = await fresh();
});

describe('tab mentions', () => {
  it('sums the frames of a tab and shows the number of distinct terms on the badge', async () => {
    await tm.recordReport(7, 0, report({ dea: 2, fentanyl: 1 }));
    await tm.recordReport(7, 3, report({ fentanyl: 4, cjng: 1 }, 'https://ads.example/frame'));
    await tm.recordReport(8, 0, report({ amlo: 1 }));
    expect(await tm.getTabMentions(7)).toEqual({ counts: { dea: 2, fentanyl: 5, cjng: 1 } });
    expect(await badge(7)).toBe('3');
    expect(await badge(8)).toBe('1');
    expect(await tm.getTabMentions(99)).toEqual({ counts: {} });
  });

  it('a frame that reports nothing (turned off, or its mentions went) no longer counts', async () => {
    await tm.recordReport(7, 0, report({ dea: 2 }));
    await tm.recordReport(7, 3, report({ fentanyl: 4 }));
    await tm.recordReport(7, 3, report({}));
    expect(await tm.getTabMentions(7)).toEqual({ counts: { dea: 2 } });
    await tm.recordReport(7, 0, report({}));
    expect(await tm.getTabMentions(7)).toEqual({ counts: {} });
    expect(await badge(7)).toBe('');
  });

  it('a navigation forgets the page it leaves, but keeps a top-frame report already made for the new URL', async () => {
    await tm.recordReport(7, 0, report({ dea: 2 }, 'https://news.example/b'));
    await tm.recordReport(7, 3, report({ fentanyl: 4 }, 'https://ads.example/frame'));
    // The new page's content script was faster than the tab's "loading" event.
    await tm.forgetNavigatedTab(7, 'https://news.example/b');
    expect(await tm.getTabMentions(7)).toEqual({ counts: { dea: 2 } });
    await tm.forgetNavigatedTab(7, 'https://news.example/c');
    expect(await tm.getTabMentions(7)).toEqual({ counts: {} });
    expect(await badge(7)).toBe('');
    await tm.recordReport(7, 0, report({ dea: 1 }));
    await tm.forgetNavigatedTab(7, undefined); // a reload: the URL is not given
    expect(await tm.getTabMentions(7)).toEqual({ counts: {} });
  });

  it('survives a service-worker restart through storage.session', async () => {
    await tm.recordReport(7, 0, report({ dea: 2 }));
    await tm.recordReport(7, 2, report({ cjng: 1 }));
    await vi.waitFor(async () =>
      expect((await fakeBrowser.storage.session.get('tabMentions')).tabMentions).toBeDefined(),
    );
    const restarted = await fresh();
    expect(await restarted.getTabMentions(7)).toEqual({ counts: { dea: 2, cjng: 1 } });
    await restarted.forgetTab(7);
    expect(await restarted.getTabMentions(7)).toEqual({ counts: {} });
    await vi.waitFor(async () =>
      expect((await fakeBrowser.storage.session.get('tabMentions')).tabMentions).toEqual({}),
    );
  });

  it('registerTabMentions: closing a tab forgets it; a tab that starts loading another page forgets the old one', async () => {
    tm.registerTabMentions();
    await tm.recordReport(7, 0, report({ dea: 2 }, 'https://news.example/a'));
    await tm.recordReport(8, 0, report({ cjng: 1 }));
    await fakeBrowser.tabs.onUpdated.trigger(7, { status: 'loading', url: 'https://news.example/next' }, {
      id: 7,
    } as never);
    await vi.waitFor(async () => expect(await tm.getTabMentions(7)).toEqual({ counts: {} }));
    await fakeBrowser.tabs.onUpdated.trigger(8, { title: 'no status change' }, { id: 8 } as never);
    await fakeBrowser.tabs.onRemoved.trigger(8, { windowId: 1, isWindowClosing: false });
    await vi.waitFor(async () => expect(await tm.getTabMentions(8)).toEqual({ counts: {} }));
  });
});
