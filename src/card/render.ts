import { i18n } from '#i18n';
import { orderFacts } from '../factsheet/order';
import { kindLabel, reasonLabel } from '../l10n';
import type { AcceptReason } from '../matcher/resolve';
import { type Entry, type Fact, isWebUrl, type Lang } from '../model';

/**
 * Renders a fact-sheet entry as a card: DOM APIs and `textContent` only, so no entry
 * text (bundled or imported) can ever become markup. Used by the in-page card and by
 * the popup; style it with `cardCss()` (src/card/style.ts).
 */

export interface CardOptions {
  /** Language of the entry texts to show (the page's language); default English. */
  lang?: Lang;
  /** Display name of a related term, or undefined when the term is unknown (then it is left out). */
  nameOf?: (id: string) => string | undefined;
  onRelated?: (id: string) => void;
  onOpen?: (id: string) => void;
  onClose?: () => void;
  /** Show at most this many facts (the in-page card keeps to the key ones); default all. */
  maxFacts?: number;
  /** Prefix for element ids (the dialog is labelled by its heading's id). */
  idPrefix?: string;
  /** The words on the page this card explains and the rule that matched them (in-page card). */
  match?: { text: string; why: AcceptReason };
  /** "Not this": stop painting this term on the site (`site` names it in the button's label). */
  notThis?: { site: string; onClick: () => void };
  /** The document to build in (the in-page card's own frame); default the global one. */
  doc?: Document;
}

/** Where `el` builds: set per `renderCard` call, so the in-page card never builds in the page's document. */
let building: Document | null = null;
const buildDoc = (): Document => building ?? document;

