/**
 * The active sheet's gate words on their own, written with the active sheet (`storeSheets`,
 * `refreshActiveSheet` in ./index.ts): every frame's loader (src/page/loader.ts) reads this
 * small item to decide whether the page can name a term, never the whole sheet. No imports:
 * the loader must stay a few kB.
 */
export interface ActiveGate {
  /** The `stamp` of the bundled sheet the active sheet was made with. */
  bundled: string;
  /**
   * `gateWords` of the active match data (null: some pattern has no word, so every page needs
   * the matcher). Absent when they are the bundled sheet's (nothing imported changes them), so
   * frames read a few bytes, not the words again.
   */
  gate?: string[] | null;
}

/** Its key in storage.local. */
export const ACTIVE_GATE_KEY = 'activeGate';

/** The active sheet's own key in storage.local (src/sheets/active.ts), beside its gate's. */
export const ACTIVE_SHEET_KEY = 'activeSheet';

/**
 * The gate words a frame of this build uses with `stored`: its own, or the bundled sheet's when
 * it has none or was not written for this build's bundled sheet (then content scripts match with
 * the bundled sheet, `activeMatchOf` in ./active.ts, until the background rewrites both). The
 * bundled words may come in another form (the loader's, indexed at build time): they are returned as given.
 */
export function activeGateOf<G = readonly string[]>(
  stored: unknown,
  bundled: { stamp: string; gate: G | null },
): G | string[] | null {
  if (typeof stored !== 'object' || stored === null) return bundled.gate;
  const active = stored as Partial<ActiveGate>;
  if (active.bundled !== bundled.stamp || active.gate === undefined) return bundled.gate;
  if (active.gate === null) return null;
  return Array.isArray(active.gate) && active.gate.every((w) => typeof w === 'string') ? active.gate : null;
}

/** The item to store for an active sheet made with the bundled sheet `bundledStamp`, whose gate words are `gate`. */
export function activeGateItem(
  bundled: { stamp: string; gate: readonly string[] | null },
  gate: readonly string[] | null,
): ActiveGate {
  return JSON.stringify(gate) === JSON.stringify(bundled.gate)
    ? { bundled: bundled.stamp }
    : { bundled: bundled.stamp, gate: gate === null ? null : [...gate] };
}
