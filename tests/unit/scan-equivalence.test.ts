/**
 * The text-first scan (`iterateBlocks` with a matcher: text nodes fed to the matcher's stream, blocks
 * built only around possible mentions) reads exactly what the former full block walk read
 * (tests/unit/reference-blocks.ts): on random DOMs (fast-check) and on the real-page corpus.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { buildIndex } from '../../src/factsheet';
import { loadFactSheetDir } from '../../src/factsheet/load-files';
import type { Entry } from '../../src/factsheet/types';
import { compileMatcher, gatedMatcher, gateWords, type Matcher } from '../../src/matcher';
import { Automaton } from '../../src/matcher/automaton';
import {
  BLOCK_STEPS_PER_PAUSE,
  collectBlocks,
  iterateBlocks,
  PageReader,
  readDocument,
  type TextBlock,
} from '../../src/page/scan';
import { corpusPages, REPO_ROOT } from '../../scripts/lib/corpus';
import { entry } from './helpers';
import { referenceBlocks } from './reference-blocks';

const RUNS = 10_000;
const SEED = Number(process.env.FC_SEED ?? 20261130);

const ENTRIES: Entry[] = [
  entry('merida', [{ text: 'Mérida Initiative' }, { text: 'Iniciativa Mérida' }]),
  entry('plan', [{ text: 'Plan Colombia' }], { exclude: ['Plan Colombia Dos'] }),
  entry('fentanyl', [{ text: 'fentanyl' }]),
  entry('amlo', [{ text: 'AMLO', caseSensitive: true }]),
  entry('pan', [{ text: 'PAN', caseSensitive: true, ambiguous: true }], { context: ['Morena', 'elección'] }),
  entry('cartel', [{ text: 'cartel', followedBy: ['de Sinaloa'] }]),
  entry('fiscalia', [{ text: 'Fiscalía' }]),
];

/** Words mentions are made of, pieces of them (split inside words by markup), and filler. */
const WORDS = [
  'Mérida',
  'Merida',
  'Initiative',
  'Iniciativa',
  'Plan',
  'Colombia',
  'Dos',
  'fentanyl',
  'fenta',
  'nyl',
  'AMLO',
  'PAN',
  'pan',
  'Morena',
  'elección',
  'cartel',
  'de',
  'Sinaloa',
  'Ini',
  'ciativa',
  'x',
  'ß',
  '😀',
  '\u00ad',
  'Ⅸ',
  // Long enough to be checked for a skipped parent (script) before it is read.
  `${'filler '.repeat(40)}AMLO fentanyl`,
];
const SEPARATORS = [' ', '', '', '\n  ', '\u00a0', ', ', '-', '.'];
/** White-space-only nodes (most text nodes of real pages: indentation between tags), soft hyphens among them. */
const WHITE = [' ', '\n    ', '\u00a0', '\t\u3000\n', ' \u00ad ', '\u00ad', '\ufeff', '\u2028 '];

type Tree =
  | { t: 'text'; s: string }
  | { t: 'el'; name: string; attrs: [string, string][]; kids: Tree[] }
  | { t: 'comment' };

const textArb: fc.Arbitrary<Tree> = fc
  .array(fc.tuple(fc.constantFrom(...WORDS), fc.constantFrom(...SEPARATORS)), { maxLength: 4 })
  .map((parts) => ({ t: 'text' as const, s: parts.map(([w, sep]) => w + sep).join('') }));

const ELEMENTS: { name: string; attrs: [string, string][] }[] = [
  { name: 'span', attrs: [] },
  { name: 'em', attrs: [] },
  { name: 'a', attrs: [['href', '#']] },
  { name: 'b', attrs: [] },
  { name: 'div', attrs: [] },
  { name: 'p', attrs: [] },
  { name: 'li', attrs: [] },
  { name: 'td', attrs: [] },
  { name: 'span', attrs: [['hidden', '']] },
  { name: 'div', attrs: [['hidden', '']] },
  { name: 'span', attrs: [['contenteditable', 'true']] },
  { name: 'div', attrs: [['contenteditable', '']] },
  { name: 'em', attrs: [['contenteditable', 'false']] },
  { name: 'script', attrs: [] },
  { name: 'button', attrs: [] },
  { name: 'code', attrs: [] },
  { name: 'img', attrs: [] },
];

