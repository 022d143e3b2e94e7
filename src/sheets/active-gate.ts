/**
 * The active sheet's gate words on their own, written with the active sheet (`storeSheets`,
 * `refreshActiveSheet` in ./index.ts): every frame's loader (src/page/loader.ts) reads this
 * small item to decide whether the page can name a term, never the whole sheet. No imports:
 * the loader must stay a few kB.
 */
export interface ActiveGate {
  /** The `stamp` of the bundled sheet the active sheet was made with. */
  bundled: string;
  /** `gateWords` of the active match data (null: some pattern has no word, so every page needs the matcher). */
  gate: string[] | null;
}

/** Its key in storage.local. */
export const ACTIVE_GATE_KEY = 'activeGate';

/**
 * The gate words a frame of this build uses: `undefined` when `stored` was not written for this
 * build's bundled sheet (then only the full content script can tell what the frame matches).
 */
export function activeGateOf(stored: unknown, bundledStamp: string): readonly string[] | null | undefined {
  if (typeof stored !== 'object' || stored === null) return undefined;
  const { bundled, gate } = stored as Partial<ActiveGate>;
  if (bundled !== bundledStamp) return undefined;
  if (gate === null) return null;
  return Array.isArray(gate) && gate.every((w) => typeof w === 'string') ? gate : undefined;
}
