import { storage } from '@wxt-dev/storage';
import bundledEntries, { stamp as bundledStamp } from 'virtual:contexto-factsheet';
import { gate as bundledGate } from 'virtual:contexto-factsheet/gate';
import { isSameMatch } from '../factsheet';
import { toMatchEntry, type Entry, type MatchEntry } from '../factsheet/types';
import { gateWords } from '../matcher';
import type { Problem } from '../factsheet/validate';
import { activeSheetItem, type ActiveSheet } from './active';
import { ACTIVE_GATE_KEY, activeGateItem, type ActiveGate } from './active-gate';
import {
  activeEntriesOf,
  prepareImport,
  problemsOfCombination,
  sheetToJson,
  type ImportedSheet,
  type SheetMode,
} from './model';

export * from './model';
export { loadSheets } from './store';
export type { ActiveSheet } from './active';
import { loadSheets, sheetsItem, SHEETS_VERSION, watchSheets } from './store';

export function bundledSheetEntries(): readonly Entry[] {
  return bundledEntries;
}

/** The entries in use everywhere: bundled (unless replaced) plus enabled imports (validated when they were stored). */
export async function getActiveEntries(): Promise<Entry[]> {
  return activeEntriesOf(bundledEntries, await loadSheets({ revalidate: false }));
}

/** Calls `onChange` with the entries in use whenever imported sheets change (in any context). */
export function watchActiveEntries(onChange: (entries: Entry[]) => void): () => void {
  return watchSheets((sheets) => onChange(activeEntriesOf(bundledEntries, sheets)), { revalidate: false });
}

/** The bundled sheet's match data (made on first use). */
let bundledMatch: MatchEntry[] | undefined;

/** The active sheet of a set of (validated) sheets: what content scripts match with (no `match` when it is the bundled sheet's). */
export function activeSheetOf(sheets: readonly ImportedSheet[]): ActiveSheet {
  const random = crypto.getRandomValues(new Uint32Array(1))[0]!.toString(36);
  const revision = `${Date.now().toString(36)}-${random}`;
  const match = activeEntriesOf(bundledEntries, sheets).map(toMatchEntry);
  if (isBundledMatch(match)) return { bundled: bundledStamp, revision };
  return { bundled: bundledStamp, match, revision, gate: gateWords(match) };
}

/** Whatever the order of its keys: storage hands back an older build's copy with them sorted. */
function isBundledMatch(match: readonly MatchEntry[]): boolean {
  bundledMatch ??= bundledEntries.map(toMatchEntry);
  return isSameMatch(match, bundledMatch);
}

/** The gate words of an active sheet (the bundled sheet's when it holds no match data of its own). */
function gateOfActive(active: Partial<ActiveSheet>): readonly string[] | null {
  return active.match === undefined ? bundledGate : (active.gate ?? null);
}

type ItemWrite = Parameters<typeof storage.setItems>[0][number];

/**
 * Stores validated sheets and the active sheet made from them in one `storage.local.set`
 * (with `also`, e.g. pack subscriptions), so no context sees one without the other.
 */
export async function storeSheets(sheets: ImportedSheet[], also: ItemWrite[] = []): Promise<void> {
  const active = activeSheetOf(sheets);
  await storage.setItems([
    { item: sheetsItem, value: { sheets } },
    // The version meta `setValue` would write (setItems writes values only), for later migrations.
    { key: 'local:sheets$', value: { v: SHEETS_VERSION } },
    ...activeSheetWrites(active),
    ...also,
  ]);
}

/** The active sheet and its gate words alone (./active-gate.ts), written together. */
function activeSheetWrites(active: ActiveSheet): ItemWrite[] {
  return [
    { item: activeSheetItem, value: active },
    {
      key: `local:${ACTIVE_GATE_KEY}`,
      value: activeGateItem({ stamp: bundledStamp, gate: bundledGate }, gateOfActive(active)),
    },
  ];
}

/**
 * At background start: if the stored active sheet was not made with this build's bundled
 * sheet (first run, or an update that changed it), has no gate words, alone or in it, or holds a
 * copy of the bundled sheet's match data (older builds), re-validates the stored sheets once
 * (leaving out any that no longer pass) and writes the active sheet again. Only the active
 * sheet is written, so an import saved meanwhile by the options page is never overwritten.
 */
export async function refreshActiveSheet(): Promise<void> {
  const [stored, gate] = await Promise.all([
    activeSheetItem.getValue().catch(() => null),
    storage.getItem<ActiveGate>(`local:${ACTIVE_GATE_KEY}`).catch(() => null),
  ]);
  const current =
    stored?.bundled === bundledStamp &&
    (stored.match === undefined || (Array.isArray(stored.match) && 'gate' in stored && !isBundledMatch(stored.match)));
  if (
    current &&
    JSON.stringify(gate) ===
      JSON.stringify(activeGateItem({ stamp: bundledStamp, gate: bundledGate }, gateOfActive(stored)))
  )
    return;
  await storage.setItems(activeSheetWrites(activeSheetOf(await loadSheets())));
}

export type ImportResult = { ok: true; sheet: ImportedSheet } | { ok: false; problems: Problem[] };

/** Validates and stores an imported file. On any problem nothing is stored and the problems come back. */
export async function importSheet(fileName: string, text: string, mode: SheetMode): Promise<ImportResult> {
  const current = await loadSheets();
  const { sheet, problems } = prepareImport(bundledEntries, current, {
    fileName,
    text,
    mode,
    id: newSheetId(),
    now: new Date(),
  });
  if (!sheet) return { ok: false, problems };
  await storeSheets([...current, sheet]);
  return { ok: true, sheet };
}

/** Enables or disables a sheet; enabling is refused (with problems) when it would collide with sheets in use. */
export async function setSheetEnabled(
  id: string,
  enabled: boolean,
): Promise<{ ok: true } | { ok: false; problems: Problem[] }> {
  const current = await loadSheets();
  const next = current.map((s) => (s.id === id ? { ...s, enabled } : s));
  if (enabled) {
    const problems = problemsOfCombination(bundledEntries, next);
    if (problems.length) return { ok: false, problems };
  }
  await storeSheets(next);
  return { ok: true };
}

export async function removeSheet(id: string): Promise<void> {
  const current = await loadSheets();
  await storeSheets(current.filter((s) => s.id !== id));
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
