import type { LiveMention } from './annotator';

/**
 * Picks the mention the keyboard command (or the popup) goes to: the next or previous
 * painted mention after the current one, cycling at the ends; optionally of one term only.
 */
export function pickMention(
  inOrder: readonly LiveMention[],
  current: LiveMention | null,
  direction: 1 | -1,
  termId?: string,
): LiveMention | null {
  if (current && !current.range.startContainer.isConnected) current = null;
  const list = termId ? inOrder.filter((m) => m.termId === termId) : inOrder;
  if (!list.length) return null;
  const at = current ? list.indexOf(current) : -1;
  if (at === -1) {
    if (!current) return direction === 1 ? list[0]! : list[list.length - 1]!;
    // The current mention is gone or of another term: continue from its place in the page.
    const after = list.findIndex((m) => m.range.compareBoundaryPoints(Range.START_TO_START, current.range) > 0);
    if (direction === 1) return list[after === -1 ? 0 : after]!;
    const before = (after === -1 ? list.length : after) - 1;
    return list[before < 0 ? list.length - 1 : before]!;
  }
  return list[(at + direction + list.length) % list.length]!;
}
