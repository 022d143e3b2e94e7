import { foldPhrase } from '../matcher/fold';
import { isWebUrl } from '../model';
import { makeProblem, type ParamsArg, type Problem, type ProblemCode } from './problems';
import { KINDS, type Alias, type Entry, type Fact, type Kind, type Source } from './types';

export type { Problem } from './problems';

export function formatProblem(p: Problem): string {
  return `${p.file}: entry "${p.entry}", field "${p.field}": ${p.message}`;
}

export class FactSheetError extends Error {
  constructor(readonly problems: Problem[]) {
    super(
      `Invalid fact sheet (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n` +
        problems.map((p) => `  ${formatProblem(p)}`).join('\n'),
    );
    this.name = 'FactSheetError';
  }
}

/** Size limits, so a huge import is refused with a clear message instead of freezing a tab. */
export const LIMITS = {
  entries: 5000,
  aliases: 20000,
  aliasLength: 200,
  textLength: 20000,
} as const;

export interface SourceFile {
  file: string;
  data: unknown;
}

const ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const DATE = /^\d{4}-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?$/;
const DAY = /^\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])$/;
const ENTRY_FIELDS = new Set([
  'id',
  'name',
  'nameEs',
  'kind',
  'aliases',
  'exclude',
  'context',
  'evidence',
  'summary',
  'summaryEs',
  'facts',
  'related',
  'reviewed',
]);
const ALIAS_FIELDS = new Set(['text', 'caseSensitive', 'lang', 'followedBy', 'ambiguous']);
const FACT_FIELDS = new Set(['text', 'textEs', 'asOf', 'type', 'source']);

/**
 * `bundled`: the rules of the sheet we ship (every fact linked over https, a review date, opinion never
 * among the first facts). Imported sheets and packs from others stay lenient.
 */
export interface ValidateOptions {
  bundled?: boolean;
}
const SOURCE_FIELDS = new Set(['publisher', 'title', 'date', 'url']);

/** The entries a file holds: one entry, an array of entries, or `{ "entries": [...] }`. */
function entriesOf(data: unknown): unknown[] {
  if (Array.isArray(data)) return data;
  if (isObject(data) && Array.isArray(data.entries)) return data.entries;
  return [data];
}

/**
 * Validates fact-sheet files and returns their entries, or every problem found.
 * The build, the CLI, the tests and the options page's import all call this.
 */
export function validateFactSheet(
  files: readonly SourceFile[],
  options: ValidateOptions = {},
): { entries: Entry[]; problems: Problem[] } {
  const problems: Problem[] = [];
  const entries: Entry[] = [];
  const origin = new Map<Entry, string>();
  let aliasCount = 0;
  for (const { file, data } of files) {
    const items = entriesOf(data);
    items.forEach((item, index) => {
      const label = isObject(item) && typeof item.id === 'string' && item.id ? item.id : `#${index + 1}`;
      const report: Report = (field, code, ...params) =>
        problems.push(makeProblem({ file, entry: label, field }, code, ...params));
      const entry = checkEntry(item, report, options);
      if (entry) {
        entries.push(entry);
        origin.set(entry, file);
        aliasCount += entry.aliases.length;
      }
    });
  }
  if (entries.length > LIMITS.entries) {
    problems.push(
      makeProblem({ file: files[0]?.file ?? '(none)', entry: '*', field: 'entries' }, 'too-many-entries', {
        count: entries.length,
        limit: LIMITS.entries,
      }),
    );
  }
  if (aliasCount > LIMITS.aliases) {
    problems.push(
      makeProblem({ file: files[0]?.file ?? '(none)', entry: '*', field: 'aliases' }, 'too-many-aliases', {
        count: aliasCount,
        limit: LIMITS.aliases,
      }),
    );
  }

  const byId = new Map<string, Entry>();
  const aliasOwner = new Map<string, string>();
  for (const entry of entries) {
    const file = origin.get(entry)!;
    if (byId.has(entry.id)) {
      problems.push(
        makeProblem({ file, entry: entry.id, field: 'id' }, 'duplicate-id', {
          otherFile: origin.get(byId.get(entry.id)!)!,
        }),
      );
      continue;
    }
    byId.set(entry.id, entry);
    entry.aliases.forEach((alias, i) => {
      // The same words may stand for two entries when what must follow them differs.
      const key =
        foldPhrase(alias.text) +
        (alias.followedBy ? `\u0000${alias.followedBy.map((p) => foldPhrase(p)).join('\u0000')}` : '');
      const owner = aliasOwner.get(key);
      if (owner !== undefined && owner !== entry.id) {
        problems.push(
          makeProblem({ file, entry: entry.id, field: `aliases[${i}].text` }, 'alias-claimed', {
            alias: alias.text,
            owner,
          }),
        );
      } else aliasOwner.set(key, entry.id);
    });
  }
  for (const entry of byId.values()) {
    entry.related.forEach((id, i) => {
      const at = { file: origin.get(entry)!, entry: entry.id, field: `related[${i}]` };
      if (id === entry.id) problems.push(makeProblem(at, 'related-self'));
      else if (!byId.has(id)) problems.push(makeProblem(at, 'related-unknown', { id }));
    });
  }
  return { entries: problems.length ? [] : [...byId.values()], problems };
}

