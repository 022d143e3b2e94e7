/**
 * Property-based tests (fast-check) for the matcher, the folding and the DOM scanner.
 * Every property runs at least 10,000 generated cases. The generators mix the
 * aliases' own words into hostile Unicode (combining marks, emoji, RTL, no-break
 * spaces, bidi controls, unpaired surrogates) so that matches actually happen.
 */
import fc from 'fast-check';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import type { Entry } from '../../src/factsheet/types';
import { compileMatcher, foldPhrase, gatedMatcher, gateWords, type Matcher, type Mention } from '../../src/matcher';
import { scanDocument } from '../../src/page/scan';
import { Automaton } from '../../src/matcher/automaton';

const RUNS = 10_000;
const SEED = Number(process.env.FC_SEED ?? 20240917);

/** Words aliases are made of (English, Spanish, with and without diacritics, mixed case). */
const WORDS = [
  'México',
  'Mexico',
  'MÉXICO',
  'cartel',
  'Cártel',
  'Sinaloa',
  'fentanilo',
  'fentanyl',
  'border',
  'frontera',
  'Guardia',
  'Nacional',
  'Morena',
  'PAN',
  'pan',
  'AMLO',
  'de',
  'la',
  'del',
  'Jalisco',
  'Nueva',
  'Generación',
  'CJNG',
  'U.S.',
  'D.E.A',
  "O'Brien",
  'O’Brien',
  'e-mail',
  'e‑mail',
  'niño',
  'nino',
  'Ñandú',
  'x',
  'ä',
  'ß',
  'ǅ',
  'İstanbul',
  'ﬁsh',
  'Ⅸ',
  '①',
  'Ωmega',
];

/** Pieces of hostile Unicode to mix between words. */
const NOISE = [
  ' ',
  ' ',
  ' ',
  '\u00a0',
  '\u202f',
  '\u2009',
  '\n',
  '\t',
  '\r\n',
  '  ',
  '\u3000',
  '\u200b',
  '\u0301',
  '\u0308',
  '\u0303',
  'e\u0301',
  'n\u0303',
  '\u0327\u0301', // combining marks, also stacked
  '😀',
  '👩‍👩‍👧',
  '🇲🇽',
  '👍🏽',
  '\ud83d',
  '\ude00', // emoji, ZWJ sequence, flag, skin tone, unpaired surrogates
  'שלום',
  'مرحبا',
  '\u200f',
  '\u200e',
  '\u202e',
  '\u2066',
  '\u2069',
  '\u061c', // RTL and bidi controls
  '\u00ad',
  '\u200d',
  '\u200c',
  '\u2060',
  '\ufeff', // soft hyphen, joiners
  '中文',
  '日本語',
  'カタカナ',
  'ไทย',
  '한국어', // unspaced scripts
  '.',
  ',',
  '-',
  '—',
  '’',
  "'",
  '"',
  '(',
  ')',
  '¿',
  '¡',
  '…',
  '/',
  '#',
  '0',
  '42',
  '½',
  '²',
];

const word = fc.constantFrom(...WORDS);
const noise = fc.constantFrom(...NOISE);
/** Any code unit sequence, including astral code points and lone surrogates. */
const anyUnicode = fc.string({ unit: 'binary', maxLength: 4 });
const piece = fc.oneof(
  { weight: 4, arbitrary: word },
  { weight: 5, arbitrary: noise },
  { weight: 1, arbitrary: anyUnicode },
);
const text = fc.array(piece, { maxLength: 24 }).map((parts) => parts.join(''));

/** An alias: one to three words joined by a space, no-break space or nothing. */
const aliasText = fc
  .tuple(fc.array(word, { minLength: 1, maxLength: 3 }), fc.constantFrom(' ', '\u00a0', ' ', ''))
  .map(([ws, sep]) => ws.join(sep));

const aliasArb = fc
  .record({
    text: fc.oneof(
      { weight: 9, arbitrary: aliasText },
      { weight: 1, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 3 }) },
    ),
    caseSensitive: fc.option(fc.constant(true), { freq: 3, nil: undefined }),
    followedBy: fc.option(fc.array(word, { minLength: 1, maxLength: 2 }), { freq: 4, nil: undefined }),
  })
  .map((a) => {
    const alias: Entry['aliases'][number] = { text: a.text };
    if (a.caseSensitive) alias.caseSensitive = true;
    if (a.followedBy) alias.followedBy = a.followedBy;
    return alias;
  });

