import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseFactSheet, FactSheetError, type SourceFile } from './validate';
import type { Entry } from './types';

/** Where the bundled fact sheet lives, one JSON file per entry. */
export const TERMS_DIR = new URL('../../data/terms/', import.meta.url);

/** Reads every `*.json` file of a folder; a file that is not JSON becomes a problem naming it. */
export function readFactSheetDir(dir: string, cwd = process.cwd()): SourceFile[] {
  const files = readdirSync(dir).filter((f) => f.endsWith('.json')).sort();
  return files.map((f) => {
    const path = join(dir, f);
    const file = relative(cwd, path) || path;
    const raw = readFileSync(path, 'utf8');
    try {
      return { file, data: JSON.parse(raw) as unknown };
    } catch (e) {
      throw new FactSheetError([{ file, entry: '(file)', field: '(json)', message: `not valid JSON: ${(e as Error).message}` }]);
    }
  });
}

/** Reads and validates a fact-sheet folder (default: the bundled `data/terms`). */
export function loadFactSheetDir(dir: string = TERMS_DIR.pathname): Entry[] {
  return parseFactSheet(readFactSheetDir(dir));
}
