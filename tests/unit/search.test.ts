import { describe, expect, it } from 'vitest';
import bundled from 'virtual:contexto-factsheet';
import { BEST_MATCH_MAX_SCORE, createTermSearch, editDistance } from '../../src/search';
import { entry } from './helpers';

const search = createTermSearch(bundled);
const firstId = (query: string) => search.search(query, 5)[0]?.entry.id;

describe('search ranking over the bundled fact sheet', () => {
  it('has the bundled entries the queries expect', () => {
    const ids = new Set(bundled.map((e) => e.id));
    for (const id of ['amlo', 'fentanyl', 'merida-initiative', 'cjng', 'straw-purchase', 'national-guard-mx'])
      expect(ids.has(id), id).toBe(true);
  });

  // The queries from the issue: no accents, typos, Spanish names, other word orders.
  it.each([
    ['lopez obrador', 'amlo'],
    ['fentanil', 'fentanyl'],
    ['merida iniciative', 'merida-initiative'],
    ['cartel jalisco', 'cjng'],
    ['straw buyers', 'straw-purchase'],
    ['guardia nacional', 'national-guard-mx'],
  ])('"%s" puts %s first', (query, id) => {
    expect(firstId(query)).toBe(id);
  });

  it.each([
    // accents typed or not, any case
    ['López Obrador', 'amlo'],
    ['CÁRTEL DE SINALOA', 'sinaloa-cartel'],
    ['garcía harfuch', 'omar-garcia-harfuch'],
    // typos
    ['sinaloa cartle', 'sinaloa-cartel'],
    ['sheinbuam', 'claudia-sheinbaum'],
    ['guerreros unidso', 'guerreros-unidos'],
    // Spanish names and aliases
    ['Iniciativa Mérida', 'merida-initiative'],
    ['abrazos no balazos', 'hugs-not-bullets'],
    ['tráfico de armas', 'gun-trafficking'],
    ['huachicoleo', 'huachicol'],
    // partial names, other word orders, words from the summary
    ['mayo zambada', 'el-mayo'],
    ['chapo', 'el-chapo'],
    ['drug enforcement', 'dea'],
    ['terrorist designation', 'fto-designation'],
  ])('"%s" puts %s first', (query, id) => {
    expect(firstId(query)).toBe(id);
  });

  it('an exact alias beats entries that merely mention it', () => {
    expect(firstId('culiacanazo')).toBe('culiacanazo');
    expect(firstId('los chapitos')).toBe('los-chapitos');
    expect(firstId('plan mexico')).toBe('plan-mexico');
  });

  it('gives nothing for blank queries and no good match for nonsense', () => {
    expect(search.search('')).toEqual([]);
    expect(search.search('   ')).toEqual([]);
    expect(search.bestMatch('xqzv blorp')).toBeNull();
    expect(search.bestMatch('weather forecast tomorrow')).toBeNull();
  });

  it('bestMatch takes a selection as written (accents, case, punctuation) when the match is good', () => {
    expect(search.bestMatch('  López Obrador, ')?.entry.id).toBe('amlo');
    expect(search.bestMatch('the Sinaloa Cartel')?.entry.id).toBe('sinaloa-cartel');
    expect(search.bestMatch('fentanil')!.score).toBeLessThanOrEqual(BEST_MATCH_MAX_SCORE);
  });

  it('a single letter lists names starting with it', () => {
    const ids = search.search('m', 50).map((r) => r.entry.id);
    expect(ids).toContain('morena');
    expect(ids).toContain('merida-initiative');
    expect(ids).not.toContain('dea');
  });

  it('respects the limit and returns scores in order', () => {
    expect(search.search('cartel', 50).length, 'more than 3 entries match "cartel"').toBeGreaterThan(3);
    const results = search.search('cartel', 3);
    expect(results).toHaveLength(3);
    for (let i = 1; i < results.length; i++) expect(results[i]!.score).toBeGreaterThanOrEqual(results[i - 1]!.score);
  });
});

describe('search over other entries (imported sheets)', () => {
  it('finds imported entries by alias, name and summary', () => {
    const s = createTermSearch([
      entry('zz-widget', [{ text: 'Zxqv Widget' }], {
        name: 'Widget Authority',
        summary: 'A regulator of lighthouses.',
      }),
      entry('zz-other', [{ text: 'Other Thing' }]),
    ]);
    expect(s.search('zxqv')[0]?.entry.id).toBe('zz-widget');
    expect(s.search('widget autority')[0]?.entry.id).toBe('zz-widget');
    expect(s.search('lighthouses')[0]?.entry.id).toBe('zz-widget');
    expect(createTermSearch([]).search('anything')).toEqual([]);
  });

  it('editDistance gives up past the bound', () => {
    expect(editDistance('fentanil', 'fentanyl', 2)).toBe(1);
    expect(editDistance('abc', 'xyz', 1)).toBe(2);
    expect(editDistance('same', 'same', 0)).toBe(0);
  });
});
