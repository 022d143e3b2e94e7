import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { readFactSheetDir, TERMS_DIR } from '../factsheet/load-files';
import { formatProblem, validateFactSheet, type Problem, type SourceFile } from '../factsheet/validate';
import { checkPackEnvelope, summarizeProblems } from '../packs/check';
import {
  fromPem,
  generateKeyPair,
  importPrivateKey,
  keyFingerprint,
  PACK_FORMAT,
  PACK_LIMITS,
  packToJson,
  signPack,
  toPem,
  type PackBody,
} from '../packs/format';
import { entriesIgnoringRelated, itemsOf } from '../sheets/model';
import type { Io } from './io';

export const PACK_USAGE = `Usage: contexto pack keygen [--force] NAME
       contexto pack build --key NAME.key --out FILE [options] [DIR]
       contexto pack verify --pubkey NAME.pub FILE
  keygen   writes NAME.key (private, PKCS#8 PEM; keep it secret) and NAME.pub (public, SPKI PEM)
  build    validates the fact-sheet folder DIR (default: the bundled data/terms) and writes a signed pack
           --revision N          default: one more than the pack at --out, else 1
           --name TEXT           default: the name of the pack at --out, else the folder's name
           --publisher TEXT      default: the publisher of the pack at --out, else NAME of the key
           --min-app-version V   default: this Contexto's version
           --changelog TEXT      optional, shown to readers with the update
           --published-at TIME   default: now (UTC, e.g. 2026-11-20T09:00:00Z)
  verify   exit 0 for a valid pack signed with that key, else 1 with the reason`;

const PACKAGE_JSON = fileURLToPath(new URL('../../package.json', import.meta.url));

/** This Contexto's version (package.json), the default `minAppVersion` and what `verify` compares with. */
export function appVersion(): string {
  return (JSON.parse(readFileSync(PACKAGE_JSON, 'utf8')) as { version: string }).version;
}

class UsageError extends Error {}

function parse<const O extends NonNullable<ParseArgsConfig['options']>>(args: string[], options: O) {
  try {
    return parseArgs({ args, options, allowPositionals: true as const, strict: true as const });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}

/** `contexto pack …`; resolves to the exit code (0 ok, 1 refused or failed, 2 usage). */
export async function packMain(args: string[], io: Io): Promise<number> {
  const [sub, ...rest] = args;
  try {
    switch (sub) {
      case 'keygen':
        return await keygen(rest, io);
      case 'build':
        return await build(rest, io);
      case 'verify':
        return await verify(rest, io);
      case '--help':
      case '-h':
        io.stdout(PACK_USAGE);
        return 0;
      default:
        throw new UsageError(sub ? `unknown pack command "${sub}"` : 'missing pack command (keygen, build or verify)');
    }
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(`contexto pack: ${e.message}`);
      io.stderr(PACK_USAGE);
      return 2;
    }
    io.stderr(`contexto pack: ${(e as Error).message}`);
    return 1;
  }
}

async function keygen(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(args, { force: { type: 'boolean' } });
  if (positionals.length !== 1) throw new UsageError('keygen takes one NAME');
  const name = positionals[0]!;
  const keyFile = `${name}.key`;
  const pubFile = `${name}.pub`;
  for (const f of [keyFile, pubFile])
    if (existsSync(f) && !values.force) throw new Error(`${f} already exists (use --force to replace it)`);
  const { privatePem, publicPem } = await generateKeyPair();
  writeFileSync(keyFile, privatePem, { mode: 0o600 });
  writeFileSync(pubFile, publicPem);
  io.stdout(
    `wrote ${keyFile} (private: keep it secret) and ${pubFile} (public: give it to readers); key ${await keyFingerprint(publicPem)}`,
  );
  return 0;
}

function readText(file: string, what: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new Error(`${file}: cannot read ${what}: ${code === 'ENOENT' ? 'no such file' : (e as Error).message}`);
  }
}

/** The pack already at `--out`, if any: its revision, name and publisher are the defaults. */
function previousPack(out: string): Partial<PackBody> | null {
  if (!existsSync(out)) return null;
  let data: unknown;
  try {
    data = JSON.parse(readText(out, 'the previous pack'));
  } catch (e) {
    throw new Error(
      `${out}: the previous pack is not valid JSON (${(e as Error).message}); pass --revision or remove the file`,
    );
  }
  const p = data as Partial<PackBody>;
  if (typeof p !== 'object' || p === null || typeof p.revision !== 'number')
    throw new Error(`${out}: not a pack (no revision); pass --revision or remove the file`);
  return p;
}

/** Validates a folder: every problem fails, except related ids that no entry of the folder defines (they may be in the sheet the pack is used with). */
export function packEntriesOfDir(dir: string, io: Io): { entries: unknown[]; problems: Problem[] } {
  let files: SourceFile[];
  try {
    files = readFactSheetDir(dir);
  } catch (e) {
    const problems = (e as { problems?: Problem[] }).problems;
    if (problems) return { entries: [], problems };
    throw new Error(
      `${dir}: cannot read the folder: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such folder' : (e as Error).message}`,
    );
  }
  if (!files.length) throw new Error(`${dir}: no *.json entry files`);
  const { entries, problems } = validateFactSheet(files);
  if (!problems.length) return { entries, problems };
  const unknownRelated = (p: Problem) => p.code === 'related-unknown';
  const hard = problems.filter((p) => !unknownRelated(p));
  if (hard.length) return { entries: [], problems: hard };
  for (const p of problems)
    io.stderr(`warning: ${formatProblem(p)} (it must exist in the sheets the pack is used with, e.g. the bundled one)`);
  return {
    entries: entriesIgnoringRelated(
      dir,
      files.flatMap((f) => itemsOf(f.data)),
    ),
    problems: [],
  };
}