/** Like `validateFactSheet`, but throws a `FactSheetError` listing every problem. */
export function parseFactSheet(files: readonly SourceFile[], options: ValidateOptions = {}): Entry[] {
  const { entries, problems } = validateFactSheet(files, options);
  if (problems.length) throw new FactSheetError(problems);
  return entries;
}

type Report = <C extends ProblemCode>(field: string, code: C, ...params: ParamsArg<C>) => void;

function checkEntry(item: unknown, report: Report, options: ValidateOptions): Entry | null {
  if (!isObject(item)) {
    report('(entry)', 'not-object');
    return null;
  }
  let problems = 0;
  const r: Report = (f, code, ...params) => {
    problems++;
    report(f, code, ...params);
  };
  unknownFields(item, ENTRY_FIELDS, '', r);
  const id = text(item, 'id', '', r, { required: true });
  if (id && !ID.test(id)) r('id', 'id-format', { example: 'sinaloa-cartel' });
  const name = text(item, 'name', '', r, { required: true });
  const nameEs = text(item, 'nameEs', '', r);
  const kind = item.kind;
  if (typeof kind !== 'string' || !(KINDS as readonly string[]).includes(kind))
    r('kind', 'kind-unknown', { kinds: KINDS.join(', ') });
  const summary = text(item, 'summary', '', r, { required: true });
  const summaryEs = text(item, 'summaryEs', '', r);

  const aliases: Alias[] = [];
  if (!Array.isArray(item.aliases) || item.aliases.length === 0) r('aliases', 'list-empty');
  else
    item.aliases.forEach((a, i) => {
      const alias = checkAlias(a, `aliases[${i}]`, r);
      if (alias) aliases.push(alias);
    });

  const exclude = stringList(item, 'exclude', '', r);
  const context = stringList(item, 'context', '', r);
  if (item.evidence !== undefined && typeof item.evidence !== 'boolean') r('evidence', 'not-boolean');
  const related = stringList(item, 'related', '', r) ?? [];
  const reviewed = text(item, 'reviewed', '', r, { required: options.bundled });
  if (reviewed !== undefined && !DAY.test(reviewed)) r('reviewed', 'day-format', { example: '2026-11-30' });

  const facts: Fact[] = [];
  if (!Array.isArray(item.facts) || item.facts.length < 2 || item.facts.length > 5)
    r('facts', 'facts-count', { min: 2, max: 5 });
  if (Array.isArray(item.facts))
    item.facts.forEach((f, i) => {
      const fact = checkFact(f, `facts[${i}]`, r, options);
      if (fact) facts.push(fact);
    });
  if (options.bundled) {
    facts.forEach((f, i) => {
      if (f.type === 'opinion' && i < 2) r(`facts[${i}].type`, 'opinion-first');
    });
    if (facts.length && facts.filter((f) => f.type !== 'opinion').length < 2)
      r('facts', 'too-few-neutral-facts', { min: 2 });
  }

  if (problems > 0) return null;
  const entry: Entry = { id: id!, name: name!, kind: kind as Kind, aliases, summary: summary!, facts, related };
  if (nameEs) entry.nameEs = nameEs;
  if (summaryEs) entry.summaryEs = summaryEs;
  if (exclude?.length) entry.exclude = exclude;
  if (context?.length) entry.context = context;
  if (item.evidence === false) entry.evidence = false;
  if (reviewed) entry.reviewed = reviewed;
  return entry;
}

