import type { FactIndex, MatchEntry } from '../factsheet';
import type { Kind } from '../factsheet/types';
import { type ChunkedRun, nextFrame, runChunked, SLICE_BUDGET_MS } from './chunk';
import type { HighlightPainter } from './paint';
import type { AcceptReason } from '../matcher/resolve';
import { isInsideSkipped, iterateBlocks, PageReader, type TextBlock } from './scan';

/** A mention found on the live page, painted or not (depending on the filter). */
export interface LiveMention {
  termId: string;
  kind: Kind;
  text: string;
  range: Range;
  /** The block container whose rescan replaces this mention. */
  container: Element;
  /** Why the words count here (shown on the card). */
  why?: AcceptReason;
}

export interface MentionFilter {
  kinds: ReadonlySet<Kind>;
  firstMentionOnly: boolean;
  /** Term ids the reader marked "Not this" on this site: kept, counted nowhere, never painted. */
  hidden?: ReadonlySet<string>;
}

/**
 * A whole-page scan paints the mentions of its first few block containers (in page order: the top of
 * the page) at once, before the near-viewport observer has reported, so the first screen shows its
 * highlights in the first frame after DOMContentLoaded; the observer lets go of those that are far.
 */
export const FIRST_SCREEN_CONTAINERS = 3;

/**
 * Most text a scan while the page parses reads (from the top): a first screen and what precedes it
 * on most pages. While the parser runs, our slices share the main thread with it, so reading all
 * that is parsed would hold up DOMContentLoaded (measured: seconds on the 5 MB page under load).
 */
export const PARSING_SCAN_UNITS = 65_536;

interface RootScan {
  root: Element;
  blocks: Iterator<TextBlock>;
  /** Mentions from before this rescan; still painted until the new ones are in. */
  old: LiveMention[];
  lastNode: Node | null;
}

/**
 * Keeps the page's mentions by block container, paints the ones the filter lets through,
 * and rescans containers in short slices (a whole page or only what changed).
 */
export class Annotator {
  private readonly byContainer = new Map<Element, LiveMention[]>();
  private readonly byRange = new WeakMap<Range, LiveMention>();
  private readonly painted = new Set<LiveMention>();
  private readonly pending = new Set<Element>();
  /** Mentions per term id over every kind (kept as mentions come and go, so `counts()` is cheap). */
  private readonly totals = new Map<string, { kind: Kind; n: number }>();
  /** Elements the page removed since the last prune: only their subtrees can hold detached containers. */
  private readonly removed = new Set<Element>();
  /** Reads blocks in context; one per page scan, so its senses and evidence are the page's. */
  private reader: PageReader;
  private run: ChunkedRun | null = null;
  private current: RootScan | null = null;
  private stopped = false;
  /** Check every container (a rescan whose removals are not known, e.g. the whole body). */
  private fullPrune = false;
  /** Containers of a whole-page scan still painted at once (FIRST_SCREEN_CONTAINERS). */
  private firstScreen = 0;
  /**
   * The page is still parsing: the last node parsed when this scan started. The scan stops at the
   * block holding it (the parser may still be writing it) and never follows the parser further.
   */
  private parseEnd: Node | null = null;
  /** Text units (UTF-16) a scan while parsing may still read: enough for a first screen. */
  private parseBudget = 0;
  /** Mentions of a whole-page scan cut short by a new one: unpainted once the new scan is done. */
  private carried: LiveMention[] = [];

  constructor(
    private readonly doc: Document,
    private index: FactIndex<MatchEntry>,
    private readonly painter: HighlightPainter,
    private filter: MentionFilter,
    /** Called after a batch of rescans finished (the mentions changed). */
    private readonly onChange: () => void,
  ) {
    this.reader = new PageReader(index.matcher, index.byId);
  }

