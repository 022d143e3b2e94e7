import { CARD_HOST_TAG } from '../card/tag';
import { blockContainerOf, isInlineElement } from './scan';
import { type Cancel, later } from './timer';

/**
 * Watches the page for changes and reports, in batches, the block containers that
 * need a rescan. Our own card host never counts as a change.
 */

/** Longest wait between a change and its rescan (a throttle, so constant changes still get processed). */
export const BATCH_DELAY_MS = 100;

/** The changes that can add or remove mentions (text, nodes, and the attributes that skip a subtree). */
export const PAGE_CHANGES: MutationObserverInit = {
  childList: true,
  characterData: true,
  subtree: true,
  attributes: true,
  attributeFilter: ['hidden', 'contenteditable'],
};

const ELEMENT_NODE = 1;
const TEXT_NODE = 3;

export interface LiveWatcher {
  stop(): void;
}

/**
 * `removed`: the elements removed from the page since the last call (the annotator drops
 * the mentions under those still detached, without checking every container it knows).
 */
export function watchPage(
  doc: Document,
  onChanged: (containers: Set<Element>, bodyReplaced: boolean, removed: Set<Element>) => void,
): LiveWatcher {
  let queued = new Set<Element>();
  let removed = new Set<Element>();
  let bodyReplaced = false;
  let timer: Cancel | null = null;

  const flush = () => {
    timer = null;
    const containers = queued;
    const replaced = bodyReplaced;
    const gone = removed;
    queued = new Set();
    removed = new Set();
    bodyReplaced = false;
    if (containers.size || replaced || gone.size) onChanged(containers, replaced, gone);
  };

  const observer = new MutationObserver((records) => {
    for (const record of records) {
      if (record.type === 'childList')
        for (const n of record.removedNodes) if (n.nodeType === ELEMENT_NODE) removed.add(n as Element);
      const kind = containersToRescan(record);
      if (kind === 'body') bodyReplaced = true;
      else for (const c of kind) queued.add(c);
    }
    if (!queued.size && !bodyReplaced && !removed.size) return;
    // A few small changes (a ticker, a counter) are rescanned in this same batch of records,
    // so their highlights never disappear between the change and the rescan.
    if (!bodyReplaced && timer === null && isSmallChange(queued, doc)) {
      flush();
      return;
    }
    if (timer === null) timer = later(flush, BATCH_DELAY_MS);
  });
  observer.observe(doc.documentElement, PAGE_CHANGES);
  return {
    stop() {
      observer.disconnect();
      timer?.();
      timer = null;
    },
  };
}

const SMALL_CHANGE = { containers: 8, chars: 4000 };

function isSmallChange(containers: ReadonlySet<Element>, doc: Document): boolean {
  if (containers.size > SMALL_CHANGE.containers) return false;
  let chars = 0;
  for (const c of containers) {
    if (c === doc.body || c === doc.documentElement) return false;
    chars += c.textContent?.length ?? 0;
    if (chars > SMALL_CHANGE.chars) return false;
  }
  return true;
}

/** The containers one mutation affects; 'body' when `<body>` itself was replaced. */
export function containersToRescan(record: MutationRecord): Element[] | 'body' {
  const target = record.target;
  const doc = target.ownerDocument ?? (target as Document);
  if (record.type === 'childList') {
    if (isOwnNode(record)) return [];
    if (target === doc.documentElement) {
      return [...record.addedNodes].some((n) => (n as Element).localName === 'body') ? 'body' : [];
    }
    const parent = target as Element;
    if (!doc.body?.contains(parent)) return [];
    // Block elements added or removed between other blocks leave the parent's text blocks
    // unchanged: rescanning the added elements (and dropping the removed ones) is enough.
    if (isBlockBoundary(record.previousSibling) && isBlockBoundary(record.nextSibling)) {
      const added = [...record.addedNodes];
      const removed = [...record.removedNodes];
      if ([...added, ...removed].every(isBlockElementOrBlank)) {
        return added.filter((n): n is Element => n.nodeType === ELEMENT_NODE && n.isConnected);
      }
    }
  }
  // An element turned hidden or editable: its parent's rescan skips (and so drops) it.
  const changed = record.type === 'attributes' ? (target.parentElement ?? target) : target;
  const container = blockContainerOf(changed);
  return container?.isConnected ? [container] : [];
}

function isOwnNode(record: MutationRecord): boolean {
  const nodes = [...record.addedNodes, ...record.removedNodes];
  return nodes.length > 0 && nodes.every((n) => (n as Element).localName === CARD_HOST_TAG);
}

function isBlockElementOrBlank(node: Node): boolean {
  if (node.nodeType === ELEMENT_NODE) return !isInlineElement(node as Element) && (node as Element).localName !== 'br';
  if (node.nodeType === TEXT_NODE) return !/\S/.test((node as Text).data);
  return true;
}

/** True when a sibling ends the surrounding text block: nothing, a block element, or blank text. */
function isBlockBoundary(node: Node | null): boolean {
  return node === null || isBlockElementOrBlank(node);
}
