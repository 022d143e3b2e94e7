import { compileMatcher, type GateIndex, gatedMatcher, type Matcher, type PatternTable } from '../matcher';
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
 * the automaton is then compiled only once a text could hold a mention. `patterns`: the compile's
 * `patternTableOf(entries)`, when made at build time (the bundled sheet).
 */
export function buildIndex<E extends MatchEntry>(
  entries: readonly E[],
  gate?: readonly string[] | GateIndex | null,
  patterns?: PatternTable,
): FactIndex<E> {
  const compile = () => compileMatcher(entries, patterns);
  return {
    entries,
    byId: new Map(entries.map((e) => [e.id, e])),
    matcher: gate ? gatedMatcher(gate, compile) : compile(),
  };
}
