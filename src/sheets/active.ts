import { storage } from '@wxt-dev/storage';
import type { MatchEntry } from '../factsheet/types';
import type { RawItems } from '../page/early-reads';
import { ACTIVE_SHEET_KEY } from './active-gate';

/**
 * The active fact sheet, ready to use: the match data of every entry in use (the bundled
 * sheet unless an enabled import replaces it, then every enabled imported sheet and pack).
 * It is written, in the same `storage.local.set` as the sheets, by whoever changes them
 * (options page, pack updates: `storeSheets` in `./index.ts`, after validating), and by the
 * background when the extension starts with a new bundled sheet. Content scripts only read
 * and watch it: no validator and no combining of sheets in any frame. This module is all a
 * content script imports from `src/sheets`; keep it free of the validator.
 *
 * Full entries (summaries, facts) for cards are not copied here: the imported ones are
 * already in the `sheets` item, and storage.local has a 10 MB quota without
 * `unlimitedStorage`. The background serves them (`getActiveEntries`) without re-validating.
 */
export interface ActiveSheet {
  /** The `stamp` of the bundled sheet it was made with: another stamp means another build wrote it. */
  bundled: string;
  /**
   * Match data of every entry in use, in order (`toMatchEntry`). Absent when it is the bundled
   * sheet's (nothing imported changes it): frames then read a few bytes, not a copy of the whole
   * sheet, and need not compare that copy with their own (5 ms and more of each frame's start).
   */
  match?: MatchEntry[];
  /**
   * New with every write of the sheets: a pack update can change facts and leave the match
   * data as it was, and the browser reports no change for an equal value. Frames reload
   * their card entries when it changes.
   */
  revision: string;
  /**
   * `gateWords(match)` (src/matcher): frames compile the matcher only once a text holds one of
   * these. Absent with `match` (the bundled sheet's gate words hold), and in sheets written by
   * older builds (then frames compile at once).
   */
  gate?: string[] | null;
}

export const activeSheetItem = storage.defineItem<ActiveSheet | null>(`local:${ACTIVE_SHEET_KEY}`, { fallback: null });

/**
 * The match data a frame uses: the stored active sheet's when this build wrote it with match
 * data of its own, otherwise this build's bundled sheet (nothing imported, or the extension was
 * just updated and the background is rewriting the active sheet: the frame follows when it is written).
 */
export function activeMatchOf(
  stored: unknown,
  bundled: readonly MatchEntry[],
  bundledStamp: string,
): readonly MatchEntry[] {
  if (typeof stored !== 'object' || stored === null) return bundled;
  const active = stored as Partial<ActiveSheet>;
  if (active.bundled !== bundledStamp || !Array.isArray(active.match)) return bundled;
  if (Array.isArray(active.gate)) gates.set(active.match, active.gate);
  return active.match;
}

const gates = new WeakMap<readonly MatchEntry[], readonly string[]>();

/** The gate words stored with match data `activeMatchOf` returned (null: none stored, compile at once). */
export function storedGateOf(match: readonly MatchEntry[]): readonly string[] | null {
  return gates.get(match) ?? null;
}

/** The active match data now (the bundled sheet's if none is stored or it cannot be read). */
export async function loadActiveMatch(
  bundled: readonly MatchEntry[],
  bundledStamp: string,
  /** The raw items of a read already started (src/page/early-reads.ts); undefined items: read here. */
  early?: Promise<RawItems>,
): Promise<readonly MatchEntry[]> {
  try {
    const items = await early;
    const stored = items ? (items[ACTIVE_SHEET_KEY] ?? null) : await activeSheetItem.getValue();
    return activeMatchOf(stored, bundled, bundledStamp);
  } catch (e) {
    console.warn('Contexto: could not read the active fact sheet; using the bundled one', e);
    return bundled;
  }
}

/**
 * Calls `onChange` whenever the active sheet is written, in any context, with its match data
 * and whether that changed (false when only summaries or facts did); returns the unwatch function.
 */
export function watchActiveMatch(
  bundled: readonly MatchEntry[],
  bundledStamp: string,
  onChange: (match: readonly MatchEntry[], matchChanged: boolean) => void,
): () => void {
  return activeSheetItem.watch((value, old) => {
    const next = activeMatchOf(value, bundled, bundledStamp);
    const before = activeMatchOf(old, bundled, bundledStamp);
    onChange(next, next !== before && JSON.stringify(next) !== JSON.stringify(before));
  });
}
