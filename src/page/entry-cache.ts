import type { Entry } from '../factsheet/types';

/**
 * Full entries (summaries, facts) for cards, fetched once from the background when a
 * page has mentions: the content script itself ships only what matching needs.
 */
export class EntryCache {
  private entries: Map<string, Entry> | null = null;
  private pending: Promise<void> | null = null;

  constructor(private readonly fetchAll: () => Promise<Entry[]>) {}

  get(id: string): Entry | undefined {
    return this.entries?.get(id);
  }

  /** Loads the entries once; a failed load is retried on the next call. */
  load(): Promise<void> {
    this.pending ??= this.fetchAll().then(
      (list) => {
        this.entries = new Map(list.map((e) => [e.id, e]));
      },
      (error: unknown) => {
        this.pending = null;
        console.warn('Contexto: could not load fact-sheet entries', error);
      },
    );
    return this.pending;
  }

  /** Forgets the entries (the active fact sheets changed); loads them again at once if they had been loaded or asked for. */
  reset(): void {
    const wanted = this.pending !== null;
    this.entries = null;
    this.pending = null;
    if (wanted) void this.load();
  }
}
