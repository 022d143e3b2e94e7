import type { MatchEntry } from '../factsheet/types';
import type { Matcher } from '../matcher';
import { PageResolver, type AcceptReason, type RejectReason } from '../matcher/resolve';
import { CARD_HOST_TAG } from '../card/tag';

/** Re-exported for the scanner's callers (the tag belongs to the card). */
export { CARD_HOST_TAG };

/**
 * Reads a DOM as blocks of text. A block is the text of consecutive text nodes not
 * separated by a block-level element, so a mention may span inline elements
 * ("Mérida <em>Initiative</em>"). Works on any DOM (the browser's or linkedom's)
 * and never changes it.
 */

const INLINE = new Set([
  'a',
  'abbr',
  'acronym',
  'b',
  'bdi',
  'bdo',
  'big',
  'cite',
  'code',
  'data',
  'del',
  'dfn',
  'em',
  'font',
  'i',
  'img',
  'ins',
  'kbd',
  'label',
  'mark',
  'nobr',
  'q',
  'rp',
  'rt',
  'ruby',
  's',
  'samp',
  'small',
  'span',
  'strike',
  'strong',
  'sub',
  'sup',
  'time',
  'tt',
  'u',
  'var',
  'wbr',
]);

const SKIP = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'textarea',
  'input',
  'select',
  'option',
  'optgroup',
  'button',
  'svg',
  'math',
  'iframe',
  'frame',
  'frameset',
  'object',
  'embed',
  'canvas',
  'video',
  'audio',
  'head',
  'title',
  CARD_HOST_TAG,
]);

export interface TextBlock {
  /** The concatenated data of `nodes`. */
  text: string;
  nodes: Text[];
  /** Offset in `text` where each node's data starts. */
  starts: number[];
  /** The nearest block-level element holding this block's text. */
  container: Element;
  /** A progress block (no text): the text units it stands for (read with nothing found). */
  units?: number;
}

export interface DomPoint {
  node: Text;
  offset: number;
}

export interface PageMention {
  termId: string;
  text: string;
  start: DomPoint;
  end: DomPoint;
  block: TextBlock;
  /** Offsets of the mention in `block.text`. */
  blockStart: number;
  blockEnd: number;
}

const ELEMENT_NODE = 1;
const TEXT_NODE = 3;

export function isInlineElement(el: Element): boolean {
  return INLINE.has(el.localName);
}

/** True for subtrees that are never scanned: code, form fields, editable regions, our own UI, hidden content. */
export function isSkippedElement(el: Element): boolean {
  if (SKIP.has(el.localName)) return true;
  if (el.hasAttribute('hidden')) return true;
  const editable = el.getAttribute('contenteditable');
  return editable !== null && editable.toLowerCase() !== 'false';
}

/** The element whose rescan covers every block `node` belongs to. */
export function blockContainerOf(node: Node): Element | null {
  let el: Element | null = node.nodeType === ELEMENT_NODE ? (node as Element) : node.parentElement;
  while (el && isInlineElement(el) && el.parentElement) el = el.parentElement;
  return el;
}

/** True when `node` lies inside a subtree the scanner skips (checked up to the root). */
export function isInsideSkipped(node: Node): boolean {
  for (let el = node.nodeType === ELEMENT_NODE ? (node as Element) : node.parentElement; el; el = el.parentElement) {
    if (isSkippedElement(el)) return true;
  }
  return false;
}

/** Collects the text blocks under `root` (including `root`'s own text). */
export function collectBlocks(root: Element): TextBlock[] {
  return [...iterateBlocks(root)];
}

/** Elements whose attributes (`hidden`, editable) put their subtree out of the scan. */
const SKIPPED_BY_ATTRIBUTE = '[hidden],[contenteditable]';

/**
 * The subtrees under `root` skipped for an attribute, outermost only, in document order, each with
 * its first text node (those without text are left out); with `from`, only those not wholly before
 * it. Found once by the browser's selector engine (reading attributes per element from script costs
 * more). Their text must not reach the matcher's stream: an inline one sits inside a block
 * ("Mérida <span hidden>x</span>Initiative").
 */
