import { parseHTML } from 'linkedom';
import { vi } from 'vitest';

/**
 * What the page engine (annotator, painter, controller) needs of a browser DOM, on linkedom:
 * linkedom has no live Range (no setStart/compareBoundaryPoints) and no CSS Custom Highlight
 * API, so tests get small stand-ins. The painter takes its registry as an argument; the
 * registry here is a Map whose highlights are Sets of ranges, as in the browser.
 */

const SHOW_TEXT = 4;

/** Child-index path from the root: document order is the lexicographic order of paths. */
function pathOf(node: Node): number[] {
  const path: number[] = [];
  for (let n: Node | null = node; n?.parentNode; n = n.parentNode) path.unshift(Array.prototype.indexOf.call(n.parentNode.childNodes, n));
  return path;
}

function comparePoints(a: Node, aOffset: number, b: Node, bOffset: number): number {
  if (a === b) return Math.sign(aOffset - bOffset);
  const pa = pathOf(a);
  const pb = pathOf(b);
  for (let i = 0; i < Math.min(pa.length, pb.length); i++) if (pa[i] !== pb[i]) return pa[i]! < pb[i]! ? -1 : 1;
  return Math.sign(pa.length - pb.length);
}

export class FakeRange {
  static readonly START_TO_START = 0;
  startContainer!: Node;
  startOffset = 0;
  endContainer!: Node;
  endOffset = 0;

  setStart(node: Node, offset: number): void {
    this.startContainer = node;
    this.startOffset = offset;
  }

  setEnd(node: Node, offset: number): void {
    this.endContainer = node;
    this.endOffset = offset;
  }

  get collapsed(): boolean {
    return this.startContainer === this.endContainer && this.startOffset === this.endOffset;
  }

  compareBoundaryPoints(_how: number, other: FakeRange): number {
    return comparePoints(this.startContainer, this.startOffset, other.startContainer, other.startOffset);
  }

  cloneRange(): FakeRange {
    const r = new FakeRange();
    r.setStart(this.startContainer, this.startOffset);
    r.setEnd(this.endContainer, this.endOffset);
    return r;
  }

  /** The text between the two points (both are in text nodes, as the annotator makes them). */
  toString(): string {
    const start = this.startContainer as Text;
    const end = this.endContainer as Text;
    if (start === end) return start.data.slice(this.startOffset, this.endOffset);
    const doc = start.ownerDocument!;
    const walker = doc.createTreeWalker(doc.body, SHOW_TEXT);
    let out = '';
    let inside = false;
    for (let n = walker.nextNode() as Text | null; n; n = walker.nextNode() as Text | null) {
      if (n === start) {
        inside = true;
        out += n.data.slice(this.startOffset);
      } else if (n === end) {
        out += n.data.slice(0, this.endOffset);
        break;
      } else if (inside) out += n.data;
    }
    return out;
  }

  getBoundingClientRect() {
    return { x: 0, y: 0, left: 0, top: 0, right: 0, bottom: 0, width: 0, height: 0 };
  }

  getClientRects() {
    return [];
  }
}

/** `Highlight`: a Set of ranges with a priority. */
export class FakeHighlight extends Set<FakeRange> {
  priority = 0;
  constructor(...ranges: FakeRange[]) {
    super(ranges);
  }
}

export type FakeRegistry = Map<string, FakeHighlight>;

/**
 * A linkedom document with ranges, plus globals the page engine reads (`Range`,
 * `Highlight`, `CSS.highlights`); undo them with `vi.unstubAllGlobals()`.
 */
export function pageDocument(body: string, { lang = 'en', host = 'news.example' } = {}): { doc: Document; registry: FakeRegistry } {
  const { document } = parseHTML(`<!doctype html><html lang="${lang}"><head></head><body>${body}</body></html>`);
  const doc = document as unknown as Document;
  (doc as { createRange: () => unknown }).createRange = () => new FakeRange();
  // linkedom documents have no location; the controller reads the site from it.
  Object.defineProperty(doc, 'location', { value: { hostname: host, href: `https://${host}/article` }, configurable: true });
  const registry: FakeRegistry = new Map();
  vi.stubGlobal('Range', FakeRange);
  vi.stubGlobal('Highlight', FakeHighlight);
  vi.stubGlobal('CSS', { highlights: registry });
  return { doc, registry };
}

/** Painted text per highlight name, in document order (what a reader sees underlined). */
export function paintedByName(registry: FakeRegistry): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [name, highlight] of registry) {
    if (highlight.size === 0) continue;
    out[name] = [...highlight].sort((a, b) => a.compareBoundaryPoints(0, b)).map((r) => r.toString());
  }
  return out;
}

/** Every painted text in document order, focus highlight left out. */
export function paintedTexts(registry: FakeRegistry): string[] {
  const ranges: FakeRange[] = [];
  for (const [name, highlight] of registry) if (name !== 'contexto-focus') ranges.push(...highlight);
  return ranges.sort((a, b) => a.compareBoundaryPoints(0, b)).map((r) => r.toString());
}

/** Waits until chunked scans (setTimeout slices) are done: `busy` false for a few ticks. */
export async function settle(isBusy: () => boolean): Promise<void> {
  await vi.waitFor(() => {
    if (isBusy()) throw new Error('still scanning');
  });
  await new Promise((r) => setTimeout(r, 0));
}
