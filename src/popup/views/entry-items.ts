import { i18n } from '#i18n';
import { entrySummary, kindGroupLabel } from '../../l10n';
import type { Entry, Lang } from '../../model';
import type { ListItem } from '../listbox';
import type { PageTerm } from '../on-this-page';

export interface ItemActions {
  lang: Lang;
  nameOf(e: Entry): string;
  /** Opens the entry's card in the popup. */
  openCard(entry: Entry): void;
  /** Takes the reader to the entry's next mention in the tab. */
  revealOnPage(entry: Entry): void;
}

/** A list row for an entry: its name (and, in search results, kind and summary); choosing it opens its card. */
export function entryItem(entry: Entry, withSummary: boolean, actions: ItemActions): ListItem {
  return {
    key: entry.id,
    label: actions.nameOf(entry),
    detail: withSummary ? `${kindGroupLabel(entry.kind)} · ${entrySummary(entry, actions.lang)}` : undefined,
    choose: () => actions.openCard(entry),
  };
}

/** A row of "On this page": the term and its mention count; choosing it reveals the next mention. */
export function pageTermItem({ entry, count }: PageTerm, actions: ItemActions): ListItem {
  return {
    key: `page:${entry.id}`,
    label: actions.nameOf(entry),
    badge: { text: String(count), label: i18n.t('popupMentionCount', count) },
    hint: i18n.t('popupRevealHint'),
    choose: () => actions.revealOnPage(entry),
  };
}
