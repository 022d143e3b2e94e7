import { describe, expect, it } from 'vitest';
import { formatProblem, parseFactSheet, validateFactSheet, FactSheetError, LIMITS } from '../../src/factsheet/validate';
import { entry } from './helpers';

const file = (name: string, data: unknown) => ({ file: `data/terms/${name}.json`, data });
const messages = (files: { file: string; data: unknown }[]) => validateFactSheet(files).problems.map(formatProblem);

describe('fact-sheet validation', () => {
  it('accepts valid entries', () => {
    const { entries, problems } = validateFactSheet([file('a', entry('a', [{ text: 'Alpha' }], { related: ['b'] })), file('b', entry('b', [{ text: 'Beta' }]))]);
    expect(problems).toEqual([]);
    expect(entries.map((e) => e.id)).toEqual(['a', 'b']);
  });

  it('rejects a duplicate id, naming file, entry and field', () => {
    expect(messages([file('a', entry('a', [{ text: 'Alpha' }])), file('a2', entry('a', [{ text: 'Other' }]))])).toEqual([
      'data/terms/a2.json: entry "a", field "id": duplicate id (also in data/terms/a.json)',
    ]);
  });

  it('rejects an unknown related id', () => {
    expect(messages([file('a', entry('a', [{ text: 'Alpha' }], { related: ['nope'] }))])).toEqual([
      'data/terms/a.json: entry "a", field "related[0]": unknown id "nope"',
    ]);
  });

  it('rejects an empty alias', () => {
    expect(messages([file('a', entry('a', [{ text: 'Alpha' }, { text: '  ' }]))])).toEqual([
      'data/terms/a.json: entry "a", field "aliases[1].text": is empty',
    ]);
    expect(messages([file('a', entry('a', [{ text: '\u00ad\u200d' }]))])).toEqual([
      'data/terms/a.json: entry "a", field "aliases[0].text": is empty once spaces and invisible characters are removed',
    ]);
  });

  it('rejects one alias claimed by two entries, even with other accents or case', () => {
    expect(messages([file('a', entry('a', [{ text: 'Mérida' }])), file('b', entry('b', [{ text: 'MERIDA' }]))])).toEqual([
      'data/terms/b.json: entry "b", field "aliases[0].text": alias "MERIDA" is already claimed by entry "a"',
    ]);
  });

  it('rejects a fact without source or date', () => {
    const noSource = entry('a', [{ text: 'Alpha' }]);
    delete (noSource.facts[0] as { source?: unknown }).source;
    const noDate = entry('b', [{ text: 'Beta' }]);
    delete (noDate.facts[1] as { asOf?: unknown }).asOf;
    const noSourceDate = entry('c', [{ text: 'Gamma' }]);
    delete (noSourceDate.facts[0]!.source as { date?: unknown }).date;
    expect(messages([file('a', noSource), file('b', noDate), file('c', noSourceDate)])).toEqual([
      'data/terms/a.json: entry "a", field "facts[0].source": missing: every fact needs a source',
      'data/terms/b.json: entry "b", field "facts[1].asOf": missing',
      'data/terms/c.json: entry "c", field "facts[0].source.date": missing',
    ]);
  });

  it('rejects bad kinds, dates, unknown fields and non-web source URLs', () => {
    const bad = entry('a', [{ text: 'Alpha' }]) as unknown as Record<string, unknown>;
    bad.kind = 'vegetable';
    bad.colour = 'red';
    const facts = bad.facts as { asOf: string; source: { url?: string } }[];
    facts[0]!.asOf = 'last year';
    facts[1]!.source.url = 'javascript:alert(1)';
    expect(messages([file('a', bad)])).toEqual([
      'data/terms/a.json: entry "a", field "colour": unknown field',
      expect.stringContaining('data/terms/a.json: entry "a", field "kind": must be one of person'),
      'data/terms/a.json: entry "a", field "facts[0].asOf": must be a date like 2024-10-01',
      'data/terms/a.json: entry "a", field "facts[1].source.url": must be an http: or https: address',
    ]);
  });

  it('names an entry by position when it has no id', () => {
    expect(messages([file('x', [{ name: 'No id' }])])[0]).toBe('data/terms/x.json: entry "#1", field "id": missing');
  });

  it('refuses sheets over the size limits with a clear message', () => {
    const aliases = Array.from({ length: LIMITS.aliases + 1 }, (_, i) => ({ text: `alias ${i}` }));
    expect(messages([file('big', entry('big', aliases))])).toEqual([
      `data/terms/big.json: entry "*", field "aliases": ${LIMITS.aliases + 1} aliases in all; the limit is ${LIMITS.aliases}`,
    ]);
  });

  it('parseFactSheet throws a FactSheetError listing every problem', () => {
    expect(() => parseFactSheet([file('a', entry('a', [{ text: '' }], { related: ['zzz'] }))])).toThrow(FactSheetError);
    let error: unknown;
    try {
      parseFactSheet([file('a', { id: 'a' })]);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(FactSheetError);
    expect((error as FactSheetError).problems.length).toBeGreaterThanOrEqual(4);
    expect((error as Error).message).toContain('data/terms/a.json: entry "a", field "name": missing');
  });
});
