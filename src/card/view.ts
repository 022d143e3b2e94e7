import { CardHost } from './host';
import { trackCard } from './place';
import { renderCard } from './render';

/**
 * What shows a card: its host element, its rendering and its placement (with floating-ui). A
 * page's full content script loads it on a card's first use (entrypoints/card-view.ts,
 * ./load-view.ts), so a frame that never opens a card does not evaluate it; the popup and the
 * unit tests use it directly.
 */
export interface CardView {
  CardHost: typeof CardHost;
  renderCard: typeof renderCard;
  trackCard: typeof trackCard;
}

export const cardView: CardView = { CardHost, renderCard, trackCard };