function skippedByAttribute(root: Element, from: Node | null): { roots: Element[]; firsts: Text[] } {
  const roots: Element[] = [];
  const firsts: Text[] = [];
  let last: Element | null = null;
  for (const el of root.querySelectorAll(SKIPPED_BY_ATTRIBUTE)) {
    if (last?.contains(el) || !isSkippedElement(el)) continue;
    if (from && (el.compareDocumentPosition(from) & (FOLLOWING | CONTAINED_BY)) === FOLLOWING) continue;
    last = el;
    const first = el.ownerDocument.createTreeWalker(el, SHOW_TEXT).nextNode();
    if (first) {
      roots.push(el);
      firsts.push(first as Text);
    }
  }
  return { roots, firsts };
}

/**
 * Tells whether an element lies in a subtree skipped by name (script, style, form fields, svg…),
 * checked up to `root`, remembering each element's answer. Elements skipped by name are never
 * inline: their text may reach the matcher's stream (it ends a block anyway), but no block is built there.
 */
function skippedByName(root: Element): (el: Element) => boolean {
  const known = new Map<Element, boolean>();
  const path: Element[] = [];
  return (el) => {
    let answer = false;
    for (let at: Element | null = el; at && at !== root; at = at.parentNode as Element | null) {
      const k = known.get(at);
      if (k !== undefined) {
        answer = k;
        break;
      }
      path.push(at);
      if (SKIP.has(at.localName)) {
        answer = true;
        break;
      }
    }
    for (const at of path) known.set(at, answer);
    path.length = 0;
    return answer;
  };
}

const SHOW_TEXT = 4;
/** `compareDocumentPosition` bits: the other node follows, or lies inside. */
const FOLLOWING = 4;
const CONTAINED_BY = 16;
/**
 * Text read with nothing found after which the walk yields an empty block, so a caller can stop there
 * (or BLOCK_STEPS_PER_PAUSE text nodes, when they are short).
 */
export const PROGRESS_UNITS = 16_384;
/** A text node at least this long is checked for a skipped parent (script, style) before it is read. */
const LONG_TEXT = 256;

/** A text the scan passes unread: long, in an element skipped by name (inline scripts and style sheets are often most of a page's text). */
export const isUnreadText = (data: string, parent: Element): boolean =>
  data.length >= LONG_TEXT && SKIP.has(parent.localName);

/**
 * The blocks of `collectBlocks`, one at a time, so a caller can stop between blocks and resume later
 * (the content script scans big pages in short slices). With a `matcher`, only the blocks where it
 * may find something: the text nodes are read in order by a native walker and fed to the matcher's
 * `textStream`, and a block is built only around a node where a mention may end (most pages' blocks
 * hold nothing). Until the matcher has a stream (a gated matcher not yet compiled), every block is
 * built. After a long stretch with nothing, yields a block with empty text whose one node is where
 * the walk stands. Elements that become hidden or editable during a sliced walk are dropped by the
 * rescan their attribute change queues (src/page/live.ts). With `from` (a text node under `root` that
 * starts a block: `lastBlockStart`), the walk starts there: the blocks from it on.
 */
