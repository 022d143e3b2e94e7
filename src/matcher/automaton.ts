/**
 * Aho–Corasick automaton over UTF-16 code units. All patterns are found in one
 * pass, so the cost of a search grows with the text, not with the number of patterns.
 *
 * Built in flat typed arrays (no object per node): every frame builds it at start-up, and
 * a map and an array per state cost more in allocation and garbage collection than the
 * building itself. Only the trie is built up front; fail links, outputs and the DFA's entries
 * are worked out the first time a text reaches them (`Automaton.next`), so a frame pays for the
 * few hundred nodes its text visits, not the sheet's thousands.
 */
const RING_MASK = 1023;
/** A link table before the trie is built. */
const EMPTY = new Int32Array(0);
const PIECE_MASK = 255;

/** A prefilter fed a text piece by piece (`Automaton.stream`). */
export interface TextStream {
  /** Reads the next piece; true when a pattern may end in it (read no further piece before `reset`). */
  feed(piece: string): boolean;
  /** Starts over, as at the start of a text. */
  reset(): void;
  /** Hands its buffers to the next stream of the same automaton: read no further piece. */
  release(): void;
}

interface Dfa {
  /**
   * The next node + 1 (0: not worked out yet: `Automaton.next`). 16-bit when every node fits: half
   * the memory each scanning frame holds (no faster in side-by-side runs). Never written up front:
   * a fresh table's memory costs nothing until touched.
   */
  delta: Uint16Array | Int32Array;
  stride: number;
}

/** `Automaton.outs`: not worked out yet, no pattern ends at the node or along its fail chain, some does. */
const OUTS_UNKNOWN = 0;
const OUTS_NONE = 1;
const OUTS_SOME = 2;

interface StreamBuffers {
  /** ring[k & RING_MASK]: 1 when the stream's unit k is a word unit. */
  ring: Uint8Array;
  /** Where the last pieces started (stream offsets, ascending; repeated offsets kept once). */
  pieceStarts: Int32Array;
}

/** `UnitTable` codes below UNIT_CLASS; from it on, `UNIT_CLASS + (class << 1 | word unit)`. */
const UNIT_UNKNOWN = 0;
const UNIT_SPACE = 1;
const UNIT_DROP = 2;
const UNIT_COMPLEX = 3;
const UNIT_CLASS = 4;

/**
 * Per raw UTF-16 code unit, in one number, what the stream needs: folded to a space, to nothing,
 * needing the full fold (any other negative answer of the fold), or its folded unit's DFA class and whether that unit is a word unit.
 * One table lookup per character instead of a fold, a class lookup and a word test.
 */
class UnitTable {
  /** A byte per unit when every code fits: a quarter of the memory. */
  readonly codes: Uint8Array | Int32Array;
  readonly spaceClass: number;

  constructor(
    readonly foldUnit: (code: number) => number,
    private readonly drop: number,
    readonly isWord: (unit: number) => boolean,
    private readonly classOf: Uint16Array,
    classes: number,
  ) {
    this.spaceClass = classOf[0x20]!;
    this.codes = UNIT_CLASS + (classes << 1) + 1 <= 0xff ? new Uint8Array(0x10000) : new Int32Array(0x10000);
  }

  /** The code of `code` (filled on first sight). */
  fill(code: number): number {
    const u = this.foldUnit(code);
    const c =
      u === 0x20
        ? UNIT_SPACE
        : u < 0
          ? u === this.drop
            ? UNIT_DROP
            : UNIT_COMPLEX
          : UNIT_CLASS + ((this.classOf[u]! << 1) | (this.isWord(u) ? 1 : 0));
    this.codes[code] = c;
    return c;
  }
}

/** `Automaton.stream`: state and tables in its own fields, one loop without calls per character. */
class Stream implements TextStream {
  private pieces = 0;
  private node = 0;
  private k = 0;
  // As in foldText: leading white space is dropped and a run of it is one space.
  private lastWasSpace = true;
  private readonly ring: Uint8Array;
  private readonly pieceStarts: Int32Array;
  private readonly delta: Uint16Array | Int32Array;
  private readonly stride: number;
  private readonly outs: Uint8Array;
  private readonly codes: Uint8Array | Int32Array;
  private readonly spaceClass: number;

