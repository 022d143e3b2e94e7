import { storage } from '@wxt-dev/storage';
import { sanitizeSheetsState, type ImportedSheet, type SheetsState } from './model';

/**
 * Storage of imported fact sheets (storage.local; they can be large). Content scripts do
 * not read this item: they read the active sheet (`./active.ts`), written with it.
 */

/** Version of the stored sheets shape; give the item `migrations` when it changes. */
export const SHEETS_VERSION = 1;

export const sheetsItem = storage.defineItem<SheetsState>('local:sheets', {
  fallback: { sheets: [] },
  version: SHEETS_VERSION,
});

/**
 * The stored sheets. Writers re-validate them (the default); readers pass
 * `{ revalidate: false }`: the entries were validated before they were stored.
 */
export async function loadSheets({ revalidate = true }: { revalidate?: boolean } = {}): Promise<ImportedSheet[]> {
  try {
    return sanitizeSheetsState(await sheetsItem.getValue(), console.warn, revalidate).sheets;
  } catch (e) {
    console.warn('Contexto: could not read imported fact sheets; using none', e);
    return [];
  }
}

/** Calls `onChange` with the stored sheets whenever they change, in any context. */
export function watchSheets(
  onChange: (sheets: ImportedSheet[]) => void,
  { revalidate = true }: { revalidate?: boolean } = {},
): () => void {
  return sheetsItem.watch((value) => onChange(sanitizeSheetsState(value, console.warn, revalidate).sheets));
}