const treeArb = fc.letrec<{ node: Tree; kids: Tree[] }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    { arbitrary: textArb, weight: 5 },
    { arbitrary: fc.constant<Tree>({ t: 'text', s: '' }), weight: 1 },
    { arbitrary: fc.constantFrom(...WHITE).map((s): Tree => ({ t: 'text', s })), weight: 2 },
    { arbitrary: fc.constant<Tree>({ t: 'comment' }), weight: 1 },
    { arbitrary: fc.constant<Tree>({ t: 'el', name: 'br', attrs: [], kids: [] }), weight: 1 },
    {
      arbitrary: fc
        .tuple(fc.constantFrom(...ELEMENTS), tie('kids'))
        .map(([e, kids]) => ({ t: 'el' as const, name: e.name, attrs: e.attrs, kids: kids as Tree[] })),
      weight: 4,
    },
  ),
  kids: fc.array(tie('node'), { maxLength: 5 }) as fc.Arbitrary<Tree[]>,
})).kids;

/** Builds the tree node by node (empty text nodes cannot be written in HTML). */
function render(doc: Document, parent: Node, trees: Tree[]): void {
  for (const tree of trees) {
    if (tree.t === 'text') parent.appendChild(doc.createTextNode(tree.s));
    else if (tree.t === 'comment') parent.appendChild(doc.createComment('Plan Colombia'));
    else {
      const el = doc.createElement(tree.name);
      for (const [k, v] of tree.attrs) el.setAttribute(k, v);
      render(doc, el, tree.kids);
      parent.appendChild(el);
    }
  }
}

const { document } = parseHTML('<!doctype html><html><head></head><body></body></html>');
const doc = document as unknown as Document;

/** A reading of blocks by one reader, in a comparable form (node identity as the node's index on the page). */
function readAll(blocks: Iterable<TextBlock>, matcher: Matcher, allNodes: Text[]) {
  const reader = new PageReader(matcher, new Map(ENTRIES.map((e) => [e.id, e])));
  const at = (n: Text) => allNodes.indexOf(n);
  const out: unknown[] = [];
  for (const b of blocks) {
    const r = reader.read(b);
    for (const m of r.accepted) out.push(['accept', m.seq, m.termId, m.text, m.why, at(m.start.node), m.start.offset]);
    for (const m of r.rejected) out.push(['reject', m.termId, m.text, m.why, at(m.start.node), m.start.offset]);
  }
  for (const m of reader.unresolved()) out.push(['unresolved', m.termId, m.text, at(m.start.node), m.start.offset]);
  return out;
}

function textNodes(root: Node): Text[] {
  const all: Text[] = [];
  const walk = (n: Node) => {
    for (let c = n.firstChild; c; c = c.nextSibling) {
      if (c.nodeType === 3) all.push(c as Text);
      else walk(c);
    }
  };
  walk(root);
  return all;
}

const sameBlock = (a: TextBlock, b: TextBlock) =>
  a.text === b.text &&
  a.container === b.container &&
  a.nodes.length === b.nodes.length &&
  a.nodes.every((n, i) => n === b.nodes[i] && a.starts[i] === b.starts[i]);

const compiledForChecks = compileMatcher(ENTRIES);
/**
 * The same sheet read without the stream (no dense table: `find` folds and searches every text), so
 * a fault of the stream cannot hide on both sides of the comparison.
 */
const unfiltered = (() => {
  const max = Automaton.MAX_DFA_ENTRIES;
  Object.defineProperty(Automaton, 'MAX_DFA_ENTRIES', { value: 0 });
  try {
    const m = compileMatcher(ENTRIES);
    if (m.textStream() !== null) throw new Error('the reference matcher must have no stream');
    return m;
  } finally {
    Object.defineProperty(Automaton, 'MAX_DFA_ENTRIES', { value: max });
  }
})();
const gateForChecks = gateWords(ENTRIES)!;

