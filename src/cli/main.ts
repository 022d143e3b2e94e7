import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { buildIndex, type FactIndex } from '../factsheet';
import { loadFactSheetDir } from '../factsheet/load-files';
import { FactSheetError } from '../factsheet/validate';
import { annotate, type Annotation } from './annotate';
import type { Io } from './io';
import { packMain } from './pack';

const USAGE = `Usage: contexto annotate [--json] [--factsheet DIR] FILE...
       contexto pack keygen|build|verify ...   (signed fact-sheet packs: contexto pack --help)
  Finds fact-sheet mentions in HTML or plain-text files ("-" reads standard input;
  after "--" every argument is a file, even one starting with "-").
  --json                one JSON object per file per line
  --factsheet DIR       a folder of fact-sheet JSON files (default: the bundled data/terms);
                        also --factsheet=DIR
  -h, --help            this help
  Exit codes: 0 done, 1 a file could not be read, 2 usage error or invalid fact sheet.`;

/** `annotate`'s arguments, parsed strictly: an unknown option or a missing value is an error. */
function parseAnnotateArgs(
  args: string[],
): { json: boolean; help: boolean; factsheet?: string; files: string[] } | { error: string } {
  try {
    const { values, positionals } = parseArgs({
      args,
      options: {
        json: { type: 'boolean', default: false },
        factsheet: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
      allowPositionals: true,
      strict: true,
    });
    if (values.factsheet === '') return { error: 'option --factsheet needs a folder' };
    return {
      json: values.json,
      help: values.help,
      files: positionals,
      ...(values.factsheet !== undefined ? { factsheet: values.factsheet } : {}),
    };
  } catch (e) {
    // Node's own message names the option ("Unknown option '--bogus'", "Option '--factsheet <value>' argument missing").
    return { error: (e as Error).message };
  }
}

const processIo: Io = {
  stdout: (line) => process.stdout.write(`${line}\n`),
  stderr: (line) => process.stderr.write(`${line}\n`),
  readStdin: () => readFileSync(0, 'utf8'),
};

/** Runs the CLI; returns the exit code (`contexto pack` works through Web Crypto, so it resolves later). */
export function main(args: string[], io: Io = processIo): number | Promise<number> {
  const [command, ...rest] = args;
  if (command === '--help' || command === '-h') {
    io.stdout(USAGE);
    return 0;
  }
  if (command === 'pack') return packMain(rest, io);
  if (command !== 'annotate') {
    io.stderr(command ? `contexto: unknown command "${command}"` : 'contexto: missing command');
    io.stderr(USAGE);
    return 2;
  }
  const parsed = parseAnnotateArgs(rest);
  if ('error' in parsed) {
    io.stderr(`contexto annotate: ${parsed.error}`);
    io.stderr(USAGE);
    return 2;
  }
  if (parsed.help) {
    io.stdout(USAGE);
    return 0;
  }
  const { json, factsheet: factsheetDir, files } = parsed;
  if (!files.length) {
    io.stderr('contexto: no input files');
    io.stderr(USAGE);
    return 2;
  }
  let index: FactIndex;
  try {
    index = buildIndex(loadFactSheetDir(factsheetDir));
  } catch (e) {
    io.stderr(e instanceof FactSheetError ? e.message : `contexto: cannot read fact sheet: ${(e as Error).message}`);
    return 2;
  }
  let failed = false;
  for (const file of files) {
    let content: string;
    try {
      content = file === '-' ? io.readStdin() : readFileSync(file, 'utf8');
    } catch (e) {
      const err = e as NodeJS.ErrnoException;
      io.stderr(
        `contexto: ${file}: ${err.code === 'ENOENT' ? 'no such file' : err.code === 'EISDIR' ? 'is a directory' : err.message}`,
      );
      failed = true;
      continue;
    }
    const result = annotate(file, content, index);
    if (json) io.stdout(JSON.stringify(result));
    else printTable(result, io);
  }
  return failed ? 1 : 0;
}

function printTable(result: Annotation, io: Io): void {
  io.stdout(
    `${result.file}: ${result.mentions.length} mention${result.mentions.length === 1 ? '' : 's'} of ${Object.keys(result.counts).length} term${Object.keys(result.counts).length === 1 ? '' : 's'}`,
  );
  if (!result.mentions.length) return;
  const rows = Object.entries(result.counts)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([term, count]) => [term, String(count), result.mentions.find((m) => m.term === term)!.context]);
  const termWidth = Math.max(4, ...rows.map((r) => r[0]!.length));
  const countWidth = Math.max(5, ...rows.map((r) => r[1]!.length));
  io.stdout(`  ${'term'.padEnd(termWidth)}  ${'count'.padStart(countWidth)}  context`);
  for (const [term, count, context] of rows) {
    const snippet = context!.length > 90 ? `${context!.slice(0, 89)}…` : context!;
    io.stdout(`  ${term!.padEnd(termWidth)}  ${count!.padStart(countWidth)}  ${snippet}`);
  }
}