  /**
   * Rescans the whole body. `parsing`: the document is still loading (the first screen painted
   * before DOMContentLoaded); the scan reads what is parsed now, up to the block the parser may
   * still be writing, whose words may be cut ("Sinaloa" of "Sinaloa Cartel").
   */
  scanAll(parsing = false): void {
    // A whole new reading (first scan, new body, SPA navigation): the page's senses start afresh.
    this.reader = new PageReader(this.index.matcher, this.index.byId);
    this.firstScreen = FIRST_SCREEN_CONTAINERS;
    this.parseEnd = parsing ? lastNodeIn(this.doc.body) : null;
    this.parseBudget = PARSING_SCAN_UNITS;
    if (this.current?.root === this.doc.body) {
      // A whole-page scan under way starts over (from the top, with the new reader); what it
      // would have unpainted at its end is unpainted at the new one's.
      this.run?.cancel();
      this.run = null;
      this.carried.push(...this.current.old);
      this.current = null;
    }
    if (this.doc.body) this.rescan([this.doc.body]);
  }

  /**
   * Queues block containers for rescanning; the work starts at once, in slices.
   * `removed`: the elements the page removed since the last call (from mutation records);
   * only their subtrees are checked for containers that left the page. Without it, every
   * container is checked.
   */
  rescan(roots: Iterable<Element>, removed?: Iterable<Element>): void {
    if (this.stopped) return;
    if (removed) for (const el of removed) this.removed.add(el);
    else this.fullPrune = true;
    for (const root of roots) this.pending.add(root);
    if (this.run) return;
    if (this.pending.size) this.startRun();
    else if (this.pruneDetached()) {
      // Only removals (e.g. a paragraph deleted): drop their mentions now.
      if (this.filter.firstMentionOnly) this.reconcilePainting();
      this.onChange();
    }
  }

  /** Resolves when the scans under way are done (false: cut short, e.g. by a new whole-page scan). */
  whenScanned(): Promise<boolean> {
    return this.run?.done ?? Promise.resolve(true);
  }

  setIndex(index: FactIndex<MatchEntry>): void {
    this.index = index;
    this.reset();
    this.scanAll();
  }

  setFilter(filter: MentionFilter): void {
    this.filter = filter;
    this.reconcilePainting();
  }

  /** Forgets every mention and removes every highlight. */
  reset(): void {
    this.run?.cancel();
    this.run = null;
    this.current = null;
    this.pending.clear();
    this.removed.clear();
    this.fullPrune = false;
    this.firstScreen = 0;
    this.parseEnd = null;
    this.carried = [];
    this.byContainer.clear();
    this.totals.clear();
    this.painted.clear();
    this.painter.clear();
    this.reader = new PageReader(this.index.matcher, this.index.byId);
  }

  stop(): void {
    this.stopped = true;
    this.reset();
  }

  /** The painted mention owning `range` (ranges come from hit testing). */
  mentionOfRange(range: Range): LiveMention | undefined {
    const m = this.byRange.get(range);
    return m && this.painted.has(m) ? m : undefined;
  }

  /** Painted mentions whose block container is `container`. */
  paintedIn(container: Element): LiveMention[] {
    return (this.byContainer.get(container) ?? []).filter((m) => this.painted.has(m));
  }

  isPainted(m: LiveMention): boolean {
    return this.painted.has(m);
  }

  /** Painted mentions in document order (sorted on demand: only navigation and tests need the order). */
  paintedInOrder(): LiveMention[] {
    return [...this.painted].filter((m) => m.range.startContainer.isConnected).sort(compareMentions);
  }

  /** Mentions per term id, over the kinds the filter shows (every mention, not only first ones). */
  counts(): Record<string, number> {
    const counts: Record<string, number> = {};
    // Sorted by term id, so equal counts give equal reports whatever order the terms came in.
    for (const id of [...this.totals.keys()].sort()) {
      const t = this.totals.get(id)!;
      if (this.filter.kinds.has(t.kind) && !this.filter.hidden?.has(id)) counts[id] = t.n;
    }
    return counts;
  }