  constructor(
    private readonly owner: Automaton,
    dfa: Dfa,
    private readonly units: UnitTable,
    private readonly buffers: StreamBuffers,
    private readonly outHead: Int32Array,
    private readonly outLink: Int32Array,
    private readonly patternLength: Int32Array,
  ) {
    this.ring = buffers.ring;
    this.pieceStarts = buffers.pieceStarts;
    this.delta = dfa.delta;
    this.stride = dfa.stride;
    this.outs = owner.outState;
    this.codes = units.codes;
    this.spaceClass = units.spaceClass;
  }

  release(): void {
    this.owner.keepSpare(this.buffers);
  }

  reset(): void {
    this.node = 0;
    this.k = 0;
    this.pieces = 0;
    this.lastWasSpace = true;
  }

  feed(text: string): boolean {
    const { ring, pieceStarts, delta, stride, outs, codes, owner } = this;
    let k = this.k;
    let node = this.node;
    let lastWasSpace = this.lastWasSpace;
    const pieces = this.pieces;
    if (pieces === 0 || pieceStarts[(pieces - 1) & PIECE_MASK] !== k) {
      pieceStarts[pieces & PIECE_MASK] = k;
      this.pieces = pieces + 1;
    }
    const n = text.length;
    // Most text nodes of most pages are white space only (indentation between tags): every unit
    // of those folds to a space (tests/unit/matcher.test.ts), so they are at most one space unit,
    // found by the engine's own trim instead of a lookup per character. Three units are looked at
    // first, so a text with words is seldom trimmed (a copy).
    if (
      codes[text.charCodeAt(0)] === UNIT_SPACE &&
      codes[text.charCodeAt(n - 1)] === UNIT_SPACE &&
      codes[text.charCodeAt(n >> 1)] === UNIT_SPACE &&
      text.trim() === ''
    ) {
      if (lastWasSpace) return false;
      this.lastWasSpace = true;
      ring[k & RING_MASK] = 0;
      this.k = ++k;
      const to = delta[node * stride + this.spaceClass]!;
      node = this.node = to !== 0 ? to - 1 : owner.next(node, this.spaceClass);
      return outs[node] === OUTS_SOME && this.mayMatchAt(node, k);
    }
    const table = this.units;
    const spaceClass = this.spaceClass;
    let found = false;
    for (let i = 0; i < n; i++) {
      const code = text.charCodeAt(i);
      let c = codes[code]!;
      if (c === UNIT_UNKNOWN) c = table.fill(code);
      let cls: number;
      if (c >= UNIT_CLASS) {
        lastWasSpace = false;
        cls = (c - UNIT_CLASS) >> 1;
        ring[k & RING_MASK] = (c - UNIT_CLASS) & 1;
      } else if (c === UNIT_SPACE) {
        if (lastWasSpace) continue;
        lastWasSpace = true;
        cls = spaceClass;
        ring[k & RING_MASK] = 0;
      } else if (c === UNIT_DROP) continue;
      else {
        found = true;
        break;
      }
      k++;
      const to = delta[node * stride + cls]!;
      node = to !== 0 ? to - 1 : owner.next(node, cls);
      if (outs[node] === OUTS_SOME && this.mayMatchAt(node, k)) {
        found = true;
        break;
      }
    }
    this.k = k;
    this.node = node;
    this.lastWasSpace = lastWasSpace;
    return found;
  }

