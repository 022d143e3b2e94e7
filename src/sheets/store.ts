import { storage } from '@wxt-dev/storage';
import { sanitizeSheetsState, type ImportedSheet, type SheetsState } from './model';

/**
 * Storage of imported fact sheets (storage.local; they can be large). Kept apart from
 * `index.ts` so the content script can read imports without bundling the full fact sheet.
 */

/** Version of the stored sheets shape; add a migration to `SHEETS_MIGRATIONS` when it changes. */
export const SHEETS_VERSION = 1;
export const SHEETS_MIGRATIONS: Record<number, (stored: any) => SheetsState> = {};

export const sheetsItem = storage.defineItem<SheetsState>('local:sheets', {
  fallback: { sheets: [] },
  version: SHEETS_VERSION,
  migrations: SHEETS_MIGRATIONS,
});

export async function loadSheets(): Promise<ImportedSheet[]> {
  try {
    return sanitizeSheetsState(await sheetsItem.getValue()).sheets;
  } catch (e) {
    console.warn('Contexto: could not read imported fact sheets; using none', e);
    return [];
  }
}

/** Calls `onChange` with the stored sheets whenever they change, in any context. */
export function watchSheets(onChange: (sheets: ImportedSheet[]) => void): () => void {
  return sheetsItem.watch((value) => onChange(sanitizeSheetsState(value).sheets));
}

export async function saveSheets(sheets: ImportedSheet[]): Promise<void> {
  await sheetsItem.setValue({ sheets });
}
