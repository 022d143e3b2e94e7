/** One fact-sheet entry as written in `data/terms/<id>.json` (and in imported sheets). */
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
}

export interface Source {
  publisher: string;
  title: string;
  date: string;
  url?: string;
}

export interface Fact {
  text: string;
  textEs?: string;
  asOf: string;
  source: Source;
}

export interface Entry {
  id: string;
  name: string;
  nameEs?: string;
  kind: Kind;
  aliases: Alias[];
  exclude?: string[];
  summary: string;
  summaryEs?: string;
  facts: Fact[];
  related: string[];
}

/** What matching and painting need of an entry: the content script ships only this. */
export type MatchEntry = Pick<Entry, 'id' | 'name' | 'nameEs' | 'kind' | 'aliases' | 'exclude'>;

export function toMatchEntry(e: MatchEntry): MatchEntry {
  const m: MatchEntry = { id: e.id, name: e.name, kind: e.kind, aliases: e.aliases };
  if (e.nameEs) m.nameEs = e.nameEs;
  if (e.exclude?.length) m.exclude = e.exclude;
  return m;
}

/** A named collection of entries: the bundled sheet or an imported one. */
export interface FactSheet {
  name: string;
  entries: Entry[];
}