function el<K extends keyof HTMLElementTagNameMap>(tag: K, className: string, text?: string): HTMLElementTagNameMap[K] {
  const node = buildDoc().createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

export function renderCard(entry: Entry, options: CardOptions): HTMLElement {
  const before = building;
  building = options.doc ?? null;
  try {
    return buildCard(entry, options);
  } finally {
    building = before;
  }
}

function buildCard(entry: Entry, options: CardOptions): HTMLElement {
  const { lang = 'en' } = options;
  const { onRelated } = options;
  const es = lang === 'es';
  const idPrefix = options.idPrefix ?? 'contexto-card';
  const titleId = `${idPrefix}-title`;

  const card = el('div', 'card');
  card.setAttribute('role', 'dialog');
  card.setAttribute('aria-modal', 'false');
  card.setAttribute('aria-labelledby', titleId);
  card.tabIndex = -1;
  card.dataset.kind = entry.kind;
  card.dataset.term = entry.id;

  const header = el('div', 'head');
  const kind = el('p', 'kind', kindLabel(entry.kind));
  const title = el('h2', 'name', entry.name);
  title.id = titleId;
  header.append(kind, title);
  if (es && entry.nameEs && entry.nameEs !== entry.name) {
    const alt = el('p', 'name-es', entry.nameEs);
    alt.lang = 'es';
    header.append(alt);
  }
  if (options.onClose) {
    const close = el('button', 'close', '×');
    close.type = 'button';
    close.setAttribute('aria-label', i18n.t('cardClose'));
    close.addEventListener('click', () => options.onClose?.());
    header.append(close);
  }
  card.append(header);

  if (options.match) {
    const { text, why } = options.match;
    card.append(el('p', 'why', i18n.t('cardMatched', { text, why: reasonLabel(why) })));
  }

  const summary = el('p', 'summary', (es && entry.summaryEs) || entry.summary);
  if (es && entry.summaryEs) summary.lang = 'es';
  card.append(summary);

  if (entry.facts.length) {
    const section = titledSection('facts', `${idPrefix}-facts`, i18n.t('cardFacts'));
    const list = el('ul', 'fact-list');
    for (const fact of orderFacts(entry.facts).slice(0, options.maxFacts ?? entry.facts.length))
      list.append(renderFact(fact, lang));
    section.append(list);
    card.append(section);
  }

  const related = entry.related
    .map((id) => ({ id, name: options.nameOf?.(id) }))
    .filter((r): r is { id: string; name: string } => typeof r.name === 'string');
  if (related.length) {
    const section = titledSection('related', `${idPrefix}-related`, i18n.t('cardRelated'));
    const list = el('div', 'related-list');
    for (const r of related) {
      const button = el('button', 'related-term', r.name);
      button.type = 'button';
      button.dataset.term = r.id;
      button.addEventListener('click', () => onRelated?.(r.id));
      list.append(button);
    }
    section.append(list);
    card.append(section);
  }

  if (entry.reviewed) {
    const date = formatDate(entry.reviewed, lang);
    card.append(el('p', 'reviewed', i18n.t('cardReviewed', { date })));
  }

  if (options.onOpen || options.notThis) {
    const footer = el('div', 'foot');
    if (options.notThis) {
      const { site, onClick } = options.notThis;
      const not = el('button', 'not-this', i18n.t('cardNotThis'));
      not.type = 'button';
      not.setAttribute('aria-label', i18n.t('cardNotThisLabel', { name: entry.name, site }));
      not.addEventListener('click', onClick);
      footer.append(not);
    }
    if (options.onOpen) {
      const open = el('button', 'open', i18n.t('cardOpen'));
      open.type = 'button';
      open.addEventListener('click', () => options.onOpen?.(entry.id));
      footer.append(open);
    }
    card.append(footer);
  }
  return card;
}

function renderFact(fact: Fact, lang: Lang): HTMLElement {
  const item = el('li', 'fact');
  const text = el('p', 'fact-text', (lang === 'es' && fact.textEs) || fact.text);
  if (lang === 'es' && fact.textEs) text.lang = 'es';
  // "Publisher, date" with the source's title on the link; "as of" only when it differs from the source date.
  const meta = el('p', 'fact-source');
  const publisher = sourceLink(fact.source);
  if (fact.type === 'opinion')
    meta.append(el('span', 'opinion', i18n.t('cardOpinion')), buildDoc().createTextNode(' · '));
  meta.append(publisher, buildDoc().createTextNode(`, ${formatDate(fact.source.date, lang)}`));
  if (fact.asOf !== fact.source.date) {
    const asOf = formatDate(fact.asOf, lang);
    meta.append(buildDoc().createTextNode(' · '), el('span', 'as-of', i18n.t('cardAsOf', { date: asOf })));
  }
  item.append(text, meta);
  return item;
}

/** The publisher's name, linked to the source page (a new tab) when it has a safe address; its title on hover. */
export function sourceLink(source: Fact['source']): HTMLElement {
  const url = safeUrl(source.url);
  let publisher: HTMLElement;
  if (url) {
    const a = el('a', 'source-link', source.publisher);
    a.href = url;
    a.target = '_blank';
    a.rel = 'noopener noreferrer';
    publisher = a;
  } else {
    publisher = el('span', 'source-name', source.publisher);
  }
  publisher.title = source.title;
  return publisher;
}

/** Only http(s) links, so an imported sheet cannot smuggle `javascript:` URLs. */
export function safeUrl(url: string | undefined): string | null {
  return url && isWebUrl(url) ? new URL(url).href : null;
}

/** "2024-05" → "May 2024", "2024-05-12" → "May 12, 2024" (in the card's language). */
export function formatDate(value: string, lang: Lang): string {
  const m = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/.exec(value);
  if (!m) return value;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, m[3] ? Number(m[3]) : 1));
  try {
    return dateFormat(lang, Boolean(m[3])).format(date);
  } catch {
    return value;
  }
}

/** One formatter per language and form: creating an Intl.DateTimeFormat was the first card's costliest call (a trace of a hover). */
const dateFormats = new Map<string, Intl.DateTimeFormat>();
function dateFormat(lang: Lang, withDay: boolean): Intl.DateTimeFormat {
  const key = `${lang}|${withDay}`;
  let format = dateFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(lang, {
      year: 'numeric',
      month: 'short',
      ...(withDay ? { day: 'numeric' } : {}),
      timeZone: 'UTC',
    });
    dateFormats.set(key, format);
  }
  return format;
}

/** A section labelled by its own heading (screen readers name the region after it). */
function titledSection(className: string, headingId: string, title: string): HTMLElement {
  const section = el('section', className);
  const heading = el('h3', 'section-title', title);
  heading.id = headingId;
  section.setAttribute('aria-labelledby', headingId);
  section.append(heading);
  return section;
}
