import { describe, expect, it } from 'vitest';
import { validateFactSheet } from '../../src/factsheet/validate';
import { problemText } from '../../src/options/problem-text';

/** Spanish explanations of the validator's problems on the options page. */

const fact = (over: Record<string, unknown> = {}) => ({ text: 'A fact.', asOf: '2024-10-01', source: { publisher: 'P', title: 'T', date: '2024-10', url: 'https://example.org' }, ...over });

/** A sheet wrong in as many ways as possible. */
const broken = [
  'not an object',
  { id: 'Bad Id', name: '', kind: 'wizard', aliases: [], summary: 'x', facts: [fact()], related: [], extra: 1 },
  { id: 'a-one', name: 'A', kind: 'agency', aliases: [{ text: '  ' }, { text: 'ok', caseSensitive: 'yes', lang: 'english' }], summary: 'x', facts: [fact({ asOf: 'yesterday' }), fact({ source: undefined })], related: ['a-one', 'nowhere'] },
  { id: 'a-two', name: 'B', kind: 'agency', aliases: [{ text: 'ok' }], summary: 'x', facts: [fact({ source: { publisher: 'P', title: 'T', date: '2024', url: 'ftp://x' } }), fact()], related: [] },
  { id: 'a-two', name: 'C', kind: 'agency', aliases: [{ text: 'c' }], summary: 'x', facts: 'many', related: [] },
];

describe('validator problems in Spanish', () => {
  it('every problem the validator reports here has a Spanish explanation', () => {
    const { problems } = validateFactSheet([{ file: 'broken.json', data: broken }]);
    expect(problems.length).toBeGreaterThan(10);
    const untranslated = problems.filter((p) => problemText(p, 'es').lang !== 'es').map((p) => p.message);
    expect(untranslated).toEqual([]);
  });

  it('keeps the names, numbers and ids of the English message', () => {
    expect(problemText({ message: 'alias "sinaloa cartel" is already claimed by entry "sinaloa-cartel"' }, 'es').text).toBe('el alias "sinaloa cartel" ya pertenece a la entrada "sinaloa-cartel"');
    expect(problemText({ message: 'unknown id "dea"' }, 'es').text).toBe('id desconocido "dea"');
    expect(problemText({ message: 'is 20001 characters long; the limit is 20000' }, 'es').text).toBe('tiene 20001 caracteres; el límite es 20000');
    expect(problemText({ message: 'must be one of person, policy' }, 'es').text).toBe('debe ser uno de estos: person, policy');
  });

  it('shows English as it is, and an unknown message in English rather than nothing', () => {
    expect(problemText({ message: 'unknown id "dea"' }, 'en')).toEqual({ text: 'unknown id "dea"', lang: 'en' });
    expect(problemText({ message: 'a brand-new kind of problem' }, 'es')).toEqual({ text: 'a brand-new kind of problem', lang: 'en' });
  });
});
