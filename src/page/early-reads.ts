/**
 * The storage the full content script needs before it can paint (settings and the active sheet),
 * read by the loader as it starts importing it: the reads then run beside the import instead of
 * after it. In Firefox a long page that arrives at once keeps the main thread parsing, the import
 * settles only after DOMContentLoaded, and storage.sync then took hundreds of ms more, so reading
 * after the import put the first scan ~0.4 s after DOMContentLoaded. Imports only constants: the loader must stay a few kB.
 */
import { SETTINGS_AREA, SETTINGS_KEY, SETTINGS_META_KEY } from '../settings/keys';
import { ACTIVE_SHEET_KEY } from '../sheets/active-gate';

/** Raw storage items; undefined when the read failed (the full script then reads for itself). */
export type RawItems = Record<string, unknown> | undefined;

export interface EarlyReads {
  /** storage.sync: SETTINGS_KEY and SETTINGS_META_KEY. */
  settings: Promise<RawItems>;
  /** storage.local: ACTIVE_SHEET_KEY. */
  sheet: Promise<RawItems>;
}

/** The keys read, per storage area. */
export const EARLY_KEYS = { [SETTINGS_AREA]: [SETTINGS_KEY, SETTINGS_META_KEY], local: [ACTIVE_SHEET_KEY] } as const;

type Area = { get(keys: string[], cb: (items: Record<string, unknown>) => void): void };
declare const chrome: {
  runtime: { lastError?: unknown };
  storage: { sync: Area; local: Area };
};

function read(area: 'sync' | 'local', keys: readonly string[]): Promise<RawItems> {
  return new Promise((resolve) => {
    try {
      chrome.storage[area].get([...keys], (items) => resolve(chrome.runtime.lastError ? undefined : items));
    } catch {
      resolve(undefined);
    }
  });
}

/** Starts both reads (both areas answer at once). */
export function readEarly(): EarlyReads {
  return { settings: read(SETTINGS_AREA, EARLY_KEYS[SETTINGS_AREA]), sheet: read('local', EARLY_KEYS.local) };
}

/**
 * The global the background sets, in the frame's content-script world, to the same reads just
 * before it injects the full script (src/background/inject-content-main.ts): Firefox delivers a
 * content script's storage answers only once the page is parsed, but runs an injected script at once.
 */
export const GIVEN_READS_GLOBAL = '__contextoGivenReads';

/** What the background gives: each area's items. */
export interface GivenItems {
  sync: RawItems;
  local: RawItems;
}

/** The reads given with an injected full script (taken once); undefined without. */
export function givenReads(): EarlyReads | undefined {
  const g = globalThis as Record<string, unknown>;
  const given = g[GIVEN_READS_GLOBAL] as Partial<GivenItems> | undefined;
  delete g[GIVEN_READS_GLOBAL];
  if (typeof given !== 'object' || given === null) return undefined;
  return { settings: Promise.resolve(given.sync), sheet: Promise.resolve(given.local) };
}
