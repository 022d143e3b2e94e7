/**
 * Aho–Corasick automaton over UTF-16 code units. All patterns are found in one
 * pass, so the cost of a search grows with the text, not with the number of patterns.
 */
const RING_MASK = 1023;

export class Automaton {
  private readonly next: Map<number, number>[] = [new Map()];
  private readonly fail: number[] = [0];
  /** Patterns ending exactly at this node. */
  private readonly outputs: number[][] = [[]];
  /** Nearest node on the fail chain that has outputs (-1: none). */
  private readonly outLink: number[] = [-1];
  private readonly depth: number[] = [0];
  /** Dense transition table for the root: most text characters start nothing. */
  private rootNext = new Int32Array(0x10000);
  /** Nodes in breadth-first order (parents and fail targets before their children). */
  private readonly order: number[] = [];
  /**
   * The same automaton as a full DFA, when small enough: code unit → class (0: in no pattern),
   * and `delta[node * stride + class]` the next node with fail links already followed.
   */
  /** The last folded units `mayOccurIn` read (it checks where a hit starts). */
  private readonly ring = new Uint16Array(RING_MASK + 1);
  private dfa: { classOf: Uint16Array; delta: Int32Array; stride: number; hasOut: Uint8Array } | null = null;

  constructor(patterns: readonly string[]) {
    for (const [index, p] of patterns.entries()) this.add(p, index);
    this.link();
    this.buildDfa();
  }

  private add(pattern: string, index: number): void {
    if (pattern.length === 0) return;
    let node = 0;
    for (let i = 0; i < pattern.length; i++) {
      const code = pattern.charCodeAt(i);
      let child = this.next[node]!.get(code);
      if (child === undefined) {
        child = this.next.length;
        this.next.push(new Map());
        this.fail.push(0);
        this.outputs.push([]);
        this.outLink.push(-1);
        this.depth.push(this.depth[node]! + 1);
        this.next[node]!.set(code, child);
      }
      node = child;
    }
    this.outputs[node]!.push(index);
  }

  private link(): void {
    for (const [code, child] of this.next[0]!) this.rootNext[code] = child;
    const queue: number[] = [];
    for (const child of this.next[0]!.values()) queue.push(child);
    for (let q = 0; q < queue.length; q++) {
      const node = queue[q]!;
      for (const [code, child] of this.next[node]!) {
        let f = this.fail[node]!;
        let target = 0;
        for (;;) {
          const t = f === 0 ? this.rootNext[code]! : this.next[f]!.get(code);
          if (t !== undefined && t !== 0 && t !== child) {
            target = t;
            break;
          }
          if (f === 0) break;
          f = this.fail[f]!;
        }
        this.fail[child] = target;
        this.outLink[child] = this.outputs[target]!.length > 0 ? target : this.outLink[target]!;
        queue.push(child);
      }
    }
    // Not `push(...queue)`: a large imported sheet has more states than a call has room for arguments.
    for (const node of queue) this.order.push(node);
  }

  /** Largest DFA table (entries) built; bigger imported sheets keep the map-based search. */
  static readonly MAX_DFA_ENTRIES = 4_000_000;

  private buildDfa(): void {
    const classOf = new Uint16Array(0x10000);
    let classes = 0;
    for (const map of this.next) for (const code of map.keys()) if (classOf[code] === 0) classOf[code] = ++classes;
    const stride = classes + 1;
    const nodes = this.next.length;
    if (nodes * stride > Automaton.MAX_DFA_ENTRIES || classes >= 0xffff) return;
    const delta = new Int32Array(nodes * stride);
    for (const [code, child] of this.next[0]!) delta[classOf[code]!] = child;
    for (const node of this.order) {
      const row = node * stride;
      const f = this.fail[node]!;
      delta.copyWithin(row, f * stride, f * stride + stride);
      for (const [code, child] of this.next[node]!) delta[row + classOf[code]!] = child;
    }
    const hasOut = new Uint8Array(nodes);
    for (let n = 1; n < nodes; n++) hasOut[n] = this.outputs[n]!.length > 0 || this.outLink[n]! > 0 ? 1 : 0;
    this.dfa = { classOf, delta, stride, hasOut };
  }

  /**
   * False when no pattern occurs in `text` once folded (`foldUnit`: `foldUnitOf`) starting at a word
   * start, read without building the folded text; true when one may (a pattern's end is reached at a
   * word start, a character needs the full fold, or the automaton has no dense table). Most blocks of
   * most pages hold nothing, and in English most raw hits are inside words ("ice" in "police").
   * `isWord` is the matcher's word-unit test; the last folded units are kept in a ring to check starts.
   */
  mayOccurIn(
    text: string,
    foldUnit: (code: number) => number,
    drop: number,
    complex: number,
    isWord: (unit: number) => boolean,
  ): boolean {
    if (!this.dfa) return true;
    const { classOf, delta, stride, hasOut } = this.dfa;
    const { outputs, outLink, depth } = this;
    const ring = this.ring;
    let node = 0;
    // Folded units read so far; ring[k & RING_MASK] is unit k.
    let k = 0;
    // As in foldText: leading white space is dropped and a run of it is one space.
    let lastWasSpace = true;
    for (let i = 0, n = text.length; i < n; i++) {
      const u = foldUnit(text.charCodeAt(i));
      if (u === 0x20) {
        if (lastWasSpace) continue;
        lastWasSpace = true;
      } else if (u < 0) {
        if (u === drop) continue;
        if (u === complex) return true;
      } else lastWasSpace = false;
      ring[k & RING_MASK] = u;
      k++;
      node = delta[node * stride + classOf[u]!]!;
      if (hasOut[node] === 0) continue;
      for (let o = outputs[node]!.length > 0 ? node : outLink[node]!; o > 0; o = outLink[o]!) {
        const start = k - depth[o]!;
        // Longer than the ring, or at the text's start, or not inside a word: may be a match.
        if (depth[o]! >= RING_MASK || start === 0) return true;
        if (!isWord(ring[(start - 1) & RING_MASK]!) || !isWord(ring[start & RING_MASK]!)) return true;
      }
    }
    return false;
  }

  /** Calls `onMatch(pattern, start, end)` for every occurrence in `units[0..length)`. */
  search(units: Uint16Array, length: number, onMatch: (pattern: number, start: number, end: number) => void): void {
    if (this.dfa) {
      const { classOf, delta, stride, hasOut } = this.dfa;
      const { outputs, outLink, depth } = this;
      let node = 0;
      for (let i = 0; i < length; i++) {
        node = delta[node * stride + classOf[units[i]!]!]!;
        if (hasOut[node] === 0) continue;
        for (let o = outputs[node]!.length > 0 ? node : outLink[node]!; o > 0; o = outLink[o]!) {
          const d = depth[o]!;
          for (const pattern of outputs[o]!) onMatch(pattern, i + 1 - d, i + 1);
        }
      }
      return;
    }
    const { next, fail, outputs, outLink, depth, rootNext } = this;
    let node = 0;
    for (let i = 0; i < length; i++) {
      const code = units[i]!;
      if (node === 0) {
        node = rootNext[code]!;
        if (node === 0) continue;
      } else {
        for (;;) {
          const t = next[node]!.get(code);
          if (t !== undefined) {
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
      for (let o = outputs[node]!.length > 0 ? node : outLink[node]!; o > 0; o = outLink[o]!) {
        const d = depth[o]!;
        for (const pattern of outputs[o]!) onMatch(pattern, i + 1 - d, i + 1);
      }
    }
  }
}
