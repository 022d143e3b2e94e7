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
  for (let n: Node | null = node; n?.parentNode; n = n.parentNode)
    path.unshift(Array.prototype.indexOf.call(n.parentNode.childNodes, n));
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
 * `Highlight`, `CSS.highlights`, `MutationObserver`, `document`); undo them with `vi.unstubAllGlobals()`.
 */
export function pageDocument(
  body: string,
  { lang = 'en', host = 'news.example' } = {},
): { doc: Document; registry: FakeRegistry } {
  const { document } = parseHTML(`<!doctype html><html lang="${lang}"><head></head><body>${body}</body></html>`);
  const doc = document as unknown as Document;
  (doc as { createRange: () => unknown }).createRange = () => new FakeRange();
  // linkedom documents have no location; the controller reads the site from it.
  Object.defineProperty(doc, 'location', {
    value: { hostname: host, href: `https://${host}/article` },
    configurable: true,
  });
  const registry: FakeRegistry = new Map();
  vi.stubGlobal('document', doc); // the card renders with the global document
  vi.stubGlobal('Range', FakeRange);
  vi.stubGlobal('Highlight', FakeHighlight);
  vi.stubGlobal('CSS', { highlights: registry });
  // linkedom's MutationObserver reports every change on <html> and no text changes: tests deliver records themselves.
  FakeMutationObserver.instances.length = 0;
  vi.stubGlobal('MutationObserver', FakeMutationObserver);
  patchElementPrototype(doc.body);
  return { doc, registry };
}

let patched = false;

/**
 * `compareDocumentPosition` as browsers answer it: linkedom says "preceding" both ways between two
 * text nodes. Same tree only (what the page engine compares).
 */
function compareDocumentPosition(this: Node, other: Node): number {
  if (this === other) return 0;
  const a = pathOf(this);
  const b = pathOf(other);
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i]! < b[i]! ? 4 : 2;
  // One holds the other: the holder comes first.
  return a.length < b.length ? 16 | 4 : 8 | 2;
}

/**
 * What browsers have and linkedom lacks or gets wrong: `getElementsByTagName('*')` (linkedom finds
 * nothing), `scrollIntoView` and `compareDocumentPosition`.
 */
function patchElementPrototype(el: Element): void {
  if (patched) return;
  patched = true;
  let proto = Object.getPrototypeOf(el) as Record<string, unknown>;
  while (proto && !Object.hasOwn(proto, 'getElementsByTagName'))
    proto = Object.getPrototypeOf(proto) as Record<string, unknown>;
  const original = proto.getElementsByTagName as (this: Element, name: string) => unknown;
  proto.getElementsByTagName = function (this: Element, name: string) {
    return name === '*' ? this.querySelectorAll('*') : original.call(this, name);
  };
  proto.scrollIntoView ??= () => {};
  let nodeProto = Object.getPrototypeOf(el.ownerDocument.createTextNode('')) as Record<string, unknown>;
  while (nodeProto && !Object.hasOwn(nodeProto, 'compareDocumentPosition'))
    nodeProto = Object.getPrototypeOf(nodeProto) as Record<string, unknown>;
  nodeProto.compareDocumentPosition = compareDocumentPosition;
}

/** A MutationObserver whose records the test hands over (`deliver`), as the browser would batch them. */
export class FakeMutationObserver {
  static readonly instances: FakeMutationObserver[] = [];
  observing = false;
  constructor(private readonly callback: (records: MutationRecord[]) => void) {
    FakeMutationObserver.instances.push(this);
  }
  observe(): void {
    this.observing = true;
  }
  disconnect(): void {
    this.observing = false;
  }
  /** Hands records to every observing instance. */
  static deliver(records: Partial<MutationRecord>[]): void {
    const full = records.map(
      (r) =>
        ({
          addedNodes: [],
          removedNodes: [],
          previousSibling: null,
          nextSibling: null,
          ...r,
        }) as unknown as MutationRecord,
    );
    for (const o of FakeMutationObserver.instances) if (o.observing) o.callback(full);
  }
}

/** A childList record for nodes added to (or removed from) `parent`, with their siblings as the browser reports them. */
export function childListRecord(
  parent: Node,
  change: { added?: Node[]; removed?: Node[]; previousSibling?: Node | null; nextSibling?: Node | null },
): Partial<MutationRecord> {
  const added = change.added ?? [];
  return {
    type: 'childList',
    target: parent,
    addedNodes: added as unknown as NodeList,
    removedNodes: (change.removed ?? []) as unknown as NodeList,
    previousSibling:
      change.previousSibling !== undefined ? change.previousSibling : (added[0]?.previousSibling ?? null),
    nextSibling: change.nextSibling !== undefined ? change.nextSibling : (added.at(-1)?.nextSibling ?? null),
  };
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

/**
 * An IntersectionObserver whose reports the test hands over (`report`), as the browser would
 * after a frame's layout: which observed elements are near the viewport (the painter's margin
 * included), and where they are. Opt in with `stubNearViewport()`.
 */
export class FakeIntersectionObserver {
  static readonly instances: FakeIntersectionObserver[] = [];
  readonly targets = new Set<Element>();
  constructor(
    private readonly callback: (entries: IntersectionObserverEntry[]) => void,
    readonly init: IntersectionObserverInit = {},
  ) {
    FakeIntersectionObserver.instances.push(this);
  }
  observe(el: Element): void {
    this.targets.add(el);
  }
  unobserve(el: Element): void {
    this.targets.delete(el);
  }
  disconnect(): void {
    this.targets.clear();
  }
  /**
   * Reports elements (observed ones only, as the browser does): `near` with their top in px
   * from the viewport's top (boxes 20 px high), or far; `boxless` for an element without a box.
   */
  static report(changes: { el: Element; near?: boolean; top?: number; boxless?: boolean }[]): void {
    for (const o of FakeIntersectionObserver.instances) {
      const entries = changes
        .filter((c) => o.targets.has(c.el))
        .map(({ el, near = false, top = 0, boxless = false }) => {
          const rect = boxless
            ? { top: 0, bottom: 0, left: 0, right: 0, width: 0, height: 0 }
            : { top, bottom: top + 20, left: 0, right: 100, width: 100, height: 20 };
          return {
            target: el,
            isIntersecting: near && !boxless,
            boundingClientRect: rect,
          } as unknown as IntersectionObserverEntry;
        });
      if (entries.length) o.callback(entries);
    }
  }
}

/** Stubs `IntersectionObserver` (after `pageDocument`), so painters only register what is reported near. */
export function stubNearViewport(): void {
  FakeIntersectionObserver.instances.length = 0;
  vi.stubGlobal('IntersectionObserver', FakeIntersectionObserver);
}
