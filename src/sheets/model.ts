import type { Entry, MatchEntry } from '../factsheet/types';
import { makeProblem } from '../factsheet/problems';
import { validateFactSheet, type Problem, type SourceFile } from '../factsheet/validate';
import { isObject, readStoredList } from './stored-list';

/**
 * Imported fact sheets, as pure data and rules (no browser APIs, so tests run anywhere).
 * An imported sheet is added beside the bundled sheet or replaces it; each can be
 * enabled or disabled. Every check goes through `validateFactSheet`, the same code
 * that validates `data/` at build time.
 */

export type SheetMode = 'add' | 'replace';

export interface ImportedSheet {
  id: string;
  /** The sheet's `name`, or the file name without `.json`. */
  name: string;
  fileName: string;
  mode: SheetMode;
  enabled: boolean;
  /** ISO date-time of the import. */
  importedAt: string;
  entries: Entry[];
  /** Set when the sheet is the installed revision of a subscribed pack (src/packs); the subscription has the same id. */
  pack?: PackStamp;
}

/** Which revision of a pack a sheet holds. */
export interface PackStamp {
  revision: number;
  publishedAt: string;
}

/** What storage.local holds (key `sheets`). */
export interface SheetsState {
  sheets: ImportedSheet[];
}

/** Label of the bundled sheet in problems ("alias … already claimed", "duplicate id (also in …)"). */
export const BUNDLED_SHEET_LABEL = 'bundled fact sheet';

/** Largest file the import accepts (the validator's limits apply on top). */
export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;

/** The entries in use: the bundled sheet unless an enabled sheet replaces it, plus every enabled sheet. */
export function activeEntriesOf<E extends MatchEntry>(
  bundled: readonly E[],
  sheets: readonly ImportedSheet[],
): (E | Entry)[] {
  const seen = new Set<string>();
  const out: (E | Entry)[] = [];
  for (const file of filesInUse(bundled, sheets)) {
    for (const entry of file.data as (E | Entry)[]) {
      // Stored states are checked before they are written; this only guards against a hand-edited store.
      if (seen.has(entry.id)) continue;
      seen.add(entry.id);
      out.push(entry);
    }
  }
  return out;
}

/** The sheets that take part, as validator input, bundled first. */
function filesInUse(bundled: readonly MatchEntry[], sheets: readonly ImportedSheet[]): SourceFile[] {
  const enabled = sheets.filter((s) => s.enabled);
  const files: SourceFile[] = [];
  if (!enabled.some((s) => s.mode === 'replace')) files.push({ file: BUNDLED_SHEET_LABEL, data: [...bundled] });
  for (const s of enabled) files.push({ file: s.fileName, data: s.entries });
  return files;
}

/** Problems of a combination of sheets (ids or aliases claimed twice, related ids that do not exist…). */
export function problemsOfCombination(bundled: readonly Entry[], sheets: readonly ImportedSheet[]): Problem[] {
  return validateFactSheet(filesInUse(bundled, sheets)).problems;
}

/** Parses the text of an imported file; a file that is not JSON or too big becomes a problem. */
export function parseSheetText(fileName: string, text: string): { data?: unknown; problems: Problem[] } {
  const bytes = new TextEncoder().encode(text).length;
  if (bytes > MAX_IMPORT_BYTES) {
    return {
      problems: [
        makeProblem({ file: fileName, entry: '(file)', field: '(size)' }, 'file-too-big', {
          megabytes: (bytes / 1048576).toFixed(1),
          limit: MAX_IMPORT_BYTES / 1048576,
        }),
      ],
    };
  }
  try {
    return { data: JSON.parse(text) as unknown, problems: [] };
  } catch (e) {
    return {
      problems: [
        makeProblem({ file: fileName, entry: '(file)', field: '(json)' }, 'invalid-json', {
          error: (e as Error).message,
        }),
      ],
    };
  }
}

export interface ImportRequest {
  fileName: string;
  text: string;
  mode: SheetMode;
  /** Fresh id for the sheet (the store passes a random one). */
  id: string;
  now: Date;
}

/**
 * Checks an imported file on its own and together with the sheets it would be used
 * with. Returns the new sheet, or the problems and no sheet: the caller changes nothing then.
 */
export function prepareImport(
  bundled: readonly Entry[],
  current: readonly ImportedSheet[],
  req: ImportRequest,
): { sheet?: ImportedSheet; problems: Problem[] } {
  const parsed = parseSheetText(req.fileName, req.text);
  if (parsed.problems.length) return { problems: parsed.problems };
  return prepareSheet(bundled, current, { ...req, data: parsed.data, name: sheetNameOf(parsed.data, req.fileName) });
}

export interface SheetRequest {
  fileName: string;
  /** Parsed JSON: one entry, a list, or `{ "entries": [...] }`. */
  data: unknown;
  name: string;
  mode: SheetMode;
  id: string;
  now: Date;
  pack?: PackStamp;
}

