import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeProblem } from './problems';
import { parseFactSheet, FactSheetError, type SourceFile, type ValidateOptions } from './validate';
import type { Entry } from './types';

/** Where the bundled fact sheet lives, one JSON file per entry. */
export const TERMS_DIR = new URL('../../data/terms/', import.meta.url);

/** Reads every `*.json` file of a folder; a file that is not JSON becomes a problem naming it. */
export function readFactSheetDir(dir: string, cwd = process.cwd()): SourceFile[] {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort();
  return files.map((f) => {
    const path = join(dir, f);
    const file = relative(cwd, path) || path;
    const raw = readFileSync(path, 'utf8');
    try {
      return { file, data: JSON.parse(raw) as unknown };
    } catch (e) {
      throw new FactSheetError([
        makeProblem({ file, entry: '(file)', field: '(json)' }, 'invalid-json', { error: (e as Error).message }),
      ]);
    }
  });
}

/** The bundled sheet's folder as a file-system path (spaces and all). */
export const TERMS_PATH = fileURLToPath(TERMS_DIR);

/**
 * Reads and validates a fact-sheet folder. The bundled `data/terms` (the default) is held to the
 * bundled sheet's stricter rules; any other folder to those of imported sheets unless told.
 */
export function loadFactSheetDir(
  dir: string = TERMS_PATH,
  options: ValidateOptions = { bundled: resolve(dir) === resolve(TERMS_PATH) },
): Entry[] {
  return parseFactSheet(readFactSheetDir(dir), options);
}
