export {
  renderCard,
  formatDate,
  safeUrl,
  type CardOptions,
  type CardLang,
} from './render';
export { CARD_CSS } from './style';
export { placeCard, trackCard, rangeAnchor } from './place';
