import type { Entry } from '../factsheet/types';

/**
 * Full entries (summaries, facts) for cards, fetched from the background as a page turns out
 * to mention their terms: the content script itself ships only what matching needs, and a
 * frame holds the few entries it can show, not the whole sheet (300 kB of JSON for 68 entries).
 */
export class EntryCache {
  private readonly entries = new Map<string, Entry>();
  /** Ids asked for: loaded, or being loaded. */
  private readonly wanted = new Set<string>();
  /** Settles when every load asked for so far has. */
  private settled: Promise<void> = Promise.resolve();
  /** Bumped by `reset`: a load from before it is dropped. */
  private generation = 0;

  constructor(private readonly fetchEntries: (ids: string[]) => Promise<Entry[]>) {}

  get(id: string): Entry | undefined {
    return this.entries.get(id);
  }

  /** Loads the entries of `ids` not asked for yet (a failed load is retried on the next call); settles when every load so far has. */
  load(ids: readonly string[]): Promise<void> {
    const missing = ids.filter((id) => !this.wanted.has(id));
    if (missing.length === 0) return this.settled;
    for (const id of missing) this.wanted.add(id);
    const generation = this.generation;
    const loaded = this.fetchEntries(missing).then(
      (list) => {
        if (generation !== this.generation) return;
        for (const e of list) this.entries.set(e.id, e);
      },
      (error: unknown) => {
        if (generation !== this.generation) return;
        for (const id of missing) this.wanted.delete(id);
        console.warn('Contexto: could not load fact-sheet entries', error);
      },
    );
    this.settled = Promise.all([this.settled, loaded]).then(() => {});
    return this.settled;
  }

  /** Forgets the entries (the active fact sheets changed) and loads those asked for again at once. */
  reset(): void {
    const ids = [...this.wanted];
    this.generation++;
    this.entries.clear();
    this.wanted.clear();
    this.settled = Promise.resolve();
    if (ids.length) void this.load(ids);
  }
}
