import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main';

const ROOT = resolve(__dirname, '../..');
const SAMPLE = join(ROOT, 'tests/fixtures/sample-article.html');

function run(args: string[], input?: string) {
  const r = spawnSync(process.execPath, [join(ROOT, 'bin/contexto.js'), ...args], { input, encoding: 'utf8', cwd: ROOT });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function runInProcess(args: string[], stdin = '') {
  const out: string[] = [];
  const err: string[] = [];
  const code = main(args, { stdout: (l) => out.push(l), stderr: (l) => err.push(l), readStdin: () => stdin });
  return { code, out, err };
}

/** The sample article's mentions in document order, written by reading the article. */
const SAMPLE_MENTIONS: [string, string][] = [
  ['jalisco', 'Jalisco'],
  ['guerrero', 'Guerrero'],
  ['chilpancingo', 'Chilpancingo'],
  ['amlo', 'Andrés Manuel López Obrador'],
  ['hugs-not-bullets', 'hugs, not bullets'],
  ['amlo', 'AMLO'],
  ['amlo', 'López Obrador'],
  ['fentanyl', 'fentanyl'],
  ['sinaloa-cartel', 'Sinaloa'],
  ['cjng', 'New Generation Jalisco cartels'],
  ['fentanyl', 'fentanyl'],
  ['sinaloa-cartel', 'Sinaloa Cartel'],
  ['cjng', 'CJNG'],
  ['atf', 'ATF'],
  ['straw-purchase', 'straw purchaser'],
  ['merida-initiative', 'Mérida Initiative'],
  ['bicentennial-framework', 'Bicentennial Framework'],
  ['merida-initiative', 'Iniciativa Mérida'],
  ['merida-initiative', 'Plan Mérida'],
  ['plan-mexico', 'Plan México'],
  ['csis', 'CSIS'],
  ['plan-colombia', 'Plan Colombia'],
  ['national-guard-mx', 'Guardia Nacional'],
  ['national-guard-mx', "Mexico's National Guard"],
  ['sinaloa', 'Sinaloa'],
  ['morena', 'Morena'],
  ['hugs-not-bullets', 'abrazos, no balazos'],
  ['national-search-commission', 'Comisión Nacional de Búsqueda'],
  ['disappearances', 'personas desaparecidas'],
];

describe('contexto annotate', () => {
  it('finds exactly the mentions of the sample article, in document order', () => {
    const { code, out } = runInProcess(['annotate', '--json', SAMPLE]);
    expect(code).toBe(0);
    const result = JSON.parse(out[0]!);
    expect(result.mentions.map((m: { term: string; text: string }) => [m.term, m.text])).toEqual(SAMPLE_MENTIONS);
  });

  it('prints one JSON object per file with exactly file, counts, mentions and rejected look-alikes', () => {
    const { code, out } = runInProcess(['annotate', '--json', SAMPLE, SAMPLE]);
    expect(code).toBe(0);
    expect(out).toHaveLength(2);
    const result = JSON.parse(out[0]!);
    expect(Object.keys(result)).toEqual(['file', 'counts', 'mentions', 'rejected']);
    expect(result.file).toBe(SAMPLE);
    expect(result.counts.amlo).toBe(3);
    expect(result.counts['merida-initiative']).toBe(3);
    expect(Object.values(result.counts as Record<string, number>).reduce((a, b) => a + b, 0)).toBe(result.mentions.length);
    for (const m of [...result.mentions, ...result.rejected]) expect(Object.keys(m)).toEqual(['term', 'text', 'context', 'why']);
    // Each mention says which rule counted it; a look-alike says why not.
    expect(result.mentions.find((m: { text: string }) => m.text === 'Guerrero').why).toBe('place-context');
    const surname = JSON.parse(runInProcess(['annotate', '--json', '-'], 'La delantera Paola Guerrero anotó dos goles en Acapulco, Guerrero.').out[0]!);
    expect(surname.rejected.map((m: { text: string; why: string }) => [m.text, m.why])).toEqual([['Guerrero', 'given-name']]);
    expect(surname.mentions.map((m: { text: string; why: string }) => [m.text, m.why])).toEqual([['Guerrero', 'place-context']]);
    const sinaloa = result.mentions.find((m: { text: string }) => m.text === 'Sinaloa');
    expect(sinaloa.context).toBe(
      'U.S. officials estimate that the Sinaloa and New Generation Jalisco cartels have tens of thousands of members between them, and both traffic fentanyl-laced pills across the border.',
    );
  });

  it('reads standard input with "-" (plain text)', () => {
    const r = run(['annotate', '--json', '-'], 'El Cártel de Sinaloa y el fentanilo; la piel morena.\n');
    expect(r.code).toBe(0);
    const result = JSON.parse(r.stdout.trim());
    expect(result.file).toBe('-');
    expect(result.counts).toEqual({ 'sinaloa-cartel': 1, fentanyl: 1 });
    expect(result.mentions.map((m: { text: string }) => m.text)).toEqual(['Cártel de Sinaloa', 'fentanilo']);
  });

  it('reports a missing file on stderr, processes the others and exits non-zero', () => {
    const r = run(['annotate', '--json', 'no-such-file.html', SAMPLE]);
    expect(r.code).not.toBe(0);
    expect(r.stderr.trim()).toBe('contexto: no-such-file.html: no such file');
    expect(r.stdout.trim().split('\n')).toHaveLength(1);
    expect(JSON.parse(r.stdout).file).toBe(SAMPLE);
  });

  it('prints a readable table by default', () => {
    const { code, out } = runInProcess(['annotate', SAMPLE]);
    expect(code).toBe(0);
    expect(out[0]).toBe(`${SAMPLE}: ${SAMPLE_MENTIONS.length} mentions of 20 terms`);
    expect(out[1]).toMatch(/^\s+term\s+count\s+context$/);
    expect(out.find((l) => l.trimStart().startsWith('amlo'))).toMatch(/^\s+amlo\s+3\s+For six years/);
  });

  it('reports a broken fact sheet with file, entry and field', () => {
    const dir = mkdtempSync(join(tmpdir(), 'contexto-sheet-'));
    writeFileSync(join(dir, 'x.json'), JSON.stringify({ id: 'x', name: 'X' }));
    const { code, err } = runInProcess(['annotate', '--factsheet', dir, SAMPLE]);
    expect(code).toBe(2);
    expect(err.join('\n')).toMatch(/x\.json: entry "x", field "kind": must be one of/);
  });

  it('rejects unknown commands and options with usage', () => {
    expect(runInProcess(['frobnicate']).code).toBe(2);
    expect(runInProcess(['annotate', '--bogus', SAMPLE]).code).toBe(2);
    expect(runInProcess(['annotate']).err[0]).toBe('contexto: no input files');
  });
});
