import { compileMatcher, type Matcher } from '../matcher';
import type { Entry } from './types';

export type { Entry, Fact, Source, Alias, Kind, FactSheet } from './types';
export { KINDS } from './types';

/** The compiled fact sheet: entries by id plus the matcher built from their aliases. */
export interface FactIndex {
  entries: readonly Entry[];
  byId: ReadonlyMap<string, Entry>;
  matcher: Matcher;
}

export function buildIndex(entries: readonly Entry[]): FactIndex {
  return {
    entries,
    byId: new Map(entries.map((e) => [e.id, e])),
    matcher: compileMatcher(entries),
  };
}
