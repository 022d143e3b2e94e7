import { describe, expect, it } from 'vitest';
import { makeProblem, type Problem, type ProblemCode } from '../../src/factsheet/problems';
import { validateFactSheet } from '../../src/factsheet/validate';
import { checkPackShape, parsePackText } from '../../src/packs/format';
import { parseSheetText, prepareImport } from '../../src/sheets/model';
import { problemText } from '../../src/options/problem-text';
import { setUiLanguage } from './fake-browser';

/** Validator problems on the options page: worded from their code and parameters, in English and Spanish. */

/** The problem as the options page words it in a browser whose interface is in `lang`. */
function wordedIn(lang: 'en' | 'es', p: Problem): string {
  setUiLanguage(lang);
  try {
    return problemText(p);
  } finally {
    setUiLanguage('en');
  }
}

const fact = (over: Record<string, unknown> = {}) => ({
  text: 'A fact.',
  asOf: '2024-10-01',
  source: { publisher: 'P', title: 'T', date: '2024-10', url: 'https://example.org' },
  ...over,
});
const at = { file: 'f.json', entry: 'e', field: 'x' };

/** A sheet wrong in as many ways as possible. */
const broken = [
  'not an object',
  { id: 'Bad Id', name: '', kind: 'wizard', aliases: [], summary: 'x', facts: [fact()], related: [], extra: 1 },
  {
    id: 'a-one',
    name: 'A',
    kind: 'agency',
    aliases: [{ text: '  ' }, { text: 'ok', caseSensitive: 'yes', lang: 'english' }],
    summary: 'x',
    facts: [fact({ asOf: 'yesterday' }), fact({ source: undefined })],
    related: ['a-one', 'nowhere'],
  },
  {
    id: 'a-two',
    name: 'B',
    kind: 'agency',
    aliases: [{ text: 'ok' }],
    summary: 'x',
    facts: [fact({ source: { publisher: 'P', title: 'T', date: '2024', url: 'ftp://x' } }), fact()],
    related: [],
  },
  { id: 'a-two', name: 'C', kind: 'agency', aliases: [{ text: 'c' }], summary: 'x', facts: 'many', related: [] },
];

