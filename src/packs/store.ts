import { storage } from '@wxt-dev/storage';
import type { Entry } from '../factsheet/types';
import type { SheetMode } from '../sheets/model';
import { isObject, readStoredList } from '../sheets/stored-list';
import type { PackMeta } from './format';

/**
 * Pack subscriptions in storage.local (key `packs`). The installed revision's entries are
 * not here: they are a sheet in the `sheets` item (same id, `pack` stamp), validated once
 * when accepted, so every context that reads sheets follows a pack without knowing about
 * packs. Content scripts never read this item. Both items, and the active sheet made from
 * the sheets, change in one `storage.local.set` (`storeSheets`).
 */

export interface PackCheckRecord {
  /** ISO date-time of the check. */
  at: string;
  outcome: 'updated' | 'current' | 'refused' | 'failed' | 'rolled-back';
  /** One line, shown as is on the options page. */
  message: string;
}

export interface PackSubscription {
  id: string;
  url: string;
  /** The publisher's public key (SPKI PEM), pinned at subscription: every update must verify against it. */
  publicKey: string;
  keyFingerprint: string;
  /** Metadata of the installed revision. */
  meta: PackMeta;
  /** The highest revision ever accepted: an update must be higher (no rollback by the server). */
  highestRevision: number;
  mode: SheetMode;
  /** Check once a day in the background (`alarms`); off unless the reader turns it on. */
  dailyCheck: boolean;
  subscribedAt: string;
  lastCheck?: PackCheckRecord;
  /** The revision before the installed one, for a rollback by hand (its entries were validated when accepted). */
  previous?: { meta: PackMeta; entries: Entry[] };
}

export interface PacksState {
  packs: PackSubscription[];
}

export const PACKS_VERSION = 1;

export const packsItem = storage.defineItem<PacksState>('local:packs', {
  fallback: { packs: [] },
  version: PACKS_VERSION,
});

export async function loadPacks(): Promise<PackSubscription[]> {
  try {
    return sanitizePacksState(await packsItem.getValue()).packs;
  } catch (e) {
    console.warn('Contexto: could not read pack subscriptions; using none', e);
    return [];
  }
}

export function watchPacks(onChange: (packs: PackSubscription[]) => void): () => void {
  return packsItem.watch((value) => onChange(sanitizePacksState(value).packs));
}

/** Shape checks only (no validator: entries were validated before they were stored). A corrupt record is dropped with a warning. */
export function sanitizePacksState(raw: unknown, warn: (message: string) => void = console.warn): PacksState {
  const packs = readStoredList(
    raw,
    'packs',
    'pack subscriptions',
    (p) =>
      isObject(p) &&
      typeof p.id === 'string' &&
      typeof p.url === 'string' &&
      typeof p.publicKey === 'string' &&
      isObject(p.meta) &&
      typeof p.meta.revision === 'number' &&
      typeof p.highestRevision === 'number' &&
      (p.mode === 'add' || p.mode === 'replace')
        ? (p as unknown as PackSubscription)
        : { drop: 'a stored pack subscription that is corrupt' },
    warn,
  );
  return { packs };
}
