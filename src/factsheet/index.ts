import { compileMatcher, type GateIndex, gatedMatcher, type Matcher } from '../matcher';
import type { Entry, MatchEntry } from './types';

export type { Entry, MatchEntry } from './types';

/** The compiled fact sheet: entries by id plus the matcher built from their aliases. */
export interface FactIndex<E extends MatchEntry = Entry> {
  entries: readonly E[];
  byId: ReadonlyMap<string, E>;
  matcher: Matcher;
}

/**
 * `gate`: the sheet's `gateWords` (or their `GateIndex`, built with the bundled sheet), when known:
 * the automaton is then compiled only once a text could hold a mention.
 */
export function buildIndex<E extends MatchEntry>(
  entries: readonly E[],
  gate?: readonly string[] | GateIndex | null,
): FactIndex<E> {
  return {
    entries,
    byId: new Map(entries.map((e) => [e.id, e])),
    matcher: gate ? gatedMatcher(gate, () => compileMatcher(entries)) : compileMatcher(entries),
  };
}