/**
 * The checks of `prepareImport` on data that is already parsed (a pack's entries, src/packs):
 * the entries alone, then together with the sheets in use. A sheet in `current` with the
 * same id is the one being replaced (a pack's previous revision) and does not count.
 */
export function prepareSheet(
  bundled: readonly Entry[],
  current: readonly ImportedSheet[],
  req: SheetRequest,
): { sheet?: ImportedSheet; problems: Problem[] } {
  const data = req.data;
  const items = itemsOf(data);
  if (items.length === 0) {
    return { problems: [makeProblem({ file: req.fileName, entry: '(file)', field: 'entries' }, 'no-entries')] };
  }
  // The file alone first, so structural problems are not drowned in "unknown id" noise…
  const alone = validateFactSheet([{ file: req.fileName, data }]);
  const structural = alone.problems.filter((p) => p.code !== 'related-unknown');
  if (structural.length) return { problems: structural };
  // …then with the sheets it will be used with: ids and aliases must not collide, related ids must exist.
  const candidateEntries = alone.entries.length ? alone.entries : entriesIgnoringRelated(req.fileName, data);
  const sheet: ImportedSheet = {
    id: req.id,
    name: req.name,
    fileName: req.fileName,
    mode: req.mode,
    enabled: true,
    importedAt: req.now.toISOString(),
    entries: candidateEntries,
  };
  if (req.pack) sheet.pack = { ...req.pack };
  const problems = problemsOfCombination(bundled, [...current.filter((s) => s.id !== req.id), sheet]);
  return problems.length ? { problems } : { sheet, problems: [] };
}

/** Validated entries of a file whose only problems are related ids defined elsewhere. */
export function entriesIgnoringRelated(fileName: string, data: unknown): Entry[] {
  const items = itemsOf(data).map((item) => (isObject(item) ? { ...item, related: [] } : item));
  const relatedOf = new Map(
    itemsOf(data)
      .filter(isObject)
      .map((item) => [item.id, item.related]),
  );
  const { entries } = validateFactSheet([{ file: fileName, data: items }]);
  return entries.map((e) => ({
    ...e,
    related: (relatedOf.get(e.id) as string[] | undefined)?.map((r) => r.trim()) ?? [],
  }));
}

export function itemsOf(data: unknown): unknown[] {
  if (Array.isArray(data)) return data;
  if (isObject(data) && Array.isArray(data.entries)) return data.entries;
  return data === null || data === undefined ? [] : [data];
}

function sheetNameOf(data: unknown, fileName: string): string {
  if (isObject(data) && Array.isArray(data.entries) && typeof data.name === 'string' && data.name.trim())
    return data.name.trim().slice(0, 100);
  return fileName.replace(/\.json$/i, '') || fileName;
}

/** The JSON an export downloads: the same schema the import reads. */
export function sheetToJson(sheet: Pick<ImportedSheet, 'name' | 'entries'>): string {
  return `${JSON.stringify({ name: sheet.name, entries: sheet.entries }, null, 2)}\n`;
}

/**
 * Turns whatever storage.local holds into a valid state: a corrupt value becomes no
 * sheets and a sheet whose entries no longer validate is dropped, each with a warning.
 * With `revalidate` false only the shape is checked (readers of sheets that were
 * validated when they were written, and again when a new build started).
 */
export function sanitizeSheetsState(
  raw: unknown,
  warn: (message: string) => void = console.warn,
  revalidate = true,
): SheetsState {
  const sheets = readStoredList(
    raw,
    'sheets',
    'fact sheets',
    (s): ImportedSheet | { drop: string } => {
      if (
        !isObject(s) ||
        typeof s.id !== 'string' ||
        typeof s.name !== 'string' ||
        !Array.isArray(s.entries) ||
        (s.mode !== 'add' && s.mode !== 'replace')
      )
        return { drop: 'a stored fact sheet that is corrupt' };
      const fileName = typeof s.fileName === 'string' ? s.fileName : `${s.name}.json`;
      const entries = revalidate ? entriesIgnoringRelated(fileName, s.entries) : (s.entries as Entry[]);
      if (entries.length !== s.entries.length)
        return { drop: `stored fact sheet "${s.name}": its entries no longer validate` };
      const sheet: ImportedSheet = {
        id: s.id,
        name: s.name,
        fileName,
        mode: s.mode,
        enabled: s.enabled !== false,
        importedAt: typeof s.importedAt === 'string' ? s.importedAt : new Date(0).toISOString(),
        entries,
      };
      const pack = s.pack;
      if (isObject(pack) && typeof pack.revision === 'number' && typeof pack.publishedAt === 'string')
        sheet.pack = { revision: pack.revision, publishedAt: pack.publishedAt };
      return sheet;
    },
    warn,
  );
  return { sheets };
}
