/** Tag of the one element the card adds to a page (src/card/host.ts); the scanner never reads inside it. */
export const CARD_HOST_TAG = 'contexto-card';