export function* iterateBlocks(
  root: Element,
  matcher?: Pick<Matcher, 'textStream'>,
  from?: Text | null,
): Generator<TextBlock, void, undefined> {
  const { roots: skipRoots, firsts: skipFirsts } = skippedByAttribute(root, from ?? null);
  const isSkippedByName = skippedByName(root);
  let skip = 0;
  const walker = root.ownerDocument.createTreeWalker(root, SHOW_TEXT);
  let node: Text | null;
  if (from) {
    walker.currentNode = from;
    node = from;
    // Inside a skipped subtree: on past it.
    const holder = skipRoots[0];
    if (holder?.contains(from) && from !== skipFirsts[0]) {
      do node = walker.nextNode() as Text | null;
      while (node && holder.contains(node));
      skip = 1;
    }
  } else node = walker.nextNode() as Text | null;
  let nextSkip: Text | null = skipFirsts[skip] ?? null;
  let stream = matcher?.textStream() ?? null;
  try {
    let read = 0;
    let quietNodes = 0;
    while (node) {
      if (node === nextSkip) {
        // Skipped for an attribute: pass its text unread.
        const skipped = skipRoots[skip]!;
        do node = walker.nextNode() as Text | null;
        while (node && skipped.contains(node));
        nextSkip = skipFirsts[++skip] ?? null;
        continue;
      }
      const data = node.data;
      if (stream) {
        // A script's or style's text is often most of a page's: not read.
        const quiet = data.length === 0 || isUnreadText(data, node.parentNode as Element) || !stream.feed(data);
        if (quiet) {
          read += data.length;
          if (read >= PROGRESS_UNITS || ++quietNodes === BLOCK_STEPS_PER_PAUSE) {
            yield progressAt(node, root, Math.min(read, PROGRESS_UNITS));
            read = 0;
            quietNodes = 0;
          }
          node = walker.nextNode() as Text | null;
          continue;
        }
      } else if (data.length === 0) {
        node = walker.nextNode() as Text | null;
        continue;
      }
      if (isSkippedByName(node.parentNode as Element)) {
        stream?.reset();
        node = walker.nextNode() as Text | null;
        continue;
      }
      // A block of thousands of inline elements is built, and walked past, over several steps, with a
      // progress block between them.
      const building = buildBlock(node, root);
      let built = building.next();
      let paused = false;
      for (; !built.done; built = building.next()) {
        paused = true;
        yield progressAt(built.value, root, 0);
      }
      const block = built.value;
      // On to the block's last node; a mention that began before it is inside the block.
      const last = block.nodes[block.nodes.length - 1]!;
      if (paused) yield progressAt(node, root, 0);
      for (let steps = 0; node && node !== last; ) {
        node = walker.nextNode() as Text | null;
        if (node === nextSkip) nextSkip = skipFirsts[++skip] ?? null;
        if (++steps === BLOCK_STEPS_PER_PAUSE && node) {
          steps = 0;
          yield progressAt(node, root, 0);
        }
      }
      stream?.reset();
      read = 0;
      quietNodes = 0;
      if (/\S/.test(block.text)) {
        yield block;
        stream ??= matcher?.textStream() ?? null;
      }
      node = walker.nextNode() as Text | null;
    }
  } finally {
    // Its buffers go to the next scan's stream.
    stream?.release();
  }
}

/** A progress block: no text, its one node where the walk stands; `units`: the text read with nothing found. */
const progressAt = (node: Text, root: Element, units: number): TextBlock => ({
  text: '',
  nodes: [node],
  starts: [0],
  container: root,
  units,
});

/**
 * The first text node of the block that holds `root`'s last text node (null: no text): where the
 * parser may still be writing, so where a look at a parsing page's new text starts.
 */
export function lastBlockStart(root: Element): Text | null {
  let at: Node | null = root.lastChild;
  while (at && at.nodeType !== TEXT_NODE) {
    if (at.lastChild) at = at.lastChild;
    else {
      while (at !== root && !at.previousSibling) at = at.parentNode!;
      at = at === root ? null : at.previousSibling;
    }
  }
  return at ? blockAround(at as Text, root).nodes[0]! : null;
}

/** An inline element: the walk goes through it (or past it, when skipped) within one block. */
const isInline = (node: Node | null): node is Element =>
  node !== null && node.nodeType === ELEMENT_NODE && INLINE.has((node as Element).localName);

/**
 * Steps a scan takes on one block before it pauses with a progress block: siblings stepped over
 * while building it (`buildBlock`), then text nodes walked past it. A list of 3,700 linked names in
 * one paragraph (archive-of-our-own's kudos) is one block of 15,000 nodes: built in one go, it held
 * one scan step for tens of milliseconds (about 2–4 µs of thread time a step in the content
 * script's world, where each node read gets a wrapper of its own; 1,024 steps: a few ms).
 */
