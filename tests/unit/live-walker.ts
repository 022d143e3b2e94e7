/**
 * A browser's SHOW_TEXT TreeWalker for linkedom documents (linkedom's is a snapshot with `nextNode`
 * only): live (it walks on into nodes added after it started) and from a settable `currentNode`.
 */
export function liveTextWalker(root: Node) {
  /** The node after `n` in document order within root. */
  const following = (n: Node): Node | null => {
    if (n.firstChild) return n.firstChild;
    for (let m: Node | null = n; m && m !== root; m = m.parentNode) if (m.nextSibling) return m.nextSibling;
    return null;
  };
  const firstText = (from: Node | null): Text | null => {
    for (let n = from; n; n = following(n)) if (n.nodeType === 3) return n as Text;
    return null;
  };
  return {
    currentNode: root,
    nextNode(): Node | null {
      const n = firstText(following(this.currentNode));
      if (n) this.currentNode = n;
      return n;
    },
  };
}
