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

/**
 * `match` holds the same match data as `bundled`: e.g. the active sheet the background stores
 * when nothing is imported (frames read back a copy, not the bundled array), for which the
 * build-time gate index and pattern table still hold.
 */
export function isSameMatch(match: readonly MatchEntry[], bundled: readonly MatchEntry[]): boolean {
  return match === bundled || sameData(match, bundled);
}

/** Equal JSON-like data, whatever the order of object keys (Chrome's storage hands objects back with their keys sorted). */
function sameData(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
  const kb = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
  return (
    ka.length === kb.length &&
    ka.every((k) => sameData((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]))
  );
}