  private startRun(): void {
    // While the page parses, slices run in animation frames (timer tasks wait for the parser).
    const run = runChunked(() => this.step(), SLICE_BUDGET_MS, this.parseEnd ? nextFrame : undefined);
    this.run = run;
    void run.done.then((finished) => {
      if (this.run !== run) return;
      this.run = null;
      if (!finished) return;
      this.firstScreen = 0;
      if (this.filter.firstMentionOnly) this.reconcilePainting();
      this.onChange();
      if (this.pending.size) this.startRun();
    });
  }

  /** One unit of work: the next block of the current root, or the start of the next root. */
  private step(): boolean {
    if (!this.current) {
      const root = this.takeRoot();
      if (!root) return false;
      this.pruneDetached();
      const old = this.detachMentionsUnder(root);
      if (root === this.doc.body && this.carried.length) {
        old.push(...this.carried);
        this.carried = [];
      }
      this.current = { root, blocks: iterateBlocks(root, this.index.matcher), old, lastNode: null };
      return true;
    }
    const scan = this.current;
    // A node we stood on was removed: the walk cannot go on from it; do this root again.
    if (scan.lastNode && !scan.lastNode.isConnected) {
      this.finishRoot(scan);
      if (scan.root.isConnected) this.pending.add(scan.root);
      return true;
    }
    const next = scan.blocks.next();
    if (next.done) {
      this.finishRoot(scan);
      return true;
    }
    const block = next.value;
    scan.lastNode = block.nodes[block.nodes.length - 1] ?? null;
    if (this.parseEnd && scan.lastNode) {
      // A progress block (no text) stands for the text read with nothing found (none while a big block is built).
      this.parseBudget -= block.text.length || (block.units ?? 0);
      if (this.parseBudget < 0 || !precedes(scan.lastNode, this.parseEnd)) {
        this.finishRoot(scan);
        return true;
      }
    }
    this.addBlock(block);
    return true;
  }

  private finishRoot(scan: RootScan): void {
    for (const m of scan.old) this.unpaint(m);
    this.current = null;
  }

  /** Picks a queued root that is still on the page, not inside another queued root, and not skipped. */
  private takeRoot(): Element | null {
    const body = this.doc.body;
    for (const root of this.pending) {
      this.pending.delete(root);
      if (!root.isConnected || !body || !(root === body || body.contains(root))) continue;
      if (isInsideSkipped(root)) {
        for (const m of this.detachMentionsUnder(root)) this.unpaint(m);
        continue;
      }
      if (hasAncestorIn(root, this.pending)) continue;
      return root;
    }
    return null;
  }

  private addBlock(block: TextBlock): void {
    // Accepted mentions may include earlier blocks' ambiguous ones that this block's evidence settled.
    const { accepted } = this.reader.read(block);
    for (const pm of accepted) {
      const entry = this.index.byId.get(pm.termId);
      const container = pm.block.container;
      if (!entry || !container.isConnected) continue;
      let list = this.byContainer.get(container);
      let firstScreen = false;
      if (!list) {
        list = [];
        this.byContainer.set(container, list);
        firstScreen = this.firstScreen > 0;
        if (firstScreen) this.firstScreen--;
      }
      const range = this.doc.createRange();
      range.setStart(pm.start.node, pm.start.offset);
      range.setEnd(pm.end.node, pm.end.offset);
      const m: LiveMention = { termId: pm.termId, kind: entry.kind, text: pm.text, range, container, why: pm.why };
      list.push(m);
      this.count(m, 1);
      this.byRange.set(range, m);
      if (!this.filter.firstMentionOnly && this.shows(m)) this.paint(m, firstScreen);
    }
  }

  /** The filter lets this mention's kind and term through. */
  private shows(m: LiveMention): boolean {
    return this.filter.kinds.has(m.kind) && !this.filter.hidden?.has(m.termId);
  }

