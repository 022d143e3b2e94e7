/**
 * The compile's pattern table made at build time (`patternTableOf`, written out by the fact-sheet
 * plugin as `virtual:contexto-factsheet/match` `patterns`): a matcher compiled from it finds exactly
 * what one compiled from the entries finds (mentions, context words, shadowed aliases), on random
 * texts (fast-check) made of the bundled sheet's aliases, exclusions and context words in case,
 * accent, soft-hyphen, typographic and glued variants, and on a small sheet with every pattern kind.
 */
import fc from 'fast-check';
import bundledMatch, { patterns as bundledPatterns } from 'virtual:contexto-factsheet/match';
import { describe, expect, it } from 'vitest';
import { buildIndex } from '../../src/factsheet';
import type { MatchEntry } from '../../src/factsheet/types';
import { compileMatcher, patternTableOf } from '../../src/matcher';
import { entry } from './helpers';

const RUNS = 3000;
const SEED = Number(process.env.FC_SEED ?? 20261130);

const ACCENT: Record<string, string> = { a: 'á', e: 'é', i: 'í', o: 'ó', u: 'ü', n: 'ñ', c: 'ç' };
const FILLER = ['the', 'de', 'la', 'news', 'and', 'y', '2026', 'über', 'naïve', 'x', 'ß', 'Ⅸ', '😀'];

/** A phrase as a page might write it (look-alikes and folds of the sheet's own words). */
const variantArb = (words: readonly string[]) =>
  fc
    .tuple(
      fc.oneof(fc.constantFrom(...words), fc.constantFrom(...FILLER)),
      fc.constantFrom('as is', 'upper', 'lower', 'accent', 'soft hyphen', 'glued', 'curly', 'dash', 'cut'),
    )
    .map(([w, how]) => {
      switch (how) {
        case 'upper':
          return w.toUpperCase();
        case 'lower':
          return w.toLowerCase();
        case 'accent':
          return w.replace(/[aeiounc]/, (c) => ACCENT[c]!);
        case 'soft hyphen':
          return w.length > 2 ? `${w.slice(0, 2)}\u00ad${w.slice(2)}` : w;
        case 'glued':
          return `x${w}`;
        case 'curly':
          return w.replace(/'/g, '\u2019');
        case 'dash':
          return w.replace(/-/g, '\u2013').replace(/ /, '-');
        case 'cut':
          return w.slice(0, Math.max(1, w.length - 2));
        default:
          return w;
      }
    });

const textArb = (words: readonly string[]) =>
  fc
    .array(fc.tuple(variantArb(words), fc.constantFrom(' ', ', ', '\n', '. ', ' (', '\u00a0', '')), { maxLength: 14 })
    .map((parts) => parts.map(([w, sep]) => w + sep).join(''));

function wordsOf(entries: readonly MatchEntry[]): string[] {
  return entries.flatMap((e) => [
    ...e.aliases.map((a) => a.text),
    ...e.aliases.flatMap((a) => a.followedBy ?? []),
    ...(e.exclude ?? []),
    ...(e.context ?? []),
  ]);
}

/** Both matchers find the same on every text; returns how many texts found something. */
function expectSame(entries: readonly MatchEntry[], table: ReturnType<typeof patternTableOf>): number {
  const fresh = compileMatcher(entries);
  const loaded = compileMatcher(entries, table);
  expect(loaded.patternCount).toBe(fresh.patternCount);
  let found = 0;
  fc.assert(
    fc.property(textArb(wordsOf(entries)), (text) => {
      const a = fresh.find(text);
      const b = loaded.find(text);
      expect(b).toEqual(a);
      // The same alias objects of the entries, not copies.
      b.mentions.forEach((m, i) => {
        expect(m.alias).toBe(a.mentions[i]!.alias);
      });
      if (a.mentions.length || a.contextIds.length || a.shadowed.length) found++;
    }),
    { numRuns: RUNS, seed: SEED, endOnFailure: true },
  );
  return found;
}

describe('the pattern table made at build time', () => {
  it('is what the compile makes of the bundled entries (the plugin serializes patternTableOf)', () => {
    expect(bundledPatterns).toEqual(patternTableOf(bundledMatch));
    expect(bundledPatterns.length).toBe(compileMatcher(bundledMatch).patternCount);
  });

  it('finds exactly what a fresh compile of the bundled sheet finds', () => {
    const found = expectSame(bundledMatch, bundledPatterns);
    // The texts did name terms (the property was exercised on both sides).
    expect(found).toBeGreaterThan(RUNS / 10);
    expect(found).toBeLessThan(RUNS);
  });

  it('finds exactly what a fresh compile finds with every kind of pattern', () => {
    const entries = [
      entry('merida', [{ text: 'Mérida Initiative' }, { text: 'Iniciativa Mérida' }]),
      entry('plan', [{ text: 'Plan Colombia' }], { exclude: ['Plan Colombia Dos'] }),
      entry('amlo', [{ text: 'AMLO', caseSensitive: true }]),
      entry('pan', [{ text: 'PAN', caseSensitive: true, ambiguous: true }], { context: ['Morena', 'PRI'] }),
      entry('cartel', [{ text: 'cartel', followedBy: ['de Sinaloa', 'del Golfo'] }]),
      entry('sinaloa', [{ text: 'Cartel de Sinaloa' }, { text: "O'Neill" }]),
      entry('fentanyl', [{ text: 'fentanyl' }, { text: 'fentanilo', ambiguous: true }], { context: ['opioid'] }),
    ];
    const found = expectSame(entries, JSON.parse(JSON.stringify(patternTableOf(entries))));
    expect(found).toBeGreaterThan(RUNS / 10);
  });

  it('is used by the index only with the entries it was made from', () => {
    const index = buildIndex(bundledMatch, null, bundledPatterns);
    const text = 'AMLO met the Sinaloa Cartel.';
    expect(index.matcher.find(text)).toEqual(compileMatcher(bundledMatch).find(text));
  });
});
