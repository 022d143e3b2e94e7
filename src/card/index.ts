export {
  renderCard,
  formatDate,
  safeUrl,
  kindMessageName,
  type CardOptions,
  type CardLang,
  type Translate,
} from './render';
export { cardCss } from './style';
export { placeCard, trackCard, rangeAnchor } from './place';
