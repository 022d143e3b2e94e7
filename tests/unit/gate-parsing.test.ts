/**
 * The loader's looks while a page parses (src/page/gate-check.ts `parsedLooks`): each look reads
 * from the block the last one ended in, so together they read what is parsed about once. Checked on
 * random pages "parsed" the way a parser builds them (nodes appended at the end, text appended to the
 * last text node), with looks between random steps: the looks must open exactly when a tester of the
 * whole page does, without the look at DOMContentLoaded. And `iterateBlocks(root, matcher, from)`
 * yields the whole walk's blocks from `from`'s on.
 */
import fc from 'fast-check';
import { parseHTML } from 'linkedom';
import { gate as bundledKeys, gateIndex } from 'virtual:contexto-factsheet/gate';
import { describe, expect, it } from 'vitest';
import { gateTester, parsedLooks } from '../../src/page/gate-check';
import { iterateBlocks, lastBlockStart } from '../../src/page/scan';
import { liveTextWalker } from './live-walker';

const RUNS = 600;
const SEED = Number(process.env.FC_SEED ?? 20261130);

const gateWordList = [...new Set(bundledKeys!.flatMap((k) => k.split(' ')))];
const FILLER = ['the', 'news', 'de', 'la', 'über', '2026'];

/** `compareDocumentPosition` as browsers answer it (linkedom's compares depths). */
function compareDocumentPosition(this: Node, other: Node): number {
  if (this === other) return 0;
  if (this.contains(other)) return 4 | 16;
  if (other.contains(this)) return 2 | 8;
  const path = (n: Node) => {
    const up: Node[] = [];
    for (let m: Node | null = n; m; m = m.parentNode) up.unshift(m);
    return up;
  };
  const a = path(this);
  const b = path(other);
  let i = 0;
  while (a[i] === b[i]) i++;
  const siblings = [...a[i - 1]!.childNodes];
  return siblings.indexOf(a[i] as ChildNode) < siblings.indexOf(b[i] as ChildNode) ? 4 : 2;
}

function newDocument(): Document {
  const { document } = parseHTML('<!doctype html><html><body></body></html>');
  const doc = document as unknown as Document;
  (doc as { createTreeWalker: unknown }).createTreeWalker = liveTextWalker;
  let proto: object | null = doc.body;
  while (proto && !Object.hasOwn(proto, 'compareDocumentPosition')) proto = Object.getPrototypeOf(proto);
  Object.defineProperty(proto, 'compareDocumentPosition', { value: compareDocumentPosition, configurable: true });
  return doc;
}

const wordArb = fc.oneof(
  { weight: 1, arbitrary: fc.constantFrom(...gateWordList) },
  { weight: 4, arbitrary: fc.constantFrom(...FILLER) },
);
/** A word cut in two text nodes, the second maybe in an inline element (a fragment: tag ''). */
const cutWordArb = fc
  .tuple(wordArb, fc.nat(), fc.boolean(), fc.constantFrom(' ', ''))
  .map(([w, n, wrap, sep]): Piece => {
    const at = n % (w.length + 1);
    const rest = `${w.slice(at)}${sep}`;
    return {
      tag: '',
      hidden: false,
      children: [w.slice(0, at), wrap ? { tag: 'b', hidden: false, children: [rest] } : rest],
    };
  });
/** Inline or block pieces, some hidden or skipped by name, nested up to two levels. */
const nodeArb = fc.letrec<{ node: unknown }>((tie) => ({
  node: fc.oneof(
    { weight: 4, arbitrary: fc.tuple(wordArb, fc.constantFrom(' ', '', '\n')).map(([w, s]) => `${w}${s}`) },
    { weight: 3, arbitrary: cutWordArb },
    {
      weight: 2,
      arbitrary: fc.record({
        tag: fc.constantFrom('p', 'div', 'span', 'b', 'em', 'script', 'li'),
        hidden: fc.boolean(),
        children: fc.array(tie('node'), { maxLength: 4 }),
      }),
    },
  ),
}));
type Piece = string | { tag: string; hidden: boolean; children: Piece[] };
const pageArb = fc.record({
  body: fc.array(nodeArb.node as fc.Arbitrary<Piece>, { minLength: 1, maxLength: 6 }),
  /** Where looks happen, as fractions of the parser's steps. */
  looks: fc.array(fc.nat(1000), { maxLength: 6 }),
  /** Text appended in two steps (the second to the same node) where this divides a piece's index. */
  split: fc.integer({ min: 1, max: 4 }),
});

