import { storage } from '@wxt-dev/storage';
import bundledEntries from 'virtual:contexto-factsheet';
import type { Entry } from '../factsheet/types';
import type { Problem } from '../factsheet/validate';
import {
  activeEntriesOf,
  prepareImport,
  problemsOfCombination,
  sanitizeSheetsState,
  sheetToJson,
  type ImportedSheet,
  type SheetMode,
  type SheetsState,
} from './model';

export * from './model';

/** Version of the stored sheets shape; add a migration to `SHEETS_MIGRATIONS` when it changes. */
export const SHEETS_VERSION = 1;
export const SHEETS_MIGRATIONS: Record<number, (stored: any) => SheetsState> = {};

/** Imported fact sheets, in storage.local (they can be large; sync storage is small). */
const sheetsItem = storage.defineItem<SheetsState>('local:sheets', {
  fallback: { sheets: [] },
  version: SHEETS_VERSION,
  migrations: SHEETS_MIGRATIONS,
});

export function bundledSheetEntries(): readonly Entry[] {
  return bundledEntries;
}

export async function loadSheets(): Promise<ImportedSheet[]> {
  try {
    return sanitizeSheetsState(await sheetsItem.getValue()).sheets;
  } catch (e) {
    console.warn('Contexto: could not read imported fact sheets; using none', e);
    return [];
  }
}

async function saveSheets(sheets: ImportedSheet[]): Promise<void> {
  await sheetsItem.setValue({ sheets });
}

/** The entries in use everywhere: bundled (unless replaced) plus enabled imports. */
export async function getActiveEntries(): Promise<Entry[]> {
  return activeEntriesOf(bundledEntries, await loadSheets());
}

/** Calls `onChange` with the entries in use whenever imported sheets change (in any context). */
export function watchActiveEntries(onChange: (entries: Entry[]) => void): () => void {
  return sheetsItem.watch((value) => onChange(activeEntriesOf(bundledEntries, sanitizeSheetsState(value).sheets)));
}

export type ImportResult = { ok: true; sheet: ImportedSheet } | { ok: false; problems: Problem[] };

/** Validates and stores an imported file. On any problem nothing is stored and the problems come back. */
export async function importSheet(fileName: string, text: string, mode: SheetMode): Promise<ImportResult> {
  const current = await loadSheets();
  const { sheet, problems } = prepareImport(bundledEntries, current, { fileName, text, mode, id: newSheetId(), now: new Date() });
  if (!sheet) return { ok: false, problems };
  await saveSheets([...current, sheet]);
  return { ok: true, sheet };
}

/** Enables or disables a sheet; enabling is refused (with problems) when it would collide with sheets in use. */
export async function setSheetEnabled(id: string, enabled: boolean): Promise<{ ok: true } | { ok: false; problems: Problem[] }> {
  const current = await loadSheets();
  const next = current.map((s) => (s.id === id ? { ...s, enabled } : s));
  if (enabled) {
    const problems = problemsOfCombination(bundledEntries, next);
    if (problems.length) return { ok: false, problems };
  }
  await saveSheets(next);
  return { ok: true };
}

export async function removeSheet(id: string): Promise<void> {
  const current = await loadSheets();
  await saveSheets(current.filter((s) => s.id !== id));
}

/** The JSON text of a stored sheet, for download; null if it no longer exists. */
export async function exportSheet(id: string): Promise<{ fileName: string; json: string } | null> {
  const sheet = (await loadSheets()).find((s) => s.id === id);
  if (!sheet) return null;
  const base = sheet.fileName.replace(/\.json$/i, '') || 'contexto-sheet';
  return { fileName: `${base}.json`, json: sheetToJson(sheet) };
}

function newSheetId(): string {
  const random = crypto.getRandomValues(new Uint32Array(2));
  return `sheet-${Date.now().toString(36)}-${random[0]!.toString(36)}${random[1]!.toString(36)}`;
}
