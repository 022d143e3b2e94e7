import { describe, expect, it } from 'vitest';
import { formatProblem, parseFactSheet, validateFactSheet, FactSheetError, LIMITS } from '../../src/factsheet/validate';
import { entry } from './helpers';

const file = (name: string, data: unknown) => ({ file: `data/terms/${name}.json`, data });
const messages = (files: { file: string; data: unknown }[]) => validateFactSheet(files).problems.map(formatProblem);

describe('fact-sheet validation', () => {
  it('accepts valid entries', () => {
    const { entries, problems } = validateFactSheet([
      file('a', entry('a', [{ text: 'Alpha' }], { related: ['b'] })),
      file('b', entry('b', [{ text: 'Beta' }])),
    ]);
    expect(problems).toEqual([]);
    expect(entries.map((e) => e.id)).toEqual(['a', 'b']);
  });

  it('rejects a duplicate id, naming file, entry and field', () => {
    expect(messages([file('a', entry('a', [{ text: 'Alpha' }])), file('a2', entry('a', [{ text: 'Other' }]))])).toEqual(
      ['data/terms/a2.json: entry "a", field "id": duplicate id (also in data/terms/a.json)'],
    );
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
    expect(
      messages([file('a', entry('a', [{ text: 'Mérida' }])), file('b', entry('b', [{ text: 'MERIDA' }]))]),
    ).toEqual([
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

  describe("the bundled sheet's stricter rules", () => {
    const strict = (files: { file: string; data: unknown }[]) =>
      validateFactSheet(files, { bundled: true }).problems.map(formatProblem);
    const linked = (id: string, extra: Parameters<typeof entry>[2] = {}) => {
      const e = entry(id, [{ text: `${id.toUpperCase()}X` }], { reviewed: '2026-11-30', ...extra });
      for (const f of e.facts) f.source.url = `https://example.org/${id}`;
      return e;
    };

    it('accepts a linked, reviewed entry (and imported sheets stay lenient)', () => {
      expect(strict([file('a', linked('a'))])).toEqual([]);
      expect(messages([file('b', entry('b', [{ text: 'Beta' }]))])).toEqual([]);
    });

    it('requires a source url on every fact, over https', () => {
      const noUrl = linked('a');
      delete noUrl.facts[1]!.source.url;
      const http = linked('b');
      http.facts[0]!.source.url = 'http://example.org/b';
      expect(strict([file('a', noUrl), file('b', http)])).toEqual([
        'data/terms/a.json: entry "a", field "facts[1].source.url": missing',
        'data/terms/b.json: entry "b", field "facts[0].source.url": must be an https: address',
      ]);
    });

    it('requires a reviewed day', () => {
      const none = linked('a');
      delete none.reviewed;
      const bad = linked('b', { reviewed: '2026-11' });
      expect(strict([file('a', none), file('b', bad)])).toEqual([
        'data/terms/a.json: entry "a", field "reviewed": missing',
        'data/terms/b.json: entry "b", field "reviewed": must be a day like 2026-11-30',
      ]);
    });

    it('keeps opinion out of the first two facts and asks for two neutral ones', () => {
      const first = linked('a');
      first.facts[0]!.type = 'opinion';
      first.facts.push({ ...first.facts[1]!, text: 'Third.' });
      const only = linked('b');
      only.facts[1]!.type = 'opinion';
      expect(strict([file('a', first), file('b', only)])).toEqual([
        'data/terms/a.json: entry "a", field "facts[0].type": an opinion cannot be one of the first two facts: put neutral facts first',
        'data/terms/b.json: entry "b", field "facts[1].type": an opinion cannot be one of the first two facts: put neutral facts first',
        'data/terms/b.json: entry "b", field "facts": needs at least 2 facts that are not opinion',
      ]);
    });

    it('rejects an unknown fact type and non-boolean ambiguous', () => {
      const e = linked('a') as unknown as { facts: { type?: string }[]; aliases: { ambiguous?: unknown }[] };
      e.facts[0]!.type = 'editorial';
      e.aliases[0]!.ambiguous = 'yes';
      expect(strict([file('a', e)])).toEqual([
        'data/terms/a.json: entry "a", field "aliases[0].ambiguous": must be true or false',
        'data/terms/a.json: entry "a", field "facts[0].type": must be "opinion" (or left out for a neutral fact)',
      ]);
    });
  });
});
