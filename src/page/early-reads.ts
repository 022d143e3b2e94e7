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

/** Starts both reads (both areas answer at once). */
export function readEarly(): EarlyReads {
  return {
    settings: read(SETTINGS_AREA, [SETTINGS_KEY, SETTINGS_META_KEY]),
    sheet: read('local', [ACTIVE_SHEET_KEY]),
  };
}
