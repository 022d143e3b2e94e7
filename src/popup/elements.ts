import { byId } from '../ui/dom';
/** The popup page's elements (entrypoints/popup/index.html), found once by id. */
export interface PopupElements {
  input: HTMLInputElement;
  status: HTMLElement;
  switches: HTMLElement;
  siteSwitch: HTMLInputElement;
  siteName: HTMLElement;
  globalSwitch: HTMLInputElement;
  results: HTMLElement;
  viewTabs: HTMLElement;
  tabTerms: HTMLButtonElement;
  tabTimeline: HTMLButtonElement;
  timeline: HTMLElement;
  cardView: HTMLElement;
  cardBack: HTMLButtonElement;
  cardSlot: HTMLElement;
  live: HTMLElement;
  optionsLink: HTMLAnchorElement;
}

export function elementsOf(doc: Document): PopupElements {
  const get = <T extends HTMLElement>(id: string) => byId<T>(doc, id, 'popup');
  return {
    input: get('search'),
    status: get('page-status'),
    switches: get('switches'),
    siteSwitch: get('site-switch'),
    siteName: get('site-name'),
    globalSwitch: get('global-switch'),
    results: get('results'),
    viewTabs: get('view-tabs'),
    tabTerms: get('tab-terms'),
    tabTimeline: get('tab-timeline'),
    timeline: get('timeline'),
    cardView: get('card-view'),
    cardBack: get('card-back'),
    cardSlot: get('card-slot'),
    live: get('live'),
    optionsLink: get('options-link'),
  };
}
