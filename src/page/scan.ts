import type { Matcher } from '../matcher';

/**
 * Reads a DOM as blocks of text. A block is the text of consecutive text nodes not
 * separated by a block-level element, so a mention may span inline elements
 * ("Mérida <em>Initiative</em>"). Works on any DOM (the browser's or linkedom's)
 * and never changes it.
 */

/** Tag of the element hosting the extension's card; its subtree is never scanned. */
export const CARD_HOST_TAG = 'contexto-card';

const INLINE = new Set([
  'a', 'abbr', 'acronym', 'b', 'bdi', 'bdo', 'big', 'cite', 'code', 'data', 'del', 'dfn', 'em', 'font', 'i', 'img',
  'ins', 'kbd', 'label', 'mark', 'nobr', 'q', 'rp', 'rt', 'ruby', 's', 'samp', 'small', 'span', 'strike', 'strong',
  'sub', 'sup', 'time', 'tt', 'u', 'var', 'wbr',
]);

const SKIP = new Set([
  'script', 'style', 'noscript', 'template', 'textarea', 'input', 'select', 'option', 'optgroup', 'button',
  'svg', 'math', 'iframe', 'frame', 'frameset', 'object', 'embed', 'canvas', 'video', 'audio', 'head', 'title',
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

/**
 * The blocks of `collectBlocks`, one at a time, so a caller can stop between blocks
 * and resume later (the content script scans big pages in short chunks).
 */
export function* iterateBlocks(root: Element): Generator<TextBlock, void, undefined> {
  const containers: Element[] = [root];
  let nodes: Text[] = [];
  let starts: number[] = [];
  let text = '';

  // Returns the finished block (if any) and starts a new one.
  const flush = (): TextBlock | null => {
    const block = nodes.length && /\S/.test(text) ? { text, nodes, starts, container: containers[containers.length - 1]! } : null;
    nodes = [];
    starts = [];
    text = '';
    return block;
  };
  let done: TextBlock | null;

  let node: Node | null = root.firstChild;
  while (node) {
    let descend = false;
    if (node.nodeType === TEXT_NODE) {
      const data = (node as Text).data;
      if (data.length) {
        nodes.push(node as Text);
        starts.push(text.length);
        text += data;
      }
    } else if (node.nodeType === ELEMENT_NODE) {
      const el = node as Element;
      const inline = isInlineElement(el);
      if (!inline && (done = flush())) yield done;
      if (el.localName === 'br') {
        if ((done = flush())) yield done;
      } else if (!isSkippedElement(el) && el.firstChild) {
        descend = true;
        if (!inline) containers.push(el);
      }
    }
    if (descend) {
      node = node.firstChild;
      continue;
    }
    // Climb until a next sibling exists, closing the blocks of the elements we leave.
    while (node && node !== root && !node.nextSibling) {
      node = node.parentNode;
      if (node && node !== root && !isInlineElement(node as Element)) {
        done = flush();
        containers.pop();
        if (done) yield done;
      }
    }
    node = node && node !== root ? node.nextSibling : null;
  }
  if ((done = flush())) yield done;
}

/** Finds the mentions in one block, each with DOM start and end points. */
export function findBlockMentions(block: TextBlock, matcher: Matcher): PageMention[] {
  return matcher.findMentions(block.text).map((m) => ({
    termId: m.termId,
    text: m.text,
    start: pointAt(block, m.start, false),
    end: pointAt(block, m.end, true),
    block,
    blockStart: m.start,
    blockEnd: m.end,
  }));
}

/** Scans `<body>` of a document (text outside the body never counts). */
export function scanDocument(doc: Document, matcher: Matcher): PageMention[] {
  const body = doc.body;
  if (!body) return [];
  return collectBlocks(body).flatMap((b) => findBlockMentions(b, matcher));
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