async function build(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(args, {
    key: { type: 'string' },
    out: { type: 'string' },
    revision: { type: 'string' },
    name: { type: 'string' },
    publisher: { type: 'string' },
    'min-app-version': { type: 'string' },
    changelog: { type: 'string' },
    'published-at': { type: 'string' },
  });
  if (!values.key) throw new UsageError('build needs --key NAME.key');
  if (!values.out) throw new UsageError('build needs --out FILE');
  if (positionals.length > 1) throw new UsageError('build takes at most one folder');
  const dir = positionals[0] ?? fileURLToPath(TERMS_DIR);
  let revision: number | undefined;
  if (values.revision !== undefined) {
    revision = Number(values.revision);
    if (!/^\d+$/.test(values.revision) || !Number.isSafeInteger(revision) || revision < 1)
      throw new UsageError(`--revision must be a whole number, 1 or more (got "${values.revision}")`);
  }
  const key = await importPrivateKey(readText(values.key, 'the private key')).catch((e: Error) => {
    throw new Error(`${values.key}: ${e.message}`);
  });
  const previous = previousPack(values.out);
  const { entries, problems } = packEntriesOfDir(dir, io);
  if (problems.length) {
    for (const p of problems) io.stderr(formatProblem(p));
    io.stderr(`contexto pack: ${dir}: ${problems.length} problem${problems.length === 1 ? '' : 's'}; no pack written`);
    return 1;
  }
  if (entries.length > PACK_LIMITS.entries)
    throw new Error(`${dir}: ${entries.length} entries; a pack holds at most ${PACK_LIMITS.entries}`);
  const body: PackBody = {
    format: PACK_FORMAT,
    name: values.name ?? previous?.name ?? basename(resolve(dir)),
    publisher: values.publisher ?? previous?.publisher ?? basename(values.key).replace(/\.key$/, ''),
    revision: revision ?? (previous?.revision ?? 0) + 1,
    publishedAt: values['published-at'] ?? new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    minAppVersion: values['min-app-version'] ?? appVersion(),
    entries,
  };
  if (values.changelog) body.changelog = values.changelog;
  const pack = await signPack(body, key);
  const text = packToJson(pack);
  // The file must pass the extension's own envelope rules (size, fields); check before writing.
  const derivedPub = await publicPemOf(values.key);
  const check = await checkPackEnvelope(values.out, text, { publicKeyPem: derivedPub, appVersion: body.minAppVersion });
  if (!check.ok) throw new Error(check.reason);
  writeFileSync(values.out, text);
  io.stdout(
    `wrote ${values.out}: "${body.name}" revision ${body.revision}, ${entries.length} entries, ${(text.length / 1024).toFixed(1)} KB, key ${await keyFingerprint(derivedPub)}`,
  );
  return 0;
}

/** The public key of a private key file (Web Crypto exports the public half through JWK). */
async function publicPemOf(keyFile: string): Promise<string> {
  const der = fromPem('PRIVATE KEY', readText(keyFile, 'the private key'));
  const subtle = globalThis.crypto.subtle;
  const priv = await subtle.importKey('pkcs8', der, { name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign']);
  const { d: _d, key_ops: _ops, ...jwk } = await subtle.exportKey('jwk', priv);
  const pub = await subtle.importKey(
    'jwk',
    { ...jwk, key_ops: ['verify'] },
    { name: 'ECDSA', namedCurve: 'P-256' },
    true,
    ['verify'],
  );
  return toPem('PUBLIC KEY', await subtle.exportKey('spki', pub));
}

async function verify(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(args, { pubkey: { type: 'string' } });
  if (!values.pubkey) throw new UsageError('verify needs --pubkey NAME.pub');
  if (positionals.length !== 1) throw new UsageError('verify takes one FILE');
  const file = positionals[0]!;
  const text = readText(file, 'the pack');
  const envelope = await checkPackEnvelope(file, text, {
    publicKeyPem: readText(values.pubkey, 'the public key'),
    appVersion: appVersion(),
  });
  if (!envelope.ok) {
    io.stderr(envelope.reason);
    return 1;
  }
  const { problems } = validateFactSheet([{ file, data: envelope.pack.entries }]);
  const hard = problems.filter((p) => p.code !== 'related-unknown');
  if (hard.length) {
    io.stderr(
      `${file}: ${hard.length} problem${hard.length === 1 ? '' : 's'} in the entries: ${summarizeProblems(hard)}`,
    );
    return 1;
  }
  const m = envelope.meta;
  io.stdout(
    `${file}: valid pack "${m.name}" by ${m.publisher}, revision ${m.revision} (${m.publishedAt}), ${envelope.pack.entries.length} entries`,
  );
  return 0;
}
