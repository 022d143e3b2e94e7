import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main';

const ROOT = resolve(__dirname, '../..');
const SAMPLE = join(ROOT, 'tests/fixtures/sample-article.html');

function run(args: string[], input?: string) {
  const r = spawnSync(process.execPath, [join(ROOT, 'bin/contexto.js'), ...args], {
    input,
    encoding: 'utf8',
    cwd: ROOT,
  });
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
    expect(Object.values(result.counts as Record<string, number>).reduce((a, b) => a + b, 0)).toBe(
      result.mentions.length,
    );
    for (const m of [...result.mentions, ...result.rejected])
      expect(Object.keys(m)).toEqual(['term', 'text', 'context', 'why']);
    // Each mention says which rule counted it; a look-alike says why not.
    expect(result.mentions.find((m: { text: string }) => m.text === 'Guerrero').why).toBe('place-context');
    const surname = JSON.parse(
      runInProcess(['annotate', '--json', '-'], 'La delantera Paola Guerrero anotó dos goles en Acapulco, Guerrero.')
        .out[0]!,
    );
    expect(surname.rejected.map((m: { text: string; why: string }) => [m.text, m.why])).toEqual([
      ['Guerrero', 'given-name'],
    ]);
    expect(surname.mentions.map((m: { text: string; why: string }) => [m.text, m.why])).toEqual([
      ['Guerrero', 'place-context'],
    ]);
    const sinaloa = result.mentions.find((m: { text: string }) => m.text === 'Sinaloa');
    expect(sinaloa.context).toBe(
      'U.S. officials estimate that the Sinaloa and New Generation Jalisco cartels have tens of thousands of members between them, and both traffic fentanyl-laced pills across the border.',
    );
  });

  it('reads standard input with "-" (plain text)', () => {
    const r = runInProcess(['annotate', '--json', '-'], 'El Cártel de Sinaloa y el fentanilo; la piel morena.\n');
    expect(r.code).toBe(0);
    expect(r.out).toHaveLength(1);
    const result = JSON.parse(r.out[0]!);
    expect(result.file).toBe('-');
    expect(result.counts).toEqual({ 'sinaloa-cartel': 1, fentanyl: 1 });
    expect(result.mentions.map((m: { text: string }) => m.text)).toEqual(['Cártel de Sinaloa', 'fentanilo']);
  });

  it('bin/contexto.js: reports a missing file on stderr, reads the others (paths with spaces too) and exits 1', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'contexto cli ')), 'my articles');
    mkdirSync(dir);
    const article = join(dir, 'sample article.html');
    copyFileSync(SAMPLE, article);
    const r = run(['annotate', '--json', 'no-such-file.html', article]);
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toBe('contexto: no-such-file.html: no such file');
    expect(r.stdout.trim().split('\n')).toHaveLength(1);
    const result = JSON.parse(r.stdout);
    expect(result.file).toBe(article);
    expect(result.mentions).toHaveLength(SAMPLE_MENTIONS.length);
  });

  it('prints a readable table by default', () => {
    const { code, out } = runInProcess(['annotate', SAMPLE]);
    expect(code).toBe(0);
    expect(out[0]).toBe(
      `${SAMPLE}: ${SAMPLE_MENTIONS.length} mentions of ${new Set(SAMPLE_MENTIONS.map(([id]) => id)).size} terms`,
    );
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

  it('rejects unknown commands and options, and missing values, with a clear line, the usage and exit code 2', () => {
    const usageError = (args: string[], line: unknown) => {
      const r = runInProcess(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.out).toEqual([]);
      expect(r.err[0]).toEqual(line);
      expect(r.err[1]).toMatch(/^Usage: contexto annotate/);
    };
    usageError(['frobnicate'], 'contexto: unknown command "frobnicate"');
    usageError(['annotate', '--bogus', SAMPLE], expect.stringMatching(/^contexto annotate: Unknown option '--bogus'/));
    usageError(['annotate', '-x', SAMPLE], expect.stringMatching(/^contexto annotate: Unknown option '-x'/));
    usageError(['annotate', SAMPLE, '--factsheet'], "contexto annotate: Option '--factsheet <value>' argument missing");
    usageError(
      ['annotate', '--factsheet', '--json', SAMPLE],
      expect.stringMatching(/^contexto annotate: Option '--factsheet' argument is ambiguous/),
    );
    usageError(['annotate', '--factsheet=', SAMPLE], 'contexto annotate: option --factsheet needs a folder');
    usageError(['annotate', '--json=yes', SAMPLE], expect.stringContaining("'--json' does not take an argument"));
    usageError(['annotate'], 'contexto: no input files');
  });

  it('--help and -h print the usage on stdout and exit 0', () => {
    for (const args of [['--help'], ['annotate', '--help'], ['annotate', '-h', SAMPLE]]) {
      const r = runInProcess(args);
      expect(r.code, args.join(' ')).toBe(0);
      expect(r.err).toEqual([]);
      expect(r.out.join('\n')).toMatch(/^Usage: contexto annotate \[--json\] \[--factsheet DIR\] FILE\.\.\./);
      expect(r.out.join('\n')).toContain('--factsheet=DIR');
    }
  });

  it('takes --factsheet DIR and --factsheet=DIR, in folders whose names have spaces, and files after --', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'contexto sheet ')), 'my terms');
    mkdirSync(dir);
    const fact = {
      text: 'A fact.',
      asOf: '2025-01-01',
      source: { publisher: 'Desk', title: 'Notes', date: '2025-01-01' },
    };
    writeFileSync(
      join(dir, 'widget.json'),
      JSON.stringify({
        id: 'zz-widget',
        name: 'Zxqv Widget',
        kind: 'concept',
        aliases: [{ text: 'Zxqv Widget' }],
        summary: 'A made-up widget for the CLI test.',
        facts: [fact, fact],
        related: [],
      }),
    );
    const input = join(dir, '-odd name.txt');
    writeFileSync(input, 'The Zxqv Widget and fentanyl.\n');
    for (const args of [['--factsheet', dir], [`--factsheet=${dir}`]]) {
      const r = runInProcess(['annotate', '--json', ...args, '--', input]);
      expect(r.err).toEqual([]);
      expect(r.code).toBe(0);
      const result = JSON.parse(r.out[0]!);
      expect(result.file).toBe(input);
      expect(result.counts).toEqual({ 'zz-widget': 1 });
    }
  });
});
