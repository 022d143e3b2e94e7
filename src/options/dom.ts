/** Small DOM helpers for the options page (textContent only, never markup). */

export function byId<T extends HTMLElement>(doc: Document, id: string): T {
  const el = doc.getElementById(id);
  if (!el) throw new Error(`options: #${id} is missing`);
  return el as T;
}

export function element<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: { className?: string; text?: string } = {},
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  if (props.className) el.className = props.className;
  if (props.text !== undefined) el.textContent = props.text;
  el.append(...children);
  return el;
}

export function showMessage(el: HTMLElement, text: string): void {
  el.textContent = text;
  el.hidden = !text;
}