const entriesArb = fc
  .array(
    fc.record({
      aliases: fc.array(aliasArb, { minLength: 1, maxLength: 4 }),
      exclude: fc.option(fc.array(aliasText, { minLength: 1, maxLength: 2 }), { nil: undefined }),
    }),
    { minLength: 1, maxLength: 4 },
  )
  .map((raw) => raw.map((r, i) => makeEntry(`term-${i}`, r.aliases, r.exclude)));

/** Entries plus a text made of their own aliases (and exclusions), words and hostile Unicode. */
const caseArb = fc
  .constant(null)
  .chain(() => entriesArb)
  .chain((entries) => {
    const own = entries.flatMap((e) => [
      ...e.aliases.map((a) => a.text),
      ...(e.exclude ?? []),
      ...e.aliases.flatMap((a) => a.followedBy ?? []),
    ]);
    const ownPiece = fc.constantFrom(...own).chain((o) => fc.constantFrom(o, o.toUpperCase(), o.toLowerCase()));
    const mixed = fc.oneof({ weight: 4, arbitrary: ownPiece }, { weight: 5, arbitrary: piece });
    // Mostly plain spaces between pieces, so that whole-word matches happen; sometimes hostile separators or none.
    const sep = fc.oneof(
      { weight: 5, arbitrary: fc.constant(' ') },
      { weight: 2, arbitrary: noise },
      { weight: 1, arbitrary: fc.constant('') },
    );
    const parts = fc.array(fc.tuple(sep, mixed), { maxLength: 24, size: 'medium' });
    return fc.tuple(
      fc.constant(entries),
      parts.map((ps) => ps.map(([a, b]) => a + b).join('')),
    );
  });

function makeEntry(id: string, aliases: Entry['aliases'], exclude?: string[]): Entry {
  const entry: Entry = { id, name: id, kind: 'concept', aliases, summary: 's', facts: [], related: [] };
  if (exclude) entry.exclude = exclude;
  return entry;
}

const params = { numRuns: RUNS, seed: SEED, endOnFailure: true } as const;

function checkMentions(t: string, mentions: Mention[]): void {
  let lastEnd = 0;
  for (const m of mentions) {
    expect(Number.isInteger(m.start) && Number.isInteger(m.end)).toBe(true);
    expect(m.start).toBeGreaterThanOrEqual(0);
    expect(m.end).toBeLessThanOrEqual(t.length);
    expect(m.start).toBeLessThan(m.end);
    expect(t.slice(m.start, m.end)).toBe(m.text);
    // Sorted and never overlapping.
    expect(m.start).toBeGreaterThanOrEqual(lastEnd);
    lastEnd = m.end;
  }
}

