/**
 * Every problem a fact sheet, an imported file or a pack can have: a code with typed
 * parameters, and its English wording (what the build, the CLI and `Problem.message` say).
 * The options page words the same codes in Spanish (src/options/problem-text.ts); a code
 * added here without a Spanish wording there does not compile.
 */

type None = Record<never, never>;

/** The parameters of each problem code. */
export interface ProblemParams {
  // An entry and its fields (src/factsheet/validate.ts)
  'not-object': None;
  'id-format': { example: string };
  'kind-unknown': { kinds: string };
  'list-empty': None;
  'not-boolean': None;
  'day-format': { example: string };
  'facts-count': { min: number; max: number };
  'opinion-first': None;
  'too-few-neutral-facts': { min: number };
  'alias-not-object': { example: string };
  'alias-empty-folded': None;
  'lang-format': { first: string; second: string };
  'fact-not-object': None;
  'date-format': { example: string };
  'date-or-month-format': { example: string; month: string };
  'fact-type': None;
  'source-missing': None;
  'source-not-object': None;
  'url-web': None;
  'url-https': None;
  missing: None;
  'not-text': None;
  empty: None;
  'too-long': { length: number; limit: number };
  'not-text-list': None;
  'list-item-empty': None;
  'list-item-too-long': { limit: number };
  'unknown-field': None;
  // The whole sheet
  'too-many-entries': { count: number; limit: number };
  'too-many-aliases': { count: number; limit: number };
  'duplicate-id': { otherFile: string };
  'alias-claimed': { alias: string; owner: string };
  'related-self': None;
  'related-unknown': { id: string };
  // A file (import) or a pack as a whole
  'file-too-big': { megabytes: string; limit: number };
  'pack-too-big': { megabytes: string; limit: number };
  'invalid-json': { error: string };
  'no-entries': None;
  'pack-not-object': None;
  'pack-format-missing': { format: string };
  'must-be-value': { value: string };
  'not-positive-integer': None;
  'date-time-format': { example: string };
  'version-format': { example: string };
  'not-entry-list': None;
  'pack-no-entries': None;
  'signature-missing': None;
  'signature-not-object': None;
  'not-base64': None;
}

export type ProblemCode = keyof ProblemParams;

/** One thing wrong with a fact sheet, located by file, entry and field. */
export type Problem = {
  [C in ProblemCode]: {
    file: string;
    entry: string;
    field: string;
    code: C;
    params: ProblemParams[C];
    /** The English wording (build, CLI, logs). */
    message: string;
  };
}[ProblemCode];

/** The parameters after the code: none for codes without parameters. */
export type ParamsArg<C extends ProblemCode> = keyof ProblemParams[C] extends never ? [] : [params: ProblemParams[C]];

export type Wordings = { [C in ProblemCode]: (params: ProblemParams[C]) => string };

/** `n` with the noun in its plural form for `n` (Intl.PluralRules of `locale`). */
export function countOf(locale: string, n: number, forms: { one: string; other: string }): string {
  return `${n} ${new Intl.PluralRules(locale).select(n) === 'one' ? forms.one : forms.other}`;
}

const en = (n: number, one: string, other: string) => countOf('en', n, { one, other });

export const ENGLISH: Wordings = {
  'not-object': () => 'must be an object',
  'id-format': (p) => `must be lower-case words joined by hyphens (e.g. "${p.example}")`,
  'kind-unknown': (p) => `must be one of ${p.kinds}`,
  'list-empty': () => 'must be a non-empty list',
  'not-boolean': () => 'must be true or false',
  'day-format': (p) => `must be a day like ${p.example}`,
  'facts-count': (p) => `must be a list of ${p.min} to ${en(p.max, 'fact', 'facts')}`,
  'opinion-first': () => 'an opinion cannot be one of the first two facts: put neutral facts first',
  'too-few-neutral-facts': (p) => `needs at least ${en(p.min, 'fact that is', 'facts that are')} not opinion`,
  'alias-not-object': (p) => `must be an object like ${p.example}`,
  'alias-empty-folded': () => 'is empty once spaces and invisible characters are removed',
  'lang-format': (p) => `must be a language code such as "${p.first}" or "${p.second}"`,
  'fact-not-object': () => 'must be an object with text, asOf and source',
  'date-format': (p) => `must be a date like ${p.example}`,
  'date-or-month-format': (p) => `must be a date like ${p.example} or ${p.month}`,
  'fact-type': () => 'must be "opinion" (or left out for a neutral fact)',
  'source-missing': () => 'missing: every fact needs a source',
  'source-not-object': () => 'must be an object with publisher, title and date',
  'url-web': () => 'must be an http: or https: address',
  'url-https': () => 'must be an https: address',
  missing: () => 'missing',
  'not-text': () => 'must be text',
  empty: () => 'is empty',
  'too-long': (p) => `is ${en(p.length, 'character', 'characters')} long; the limit is ${p.limit}`,
  'not-text-list': () => 'must be a list of text',
  'list-item-empty': () => 'must be non-empty text',
  'list-item-too-long': (p) => `is longer than ${en(p.limit, 'character', 'characters')}`,
  'unknown-field': () => 'unknown field',
  'too-many-entries': (p) => `${en(p.count, 'entry', 'entries')}; the limit is ${p.limit}`,
  'too-many-aliases': (p) => `${en(p.count, 'alias', 'aliases')} in all; the limit is ${p.limit}`,
  'duplicate-id': (p) => `duplicate id (also in ${p.otherFile})`,
  'alias-claimed': (p) => `alias "${p.alias}" is already claimed by entry "${p.owner}"`,
  'related-self': () => 'an entry cannot be related to itself',
  'related-unknown': (p) => `unknown id "${p.id}"`,
  'file-too-big': (p) => `the file is ${p.megabytes} MB; the limit is ${p.limit} MB`,
  'pack-too-big': (p) => `the pack is ${p.megabytes} MB; the limit is ${p.limit} MB`,
  'invalid-json': (p) => `not valid JSON: ${p.error}`,
  'no-entries': () => 'the file holds no entries',
  'pack-not-object': () =>
    'must be a JSON object with format, name, publisher, revision, publishedAt, minAppVersion, entries and signature',
  'pack-format-missing': (p) => `missing (it must be "${p.format}")`,
  'must-be-value': (p) => `must be "${p.value}"`,
  'not-positive-integer': () => 'must be a whole number, 1 or more',
  'date-time-format': (p) => `must be a UTC date-time like ${p.example}`,
  'version-format': (p) => `must be a version like "${p.example}"`,
  'not-entry-list': () => 'must be a list of entries',
  'pack-no-entries': () => 'the pack holds no entries',
  'signature-missing': () => 'missing: the pack is not signed',
  'signature-not-object': () => 'must be an object with alg and value',
  'not-base64': () => 'must be base64 text',
};

/** A problem with its code, parameters and English wording. */
export function makeProblem<C extends ProblemCode>(
  at: { file: string; entry: string; field: string },
  code: C,
  ...[params]: ParamsArg<C>
): Problem {
  const p = (params ?? {}) as ProblemParams[C];
  const wording = ENGLISH[code] as (params: ProblemParams[C]) => string;
  // The mapped union cannot be narrowed from a generic code; each member has this shape.
  return { ...at, code, params: p, message: wording(p) } as Problem;
}

/** Words a problem with a table of wordings (English or another language). */
export function wordProblem(problem: Problem, wordings: Wordings): string {
  const wording = wordings[problem.code] as (params: Problem['params']) => string;
  return wording(problem.params);
}