  /** A pattern ending at unit k - 1 (the DFA at `node`) may be a match: not inside a word, or where a piece starts. */
  private mayMatchAt(node: number, k: number): boolean {
    const { outHead, outLink, patternLength, ring } = this;
    for (let o = outHead[node]! >= 0 ? node : outLink[node]!; o > 0; o = outLink[o]!) {
      // Every pattern ending at node o has its depth as length.
      const length = patternLength[outHead[o]!]!;
      const start = k - length;
      // Longer than the ring, not inside a word, or where a piece starts: may be a match.
      if (length >= RING_MASK || ring[(start - 1) & RING_MASK] === 0 || ring[start & RING_MASK] === 0) return true;
      if (this.startsPiece(start)) return true;
    }
    return false;
  }

  private startsPiece(at: number): boolean {
    const { pieces, pieceStarts } = this;
    for (let j = pieces - 1; j >= 0 && j > pieces - PIECE_MASK; j--) {
      const s = pieceStarts[j & PIECE_MASK]!;
      if (s <= at) return s === at;
    }
    // Older than the pieces remembered: may be one.
    return true;
  }
}

export class Automaton {
  /** The trie as lists: each node's first child, the next child of the same parent (0: none; the root is never a child). */
  private readonly firstChild: Int32Array;
  private readonly nextSibling: Int32Array;
  /** The code unit on the edge into each node. */
  private readonly label: Uint16Array;
  /** Each node's parent. */
  private readonly parent: Int32Array;
  /** Each node's fail link + 1 (0: not worked out yet; `failOf`). */
  private fail = EMPTY;
  /** First pattern ending exactly at each node (-1: none); `outNext[pattern]` the next one there, in pattern order. */
  private outHead = EMPTY;
  private readonly outNext: Int32Array;
  private readonly patternLength: Int32Array;
  /** Nearest node on the fail chain that has outputs (0: none), once `outState` is worked out. */
  private outLink = EMPTY;
  /** Per node: OUTS_UNKNOWN, OUTS_NONE or OUTS_SOME (`outs`). Every node a DFA entry leads to has it. */
  outState: Uint8Array = new Uint8Array(1);
  /** Dense transition table for the root: most text characters start nothing. */
  private readonly rootNext = new Int32Array(0x10000);
  /** Code unit → class (0: in no pattern), and each class's code unit. */
  private readonly classOf = new Uint16Array(0x10000);
  private codeOf: number[] = [0];
  /**
   * The same automaton as a DFA, when small enough: `delta[node * stride + class]` the next node
   * with fail links followed, filled as texts reach it.
   */
  private dfa: Dfa | null = null;
  /** Buffers of a released stream, for the next one. */
  private spare: StreamBuffers | null = null;
  /** What each raw code unit is to the stream (made on first use, filled as units are met). */
  private units: UnitTable | null = null;
  /** The stream `mayOccurIn` reads each text with (made on first use). */
  private single: TextStream | null | undefined;
  /** The rest of the build while it is not done (`buildStep`); null once built. */
  private building: Iterator<void> | null;

  /** Largest DFA table (entries) made; bigger imported sheets keep the list-based search. */
  static readonly MAX_DFA_ENTRIES = 4_000_000;
  /** Patterns put in the trie per build step. */
  static readonly PATTERNS_PER_STEP = 128;

  /**
   * `inSteps`: build nothing yet; `buildStep` builds a piece at a time (so a page's task is not
   * held for a whole cold build), and a search first finishes what is left. Without it, built now.
   */
  constructor(
    private readonly patterns: readonly string[],
    inSteps = false,
  ) {
    let capacity = 1;
    for (const p of patterns) capacity += p.length;
    this.firstChild = new Int32Array(capacity);
    this.nextSibling = new Int32Array(capacity);
    this.label = new Uint16Array(capacity);
    this.parent = new Int32Array(capacity);
    this.patternLength = new Int32Array(patterns.length);
    this.outNext = new Int32Array(patterns.length).fill(-1);
    this.building = this.build();
    if (!inSteps) this.built();
  }

  /** Builds the next piece; false once the automaton is built. */
  buildStep(): boolean {
    if (!this.building) return false;
    if (!this.building.next().done) return true;
    this.building = null;
    return false;
  }