/** The property: the text-first scan yields a subset of the full walk's blocks, leaves out only blocks holding nothing, and reads the same. */
function checkReading(trees: Tree[], tally: { withMentions: number; skippedSome: number }): void {
  const compiled = compiledForChecks;
  const body = doc.body;
  body.replaceChildren();
  render(doc, body, trees);
  const reference = referenceBlocks(body);
  const all = textNodes(body);
  // Without a matcher: every block, exactly as before.
  const every = collectBlocks(body);
  expect(every.length).toBe(reference.length);
  for (const [i, b] of every.entries()) expect(sameBlock(b, reference[i]!)).toBe(true);
  // With one: a subset of those blocks (in order), and each block left out holds nothing.
  const found = [...iterateBlocks(body, compiled)].filter((b) => b.text !== '');
  let r = 0;
  for (const b of found) {
    while (r < reference.length && !sameBlock(b, reference[r]!)) {
      const f = unfiltered.find(reference[r]!.text);
      expect(f.mentions.length + f.contextIds.length + f.shadowed.length).toBe(0);
      r++;
    }
    expect(r).toBeLessThan(reference.length);
    r++;
  }
  for (; r < reference.length; r++) {
    const f = unfiltered.find(reference[r]!.text);
    expect(f.mentions.length + f.contextIds.length + f.shadowed.length).toBe(0);
  }
  if (found.length < reference.length) tally.skippedSome++;
  // The same reading, with the compiled and with a gated matcher (compiled mid-walk).
  const expected = readAll(reference, unfiltered, all);
  if (expected.length) tally.withMentions++;
  expect(readAll(iterateBlocks(body, compiled), compiled, all)).toEqual(expected);
  const gated = gatedMatcher(gateForChecks, () => compileMatcher(ENTRIES));
  expect(readAll(iterateBlocks(body, gated), gated, all)).toEqual(expected);
}

/** Mentions in the forms folding makes equal: case, accents, full width, a ligature, a soft hyphen. */
const PHRASES = [
  'fentanyl',
  'FENTANYL',
  'Fentanyl',
  'ﬀentanyl',
  'ｆｅｎｔａｎｙｌ',
  'fen\u00adtanyl',
  'Mérida Initiative',
  'MÉRIDA  Initiative',
  'Me\u0301rida\nInitiative',
  'Ｍérida Initiative',
  'Plan Colombia',
  'plan colombia dos',
  'AMLO',
  'Amlo',
  'ＡＭＬＯ',
  'PAN',
  'Morena',
  'cartel de Sinaloa',
  'elección',
  'ELECCION',
  // A ligature folds to two units (the stream cannot fold it on its own).
  'ﬁscalía',
  'FISCALIA',
];
/** What stands just before or after a mention: a word unit (no match there), a space, nothing, punctuation. */
const EDGES = ['', ' ', 'x', 'é', '(', 'ß', '\u00a0', '1'];
const SHORT_WRAPS = ['', '', 'span', 'em', 'b', 'a'];
/** Each mention in a block of its own or not. */
const BLOCKS = ['', 'p', 'div', 'li'];

const splitArb: fc.Arbitrary<Tree[]> = fc
  .array(
    fc.tuple(
      fc.constantFrom(...EDGES),
      fc.constantFrom(...PHRASES),
      fc.constantFrom(...EDGES),
      // Cut points: pieces of 1–3 units.
      fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 30, maxLength: 30 }),
      fc.array(fc.constantFrom(...SHORT_WRAPS), { minLength: 30, maxLength: 30 }),
      fc.constantFrom(...BLOCKS),
    ),
    { minLength: 1, maxLength: 3 },
  )
  .map((mentions) =>
    mentions.flatMap(([before, phrase, after, cuts, wraps, block]) => {
      const text = before + phrase + after;
      const out: Tree[] = [];
      for (let at = 0, i = 0; at < text.length; at += cuts[i % cuts.length]!, i++) {
        const piece: Tree = { t: 'text', s: text.slice(at, at + cuts[i % cuts.length]!) };
        const wrap = wraps[i % wraps.length]!;
        out.push(wrap ? { t: 'el', name: wrap, attrs: wrap === 'a' ? [['href', '#']] : [], kids: [piece] } : piece);
      }
      return block ? [{ t: 'el' as const, name: block, attrs: [], kids: out }] : out;
    }),
  );