export const BLOCK_STEPS_PER_PAUSE = 1024;

/** The block holding the text node `node`, built in one go (`buildBlock`). */
function blockAround(node: Text, root: Element): TextBlock {
  const building = buildBlock(node, root);
  for (;;) {
    const built = building.next();
    if (built.done) return built.value;
  }
}

/**
 * The block holding the text node `node`: back and forth over text and inline elements to a
 * block boundary (another element, `<br>`, or the edge of `root` or of a non-inline parent),
 * leaving out empty nodes and skipped inline elements. Pauses every BLOCK_STEPS_PER_PAUSE siblings,
 * yielding a text node of the block for the caller's progress block (`node` on the way back, then the
 * last one read).
 */
function* buildBlock(node: Text, root: Element): Generator<Text, TextBlock, undefined> {
  let steps = 0;
  let first = node;
  let at: Node = node;
  back: for (;;) {
    if (++steps === BLOCK_STEPS_PER_PAUSE) {
      steps = 0;
      yield node;
    }
    let prev = at.previousSibling;
    while (!prev) {
      const up = at.parentNode;
      if (up === root || !isInline(up)) break back;
      at = up;
      prev = at.previousSibling;
    }
    at = prev;
    // Down to `at`'s last node.
    for (;;) {
      if (at.nodeType === TEXT_NODE) {
        if ((at as Text).data.length) first = at as Text;
        break;
      }
      if (at.nodeType !== ELEMENT_NODE) break;
      if (!isInline(at)) break back;
      const child = at.lastChild;
      if (!child || isSkippedElement(at as Element)) break;
      at = child;
    }
  }
  const nodes: Text[] = [first];
  const starts: number[] = [0];
  let text = first.data;
  at = first;
  forth: for (;;) {
    if (++steps === BLOCK_STEPS_PER_PAUSE) {
      steps = 0;
      yield nodes[nodes.length - 1]!;
    }
    let next = at.nextSibling;
    while (!next) {
      const up = at.parentNode;
      if (up === root || !isInline(up)) break forth;
      at = up;
      next = at.nextSibling;
    }
    at = next;
    // Down to `at`'s first node.
    for (;;) {
      if (at.nodeType === TEXT_NODE) {
        const data = (at as Text).data;
        if (data.length) {
          nodes.push(at as Text);
          starts.push(text.length);
          text += data;
        }
        break;
      }
      if (at.nodeType !== ELEMENT_NODE) break;
      if (!isInline(at)) break forth;
      const child = at.firstChild;
      if (!child || isSkippedElement(at as Element)) break;
      at = child;
    }
  }
  let container = first.parentNode as Element;
  while (container !== root && isInline(container)) container = container.parentNode as Element;
  return { text, nodes, starts, container };
}

/** Every alias occurrence in one block, with DOM start and end points, before context is read. */
export function findBlockMentions(block: TextBlock, matcher: Matcher): PageMention[] {
  return matcher.findMentions(block.text).map((m) => toPageMention(block, m));
}

/** The language at a block offset: the nearest `lang` attribute (the document's is on `<html>`); null when unknown. */
export function langAt(block: TextBlock, offset: number): string | null {
  const el = pointAt(block, offset, false).node.parentElement ?? block.container;
  return el.closest('[lang]')?.getAttribute('lang')?.trim() || null;
}

export interface ResolvedMention extends PageMention {
  why: AcceptReason;
}

export interface RejectedMention extends PageMention {
  why: RejectReason;
}

/**
 * Reads a page's blocks in order with one `PageResolver`: what counts, what does not and why.
 * Ambiguous words wait for evidence anywhere on the page (later blocks included).
 */
export class PageReader {
  readonly resolver: PageResolver;
  private readonly waiting: { m: PageMention; seq: number }[] = [];
  private seq = 0;

  constructor(
    private readonly matcher: Matcher,
    entries: ReadonlyMap<string, MatchEntry>,
  ) {
    this.resolver = new PageResolver(entries);
  }

