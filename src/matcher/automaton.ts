/**
 * Aho–Corasick automaton over UTF-16 code units. All patterns are found in one
 * pass, so the cost of a search grows with the text, not with the number of patterns.
 */
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

  constructor(patterns: readonly string[]) {
    patterns.forEach((p, index) => this.add(p, index));
    this.link();
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
  }

  /** Calls `onMatch(pattern, start, end)` for every occurrence in `units[0..length)`. */
  search(units: Uint16Array, length: number, onMatch: (pattern: number, start: number, end: number) => void): void {
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