describe('validator problems in English and Spanish', () => {
  it('every problem carries a code and its parameters; the English text is its message', () => {
    const { problems } = validateFactSheet([{ file: 'broken.json', data: broken }]);
    expect(problems.length).toBeGreaterThan(10);
    for (const p of problems) {
      expect(wordedIn('en', p)).toBe(p.message);
    }
    expect(problems).toContainEqual(
      expect.objectContaining({
        entry: 'Bad Id',
        field: 'kind',
        code: 'kind-unknown',
        message: expect.stringMatching(/^must be one of person, /),
      }),
    );
    const sheet = [
      {
        id: 'b-one',
        name: 'B',
        kind: 'agency',
        aliases: [{ text: 'bee' }],
        summary: 'x',
        facts: [fact(), fact()],
        related: ['nowhere'],
      },
      {
        id: 'b-one',
        name: 'B2',
        kind: 'agency',
        aliases: [{ text: 'Bée' }],
        summary: 'x',
        facts: [fact(), fact()],
        related: [],
      },
      {
        id: 'b-two',
        name: 'B3',
        kind: 'agency',
        aliases: [{ text: 'BEE' }],
        summary: 'x',
        facts: [fact(), fact()],
        related: [],
      },
    ];
    expect(validateFactSheet([{ file: 'sheet.json', data: sheet }]).problems).toEqual([
      {
        file: 'sheet.json',
        entry: 'b-one',
        field: 'id',
        code: 'duplicate-id',
        params: { otherFile: 'sheet.json' },
        message: 'duplicate id (also in sheet.json)',
      },
      {
        file: 'sheet.json',
        entry: 'b-two',
        field: 'aliases[0].text',
        code: 'alias-claimed',
        params: { alias: 'BEE', owner: 'b-one' },
        message: 'alias "BEE" is already claimed by entry "b-one"',
      },
      {
        file: 'sheet.json',
        entry: 'b-one',
        field: 'related[0]',
        code: 'related-unknown',
        params: { id: 'nowhere' },
        message: 'unknown id "nowhere"',
      },
    ]);
  });

  it('every code has a Spanish wording, different from the English one (also for imports and packs)', async () => {
    const { problems } = validateFactSheet([{ file: 'broken.json', data: broken }]);
    const more = [
      ...parseSheetText('bad.json', '{ nope').problems,
      ...prepareImport([], [], { fileName: 'empty.json', text: '[]', mode: 'add', id: 's1', now: new Date(0) })
        .problems,
      ...parsePackText('pack.json', '{ nope').problems,
      ...checkPackShape('pack.json', { format: 'x', revision: 0, entries: [], signature: { alg: 'none' }, extra: 1 })
        .problems,
      ...checkPackShape('pack.json', 'not a pack').problems,
    ];
    const all = [...problems, ...more];
    expect(new Set(all.map((p) => p.code)).size).toBeGreaterThanOrEqual(21);
    for (const p of all) {
      const spanish = wordedIn('es', p);
      expect(spanish, p.code).not.toBe('');
      // The wording, not the parameters: a code with only an example in it may keep that example.
      if (!['missing', 'must-be-value', 'related-unknown'].includes(p.code))
        expect(spanish, p.code).not.toBe(p.message);
    }
  });

  it('keeps the names, numbers and ids of the parameters', () => {
    const claimed = makeProblem(at, 'alias-claimed', { alias: 'sinaloa cartel', owner: 'sinaloa-cartel' });
    expect(claimed.message).toBe('alias "sinaloa cartel" is already claimed by entry "sinaloa-cartel"');
    expect(wordedIn('es', claimed)).toBe('el alias "sinaloa cartel" ya pertenece a la entrada "sinaloa-cartel"');
    expect(wordedIn('es', makeProblem(at, 'related-unknown', { id: 'dea' }))).toBe('id desconocido "dea"');
    expect(wordedIn('es', makeProblem(at, 'too-long', { length: 20001, limit: 20000 }))).toBe(
      'tiene 20001 caracteres; el límite es 20000',
    );
    expect(wordedIn('es', makeProblem(at, 'kind-unknown', { kinds: 'person, policy' }))).toBe(
      'debe ser uno de estos: person, policy',
    );
  });

  it('uses real plural forms where a count appears', () => {
    const cases: [ProblemCode, object, string, string][] = [
      ['too-long', { length: 1, limit: 0 }, 'is 1 character long; the limit is 0', 'tiene 1 carácter; el límite es 0'],
      [
        'too-long',
        { length: 2, limit: 1 },
        'is 2 characters long; the limit is 1',
        'tiene 2 caracteres; el límite es 1',
      ],
      ['list-item-too-long', { limit: 1 }, 'is longer than 1 character', 'tiene más de 1 carácter'],
      ['too-many-entries', { count: 1, limit: 0 }, '1 entry; the limit is 0', '1 entrada; el límite es 0'],
      [
        'too-many-entries',
        { count: 5001, limit: 5000 },
        '5001 entries; the limit is 5000',
        '5001 entradas; el límite es 5000',
      ],
      [
        'too-many-aliases',
        { count: 1, limit: 0 },
        '1 alias in all; the limit is 0',
        '1 alias en total; el límite es 0',
      ],
      [
        'too-few-neutral-facts',
        { min: 1 },
        'needs at least 1 fact that is not opinion',
        'necesita al menos 1 dato que no sea opinión',
      ],
      [
        'too-few-neutral-facts',
        { min: 2 },
        'needs at least 2 facts that are not opinion',
        'necesita al menos 2 datos que no sean opinión',
      ],
      ['facts-count', { min: 2, max: 5 }, 'must be a list of 2 to 5 facts', 'debe ser una lista de 2 a 5 datos'],
    ];
    for (const [code, params, english, spanish] of cases) {
      const p = (makeProblem as (a: typeof at, c: ProblemCode, params: object) => ReturnType<typeof makeProblem>)(
        at,
        code,
        params,
      );
      expect(p.message).toBe(english);
      expect(wordedIn('en', p)).toBe(english);
      expect(wordedIn('es', p)).toBe(spanish);
    }
  });
});
