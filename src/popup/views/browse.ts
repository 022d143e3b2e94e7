import { i18n } from '#i18n';
import { kindGroupLabel } from '../../l10n';
import { KINDS } from '../../model';
import type { ListSection, ResultList } from '../listbox';
import type { PopupState } from '../state';
import type { TargetTab } from '../target-tab';
import { entryItem, pageTermItem, type ItemActions } from './entry-items';

/** With an empty search: "On this page" (most mentioned first), then every entry by kind. */
export function renderBrowseList(list: ResultList, tab: TargetTab, state: PopupState, actions: ItemActions): void {
  const sections: ListSection[] = [];
  if (tab.scriptable) {
    const terms = state.pageTerms;
    sections.push({
      heading: i18n.t('popupOnThisPage'),
      items: (terms ?? []).map((term) => pageTermItem(term, actions)),
      emptyText:
        terms === null
          ? i18n.t('popupOnThisPageLoading')
          : state.isActiveOn(tab.site)
            ? i18n.t('popupOnThisPageEmpty')
            : i18n.t('popupOnThisPageOff'),
    });
  }
  for (const kind of KINDS) {
    const ofKind = state.entries
      .filter((e) => e.kind === kind)
      .sort((a, b) => actions.nameOf(a).localeCompare(actions.nameOf(b)));
    if (ofKind.length)
      sections.push({ heading: kindGroupLabel(kind), items: ofKind.map((e) => entryItem(e, false, actions)) });
  }
  list.render(sections);
}
