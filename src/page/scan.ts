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
 * The elements under `root` skipped for an attribute, found once by the browser's selector
 * engine (two attribute reads per element from script cost more); null when there are none.
 */
function skippedByAttribute(root: Element): Set<Element> | null {
  const found = root.querySelectorAll(SKIPPED_BY_ATTRIBUTE);
  if (found.length === 0) return null;
  const skipped = new Set<Element>();
  for (const el of found) if (isSkippedElement(el)) skipped.add(el);
  return skipped.size ? skipped : null;
}

/**
 * The blocks of `collectBlocks`, one at a time, so a caller can stop between blocks
 * and resume later (the content script scans big pages in short chunks). Elements that
 * become hidden or editable during a sliced walk are dropped by the rescan their
 * attribute change queues (src/page/live.ts).
 */
export function* iterateBlocks(root: Element): Generator<TextBlock, void, undefined> {
  const skipped = skippedByAttribute(root);
  // The non-inline elements entered (they close blocks when left); `root` stays at the bottom.
  const containers: Element[] = [root];
  let nodes: Text[] = [];
  let starts: number[] = [];
  let text = '';

  // Returns the finished block (if any) and starts a new one.
  const flush = (): TextBlock | null => {
    const block =
      nodes.length && /\S/.test(text) ? { text, nodes, starts, container: containers[containers.length - 1]! } : null;
    if (nodes.length) {
      nodes = [];
      starts = [];
      text = '';
    }
    return block;
  };
  let done: TextBlock | null;

  // Hot loop: one read of each DOM property per node (every call into the DOM costs).
  let node: Node | null = root.firstChild;
  while (node) {
    const type = node.nodeType;
    if (type === TEXT_NODE) {
      const data = (node as Text).data;
      if (data.length) {
        nodes.push(node as Text);
        starts.push(text.length);
        text += data;
      }
    } else if (type === ELEMENT_NODE) {
      const el = node as Element;
      const name = el.localName;
      const inline = INLINE.has(name);
      if (!inline) {
        done = flush();
        if (done) yield done;
      }
      if (name === 'br') {
        done = flush();
        if (done) yield done;
      } else if (!SKIP.has(name) && (skipped === null || !skipped.has(el))) {
        const first = el.firstChild;
        if (first) {
          if (!inline) containers.push(el);
          node = first;
          continue;
        }
      }
    }
    // Climb until a next sibling exists, closing the blocks of the non-inline elements we leave.
    let next: Node | null = node.nextSibling;
    while (!next) {
      node = node.parentNode;
      if (!node || node === root) break;
      if (node === containers[containers.length - 1]) {
        done = flush();
        containers.pop();
        if (done) yield done;
      }
      next = node.nextSibling;
    }
    node = next;
  }
  done = flush();
  if (done) yield done;
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
  for (const block of iterateBlocks(body)) {
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
