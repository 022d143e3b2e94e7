import bundledEntries from 'virtual:contexto-factsheet';
import type { Entry } from '../factsheet/types';
import type { Problem } from '../factsheet/validate';
import {
  activeEntriesOf,
  prepareImport,
  problemsOfCombination,
  sheetToJson,
  type ImportedSheet,
  type SheetMode,
} from './model';

export * from './model';
export { loadSheets, watchSheets, SHEETS_VERSION, SHEETS_MIGRATIONS } from './store';
import { loadSheets, saveSheets, watchSheets } from './store';

export function bundledSheetEntries(): readonly Entry[] {
  return bundledEntries;
}

/** The entries in use everywhere: bundled (unless replaced) plus enabled imports. */
export async function getActiveEntries(): Promise<Entry[]> {
  return activeEntriesOf(bundledEntries, await loadSheets());
}

/** Calls `onChange` with the entries in use whenever imported sheets change (in any context). */
export function watchActiveEntries(onChange: (entries: Entry[]) => void): () => void {
  return watchSheets((sheets) => onChange(activeEntriesOf(bundledEntries, sheets)));
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
