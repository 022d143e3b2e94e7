import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { cardView } from '../src/card/view';
import { CARD_VIEW_GLOBAL } from '../src/page/handoff';

// The card's view: imported by the full content script (src/card/load-view.ts) on a card's first use.
export default defineUnlistedScript(() => {
  (globalThis as Record<string, unknown>)[CARD_VIEW_GLOBAL] = cardView;
});
