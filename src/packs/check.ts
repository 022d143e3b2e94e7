import type { Entry } from '../factsheet/types';
import { formatProblem, type Problem } from '../factsheet/validate';
import { prepareSheet, type ImportedSheet, type SheetMode } from '../sheets/model';
import {
  canonicalJson,
  compareVersions,
  importPublicKey,
  metaOf,
  parsePackText,
  verifyPackSignature,
  type Pack,
  type PackMeta,
} from './format';

/**
 * The rules a pack must pass before anything changes, in order: size, JSON, fields,
 * signature against the pinned key, revision higher than the installed one, app version,
 * then every entry (the import rules: the entries alone, then with the sheets in use).
 * Pure apart from Web Crypto: the store (./index.ts) and the CLI call it.
 */

/** Why a pack was refused, for tests and the options page; `reason` is the one line shown. */
export type RefusalCode =
  | 'file'
  | 'key'
  | 'signature'
  | 'same-revision'
  | 'old-revision'
  | 'app-version'
  | 'entries'
  | 'fetch'
  | 'subscription';

export type Refusal = { ok: false; code: RefusalCode; reason: string; problems: Problem[] };

export interface EnvelopeOptions {
  /** The publisher's key (SPKI PEM): the one pinned at subscription for an update. */
  publicKeyPem: string;
  /** The highest revision accepted so far; the pack must be higher. */
  installedRevision?: number;
  /** This Contexto's version (manifest `version`). */
  appVersion: string;
}

export function refuse(code: RefusalCode, reason: string, problems: Problem[] = []): Refusal {
  return { ok: false, code, reason, problems };
}

/** One line for a list of problems: the first one, and how many more. */
export function summarizeProblems(problems: readonly Problem[]): string {
  if (!problems.length) return '';
  const more = problems.length - 1;
  return formatProblem(problems[0]!) + (more ? ` (and ${more} more problem${more === 1 ? '' : 's'})` : '');
}

/** Everything but the entries: size, JSON, fields, signature, revision, app version. */
export async function checkPackEnvelope(
  file: string,
  text: string,
  opts: EnvelopeOptions,
): Promise<{ ok: true; pack: Pack; meta: PackMeta } | Refusal> {
  const parsed = parsePackText(file, text);
  if (!parsed.pack) return refuse('file', summarizeProblems(parsed.problems), parsed.problems);
  const pack = parsed.pack;
  let key: CryptoKey;
  try {
    key = await importPublicKey(opts.publicKeyPem);
  } catch (e) {
    return refuse('key', `the publisher's key is unusable: ${(e as Error).message}`);
  }
  if (!(await verifyPackSignature(pack, key))) {
    return refuse(
      'signature',
      `${file}: the signature does not match the publisher's key: the pack was changed after it was signed, or signed with another key`,
    );
  }
  if (opts.installedRevision !== undefined && pack.revision === opts.installedRevision) {
    return refuse('same-revision', `${file}: revision ${pack.revision} is the one installed; nothing to update`);
  }
  if (opts.installedRevision !== undefined && pack.revision < opts.installedRevision) {
    return refuse(
      'old-revision',
      `${file}: revision ${pack.revision} is older than the installed revision ${opts.installedRevision}; a pack never goes back by itself`,
    );
  }
  if (compareVersions(pack.minAppVersion, opts.appVersion) > 0) {
    return refuse('app-version', `${file}: needs Contexto ${pack.minAppVersion} or later; this is ${opts.appVersion}`);
  }
  return { ok: true, pack, meta: metaOf(pack) };
}

export interface SheetContext {
  bundled: readonly Entry[];
  /** The sheets stored now (the pack's own installed revision included: it is the one being replaced). */
  sheets: readonly ImportedSheet[];
  id: string;
  mode: SheetMode;
  now: Date;
}

/** The pack's entries as a sheet ready to store, or every problem (file, entry, field). */
export function packSheet(
  file: string,
  pack: Pack,
  meta: PackMeta,
  ctx: SheetContext,
): { ok: true; sheet: ImportedSheet } | Refusal {
  const { sheet, problems } = prepareSheet(ctx.bundled, ctx.sheets, {
    fileName: file,
    data: pack.entries,
    name: meta.name,
    mode: ctx.mode,
    id: ctx.id,
    now: ctx.now,
    pack: { revision: meta.revision, publishedAt: meta.publishedAt },
  });
  if (!sheet)
    return refuse(
      'entries',
      `${problems.length} problem${problems.length === 1 ? '' : 's'} in the entries: ${summarizeProblems(problems)}`,
      problems,
    );
  return { ok: true, sheet };
}

export interface EntryDiff {
  added: Entry[];
  changed: Entry[];
  removed: Entry[];
}

/** What a change of the active entries adds, changes and removes (by id; changed = anything differs). */
export function diffEntries(before: readonly Entry[], after: readonly Entry[]): EntryDiff {
  const old = new Map(before.map((e) => [e.id, e]));
  const now = new Map(after.map((e) => [e.id, e]));
  const added: Entry[] = [];
  const changed: Entry[] = [];
  for (const e of after) {
    const prev = old.get(e.id);
    if (!prev) added.push(e);
    else if (canonicalJson(prev) !== canonicalJson(e)) changed.push(e);
  }
  const removed = before.filter((e) => !now.has(e.id));
  return { added, changed, removed };
}