describe('text-first scan', () => {
  it('yields exactly the former blocks that may hold something, and reads the same mentions', () => {
    const tally = { withMentions: 0, skippedSome: 0 };
    fc.assert(
      fc.property(treeArb, (trees) => checkReading(trees, tally)),
      { numRuns: RUNS, seed: SEED },
    );
    expect(tally.withMentions).toBeGreaterThan(RUNS / 10);
    expect(tally.skippedSome).toBeGreaterThan(RUNS / 10);
  });

  // What the stream must carry over node boundaries: a mention cut into nodes of 1–3 units at any
  // offset, in any case, accented or not, full width, with a word or a space just before it.
  it('reads mentions cut into short nodes at every offset, in every folded form, as the full walk does', () => {
    const tally = { withMentions: 0, skippedSome: 0 };
    fc.assert(
      fc.property(splitArb, (trees) => checkReading(trees, tally)),
      { numRuns: RUNS / 2, seed: SEED },
    );
    expect(tally.withMentions).toBeGreaterThan(RUNS / 10);
    expect(tally.skippedSome).toBeGreaterThan(RUNS / 50);
  });

  it("gives a released stream's buffers to the next scan only: scans interleaved on one matcher read alike", () => {
    const compiled = compileMatcher(ENTRIES);
    const { document } = parseHTML(
      `<html><body>${'<p>nothing here</p><p>AMLO y <b>fenta</b>nyl</p>'.repeat(40)}<p>Plan <i>Co</i>lombia</p></body></html>`,
    );
    const body = document.body as unknown as Element;
    const alone = [...iterateBlocks(body, compiled)].map((b) => b.text);
    const a = iterateBlocks(body, compiled);
    const b = iterateBlocks(body, compiled);
    const fromA: string[] = [];
    const fromB: string[] = [];
    // A stops early (its buffers are released), then C starts while B is still reading.
    for (let i = 0; i < 3; i++) {
      fromA.push(a.next().value!.text);
      fromB.push(b.next().value!.text);
    }
    a.return();
    const fromC = [...iterateBlocks(body, compiled)].map((x) => x.text);
    for (let r = b.next(); !r.done; r = b.next()) fromB.push(r.value.text);
    expect(fromA).toEqual(alone.slice(0, 3));
    expect(fromB).toEqual(alone);
    expect(fromC).toEqual(alone);
  });

  it('finds a mention at the start of a block that follows a word ("x</div><div>Plan Colombia")', () => {
    const matcher = compileMatcher(ENTRIES);
    const { document } = parseHTML(
      '<html><body><div>x</div><div>Plan Colombia</div><p>fenta<b>nyl</b>fentanyl</p><p>Mérida<br>Initiative</p></body></html>',
    );
    const blocks = [...iterateBlocks(document.body as unknown as Element, matcher)].map((b) => b.text);
    expect(blocks).toEqual(['Plan Colombia', 'fentanylfentanyl']);
  });

  it('yields an empty block now and then in a long stretch with nothing to find, so a sliced scan can stop', () => {
    const matcher = compileMatcher(ENTRIES);
    const { document } = parseHTML(
      `<html><body>${'<p>nothing to see here at all</p>'.repeat(3000)}<p>AMLO</p></body></html>`,
    );
    const blocks = [...iterateBlocks(document.body as unknown as Element, matcher)];
    expect(blocks.at(-1)!.text).toBe('AMLO');
    const empty = blocks.filter((b) => b.text === '');
    expect(empty.length).toBeGreaterThan(2);
    for (const b of empty) expect(b.nodes.length).toBe(1);
  });
});

/**
 * Counts the DOM reads a walk over linkedom's nodes makes (sibling steps and the text walker's steps),
 * so work per scan step is checked by counting, not by timing. Restored by the returned function.
 */