  /** Finishes the build (what a search needs first). */
  private built(): void {
    while (this.buildStep());
  }

  /** The trie, yielding between pieces, then the tables its links are worked out in. */
  private *build(): Generator<void, void, undefined> {
    const { patterns } = this;
    const ends = new Int32Array(patterns.length);
    let nodes = 1;
    for (let index = 0; index < patterns.length; index++) {
      if (index % Automaton.PATTERNS_PER_STEP === Automaton.PATTERNS_PER_STEP - 1) yield;
      const p = patterns[index]!;
      this.patternLength[index] = p.length;
      if (p.length === 0) continue;
      let node = 0;
      for (let i = 0; i < p.length; i++) {
        const code = p.charCodeAt(i);
        let child = this.child(node, code);
        if (child === 0) {
          child = nodes++;
          this.label[child] = code;
          this.parent[child] = node;
          this.nextSibling[child] = this.firstChild[node]!;
          this.firstChild[node] = child;
          if (node === 0) this.rootNext[code] = child;
          if (this.classOf[code] === 0) {
            this.classOf[code] = this.codeOf.length;
            this.codeOf.push(code);
          }
        }
        node = child;
      }
      ends[index] = node;
    }
    this.outHead = new Int32Array(nodes).fill(-1);
    // Backwards, so each node's list comes out in pattern order (ties between equal mentions keep it).
    for (let index = patterns.length - 1; index >= 0; index--) {
      if (patterns[index]!.length === 0) continue;
      this.outNext[index] = this.outHead[ends[index]!]!;
      this.outHead[ends[index]!] = index;
    }
    this.fail = new Int32Array(nodes);
    this.outLink = new Int32Array(nodes);
    this.outState = new Uint8Array(nodes);
    this.outState[0] = OUTS_NONE;
    const stride = this.codeOf.length;
    if (nodes * stride <= Automaton.MAX_DFA_ENTRIES && stride <= 0xffff)
      this.dfa = {
        delta: nodes < 0xffff ? new Uint16Array(nodes * stride) : new Int32Array(nodes * stride),
        stride,
      };
  }

  /** The child of `node` along `code` (0: none). */
  private child(node: number, code: number): number {
    if (node === 0) return this.rootNext[code]!;
    for (let c = this.firstChild[node]!; c !== 0; c = this.nextSibling[c]!) if (this.label[c] === code) return c;
    return 0;
  }

  /** The fail link of `node`: the node of its longest proper suffix that is in the trie. */
  private failOf(node: number): number {
    if (node === 0) return 0;
    const known = this.fail[node]!;
    if (known !== 0) return known - 1;
    const up = this.parent[node]!;
    const f = up === 0 ? 0 : this.step(this.failOf(up), this.label[node]!);
    this.fail[node] = f + 1;
    return f;
  }

  /** Where `node` goes on `code`, fail links followed. */
  private step(node: number, code: number): number {
    if (this.dfa) {
      const cls = this.classOf[code]!;
      const to = this.dfa.delta[node * this.dfa.stride + cls]!;
      return to !== 0 ? to - 1 : this.next(node, cls);
    }
    let g = node;
    while (g !== 0 && this.child(g, code) === 0) g = this.failOf(g);
    const to = this.child(g, code);
    this.outs(to);
    return to;
  }

  /**
   * Works out `delta[node * stride + cls]` (0 there: not yet) and the outputs of where it leads, and
   * returns that node. Every node on the fail chain before the first one that knows the answer or
   * has a child along cls has none: they all lead there too.
   */
  next(node: number, cls: number): number {
    const { delta, stride } = this.dfa!;
    const code = this.codeOf[cls]!;
    let g = node;
    let to: number;
    for (;;) {
      const known = delta[g * stride + cls]!;
      if (known !== 0) {
        to = known - 1;
        break;
      }
      // Class 0 is in no pattern: every node goes back to the root.
      to = cls === 0 ? 0 : this.child(g, code);
      if (to !== 0 || g === 0 || cls === 0) break;
      g = this.failOf(g);
    }
    this.outs(to);
    for (let h = node; ; h = this.failOf(h)) {
      delta[h * stride + cls] = to + 1;
      if (h === g) break;
    }
    return to;
  }

