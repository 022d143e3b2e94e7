import { compileMatcher, type Matcher } from '../matcher';
import type { Entry, MatchEntry } from './types';

export type { Entry, MatchEntry } from './types';

/** The compiled fact sheet: entries by id plus the matcher built from their aliases. */
export interface FactIndex<E extends MatchEntry = Entry> {
  entries: readonly E[];
  byId: ReadonlyMap<string, E>;
  matcher: Matcher;
}

export function buildIndex<E extends MatchEntry>(entries: readonly E[]): FactIndex<E> {
  return {
    entries,
    byId: new Map(entries.map((e) => [e.id, e])),
    matcher: compileMatcher(entries),
  };
}