function checkAlias(a: unknown, at: string, r: Report): Alias | null {
  if (!isObject(a)) {
    r(at, 'alias-not-object', { example: '{"text": "…"}' });
    return null;
  }
  unknownFields(a, ALIAS_FIELDS, `${at}.`, r);
  const t = text(a, 'text', `${at}.`, r, { required: true, max: LIMITS.aliasLength });
  if (t !== undefined && !foldPhrase(t)) r(`${at}.text`, 'alias-empty-folded');
  if (a.caseSensitive !== undefined && typeof a.caseSensitive !== 'boolean') r(`${at}.caseSensitive`, 'not-boolean');
  const lang = text(a, 'lang', `${at}.`, r);
  if (lang !== undefined && !/^[a-z]{2,3}$/.test(lang)) r(`${at}.lang`, 'lang-format', { first: 'en', second: 'es' });
  const followedBy = stringList(a, 'followedBy', `${at}.`, r);
  if (a.ambiguous !== undefined && typeof a.ambiguous !== 'boolean') r(`${at}.ambiguous`, 'not-boolean');
  if (!t) return null;
  const alias: Alias = { text: t };
  if (a.caseSensitive === true) alias.caseSensitive = true;
  if (lang) alias.lang = lang;
  if (followedBy?.length) alias.followedBy = followedBy;
  if (a.ambiguous === true) alias.ambiguous = true;
  return alias;
}

function checkFact(f: unknown, at: string, r: Report, options: ValidateOptions): Fact | null {
  if (!isObject(f)) {
    r(at, 'fact-not-object');
    return null;
  }
  unknownFields(f, FACT_FIELDS, `${at}.`, r);
  const t = text(f, 'text', `${at}.`, r, { required: true });
  const textEs = text(f, 'textEs', `${at}.`, r);
  const asOf = text(f, 'asOf', `${at}.`, r, { required: true });
  if (asOf !== undefined && !DATE.test(asOf)) r(`${at}.asOf`, 'date-format', { example: '2024-10-01' });
  if (f.type !== undefined && f.type !== 'opinion') r(`${at}.type`, 'fact-type');
  const source = checkSource(f.source, `${at}.source`, r, options);
  if (!t || !asOf || !source) return null;
  const fact: Fact = { text: t, asOf, source };
  if (textEs) fact.textEs = textEs;
  if (f.type === 'opinion') fact.type = 'opinion';
  return fact;
}

function checkSource(s: unknown, at: string, r: Report, options: ValidateOptions): Source | null {
  if (s === undefined) {
    r(at, 'source-missing');
    return null;
  }
  if (!isObject(s)) {
    r(at, 'source-not-object');
    return null;
  }
  unknownFields(s, SOURCE_FIELDS, `${at}.`, r);
  const publisher = text(s, 'publisher', `${at}.`, r, { required: true });
  const title = text(s, 'title', `${at}.`, r, { required: true });
  const date = text(s, 'date', `${at}.`, r, { required: true });
  if (date !== undefined && !DATE.test(date))
    r(`${at}.date`, 'date-or-month-format', { example: '2024-10-01', month: '2024-10' });
  const url = text(s, 'url', `${at}.`, r, { required: options.bundled });
  if (url !== undefined && !isWebUrl(url)) r(`${at}.url`, 'url-web');
  else if (url !== undefined && options.bundled && !url.startsWith('https:')) r(`${at}.url`, 'url-https');
  if (!publisher || !title || !date) return null;
  const source: Source = { publisher, title, date };
  if (url) source.url = url;
  return source;
}

function text(
  obj: Record<string, unknown>,
  key: string,
  at: string,
  r: Report,
  opts: { required?: boolean; max?: number } = {},
): string | undefined {
  const v = obj[key];
  if (v === undefined) {
    if (opts.required) r(at + key, 'missing');
    return undefined;
  }
  if (typeof v !== 'string') {
    r(at + key, 'not-text');
    return undefined;
  }
  if (!v.trim()) {
    r(at + key, 'empty');
    return undefined;
  }
  const max = opts.max ?? LIMITS.textLength;
  if (v.length > max) {
    r(at + key, 'too-long', { length: v.length, limit: max });
    return undefined;
  }
  return v.trim();
}

function stringList(obj: Record<string, unknown>, key: string, at: string, r: Report): string[] | undefined {
  const v = obj[key];
  if (v === undefined) return undefined;
  if (!Array.isArray(v)) {
    r(at + key, 'not-text-list');
    return undefined;
  }
  const out: string[] = [];
  v.forEach((s, i) => {
    if (typeof s !== 'string' || !s.trim()) r(`${at}${key}[${i}]`, 'list-item-empty');
    else if (s.length > LIMITS.aliasLength * 4)
      r(`${at}${key}[${i}]`, 'list-item-too-long', { limit: LIMITS.aliasLength * 4 });
    else out.push(s.trim());
  });
  return out;
}

function unknownFields(obj: Record<string, unknown>, known: Set<string>, at: string, r: Report): void {
  for (const key of Object.keys(obj)) if (!known.has(key)) r(at + key, 'unknown-field');
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