  /**
   * Removes (from the map, not yet from the highlights) the mentions of containers inside `root`.
   * Walks `root`'s elements rather than the whole map, so the cost follows the size of the change
   * (the body: the map, whose size follows the mentions, not the page).
   */
  private detachMentionsUnder(root: Element): LiveMention[] {
    const old: LiveMention[] = [];
    const take = (container: Element) => {
      const list = this.byContainer.get(container);
      if (!list) return;
      old.push(...list);
      for (const m of list) this.count(m, -1);
      this.byContainer.delete(container);
    };
    take(root);
    // The whole body: every container we know (not a walk over every element of a huge page in one step).
    if (root === this.doc.body) for (const container of [...this.byContainer.keys()]) take(container);
    else if (this.byContainer.size) for (const el of root.getElementsByTagName('*')) take(el);
    this.reader.forget((m) => m.block.container !== root && !root.contains(m.block.container));
    return old;
  }

  /**
   * Drops mentions whose container left the page: those under the removed elements reported
   * since the last prune (cost follows the size of the change), or every container on a full prune.
   * Returns true when mentions were dropped.
   */
  private pruneDetached(): boolean {
    let dropped = false;
    if (this.fullPrune) {
      this.fullPrune = false;
      this.removed.clear();
      for (const [container, list] of this.byContainer) {
        if (container.isConnected) continue;
        for (const m of list) {
          this.count(m, -1);
          this.unpaint(m);
        }
        this.byContainer.delete(container);
        dropped = true;
      }
      return dropped;
    }
    if (!this.removed.size) return false;
    const removed = [...this.removed];
    this.removed.clear();
    // A removed element put back elsewhere (moved) keeps its mentions; its new place is rescanned.
    for (const el of removed) {
      if (el.isConnected) continue;
      for (const m of this.detachMentionsUnder(el)) {
        this.unpaint(m);
        dropped = true;
      }
    }
    return dropped;
  }

  private count(m: LiveMention, delta: 1 | -1): void {
    const t = this.totals.get(m.termId);
    if (!t) {
      if (delta > 0) this.totals.set(m.termId, { kind: m.kind, n: 1 });
      return;
    }
    t.n += delta;
    if (t.n <= 0) this.totals.delete(m.termId);
  }

  /** Makes the painted set match the filter (after a filter change, or for first-mention-only). */
  private reconcilePainting(): void {
    const wanted = new Set<LiveMention>();
    if (this.filter.firstMentionOnly) {
      const first = new Map<string, LiveMention>();
      for (const list of this.byContainer.values()) {
        for (const m of list) {
          if (!this.shows(m) || !m.range.startContainer.isConnected) continue;
          const seen = first.get(m.termId);
          if (!seen || compareMentions(m, seen) < 0) first.set(m.termId, m);
        }
      }
      for (const m of first.values()) wanted.add(m);
    } else {
      for (const list of this.byContainer.values()) for (const m of list) if (this.shows(m)) wanted.add(m);
    }
    for (const m of [...this.painted]) if (!wanted.has(m)) this.unpaint(m);
    for (const m of wanted) if (!this.painted.has(m)) this.paint(m);
  }

  private paint(m: LiveMention, firstScreen = false): void {
    this.painted.add(m);
    this.painter.add(m.kind, m.range, m.container, firstScreen);
  }

  private unpaint(m: LiveMention): void {
    if (this.painted.delete(m)) this.painter.remove(m.range);
  }
}

/** The document's last node under `root` (while it parses: where the parser is writing). */
function lastNodeIn(root: Node | null): Node | null {
  let node = root;
  while (node?.lastChild) node = node.lastChild;
  return node;
}

/** `a` comes before `b` in the document, and is not inside it. */
function precedes(a: Node, b: Node): boolean {
  const at = a.compareDocumentPosition(b);
  return (at & NODE_FOLLOWING) !== 0 && (at & NODE_CONTAINED_BY) === 0;
}
const NODE_FOLLOWING = 4;
const NODE_CONTAINED_BY = 16;

function hasAncestorIn(el: Element, set: ReadonlySet<Element>): boolean {
  for (let p = el.parentElement; p; p = p.parentElement) if (set.has(p)) return true;
  return false;
}

/** Document order of two mentions (ranges on the same page). */
export function compareMentions(a: LiveMention, b: LiveMention): number {
  try {
    return a.range.compareBoundaryPoints(Range.START_TO_START, b.range);
  } catch {
    return 0;
  }
}
