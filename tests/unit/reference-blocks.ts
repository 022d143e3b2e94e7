/**
 * The scanner's former block walker (every element and text node visited from script), kept as the
 * reference the text-first `iterateBlocks` must agree with (tests/unit/scan-equivalence.test.ts).
 */
import { isInlineElement, isSkippedElement, type TextBlock } from '../../src/page/scan';

export function referenceBlocks(root: Element): TextBlock[] {
  const blocks: TextBlock[] = [];
  // The non-inline elements entered (they close blocks when left); `root` stays at the bottom.
  const containers: Element[] = [root];
  let nodes: Text[] = [];
  let starts: number[] = [];
  let text = '';
  const flush = () => {
    if (nodes.length && /\S/.test(text)) blocks.push({ text, nodes, starts, container: containers.at(-1)! });
    nodes = [];
    starts = [];
    text = '';
  };
  let node: Node | null = root.firstChild;
  while (node) {
    if (node.nodeType === 3) {
      const data = (node as Text).data;
      if (data.length) {
        nodes.push(node as Text);
        starts.push(text.length);
        text += data;
      }
    } else if (node.nodeType === 1) {
      const el = node as Element;
      const inline = isInlineElement(el);
      if (!inline) flush();
      if (el.localName === 'br') flush();
      else if (!isSkippedElement(el)) {
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
      if (node === containers.at(-1)) {
        flush();
        containers.pop();
      }
      next = node.nextSibling;
    }
    node = next;
  }
  flush();
  return blocks;
}
