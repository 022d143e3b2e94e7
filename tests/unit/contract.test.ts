import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { annotate } from '../../src/cli/annotate';
import { buildIndex } from '../../src/factsheet';
import { loadFactSheetDir } from '../../src/factsheet/load-files';

/** Sentences the sheet's editors wrote for each entry: tests/contract/*.json. */
interface ContractCase {
  id: string;
  match?: string[];
  reject?: string[];
}

const DIR = join(__dirname, '..', 'contract');
const cases: (ContractCase & { file: string })[] = readdirSync(DIR)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .flatMap((file) =>
    (JSON.parse(readFileSync(join(DIR, file), 'utf8')) as ContractCase[]).map((c) => ({ ...c, file })),
  );

const index = buildIndex(loadFactSheetDir(process.env.CONTEXTO_SHEET_DIR));
/** Each sentence is a page of its own, read by the same scanner and resolver as the extension. */
const termsOnPage = (sentence: string) => {
  const html = `<!doctype html><html><body><p>${sentence.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</p></body></html>`;
  return annotate('sentence.html', html, index).mentions.map((m) => m.term);
};

describe('contract sentences (tests/contract)', () => {
  it('cover entries of the sheet', () => {
    expect(cases.length).toBeGreaterThan(40);
    for (const c of cases) expect(index.byId.has(c.id), `${c.file}: unknown id ${c.id}`).toBe(true);
  });

  it.each(cases)('$id ($file)', ({ id, match = [], reject = [] }) => {
    for (const s of match) expect(termsOnPage(s), s).toContain(id);
    for (const s of reject) expect(termsOnPage(s), s).not.toContain(id);
  });
});
