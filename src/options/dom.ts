/** Small DOM helpers for the options page (textContent only, never markup). */

import { byId as byIdIn } from '../ui/dom';

export { element } from '../ui/dom';

export function byId<T extends HTMLElement>(doc: Document, id: string): T {
  return byIdIn<T>(doc, id, 'options');
}

export function showMessage(el: HTMLElement, text: string): void {
  el.textContent = text;
  el.hidden = !text;
}
