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
  // One lookup (its word list split once) for every stream: a look uses one stream at a time.
  const lookup = gateLookup(index);
  const trie = new GateTrie(lookup.words);
  return () => {
    lookup.reset();
    return new GateStream(trie, lookup);
  };
}

/** Trie node 0 is dead (no word goes on from it), node 1 the root. */
const DEAD = 0;
const ROOT = 1;

/**
 * The words as a trie in flat arrays: each node's first child and next sibling (0: none), the unit on
 * the edge into it. A dense table per node cost more to make than a small page's whole look.
 *
 * Made as it is walked: a node holds the range of sorted words that start with its path, and its
 * children are made the first time the walk goes on from it. Every frame that looks makes a trie, in
 * code that runs once; a frame of a few lines visits a few dozen of its thousands of nodes (plain
 * arrays that grow with it: typed arrays sized for every node cost more to allocate than that walk).
 */
class GateTrie {
  /** The root's child along an ASCII unit (made with the root's children). */
  readonly rootAscii: number[] = new Array<number>(0x80).fill(DEAD);
  readonly firstChild = [DEAD, DEAD];
  readonly nextSibling = [DEAD, DEAD];
  readonly label = [0, 0];
  /** Per node, 1 + the index of the word ending there (0: none). */
  readonly word = [0, 0];
  /** Per node, its words (`lo` to `hi`, exclusive) and its depth; `made`: its children are made. */
  private readonly lo = [0, 0];
  private readonly hi: number[];
  private readonly depth = [0, 0];
  readonly made = [0, 0];

  constructor(private readonly words: readonly string[]) {
    this.hi = [0, words.length];
    this.makeChildren(ROOT);
  }

  /** Makes `node`'s children: its words past its depth, grouped by their next unit (sorted words: runs). */
  makeChildren(node: number): void {
    const { words, lo, hi, depth, firstChild, nextSibling, label, word, made } = this;
    made[node] = 1;
    const d = depth[node]!;
    let i = lo[node]!;
    const end = hi[node]!;
    // The word ending here (at most one) sorts first.
    if (i < end && words[i]!.length === d) i++;
    while (i < end) {
      const u = words[i]!.charCodeAt(d);
      let j = i + 1;
      while (j < end && words[j]!.charCodeAt(d) === u) j++;
      const c = label.length;
      label.push(u);
      lo.push(i);
      hi.push(j);
      depth.push(d + 1);
      word.push(words[i]!.length === d + 1 ? i + 1 : 0);
      made.push(0);
      firstChild.push(DEAD);
      nextSibling.push(firstChild[node]!);
      firstChild[node] = c;
      if (node === ROOT && u < 0x80) this.rootAscii[u] = c;
      i = j;
    }
  }
}

/** The child of `node` along `unit` (DEAD: none). */
function childOf(trie: GateTrie, node: number, unit: number): number {
  if (node === ROOT && unit < 0x80) return trie.rootAscii[unit]!;
  if (node === DEAD) return DEAD;
  if (trie.made[node] === 0) trie.makeChildren(node);
  const { firstChild, nextSibling, label } = trie;
  for (let c = firstChild[node]!; c !== DEAD; c = nextSibling[c]!) if (label[c] === unit) return c;
  return DEAD;
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
    const trie = this.trie;
    const { rootAscii, firstChild, nextSibling, label, word, made } = trie;
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
          node = rootAscii[unit]!;
        } else if (node !== DEAD) {
          if (made[node] === 0) trie.makeChildren(node);
          let c = firstChild[node]!;
          while (c !== DEAD && label[c] !== unit) c = nextSibling[c]!;
          node = c;
        }
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
          node = childOf(trie, node, u);
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

  /** Walks on from the piece starts; drops the dead walks. */
  private walkPieces(unit: number): void {
    const walks = this.fromPieces;
    let kept = 0;
    for (const node of walks) {
      const to = childOf(this.trie, node, unit);
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