  /** Works out whether a pattern ends at `node`, on it or along its fail chain (`outState`, `outLink`). */
  private outs(node: number): void {
    if (this.outState[node] !== OUTS_UNKNOWN) return;
    const f = this.failOf(node);
    this.outs(f);
    const link = this.outHead[f]! >= 0 ? f : this.outLink[f]!;
    this.outLink[node] = link;
    this.outState[node] = this.outHead[node]! >= 0 || link > 0 ? OUTS_SOME : OUTS_NONE;
  }

  /**
   * False when no pattern occurs in `text` once folded (`foldUnit`: `foldUnitOf`) starting at a word
   * start, read without building the folded text; true when one may (a pattern's end is reached at a
   * word start, a character needs the full fold, or the automaton has no dense table). Most blocks of
   * most pages hold nothing, and in English most raw hits are inside words ("ice" in "police").
   * `isWord` is the matcher's word-unit test.
   */
  mayOccurIn(
    text: string,
    foldUnit: (code: number) => number,
    drop: number,
    isWord: (unit: number) => boolean,
  ): boolean {
    this.single ??= this.stream(foldUnit, drop, isWord);
    if (!this.single) return true;
    this.single.reset();
    return this.single.feed(text);
  }

  /**
   * The test of `mayOccurIn` over a text read in pieces (a page's text nodes in order), so a
   * pattern split over pieces ("Mérida <em>Initiative</em>") is still seen; null without a dense
   * table. A text may start at any piece (a block starts at a text node), so a hit starting
   * where a piece starts always counts, even inside a word of the stream.
   */
  stream(foldUnit: (code: number) => number, drop: number, isWord: (unit: number) => boolean): TextStream | null {
    this.built();
    if (!this.dfa) return null;
    if (!this.units || this.units.foldUnit !== foldUnit || this.units.isWord !== isWord)
      this.units = new UnitTable(foldUnit, drop, isWord, this.classOf, this.dfa.stride - 1);
    // Reused from a released stream: making typed arrays cost more than a small page's whole scan.
    const buffers = this.spare ?? { ring: new Uint8Array(RING_MASK + 1), pieceStarts: new Int32Array(PIECE_MASK + 1) };
    this.spare = null;
    return new Stream(this, this.dfa, this.units, buffers, this.outHead, this.outLink, this.patternLength);
  }

  /** Takes back a released stream's buffers. */
  keepSpare(buffers: StreamBuffers): void {
    this.spare = buffers;
  }

  /** Calls `onMatch(pattern, start, end)` for every occurrence in `units[0..length)`. */
  search(units: Uint16Array, length: number, onMatch: (pattern: number, start: number, end: number) => void): void {
    this.built();
    const { outHead, outNext, outLink, patternLength, outState } = this;
    const report = (node: number, end: number) => {
      for (let o = outHead[node]! >= 0 ? node : outLink[node]!; o > 0; o = outLink[o]!)
        for (let p = outHead[o]!; p >= 0; p = outNext[p]!) onMatch(p, end - patternLength[p]!, end);
    };
    if (this.dfa) {
      const { delta, stride } = this.dfa;
      const { classOf } = this;
      let node = 0;
      for (let i = 0; i < length; i++) {
        const cls = classOf[units[i]!]!;
        const to = delta[node * stride + cls]!;
        node = to !== 0 ? to - 1 : this.next(node, cls);
        if (outState[node] === OUTS_SOME) report(node, i + 1);
      }
      return;
    }
    const { rootNext } = this;
    let node = 0;
    for (let i = 0; i < length; i++) {
      const code = units[i]!;
      node = node === 0 ? rootNext[code]! : this.step(node, code);
      if (node === 0) continue;
      this.outs(node);
      report(node, i + 1);
    }
  }
}
