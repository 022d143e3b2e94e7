/**
 * The storage the full content script needs before it can paint (settings and the active sheet),
 * read by the loader as it starts importing it: the reads then run beside the import instead of
 * after it. In Firefox a long page that arrives at once keeps the main thread parsing, the import
 * settles only after DOMContentLoaded, and storage.sync then took hundreds of ms more, so reading
 * after the import put the first scan ~0.4 s after DOMContentLoaded. Imports only constants: the loader must stay a few kB.
 */
import { SETTINGS_AREA, SETTINGS_COPY_KEY, SETTINGS_KEY, SETTINGS_META_KEY, SETTINGS_VERSION } from '../settings/keys';
import { ACTIVE_SHEET_KEY } from '../sheets/active-gate';

/** Raw storage items; undefined when the read failed (the full script then reads for itself). */
export type RawItems = Record<string, unknown> | undefined;

export interface EarlyReads {
  /** storage.local: SETTINGS_COPY_KEY; without a copy yet, storage.sync: SETTINGS_KEY and SETTINGS_META_KEY. */
  settings: Promise<RawItems>;
  /** storage.local: ACTIVE_SHEET_KEY. */
  sheet: Promise<RawItems>;
}

type Area = { get(keys: string[], cb: (items: Record<string, unknown>) => void): void };
declare const chrome: {
  runtime: { lastError?: unknown };
  storage: { sync: Area; local: Area };
};

function read(area: 'sync' | 'local', keys: string[]): Promise<RawItems> {
  return new Promise((resolve) => {
    try {
      chrome.storage[area].get(keys, (items) => resolve(chrome.runtime.lastError ? undefined : items));
    } catch {
      resolve(undefined);
    }
  });
}

/**
 * The global the background sets, in the frame's content-script world, to the storage.local items
 * the full script reads, just before it injects that script (src/background/inject-content-main.ts):
 * Firefox delivers a content script's storage answers only once the page is parsed, but runs an
 * injected script at once.
 */
export const GIVEN_READS_GLOBAL = '__contextoGivenReads';

/** The reads given with an injected full script (taken once), as `readEarly` would make them; undefined without. */
export function givenReads(): EarlyReads | undefined {
  const g = globalThis as Record<string, unknown>;
  const items = g[GIVEN_READS_GLOBAL] as RawItems;
  delete g[GIVEN_READS_GLOBAL];
  if (typeof items !== 'object' || items === null) return undefined;
  return { settings: settingsFrom(items), sheet: Promise.resolve(items) };
}

/** A copy of another version (an update the background has not copied yet) counts as none: storage.sync is read. */
function settingsFrom(local: RawItems): Promise<RawItems> {
  return (local?.[SETTINGS_COPY_KEY] as { v?: unknown } | undefined)?.v === SETTINGS_VERSION
    ? Promise.resolve(local)
    : read(SETTINGS_AREA, [SETTINGS_KEY, SETTINGS_META_KEY]);
}

/** The storage.local keys of the reads: the sheet and the settings' copy. */
export const EARLY_LOCAL_KEYS = [ACTIVE_SHEET_KEY, SETTINGS_COPY_KEY];

/** Starts the reads: one of storage.local for the sheet and the settings' copy (storage.sync only when there is no copy). */
export function readEarly(): EarlyReads {
  const local = read('local', EARLY_LOCAL_KEYS);
  return { settings: local.then(settingsFrom), sheet: local };
}