describe('matcher properties', () => {
  it('random Unicode text and random alias sets never throw; offsets map back to the exact substring; no overlaps', () => {
    let withMatches = 0;
    fc.assert(
      fc.property(caseArb, ([entries, t]) => {
        const matcher = compileMatcher(entries);
        const mentions = matcher.findMentions(t);
        if (mentions.length) withMatches++;
        checkMentions(t, mentions);
        const ids = new Set(entries.map((e) => e.id));
        for (const m of mentions) expect(ids.has(m.termId)).toBe(true);
      }),
      params,
    );
    // The generator is only useful if matches actually happen.
    expect(withMatches).toBeGreaterThan(RUNS / 10);
  });

  it('an alias inserted between spaces into random text is never missed', () => {
    fc.assert(
      fc.property(word, fc.array(word, { maxLength: 2 }), text, text, (first, rest, before, after) => {
        const alias = [first, ...rest].join(' ');
        const matcher = compileMatcher([makeEntry('only', [{ text: alias }])]);
        const t = `${before} ${alias} ${after}`;
        const start = before.length + 1;
        const end = start + alias.length;
        const mentions = matcher.findMentions(t);
        checkMentions(t, mentions);
        // The inserted alias may lose only to an overlapping occurrence (e.g. "de de" in "de de de"),
        // never be missed entirely.
        expect(mentions.some((m) => m.start < end && start < m.end)).toBe(true);
      }),
      params,
    );
  });

  it('rescanning unchanged text yields identical results', () => {
    fc.assert(
      fc.property(caseArb, ([entries, t]) => {
        const matcher = compileMatcher(entries);
        const first = matcher.findMentions(t);
        const again = matcher.findMentions(t);
        const other = compileMatcher(entries).findMentions(t);
        expect(again).toEqual(first);
        expect(other).toEqual(first);
      }),
      params,
    );
  });

  it('the automaton (dense DFA and map-based fallback) reports exactly every occurrence of every pattern', () => {
    const unit = fc.constantFrom('a', 'b', 'c', 'á', ' ', '\u0000', '\uffff', '\ud83d');
    const str = (max: number) => fc.array(unit, { minLength: 0, maxLength: max }).map((xs) => xs.join(''));
    fc.assert(
      fc.property(fc.array(str(4), { minLength: 1, maxLength: 6 }), str(30), (patterns, t) => {
        const units = Uint16Array.from(t, (c) => c.charCodeAt(0));
        const expected: string[] = [];
        patterns.forEach((p, index) => {
          if (!p) return;
          for (let at = t.indexOf(p); at >= 0; at = t.indexOf(p, at + 1))
            expected.push(`${index}:${at}:${at + p.length}`);
        });
        for (const dense of [true, false]) {
          const automaton = new Automaton(patterns);
          if (!dense) (automaton as unknown as { dfa: null }).dfa = null;
          const got: string[] = [];
          automaton.search(units, units.length, (p, s, e) => got.push(`${p}:${s}:${e}`));
          expect(got.sort()).toEqual([...expected].sort());
        }
      }),
      params,
    );
  });

  it('an automaton built in steps (one pattern each) finds the same, searched at any step', () => {
    const unit = fc.constantFrom('a', 'b', 'c', 'á', ' ', '\u0000', '\uffff', '\ud83d');
    const str = (max: number) => fc.array(unit, { minLength: 0, maxLength: max }).map((xs) => xs.join(''));
    const perStep = { PATTERNS_PER_STEP: Automaton.PATTERNS_PER_STEP };
    for (const k of Object.keys(perStep)) Object.defineProperty(Automaton, k, { value: 1, configurable: true });
    try {
      fc.assert(
        fc.property(fc.array(str(4), { minLength: 1, maxLength: 6 }), str(30), fc.nat(40), (patterns, t, steps) => {
          const units = Uint16Array.from(t, (c) => c.charCodeAt(0));
          const found = (a: Automaton) => {
            const got: string[] = [];
            a.search(units, units.length, (p, s, e) => got.push(`${p}:${s}:${e}`));
            return got;
          };
          const inSteps = new Automaton(patterns, true);
          let taken = 0;
          while (taken < steps && inSteps.buildStep()) taken++;
          // One step per pattern: more than one pattern takes several.
          if (steps > 1 && patterns.length > 1) expect(taken).toBeGreaterThan(1);
          expect(found(inSteps)).toEqual(found(new Automaton(patterns)));
          expect(inSteps.buildStep()).toBe(false);
        }),
        params,
      );
    } finally {
      for (const [k, v] of Object.entries(perStep))
        Object.defineProperty(Automaton, k, { value: v, configurable: true });
    }
  });

  it('the gated matcher finds exactly what the compiled one finds, and compiles only when something can be found', () => {
    let gated = 0;
    let skipped = 0;
    fc.assert(
      fc.property(caseArb, ([entries, t]) => {
        const compiled = compileMatcher(entries);
        const words = gateWords(entries);
        if (!words) return;
        gated++;
        let compiles = 0;
        const matcher = gatedMatcher(words, () => {
          compiles++;
          return compileMatcher(entries);
        });
        const expected = compiled.find(t);
        expect(matcher.find(t)).toEqual(expected);
        if (compiles === 0) {
          skipped++;
          expect(expected.mentions.length + expected.contextIds.length + expected.shadowed.length).toBe(0);
        }
      }),
      params,
    );
    // Both sides were exercised: texts the gate let through and texts it turned away.
    expect(gated).toBeGreaterThan(RUNS / 2);
    expect(skipped).toBeGreaterThan(RUNS / 100);
  });

  it('folding is idempotent', () => {
    fc.assert(
      fc.property(fc.oneof(text, fc.string({ unit: 'binary', maxLength: 40 })), fc.boolean(), (s, keepCase) => {
        const once = foldPhrase(s, keepCase);
        expect(foldPhrase(once, keepCase)).toBe(once);
      }),
      params,
    );
  });
});

