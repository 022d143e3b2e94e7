import { describe, expect, it, vi } from 'vitest';
import type { Entry } from '../../src/factsheet/types';
import { EntryCache } from '../../src/page/entry-cache';
import { entry } from './helpers';

describe('EntryCache (card entries in a frame)', () => {
  it('fetches only the entries asked for, each once; reloads those after a reset; retries after a failure', async () => {
    let facts = 'Old fact.';
    const sheet = () => [
      entry('dea', [{ text: 'DEA' }], { summary: facts }),
      entry('fgr', [{ text: 'FGR' }]),
      entry('cjng', [{ text: 'CJNG' }]),
    ];
    const fetchEntries = vi.fn(async (ids: string[]) => sheet().filter((e) => ids.includes(e.id)));
    const cache = new EntryCache(fetchEntries);
    cache.reset(); // never asked for: nothing is fetched
    expect(fetchEntries).not.toHaveBeenCalled();
    await Promise.all([cache.load(['dea']), cache.load(['dea'])]);
    expect(fetchEntries.mock.calls).toEqual([[['dea']]]);
    expect(cache.get('dea')?.summary).toBe('Old fact.');
    expect(cache.get('fgr')).toBeUndefined();
    // More terms on the page: only the new ones are fetched.
    await cache.load(['dea', 'fgr']);
    expect(fetchEntries.mock.calls).toEqual([[['dea']], [['fgr']]]);
    expect(cache.get('fgr')?.id).toBe('fgr');

    facts = 'New fact.';
    cache.reset(); // the active sheet changed: what was asked for is fetched again at once, for the next card
    expect(cache.get('dea')).toBeUndefined();
    await vi.waitFor(() => expect(cache.get('dea')?.summary).toBe('New fact.'));
    expect(fetchEntries.mock.calls.at(-1)).toEqual([['dea', 'fgr']]);
    expect(cache.get('cjng')).toBeUndefined();

    let fail = true;
    const failing = new EntryCache(async (ids: string[]): Promise<Entry[]> => {
      if (fail) throw new Error('no background');
      return ids.map((id) => entry(id, [{ text: id }]));
    });
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    await failing.load(['x']);
    expect(failing.get('x')).toBeUndefined();
    fail = false;
    await failing.load(['x']);
    expect(failing.get('x')?.id).toBe('x');
    warn.mockRestore();
  });

  it('a load from before a reset does not fill the cache after it', async () => {
    let release: (list: Entry[]) => void = () => {};
    const calls: string[][] = [];
    const cache = new EntryCache(
      (ids) =>
        new Promise<Entry[]>((resolve) => {
          calls.push(ids);
          release = resolve;
        }),
    );
    const first = cache.load(['dea']);
    const stale = release;
    cache.reset();
    stale([entry('dea', [{ text: 'DEA' }], { summary: 'Stale.' })]);
    await first;
    expect(cache.get('dea')).toBeUndefined();
    release([entry('dea', [{ text: 'DEA' }], { summary: 'Fresh.' })]);
    await vi.waitFor(() => expect(cache.get('dea')?.summary).toBe('Fresh.'));
    expect(calls).toEqual([['dea'], ['dea']]);
  });
});
