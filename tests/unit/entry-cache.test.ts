import { describe, expect, it, vi } from 'vitest';
import { EntryCache } from '../../src/page/entry-cache';
import { entry } from './helpers';

describe('EntryCache (card entries in a frame)', () => {
  it('loads once, retries after a failure, and reloads after a reset only if it had been loaded', async () => {
    let facts = 'Old fact.';
    const fetchAll = vi.fn(async () => [entry('dea', [{ text: 'DEA' }], { summary: facts })]);
    const cache = new EntryCache(fetchAll);
    cache.reset(); // never asked for: nothing is fetched
    expect(fetchAll).not.toHaveBeenCalled();
    await Promise.all([cache.load(), cache.load()]);
    expect(fetchAll).toHaveBeenCalledTimes(1);
    expect(cache.get('dea')?.summary).toBe('Old fact.');

    facts = 'New fact.';
    cache.reset(); // the active sheet changed: fetched again at once, for the next card
    expect(cache.get('dea')).toBeUndefined();
    await vi.waitFor(() => expect(cache.get('dea')?.summary).toBe('New fact.'));
    expect(fetchAll).toHaveBeenCalledTimes(2);

    const failing = new EntryCache(
      vi
        .fn()
        .mockRejectedValueOnce(new Error('no background'))
        .mockResolvedValue([entry('x', [{ text: 'X' }])]),
    );
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    await failing.load();
    expect(failing.get('x')).toBeUndefined();
    await failing.load();
    expect(failing.get('x')?.id).toBe('x');
    warn.mockRestore();
  });
});
