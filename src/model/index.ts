/**
 * The model every context shares (a leaf: it imports nothing). The fact sheet's entries and
 * their kinds, the kinds' colours and the reader's language: the fact-sheet tools, the
 * matcher, the page, the card, the popup and the options page all speak these types.
 */

/** The kinds of entries, in the order the popup and the options page list them. */
export const KINDS = [
  'person',
  'policy',
  'criminal-group',
  'agency',
  'place',
  'substance',
  'concept',
  'party',
  'organization',
  'event',
] as const;
export type Kind = (typeof KINDS)[number];

export interface Alias {
  text: string;
  caseSensitive?: boolean;
  lang?: string;
  /** The alias only counts when the text right after it starts with one of these phrases. */
  followedBy?: string[];
  /** An ordinary phrase or shared acronym: counts only where the page is about the sheet's subject. */
  ambiguous?: boolean;
}

export interface Source {
  publisher: string;
  title: string;
  date: string;
  url?: string;
}

/** Facts are neutral unless marked: opinion is shown as such and never first on a card. */
export type FactType = 'opinion';

export interface Fact {
  text: string;
  textEs?: string;
  asOf: string;
  type?: FactType;
  source: Source;
}

export interface Entry {
  id: string;
  name: string;
  nameEs?: string;
  kind: Kind;
  aliases: Alias[];
  exclude?: string[];
  /** Words whose presence on a page shows it is about this entry (evidence for its ambiguous aliases). */
  context?: string[];
  /** False when a mention of this entry says nothing about the page's subject (e.g. a world leader). */
  evidence?: boolean;
  summary: string;
  summaryEs?: string;
  facts: Fact[];
  related: string[];
  /** When an editor last checked the entry (YYYY-MM-DD); required in the bundled sheet. */
  reviewed?: string;
}

/** What matching and painting need of an entry: the content script ships only this. */
export type MatchEntry = Pick<
  Entry,
  'id' | 'name' | 'nameEs' | 'kind' | 'aliases' | 'exclude' | 'context' | 'evidence'
>;

export function toMatchEntry(e: MatchEntry): MatchEntry {
  const m: MatchEntry = { id: e.id, name: e.name, kind: e.kind, aliases: e.aliases };
  if (e.nameEs) m.nameEs = e.nameEs;
  if (e.exclude?.length) m.exclude = e.exclude;
  if (e.context?.length) m.context = e.context;
  if (e.evidence === false) m.evidence = false;
  return m;
}

/** One colour per kind, shared by the highlights (src/page/highlight-css.ts) and the card's kind label. */
export const KIND_COLORS: Readonly<Record<Kind, string>> = {
  person: '#d9480f',
  policy: '#1971c2',
  'criminal-group': '#c92a2a',
  agency: '#7048e8',
  place: '#2b8a3e',
  substance: '#c2255c',
  concept: '#0c8599',
  party: '#d97000',
  organization: '#3b5bdb',
  event: '#9c36b5',
};

/** An absolute http(s) address with a host: the only links a sheet may carry and a card may show. */
export function isWebUrl(value: string): boolean {
  try {
    const u = new URL(value);
    return (u.protocol === 'https:' || u.protocol === 'http:') && u.hostname !== '';
  } catch {
    return false;
  }
}

/** The languages of the interface and of the fact sheet's texts. */
export type Lang = 'en' | 'es';
