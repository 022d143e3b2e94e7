/**
 * The loader's gate check (src/page/gate-check.ts) on random pages: a frame whose text keeps the
 * gate shut holds nothing the full matcher finds (no mention, context word or shadowed alias),
 * with the bundled sheet's words indexed at build time and indexed at run time alike. Texts mix
 * the sheet's own aliases and gate words in case, accent and soft-hyphen variants, split by inline
 * elements and blocks. The tester reads text nodes through the gate words' stream and builds only
 * the blocks where a gate word may end: it must answer as testing every block does.
 */
import fc from 'fast-check';
import { parseHTML } from 'linkedom';
import { gate as bundledKeys, gateIndex } from 'virtual:contexto-factsheet/gate';
import bundledMatch from 'virtual:contexto-factsheet/match';
import { describe, expect, it } from 'vitest';
import { compileMatcher, gatedMatcher, gateIndexOf, gateLookup, type Matcher } from '../../src/matcher';
import { gateStreams } from '../../src/matcher/gate-stream';
import { gateTester } from '../../src/page/gate-check';
import { iterateBlocks } from '../../src/page/scan';

const RUNS = 2000;
const SEED = Number(process.env.FC_SEED ?? 20261130);

const keys = bundledKeys!;
const gateWordList = [...new Set(keys.flatMap((k) => k.split(' ')))];
const aliasTexts = bundledMatch.flatMap((e) => e.aliases.map((a) => a.text));
const FILLER = ['the', 'weather', 'de', 'la', 'el', 'news', 'and', 'y', '2026', 'über', 'naïve'];
const INLINE = ['b', 'span', 'em', 'a', 'i'];
const BLOCK = ['p', 'div', 'li', 'h2'];
const ACCENT: Record<string, string> = { a: 'á', e: 'é', i: 'í', o: 'ó', u: 'ü', n: 'ñ', c: 'ç' };

/** A word or alias as a page might write it. */
const tokenArb = fc
  .tuple(
    fc.oneof(fc.constantFrom(...gateWordList), fc.constantFrom(...aliasTexts), fc.constantFrom(...FILLER)),
    fc.constantFrom('as is', 'upper', 'capital', 'accent', 'soft hyphen', 'glued', 'ligature', 'emoji'),
  )
  .map(([w, how]) => {
    switch (how) {
      case 'upper':
        return w.toUpperCase();
      case 'capital':
        return w.charAt(0).toUpperCase() + w.slice(1);
      case 'accent':
        return w.replace(/[aeiounc]/, (c) => ACCENT[c]!);
      case 'soft hyphen':
        return w.length > 2 ? `${w.slice(0, 2)}\u00ad${w.slice(2)}` : w;
      case 'glued':
        return `x${w}`;
      case 'ligature':
        // One character that folds to two ("ﬁscal").
        return w.replace('fi', '\ufb01');
      case 'emoji':
        // An astral character: a word break.
        return `${w}\u{1f600}`;
      default:
        return w;
    }
  });

/** Blocks of tokens; each token may be cut in two by an inline element. */
const pageArb = fc.array(
  fc.record({
    tag: fc.constantFrom(...BLOCK),
    tokens: fc.array(
      fc.record({
        token: tokenArb,
        cut: fc.nat(),
        inline: fc.constantFrom(...INLINE),
        sep: fc.constantFrom(' ', ', ', '\n', '. ', ''),
      }),
      { maxLength: 6 },
    ),
  }),
  { minLength: 1, maxLength: 4 },
);

const { document } = parseHTML('<!doctype html><html><body></body></html>');

type Page = typeof pageArb extends fc.Arbitrary<infer T> ? T : never;

function render(page: Page): Element {
  const body = document.body;
  while (body.firstChild) body.removeChild(body.firstChild);
  for (const block of page) {
    const el = document.createElement(block.tag);
    for (const { token, cut, inline, sep } of block.tokens) {
      const at = cut % (token.length + 1);
      el.appendChild(document.createTextNode(token.slice(0, at)));
      const wrap = document.createElement(inline);
      wrap.appendChild(document.createTextNode(token.slice(at)));
      el.appendChild(wrap);
      el.appendChild(document.createTextNode(sep));
    }
    body.appendChild(el);
  }
  return body as unknown as Element;
}

