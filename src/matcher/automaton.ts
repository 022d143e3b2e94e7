/**
 * Aho–Corasick automaton over UTF-16 code units. All patterns are found in one
 * pass, so the cost of a search grows with the text, not with the number of patterns.
 *
 * Built in flat typed arrays (no object per node): every frame builds it at start-up, and
 * a map and an array per state cost more in allocation and garbage collection than the
 * building itself.
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
  classOf: Uint16Array;
  /** 16-bit when every node fits: half the memory each scanning frame holds (no faster in side-by-side runs). */
  delta: Uint16Array | Int32Array;
  stride: number;
  hasOut: Uint8Array;
}

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
  private readonly hasOut: Uint8Array;
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
    this.hasOut = dfa.hasOut;
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
    const { ring, pieceStarts, delta, stride, hasOut, codes } = this;
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
      node = this.node = delta[node * stride + this.spaceClass]!;
      return hasOut[node] !== 0 && this.mayMatchAt(node, k);
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
      node = delta[node * stride + cls]!;
      if (hasOut[node] !== 0 && this.mayMatchAt(node, k)) {
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
  private fail = EMPTY;
  /** First pattern ending exactly at each node (-1: none); `outNext[pattern]` the next one there, in pattern order. */
  private outHead = EMPTY;
  private readonly outNext: Int32Array;
  private readonly patternLength: Int32Array;
  /** Nearest node on the fail chain that has outputs (-1: none). */
  private outLink = EMPTY;
  /** Dense transition table for the root: most text characters start nothing. */
  private readonly rootNext = new Int32Array(0x10000);
  /**
   * The same automaton as a full DFA, when small enough: code unit → class (0: in no pattern),
   * and `delta[node * stride + class]` the next node with fail links already followed.
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

  /** Largest DFA table (entries) built; bigger imported sheets keep the list-based search. */
  static readonly MAX_DFA_ENTRIES = 4_000_000;
  /** Patterns put in the trie, and nodes linked, per build step. */
  static readonly PATTERNS_PER_STEP = 128;
  static readonly NODES_PER_STEP = 512;

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

  /** The trie, then its links, yielding between pieces. */
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
          this.nextSibling[child] = this.firstChild[node]!;
          this.firstChild[node] = child;
          if (node === 0) this.rootNext[code] = child;
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
    this.outLink = new Int32Array(nodes).fill(-1);
    yield* this.link(nodes);
  }

  /** The child of `node` along `code` (0: none). */
  private child(node: number, code: number): number {
    if (node === 0) return this.rootNext[code]!;
    for (let c = this.firstChild[node]!; c !== 0; c = this.nextSibling[c]!) if (this.label[c] === code) return c;
    return 0;
  }

  /** Fail and output links in breadth-first order, and the DFA with them when it is small enough. */
  private *link(nodes: number): Generator<void, void, undefined> {
    const { firstChild, nextSibling, label, fail, outHead, outLink } = this;
    const classOf = new Uint16Array(0x10000);
    let classes = 0;
    for (let n = 1; n < nodes; n++) if (classOf[label[n]!] === 0) classOf[label[n]!] = ++classes;
    const stride = classes + 1;
    const dense = nodes * stride <= Automaton.MAX_DFA_ENTRIES && classes < 0xffff;
    const delta = dense ? (nodes <= 0xffff ? new Uint16Array(nodes * stride) : new Int32Array(nodes * stride)) : null;
    const queue = new Int32Array(nodes);
    let tail = 0;
    for (let c = firstChild[0]!; c !== 0; c = nextSibling[c]!) {
      queue[tail++] = c;
      if (delta) delta[classOf[label[c]!]!] = c;
    }
    for (let q = 0; q < tail; q++) {
      if (q % Automaton.NODES_PER_STEP === Automaton.NODES_PER_STEP - 1) yield;
      const node = queue[q]!;
      const f = fail[node]!;
      if (delta) delta.copyWithin(node * stride, f * stride, f * stride + stride);
      for (let c = firstChild[node]!; c !== 0; c = nextSibling[c]!) {
        const code = label[c]!;
        let target: number;
        if (delta) target = delta[f * stride + classOf[code]!]!;
        else {
          let g = f;
          while (g !== 0 && this.child(g, code) === 0) g = fail[g]!;
          target = this.child(g, code);
        }
        fail[c] = target;
        outLink[c] = outHead[target]! >= 0 ? target : outLink[target]!;
        if (delta) delta[node * stride + classOf[code]!] = c;
        queue[tail++] = c;
      }
    }
    if (!delta) return;
    const hasOut = new Uint8Array(nodes);
    for (let n = 1; n < nodes; n++) hasOut[n] = outHead[n]! >= 0 || outLink[n]! > 0 ? 1 : 0;
    this.dfa = { classOf, delta, stride, hasOut };
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
      this.units = new UnitTable(foldUnit, drop, isWord, this.dfa.classOf, this.dfa.stride - 1);
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
    const { outHead, outNext, outLink, patternLength } = this;
    const report = (node: number, end: number) => {
      for (let o = outHead[node]! >= 0 ? node : outLink[node]!; o > 0; o = outLink[o]!)
        for (let p = outHead[o]!; p >= 0; p = outNext[p]!) onMatch(p, end - patternLength[p]!, end);
    };
    if (this.dfa) {
      const { classOf, delta, stride, hasOut } = this.dfa;
      let node = 0;
      for (let i = 0; i < length; i++) {
        node = delta[node * stride + classOf[units[i]!]!]!;
        if (hasOut[node] !== 0) report(node, i + 1);
      }
      return;
    }
    const { fail, rootNext } = this;
    let node = 0;
    for (let i = 0; i < length; i++) {
      const code = units[i]!;
      if (node === 0) {
        node = rootNext[code]!;
        if (node === 0) continue;
      } else {
        for (;;) {
          const t = this.child(node, code);
          if (t !== 0) {
            node = t;
            break;
          }
          node = fail[node]!;
          if (node === 0) {
            node = rootNext[code]!;
            break;
          }
        }
        if (node === 0) continue;
      }
      report(node, i + 1);
    }
  }
}