/** The parser's steps building `pieces` under `parent`, in order. */
function steps(doc: Document, parent: Element, pieces: Piece[], split: number, out: (() => void)[]): void {
  pieces.forEach((p, i) => {
    if (typeof p === 'string') {
      const text = doc.createTextNode('');
      if (i % split === 0 && p.length > 1) {
        const cut = Math.ceil(p.length / 2);
        out.push(() => {
          text.data = p.slice(0, cut);
          parent.appendChild(text);
        });
        out.push(() => text.appendData(p.slice(cut)));
      } else
        out.push(() => {
          text.data = p;
          parent.appendChild(text);
        });
      return;
    }
    if (p.tag === '') {
      steps(doc, parent, p.children, split, out);
      return;
    }
    const el = doc.createElement(p.tag);
    if (p.hidden) el.setAttribute('hidden', '');
    out.push(() => parent.appendChild(el));
    steps(doc, el, p.children, split, out);
  });
}

describe('looks at a parsing page', () => {
  it('open, looking only at what is new each time, exactly when the whole page did at one of the looks', () => {
    let opened = 0;
    let shut = 0;
    fc.assert(
      fc.property(pageArb, ({ body, looks, split }) => {
        const doc = newDocument();
        const all: (() => void)[] = [];
        steps(doc, doc.body, body, split, all);
        const at = new Set(looks.map((l) => Math.floor((l / 1000) * all.length)));
        const opens = gateTester(gateIndex);
        const look = parsedLooks(doc);
        let open = false;
        // A word may be whole for a while ("droga" before "trump" is appended to it): what the page held at any look counts.
        let wholeOpen = false;
        const lookNow = () => {
          wholeOpen ||= gateTester(gateIndex)(doc.body);
          open ||= look(opens);
        };
        all.forEach((step, i) => {
          step();
          if (!open && at.has(i)) lookNow();
        });
        // The last look, as the parser ends (no look at DOMContentLoaded).
        if (!open) lookNow();
        expect(open).toBe(wholeOpen);
        if (open) opened++;
        else shut++;
      }),
      { numRuns: RUNS, seed: SEED, endOnFailure: true },
    );
    expect(opened).toBeGreaterThan(RUNS / 20);
    expect(shut).toBeGreaterThan(RUNS / 20);
  });

  it('reads the text once, but for the block the last look ended in', () => {
    const doc = newDocument();
    const opens = gateTester(gateIndex);
    const look = parsedLooks(doc);
    const read: string[] = [];
    const counting = (root: Element, from?: Text | null) => {
      for (const block of iterateBlocks(root, undefined, from)) read.push(block.text);
      return opens(root, from);
    };
    doc.body.innerHTML = '<div><p>first news</p><p>second <b>news</b></p></div>';
    expect(look(counting)).toBe(false);
    expect(read).toEqual(['first news', 'second news']);
    read.length = 0;
    (doc.body.querySelector('p:last-child') as Element).append(' more');
    doc.body.querySelector('div')!.append(doc.createElement('p'));
    doc.body.querySelector('div p:last-child')!.append('third');
    expect(look(counting)).toBe(false);
    expect(read).toEqual(['second news more', 'third']);
  });

  it('start where the last block starts, and past a hidden subtree holding it', () => {
    const doc = newDocument();
    doc.body.innerHTML = '<p>one</p><p>two <b>three</b><span hidden>x <i>y</i></span></p>';
    const from = lastBlockStart(doc.body)!;
    expect(from.data).toBe('two ');
    expect([...iterateBlocks(doc.body, undefined, from)].map((b) => b.text)).toEqual(['two three']);
    const inside = doc.body.querySelector('i')!.firstChild as Text;
    expect([...iterateBlocks(doc.body, undefined, inside)].map((b) => b.text)).toEqual([]);
    doc.body.append('four');
    expect([...iterateBlocks(doc.body, undefined, inside)].map((b) => b.text)).toEqual(['four']);
    expect(lastBlockStart(newDocument().body)).toBe(null);
  });
});

describe('iterateBlocks from a block start', () => {
  it("yields the whole walk's blocks from that block on", () => {
    fc.assert(
      fc.property(pageArb, ({ body, split }) => {
        const doc = newDocument();
        const all: (() => void)[] = [];
        steps(doc, doc.body, body, split, all);
        for (const step of all) step();
        const blocks = [...iterateBlocks(doc.body)];
        blocks.forEach((b, i) => {
          const rest = [...iterateBlocks(doc.body, undefined, b.nodes[0])];
          expect(rest.map((r) => r.text)).toEqual(blocks.slice(i).map((r) => r.text));
        });
      }),
      { numRuns: RUNS, seed: SEED, endOnFailure: true },
    );
  });
});
