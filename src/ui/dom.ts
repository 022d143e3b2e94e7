/** DOM building for every page we draw (the card, the popup, the options page): text only, never markup. */

export function element<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: { className?: string; text?: string } = {},
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (props.className) node.className = props.className;
  if (props.text !== undefined) node.textContent = props.text;
  node.append(...children);
  return node;
}

/** `element` with a class and optional text, the form the card and the timeline use. */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  className: string,
  text?: string,
): HTMLElementTagNameMap[K] {
  return element(tag, { className, text });
}

/** The element with this id; a missing one is a bug in the page (`where` names it). */
export function byId<T extends HTMLElement>(doc: Document, id: string, where = 'page'): T {
  const found = doc.getElementById(id);
  if (!found) throw new Error(`${where}: #${id} is missing`);
  return found as T;
}
