import type { i18n } from '#i18n';
import { problem as englishProblems } from '../../locales/en.json';

/**
 * Every problem a fact sheet, an imported file or a pack can have: a code with typed
 * parameters, worded by the `problem.*` messages of `locales/<lang>.json`. `Problem.message`
 * is the English wording (what the build and the CLI say); the options page words the code
 * in the interface language (src/options/problem-text.ts).
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

/** The typed `t` of @wxt-dev/i18n (`#i18n`), or one with its rules over the English messages. */
export type Translate = typeof i18n.t;

/**
 * Each code's message in `locales/<lang>.json` (`problem.*`): a code without a message, or a
 * message naming a parameter the code does not have, does not compile; tests/unit/i18n.test.ts
 * checks that Spanish has the same keys and parameters.
 */
export function problemWordings(t: Translate): Wordings {
  return {
    'not-object': () => t('problem.not_object'),
    'id-format': (p) => t('problem.id_format', p),
    'kind-unknown': (p) => t('problem.kind_unknown', p),
    'list-empty': () => t('problem.list_empty'),
    'not-boolean': () => t('problem.not_boolean'),
    'day-format': (p) => t('problem.day_format', p),
    'facts-count': (p) => t('problem.facts_count', p.max, p),
    'opinion-first': () => t('problem.opinion_first'),
    'too-few-neutral-facts': (p) => t('problem.too_few_neutral_facts', p.min),
    'alias-not-object': (p) => t('problem.alias_not_object', p),
    'alias-empty-folded': () => t('problem.alias_empty_folded'),
    'lang-format': (p) => t('problem.lang_format', p),
    'fact-not-object': () => t('problem.fact_not_object'),
    'date-format': (p) => t('problem.date_format', p),
    'date-or-month-format': (p) => t('problem.date_or_month_format', p),
    'fact-type': () => t('problem.fact_type'),
    'source-missing': () => t('problem.source_missing'),
    'source-not-object': () => t('problem.source_not_object'),
    'url-web': () => t('problem.url_web'),
    'url-https': () => t('problem.url_https'),
    missing: () => t('problem.missing'),
    'not-text': () => t('problem.not_text'),
    empty: () => t('problem.empty'),
    'too-long': (p) => t('problem.too_long', p.length, p),
    'not-text-list': () => t('problem.not_text_list'),
    'list-item-empty': () => t('problem.list_item_empty'),
    'list-item-too-long': (p) => t('problem.list_item_too_long', p.limit),
    'unknown-field': () => t('problem.unknown_field'),
    'too-many-entries': (p) => t('problem.too_many_entries', p.count, p),
    'too-many-aliases': (p) => t('problem.too_many_aliases', p.count, p),
    'duplicate-id': (p) => t('problem.duplicate_id', p),
    'alias-claimed': (p) => t('problem.alias_claimed', p),
    'related-self': () => t('problem.related_self'),
    'related-unknown': (p) => t('problem.related_unknown', p),
    'file-too-big': (p) => t('problem.file_too_big', p),
    'pack-too-big': (p) => t('problem.pack_too_big', p),
    'invalid-json': (p) => t('problem.invalid_json', p),
    'no-entries': () => t('problem.no_entries'),
    'pack-not-object': () => t('problem.pack_not_object'),
    'pack-format-missing': (p) => t('problem.pack_format_missing', p),
    'must-be-value': (p) => t('problem.must_be_value', p),
    'not-positive-integer': () => t('problem.not_positive_integer'),
    'date-time-format': (p) => t('problem.date_time_format', p),
    'version-format': (p) => t('problem.version_format', p),
    'not-entry-list': () => t('problem.not_entry_list'),
    'pack-no-entries': () => t('problem.pack_no_entries'),
    'signature-missing': () => t('problem.signature_missing'),
    'signature-not-object': () => t('problem.signature_not_object'),
    'not-base64': () => t('problem.not_base64'),
  };
}

type PluralForms = { [form: string]: string };

/**
 * `t` over the English problem messages for the build and the CLI, where there is no
 * `browser.i18n`: the rules of @wxt-dev/i18n (the count picks the "1" or the "n" form and
 * fills $1; `{name}` takes the named substitution).
 */
const englishT: Translate = (key: string, ...args: unknown[]) => {
  const messages: Record<string, string | PluralForms> = englishProblems;
  const message = messages[key.replace(/^problem\./, '')] ?? '';
  const count = args.find((a): a is number => typeof a === 'number');
  const named = args.find((a): a is Record<string, string | number> => typeof a === 'object' && a !== null);
  let text = typeof message === 'string' ? message : (message[count === 1 ? '1' : 'n'] ?? '');
  if (count !== undefined) text = text.replace(/\$1(?!\d)/g, String(count));
  return named ? text.replace(/\{(\w+)\}/g, (m, name: string) => (name in named ? String(named[name]) : m)) : text;
};

const ENGLISH: Wordings = problemWordings(englishT);

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