  /** Reads one block; `accepted` includes earlier blocks' mentions that this block's evidence settled. */
  read(block: TextBlock): { accepted: (ResolvedMention & { seq: number })[]; rejected: RejectedMention[] } {
    const found = this.matcher.find(block.text);
    const accepted: (ResolvedMention & { seq: number })[] = [];
    const rejected: RejectedMention[] = [];
    // Most blocks hold nothing: no alias, no context word, nothing for the resolver to read or settle.
    if (found.mentions.length === 0 && found.contextIds.length === 0 && found.shadowed.length === 0)
      return { accepted, rejected };
    const { verdicts, released } = this.resolver.resolveBlock(block.text, (m) => langAt(block, m.start), found);
    found.mentions.forEach((m, i) => {
      const pm = toPageMention(block, m);
      const v = verdicts[i]!;
      const seq = ++this.seq;
      if (v.status === 'accept') accepted.push({ ...pm, seq, why: v.why });
      else if (v.status === 'pending') this.waiting.push({ m: pm, seq });
      else rejected.push({ ...pm, why: v.why });
    });
    // Evidence later in this block settles its own waiting mentions too.
    if (released && this.waiting.length) {
      for (let i = 0; i < this.waiting.length; ) {
        const w = this.waiting[i]!;
        if (released === 'all' || released.has(w.m.termId)) {
          accepted.push({ ...w.m, seq: w.seq, why: released === 'all' ? 'evidence-page' : 'evidence-context' });
          this.waiting.splice(i, 1);
        } else i++;
      }
    }
    return { accepted, rejected };
  }

  /** Mentions still waiting for evidence (they do not count). */
  unresolved(): PageMention[] {
    return this.waiting.map((w) => w.m);
  }

  /** Forgets waiting mentions of blocks that left the page. */
  forget(keep: (m: PageMention) => boolean): void {
    for (let i = this.waiting.length - 1; i >= 0; i--) if (!keep(this.waiting[i]!.m)) this.waiting.splice(i, 1);
  }
}

/** Reads `<body>` of a document (text outside the body never counts): the mentions that count, in page order, and the ones that do not. */
export function readDocument(
  doc: Document,
  index: { matcher: Matcher; byId: ReadonlyMap<string, MatchEntry> },
): { mentions: ResolvedMention[]; rejected: RejectedMention[] } {
  const body = doc.body;
  if (!body) return { mentions: [], rejected: [] };
  const reader = new PageReader(index.matcher, index.byId);
  const mentions: (ResolvedMention & { seq: number })[] = [];
  const rejected: RejectedMention[] = [];
  for (const block of iterateBlocks(body, index.matcher)) {
    const r = reader.read(block);
    mentions.push(...r.accepted);
    rejected.push(...r.rejected);
  }
  for (const m of reader.unresolved()) rejected.push({ ...m, why: 'no-evidence' });
  mentions.sort((a, b) => a.seq - b.seq);
  return { mentions: mentions.map(({ seq: _seq, ...m }) => m), rejected };
}

/** The mentions of `<body>` that count, in page order. */
export function scanDocument(
  doc: Document,
  index: { matcher: Matcher; byId: ReadonlyMap<string, MatchEntry> },
): ResolvedMention[] {
  return readDocument(doc, index).mentions;
}

function toPageMention(block: TextBlock, m: { termId: string; text: string; start: number; end: number }): PageMention {
  return {
    termId: m.termId,
    text: m.text,
    start: pointAt(block, m.start, false),
    end: pointAt(block, m.end, true),
    block,
    blockStart: m.start,
    blockEnd: m.end,
  };
}

function pointAt(block: TextBlock, offset: number, isEnd: boolean): DomPoint {
  const { starts, nodes } = block;
  // Last node starting at or before the offset (strictly before it for an end point).
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    const s = starts[mid]!;
    if (isEnd ? s < offset : s <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { node: nodes[lo]!, offset: offset - starts[lo]! };
}
