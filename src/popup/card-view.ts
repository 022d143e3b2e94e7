import type { Entry, Lang } from '../model';
import { renderCard } from '../card/render';
import { cardCss } from '../card/style';

export interface CardViewOptions {
  lang: Lang;
  /** Display name of a related term, undefined when it is not in the active entries. */
  nameOf(id: string): string | undefined;
  /** Opens another entry's card (a related term). */
  openTerm(id: string): void;
}

/** The full card of an entry, inline in the popup: the same renderer as the hover card on pages. */
export function renderEntryCard(entry: Entry, options: CardViewOptions): HTMLElement {
  return renderCard(entry, {
    lang: options.lang,
    nameOf: options.nameOf,
    onRelated: options.openTerm,
    idPrefix: 'popup-card',
  });
}

/** Adds the card's own styles to a document once (textContent, never markup). */
export function installCardStyles(doc: Document): void {
  if (doc.getElementById('contexto-card-css')) return;
  const style = doc.createElement('style');
  style.id = 'contexto-card-css';
  style.textContent = cardCss();
  doc.head.append(style);
}
