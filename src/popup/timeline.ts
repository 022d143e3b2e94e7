import { i18n } from '#i18n';
import type { Entry, Fact } from '../factsheet/types';
import { formatDate, sourceLink } from '../card/render';
import type { Lang } from '../model';
import { el } from '../ui/dom';

/**
 * "Background for this page": the dated facts of every term the page mentions, newest
 * first, grouped by year. Built from what the popup already has (the tab's mention counts
 * from the background and the active entries): no network, no new permission. DOM APIs
 * and `textContent` only.
 */

export interface TimelineItem {
  entry: Entry;
  fact: Fact;
}

export interface TimelineYear {
  year: string;
  items: TimelineItem[];
}

/** The facts of `entries`, newest `asOf` first (ties: by name, then the sheet's order), grouped by year. */
export function buildTimeline(entries: readonly Entry[], nameOf: (e: Entry) => string): TimelineYear[] {
  const items: (TimelineItem & { order: number })[] = [];
  for (const entry of entries) for (const [order, fact] of entry.facts.entries()) items.push({ entry, fact, order });
  items.sort(
    (a, b) =>
      compareDates(b.fact.asOf, a.fact.asOf) || nameOf(a.entry).localeCompare(nameOf(b.entry)) || a.order - b.order,
  );
  const years: TimelineYear[] = [];
  for (const { entry, fact } of items) {
    const year = fact.asOf.slice(0, 4);
    const last = years.at(-1);
    if (last?.year === year) last.items.push({ entry, fact });
    else years.push({ year, items: [{ entry, fact }] });
  }
  return years;
}

/** "2024-05" sorts as the whole of May: after May 1 and before June ("2024-05" ~ "2024-05-99"). */
function compareDates(a: string, b: string): number {
  const key = (d: string) => (d.length === 7 ? `${d}-99` : d.length === 4 ? `${d}-99-99` : d);
  return key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0;
}

export interface TimelineOptions {
  lang: Lang;
  nameOf(e: Entry): string;
  /** The reader chose a fact's term: reveal its mention on the page. */
  reveal(entry: Entry): void;
}

/** Renders the timeline into `container` (headings per year, an ordered list of facts). */
export function renderTimeline(container: HTMLElement, years: readonly TimelineYear[], options: TimelineOptions): void {
  const { lang } = options;
  container.replaceChildren();
  if (!years.length) {
    const empty = el('p', 'tl-empty', i18n.t('popupTimelineEmpty'));
    container.append(empty);
    return;
  }
  years.forEach((group, g) => {
    const section = el('section', 'tl-year');
    const heading = el('h2', 'tl-year-heading', group.year);
    heading.id = `tl-year-${g}`;
    section.setAttribute('aria-labelledby', heading.id);
    const list = el('ol', 'tl-list');
    for (const { entry, fact } of group.items) {
      const item = el('li', 'tl-item');
      item.dataset.term = entry.id;
      const meta = el('p', 'tl-meta');
      const time = el('time', 'tl-date', formatDate(fact.asOf, lang));
      time.dateTime = fact.asOf;
      const term = el('button', 'tl-term', options.nameOf(entry));
      term.type = 'button';
      term.title = i18n.t('popupRevealHint');
      term.addEventListener('click', () => options.reveal(entry));
      meta.append(term, time);
      const text = el('p', 'tl-text', (lang === 'es' && fact.textEs) || fact.text);
      if (lang === 'es' && fact.textEs) text.lang = 'es';
      const source = el('p', 'tl-source');
      source.append(sourceLink(fact.source), document.createTextNode(`, ${formatDate(fact.source.date, lang)}`));
      item.append(meta, text, source);
      list.append(item);
    }
    section.append(heading, list);
    container.append(section);
  });
}