describe('the loader gate check', () => {
  const full = compileMatcher(bundledMatch);
  const findsSomething = (root: Element) => {
    for (const block of iterateBlocks(root)) {
      const f = full.find(block.text);
      if (f.mentions.length || f.contextIds.length || f.shadowed.length) return true;
    }
    return false;
  };

  /** The gate tested on every block, as the scanner reads them (what the tester did before its stream). */
  const everyBlockOpens = (root: Element) => {
    let open = false;
    const gated = gatedMatcher(gateIndex!, () => {
      open = true;
      return full as Matcher;
    });
    for (const block of iterateBlocks(root)) {
      gated.find(block.text);
      if (open) return true;
    }
    return false;
  };

  it('uses the index built with the bundle, the same one run time builds', () => {
    expect(gateIndex).toEqual(gateIndexOf(keys));
  });

  it('keeps shut only frames where the full matcher finds nothing, indexed at build or at run time', () => {
    let shut = 0;
    let open = 0;
    fc.assert(
      fc.property(pageArb, (page) => {
        const root = render(page);
        // A new tester per page: the real one lives for one frame.
        const built = gateTester(gateIndex)(root);
        const runTime = gateTester([...keys])(root);
        expect(runTime).toBe(built);
        expect(built).toBe(everyBlockOpens(root));
        if (built) open++;
        else {
          shut++;
          expect(findsSomething(root)).toBe(false);
        }
      }),
      { numRuns: RUNS, seed: SEED, endOnFailure: true },
    );
    // Both sides were exercised.
    expect(shut).toBeGreaterThan(RUNS / 20);
    expect(open).toBeGreaterThan(RUNS / 20);
  });

  it('opens on a word that opens alone, or on a paired word once its partner was seen since the last reset', () => {
    const unit = fc.constantFrom('a', 'b', 'z', 'é', 'ñ', '0', '9', 'ß');
    const word = fc.string({ unit, minLength: 1, maxLength: 4 });
    const caseArb = fc.uniqueArray(word, { minLength: 12, maxLength: 40 }).chain((words) =>
      fc.record({
        // Mostly pairs, so partners' indices run to two digits.
        keys: fc.array(
          fc.oneof(
            { arbitrary: fc.constantFrom(...words), weight: 1 },
            {
              arbitrary: fc.tuple(fc.constantFrom(...words), fc.constantFrom(...words)).map(([x, y]) => `${x} ${y}`),
              weight: 4,
            },
          ),
          { minLength: 5, maxLength: 60 },
        ),
        // A reset (null) between texts, as the matcher resets after each.
        looks: fc.array(fc.option(fc.oneof(fc.constantFrom(...words), word), { freq: 8 }), { maxLength: 80 }),
      }),
    );
    fc.assert(
      fc.property(caseArb, ({ keys: someKeys, looks }) => {
        const index = gateIndexOf(someKeys);
        const split = index.words.split(' ');
        const lookup = gateLookup(index);
        // Straight from the keys: a word opens alone, or once a partner was seen since the last reset.
        const alone = new Set(someKeys.filter((k) => !k.includes(' ')));
        const pairs = someKeys.filter((k) => k.includes(' ')).map((k) => k.split(' ') as [string, string]);
        const seen = new Set<string>();
        for (const w of looks) {
          if (w === null) {
            lookup.reset();
            seen.clear();
            continue;
          }
          let expected = false;
          if (split.includes(w) && !seen.has(w)) {
            expected = alone.has(w) || pairs.some(([x, y]) => (x === w && seen.has(y)) || (y === w && seen.has(x)));
            if (!expected) seen.add(w);
          }
          expect(lookup.word(w)).toBe(expected);
        }
      }),
      { numRuns: RUNS, seed: SEED + 2, endOnFailure: true },
    );
  });

  it('answers the same with one trie for every page, its nodes made as earlier pages walked it', () => {
    // The trie makes a node's children the first time a walk goes on from it: later looks (a frame's
    // looks while it parses, after changes) walk a trie that earlier ones partly made.
    const streams = gateStreams(gateIndex!);
    fc.assert(
      fc.property(pageArb, (page) => {
        const root = render(page);
        let open = false;
        const gated = gatedMatcher(gateIndex!, () => {
          open = true;
          return full as Matcher;
        });
        for (const block of iterateBlocks(root, { textStream: streams })) {
          gated.find(block.text);
          if (open) break;
        }
        expect(open).toBe(everyBlockOpens(root));
      }),
      { numRuns: RUNS, seed: SEED + 1, endOnFailure: true },
    );
  });
});
