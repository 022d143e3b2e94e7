import type { TextStream } from './automaton';
import { FOLD_DROP, foldText, foldUnitOf, isWordUnit } from './fold';
import { type GateIndex, gateLookup } from './index';

/**
 * The gate words (`GateIndex`) as a prefilter over a text read in pieces (a page's text nodes, fed
 * by `iterateBlocks`), so the loader builds a block only where a gate word may end, as the full scan
 * does with the automaton. A trie of the words, walked along each word run of the folded text.
 *
 * Exact (a superset of `gatedMatcher`'s opening): a block is a run of consecutive pieces, so each
 * word run of its fold starts where a run of the stream's fold starts or where a piece starts, and
 * ends where the stream's run ends or where a piece ends; the walk follows a run from its start and
 * from every piece start inside it, and checks at every run end and piece end. A word that needs a
 * partner counts once a partner was seen since `reset` (blocks never straddle a reset: the scan
 * resets after each block it builds).
 */
export function gateStreams(index: GateIndex): () => TextStream {
  const trie = gateTrie(gateLookup(index).words);
  return () => new GateStream(trie, gateLookup(index));
}

/** Trie node 0 is dead (no word goes on from it), node 1 the root. */
const DEAD = 0;
const ROOT = 1;

interface GateTrie {
  /** Class of an ASCII unit (0: in no word). */
  ascii: Uint8Array;
  /** Classes of other units. */
  other: Map<number, number>;
  stride: number;
  /** `next[node * stride + class]`. */
  next: Uint16Array | Int32Array;
  /** Per node, 1 + the index of the word ending there (0: none). */
  word: Int32Array;
}

function gateTrie(words: readonly string[]): GateTrie {
  const ascii = new Uint8Array(0x80);
  const other = new Map<number, number>();
  let classes = 0;
  // Sorted words: each adds the nodes past its common prefix with the one before.
  let nodes = 2;
  let prev = '';
  for (const w of words) {
    let common = 0;
    while (common < w.length && common < prev.length && w.charCodeAt(common) === prev.charCodeAt(common)) common++;
    nodes += w.length - common;
    prev = w;
    for (let i = 0; i < w.length; i++) {
      const u = w.charCodeAt(i);
      if (u < 0x80) {
        if (ascii[u] === 0) ascii[u] = ++classes;
      } else if (!other.has(u)) other.set(u, ++classes);
    }
  }
  const stride = classes + 1;
  const next = nodes < 0x10000 ? new Uint16Array(nodes * stride) : new Int32Array(nodes * stride);
  const word = new Int32Array(nodes);
  let made = ROOT + 1;
  words.forEach((w, index) => {
    let node = ROOT;
    for (let i = 0; i < w.length; i++) {
      const u = w.charCodeAt(i);
      const at = node * stride + (u < 0x80 ? ascii[u]! : other.get(u)!);
      if (next[at] === DEAD) next[at] = made++;
      node = next[at]!;
    }
    word[node] = index + 1;
  });
  return { ascii, other, stride, next, word };
}

/** Folded units of characters `foldUnitOf` cannot give as one unit (several units, surrogate pairs). */
const complexFolds = new Map<number, Uint16Array>();

function complexFold(cp: number): Uint16Array {
  let units = complexFolds.get(cp);
  if (!units) {
    // After a letter, so a leading space is kept as folding it inside a text keeps it.
    const f = foldText(`a${String.fromCodePoint(cp)}`);
    units = f.lower.slice(1, f.length);
    complexFolds.set(cp, units);
  }
  return units;
}

class GateStream implements TextStream {
  /** The walk from the start of the current word run (DEAD once no word goes on). */
  private node = ROOT;
  /** The last unit read was a word unit: a run is open. */
  private inRun = false;
  /** Walks from piece starts inside the current run (a block may start there), dead ones dropped. */
  private readonly fromPieces: number[] = [];

  constructor(
    private readonly trie: GateTrie,
    private readonly lookup: ReturnType<typeof gateLookup>,
  ) {}

  reset(): void {
    this.node = ROOT;
    this.inRun = false;
    this.fromPieces.length = 0;
    this.lookup.reset();
  }

  release(): void {}

  feed(piece: string): boolean {
    const { ascii, stride, next, word } = this.trie;
    const walks = this.fromPieces;
    if (this.inRun) walks.push(ROOT);
    let node = this.node;
    let inRun = this.inRun;
    for (let i = 0, n = piece.length; i < n; i++) {
      const code = piece.charCodeAt(i);
      if (code < 0x80) {
        let unit = code;
        if (code >= 0x41 && code <= 0x5a) unit = code + 32;
        else if (!((code >= 0x61 && code <= 0x7a) || (code >= 0x30 && code <= 0x39))) {
          if (inRun) {
            inRun = false;
            if ((word[node] !== 0 || walks.length !== 0) && this.ends(node, true)) return true;
          }
          continue;
        }
        if (!inRun) {
          inRun = true;
          node = ROOT;
        }
        node = next[node * stride + ascii[unit]!]!;
        if (walks.length !== 0) this.walkPieces(unit);
        continue;
      }
      // Past ASCII: as `foldText` folds it, one code point at a time.
      let u = foldUnitOf(code);
      if (u === FOLD_DROP) continue;
      let units: Uint16Array | null = null;
      if (u < 0) {
        const cp = piece.codePointAt(i)!;
        // A surrogate pair split between two pieces folds as one character in a block: may be anything.
        if (cp >= 0xd800 && cp <= 0xdbff && i === n - 1) return true;
        if (cp > 0xffff) i++;
        units = complexFold(cp);
        if (units.length === 0) continue;
        u = units[0]!;
      }
      for (let k = 0; ; ) {
        if (u === 0x20 || !isWordUnit(u)) {
          if (inRun) {
            inRun = false;
            if ((word[node] !== 0 || walks.length !== 0) && this.ends(node, true)) return true;
          }
        } else {
          if (!inRun) {
            inRun = true;
            node = ROOT;
          }
          node = next[node * stride + this.classOf(u)]!;
          if (walks.length !== 0) this.walkPieces(u);
        }
        if (!units || ++k >= units.length) break;
        u = units[k]!;
      }
    }
    this.node = node;
    this.inRun = inRun;
    // The piece may end a block, and a word with it.
    return inRun && this.ends(node, false);
  }

  private classOf(unit: number): number {
    return unit < 0x80 ? this.trie.ascii[unit]! : (this.trie.other.get(unit) ?? 0);
  }

  /** Walks on from the piece starts; drops the dead walks. */
  private walkPieces(unit: number): void {
    const { stride, next } = this.trie;
    const cls = this.classOf(unit);
    const walks = this.fromPieces;
    let kept = 0;
    for (const node of walks) {
      const to = next[node * stride + cls]!;
      if (to !== DEAD) walks[kept++] = to;
    }
    walks.length = kept;
  }

  /** A word run may end here (`over`: it does): true when one of its walks ends a word that opens. */
  private ends(node: number, over: boolean): boolean {
    const { word } = this.trie;
    let opens = word[node] !== 0 && this.lookup.at(word[node]! - 1);
    for (const n of this.fromPieces) if (word[n] !== 0 && this.lookup.at(word[n]! - 1)) opens = true;
    if (over) this.fromPieces.length = 0;
    return opens;
  }
}
