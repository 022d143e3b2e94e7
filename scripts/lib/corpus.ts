/**
 * The shared real-page corpus. It is not ours to commit: it is read from
 * `../shared/corpus/real-pages` (relative to the repository root) or from the folder
 * named by CONTEXTO_CORPUS_DIR, and never copied into the repository.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const CORPUS_ENV = 'CONTEXTO_CORPUS_DIR';

export interface CorpusPage {
  file: string;
  path: string;
  bytes: number;
  lang: string;
  notes: string;
}

export function corpusDir(): string {
  return resolve(process.env[CORPUS_ENV] ?? join(REPO_ROOT, '../shared/corpus/real-pages'));
}

/** Every page of the corpus (with MANIFEST.tsv data when present); throws a clear message when the folder is missing. */
export function corpusPages(): CorpusPage[] {
  const dir = corpusDir();
  const files = existsSync(dir)
    ? readdirSync(dir)
        .filter((f) => f.endsWith('.html'))
        .sort()
    : [];
  if (files.length === 0) {
    throw new Error(
      `No corpus pages found in ${dir}.\n` +
        `Put the real-page corpus (*.html files plus MANIFEST.tsv) in ../shared/corpus/real-pages next to the repository, ` +
        `or set ${CORPUS_ENV}=/path/to/real-pages. The pages are not part of the repository and must not be copied into it.`,
    );
  }
  const manifest = new Map<string, { lang: string; notes: string }>();
  const manifestPath = join(dir, 'MANIFEST.tsv');
  if (existsSync(manifestPath)) {
    for (const line of readFileSync(manifestPath, 'utf8').split('\n').slice(1)) {
      const [file, , lang, , notes] = line.split('\t');
      if (file) manifest.set(file, { lang: lang ?? '', notes: notes ?? '' });
    }
  }
  return files.map((file) => {
    const path = join(dir, file);
    const info = manifest.get(file);
    return { file, path, bytes: readFileSync(path).length, lang: info?.lang ?? '', notes: info?.notes ?? '' };
  });
}
