import { i18n } from '#i18n';
import type { PopupElements } from '../elements';
import type { ResultList } from '../listbox';
import type { PopupState } from '../state';
import { entryItem, type ItemActions } from './entry-items';

/** The results of a search (fuzzy, at most 30), and their number for screen readers. */
export function renderSearchResults(
  query: string,
  list: ResultList,
  ui: PopupElements,
  state: PopupState,
  actions: ItemActions,
): void {
  const results = state.search.search(query, 30);
  list.render([
    {
      items: results.map(({ entry }) => entryItem(entry, true, actions)),
      emptyText: i18n.t('popupNoResults', [query]),
    },
  ]);
  ui.live.textContent = results.length ? i18n.t('popupResultCount', results.length) : i18n.t('popupNoResults', [query]);
}