describe('scanner properties', () => {
  const { document } = parseHTML('<!doctype html><html><body></body></html>');
  const INLINE_TAGS = ['span', 'em', 'b', 'a', 'strong', 'i', 'code', 'mark', 'sub', 'abbr'] as const;

  /** A cut of the text into pieces, each wrapped in 0–2 inline elements. */
  const splitArb = fc.array(
    fc.record({ at: fc.nat(), wrap: fc.array(fc.constantFrom(...INLINE_TAGS), { maxLength: 2 }), empty: fc.boolean() }),
    { maxLength: 8 },
  );

  function render(t: string, cuts: { at: number; wrap: string[]; empty: boolean }[]): void {
    const body = document.body;
    while (body.firstChild) body.removeChild(body.firstChild);
    const p = document.createElement('p');
    body.appendChild(p);
    const points = [...new Set(cuts.map((c) => (t.length ? c.at % (t.length + 1) : 0)))].sort((a, b) => a - b);
    const bounds = [0, ...points, t.length];
    for (let i = 0; i + 1 < bounds.length; i++) {
      const data = t.slice(bounds[i], bounds[i + 1]);
      const cut = cuts[i % Math.max(1, cuts.length)];
      let parent: Element = p;
      for (const tag of cut?.wrap ?? []) {
        const el = document.createElement(tag);
        parent.appendChild(el);
        parent = el;
      }
      if (cut?.empty) parent.appendChild(document.createTextNode(''));
      if (data) parent.appendChild(document.createTextNode(data));
    }
  }

  function domText(start: { node: Text; offset: number }, end: { node: Text; offset: number }, nodes: Text[]): string {
    const a = nodes.indexOf(start.node);
    const b = nodes.indexOf(end.node);
    expect(a).toBeGreaterThanOrEqual(0);
    expect(b).toBeGreaterThanOrEqual(a);
    if (a === b) return start.node.data.slice(start.offset, end.offset);
    let s = start.node.data.slice(start.offset);
    for (let i = a + 1; i < b; i++) s += nodes[i]!.data;
    return s + end.node.data.slice(0, end.offset);
  }

  it('splitting text into arbitrary text nodes and inline elements yields the same mentions', () => {
    let withMatches = 0;
    fc.assert(
      fc.property(caseArb, splitArb, ([entries, t], cuts) => {
        const matcher: Matcher = compileMatcher(entries);
        const expected = matcher.findMentions(t).map(({ termId, start, end, text }) => ({ termId, start, end, text }));
        render(t, cuts);
        const found = scanDocument(document as unknown as Document, { matcher, byId: new Map() });
        if (found.length) withMatches++;
        expect(found.map((m) => ({ termId: m.termId, start: m.blockStart, end: m.blockEnd, text: m.text }))).toEqual(
          expected,
        );
        for (const m of found) {
          expect(m.block.text).toBe(t);
          // The DOM points cover exactly the mention's text, and never start at the end of a node.
          expect(domText(m.start, m.end, m.block.nodes)).toBe(m.text);
          expect(m.start.offset).toBeLessThan(m.start.node.data.length);
          expect(m.end.offset).toBeGreaterThan(0);
        }
        // Rescanning the unchanged DOM gives identical mentions.
        const again = scanDocument(document as unknown as Document, { matcher, byId: new Map() });
        expect(again.map((m) => [m.termId, m.blockStart, m.blockEnd])).toEqual(
          found.map((m) => [m.termId, m.blockStart, m.blockEnd]),
        );
      }),
      params,
    );
    expect(withMatches).toBeGreaterThan(RUNS / 10);
  });
});

describe('regressions found by these properties', () => {
  it('a compatibility character that decomposes into apostrophes folds in one step ("⁗" is four primes)', () => {
    expect(foldPhrase('⁗')).toBe("''''");
    expect(foldPhrase(foldPhrase('a⁗b'))).toBe(foldPhrase('a⁗b'));
    const matcher = compileMatcher([makeEntry('quote', [{ text: "O''''Neil" }])]);
    expect(matcher.findMentions('by O⁗Neil today').map((m) => m.text)).toEqual(['O⁗Neil']);
  });
});