function countDomSteps(doc: Document): { reads: () => number; restore: () => void } {
  let reads = 0;
  const restores: (() => void)[] = [];
  const wrap = (from: object, name: string) => {
    let proto: object | null = from;
    while (proto && !Object.hasOwn(proto, name)) proto = Object.getPrototypeOf(proto);
    if (!proto) throw new Error(`no ${name}`);
    const owner = proto;
    const desc = Object.getOwnPropertyDescriptor(owner, name)!;
    const counted = desc.get
      ? {
          ...desc,
          get(this: unknown) {
            reads++;
            return desc.get!.call(this);
          },
        }
      : {
          ...desc,
          value(this: unknown, ...args: unknown[]) {
            reads++;
            return (desc.value as (...a: unknown[]) => unknown).apply(this, args);
          },
        };
    Object.defineProperty(owner, name, counted);
    restores.push(() => Object.defineProperty(owner, name, desc));
  };
  const text = doc.createTextNode('x');
  wrap(text, 'nextSibling');
  wrap(text, 'previousSibling');
  wrap(doc.createTreeWalker(doc.body, 4), 'nextNode');
  return {
    reads: () => reads,
    restore: () => {
      for (const r of restores) r();
    },
  };
}

describe('a block of thousands of inline elements', () => {
  // archive-of-our-own's kudos: 3,700 linked names in one paragraph, one block of 15,000 nodes.
  const names = Array.from({ length: 6000 }, (_, i) => `<a href="/users/u${i}">u${i}</a>, `).join('');
  const html = `<html><body><p>before AMLO</p><p>${names}<span hidden>fentanyl</span>AMLO and <b>fenta</b>nyl</p><p>Plan Colombia</p></body></html>`;

  it('is built and walked past over several scan steps, each bounded, and read whole', () => {
    const { document } = parseHTML(html);
    const d = document as unknown as Document;
    const body = d.body;
    const expected = readAll(referenceBlocks(body), unfiltered, textNodes(body));
    const matcher = compileMatcher(ENTRIES);
    const counter = countDomSteps(d);
    const steps: { reads: number; text: string }[] = [];
    try {
      const blocks = iterateBlocks(body, matcher);
      for (;;) {
        const before = counter.reads();
        const next = blocks.next();
        if (next.done) break;
        steps.push({ reads: counter.reads() - before, text: next.value.text });
      }
    } finally {
      counter.restore();
    }
    const total = steps.reduce((n, s) => n + s.reads, 0);
    // The block alone takes over 30,000 reads: in one step, it would be one long task.
    expect(total).toBeGreaterThan(30_000);
    expect(Math.max(...steps.map((s) => s.reads))).toBeLessThanOrEqual(3 * BLOCK_STEPS_PER_PAUSE);
    const big = steps.findIndex((s) => s.text.length > 6000 * 4);
    expect(steps[big]!.text).toBe(`${names.replace(/<[^>]+>/g, '')}AMLO and fentanyl`);
    expect(steps.slice(0, big).filter((s) => s.text === '').length).toBeGreaterThan(5);
    // Read the same as the former full walk.
    expect(readAll(iterateBlocks(body, matcher), matcher, textNodes(body))).toEqual(expected);
  });
});

describe('text-first scan on the real-page corpus', () => {
  const entries = loadFactSheetDir(`${REPO_ROOT}/data/terms`);
  const index = buildIndex(entries, gateWords(entries));
  it.each(corpusPages().map((p) => [p.file, p.path]))('%s: same mentions and rejections', (_file, path) => {
    const { document } = parseHTML(readFileSync(path, 'utf8'));
    const body = document.body as unknown as Element;
    const all = textNodes(body);
    const shape = (r: ReturnType<typeof readDocument>) => ({
      mentions: r.mentions.map((m) => [m.termId, m.text, m.why, all.indexOf(m.start.node), m.start.offset]),
      rejected: r.rejected.map((m) => [m.termId, m.text, m.why, all.indexOf(m.start.node), m.start.offset]),
    });
    const fresh = buildIndex(entries, gateWords(entries));
    const reader = new PageReader(fresh.matcher, fresh.byId);
    const mentions: (ReturnType<typeof reader.read>['accepted'][number] & { seq: number })[] = [];
    const rejected: ReturnType<typeof reader.read>['rejected'] = [];
    for (const b of referenceBlocks(body)) {
      const r = reader.read(b);
      mentions.push(...r.accepted);
      rejected.push(...r.rejected);
    }
    for (const m of reader.unresolved()) rejected.push({ ...m, why: 'no-evidence' });
    mentions.sort((a, b) => a.seq - b.seq);
    expect(shape(readDocument(document as unknown as Document, index))).toEqual(shape({ mentions, rejected }));
  });
});
