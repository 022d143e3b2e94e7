import words from '../../data/language/context-words.json';
import type { Alias, Kind, MatchEntry } from '../model';
import type { Mention, TextFindings } from './index';

/**
 * Reads each candidate mention in its context and decides whether the page means the term.
 * Rules are generic (names, acronyms, qualifiers, topic evidence, language); what is specific to a
 * term is data in the sheet (`ambiguous`, `context`, `exclude`, `lang`) and language knowledge is
 * data in `data/language/context-words.json`. One `PageResolver` per page: it keeps the page's senses.
 */

/** Why a mention counts. */
export type AcceptReason =
  | 'alias' // the words are this term's own, nothing says otherwise
  | 'place-context' // "estado de Guerrero", "Acapulco, Guerrero", "Guerrero state"
  | 'party-context' // "partido Morena", "Morena lawmakers"
  | 'title' // "President Sheinbaum"
  | 'defined' // an acronym spelled out on the page as this term
  | 'page-sense' // the page already used the words in this sense
  | 'evidence-page' // ambiguous words on a page that names other terms of the sheet
  | 'evidence-context'; // ambiguous words on a page with this term's context words

/** Why a candidate does not count. */
export type RejectReason =
  | 'lowercase' // "un espíritu guerrero"
  | 'given-name' // "Paola Guerrero", "Pío López Obrador"
  | 'title' // "el diputado Guerrero" (a person, not the place)
  | 'surname' // "Guerrero Méndez", "Guerrero Jr.", "Chapo Isidro"
  | 'language' // a Spanish-only alias in Portuguese text
  | 'defined-other' // "Canadian Security Intelligence Service (CSIS)"
  | 'qualified' // "la Guardia Nacional de Nicaragua"
  | 'other-sense' // the page used the words for something else before
  | 'no-evidence'; // ambiguous words on a page about something else

export type Verdict =
  | { status: 'accept'; why: AcceptReason }
  | { status: 'reject'; why: RejectReason }
  /** Ambiguous words waiting for evidence later on the page. */
  | { status: 'pending'; why: 'no-evidence' };

export interface BlockResult {
  verdicts: Verdict[];
  /** Pending mentions (of earlier blocks) that this block's evidence settles: every one, or those of these ids. */
  released: 'all' | ReadonlySet<string> | null;
}

const NAME_KINDS: ReadonlySet<Kind> = new Set(['place', 'party', 'person']);

const normCache = new Map<string, string>();
/** Already what `norm` makes of it: most list and page words, which then skip the Unicode work. */
const PLAIN = /^[a-z0-9'’ -]*$/;

/** Lower case, no accents, no final dot: how word lists are compared (cached: the same words recur). */
export function norm(word: string): string {
  if (PLAIN.test(word)) return word;
  let n = normCache.get(word);
  if (n === undefined) {
    n = word.toLowerCase().normalize('NFD').replace(/\p{M}/gu, '').replace(/\.$/, '');
    if (normCache.size > 20_000) normCache.clear();
    normCache.set(word, n);
  }
  return n;
}

const set = (list: readonly string[]) => new Set(list.map(norm));
/** The word lists, normalised on first use (every frame loads this module; few read a mention). */
let lists: ReturnType<typeof makeLists> | null = null;
function makeLists() {
  const placeAfter = set(words.placeAfter);
  const partyAfter = set(words.partyAfter);
  return {
    TITLES: set(words.titles),
    SUFFIXES: set(words.nameSuffixes),
    FUNCTION: set(words.functionWords),
    PLACE_BEFORE: set(words.placeBefore),
    PLACE_AFTER: placeAfter,
    PARTY_BEFORE: set(words.partyBefore),
    PARTY_AFTER: partyAfter,
    NOT_NAME_AFTER: new Set([...set(words.notNameAfter), ...placeAfter, ...partyAfter]),
  };
}
const wordSets = () => (lists ??= makeLists());
const OF = new Set(['de', 'del', 'of']);
/** Prepositions that link a place noun to a place name ("límites con", "border with"). */
const LINKS = new Set(['de', 'del', 'of', 'con', 'with', 'entre', 'between', 'and', 'y', 'e']);
const QUOTES = new Set(['"', '”', '“', "'", '’', '»', '«']);

const UPPER = /^\p{Lu}/u;
const LETTER = /[\p{L}\p{M}]/u;
const WORD_CHAR = /[\p{L}\p{M}\p{N}'’.-]/u;
const ACRONYM = /^\p{Lu}[\p{Lu}\d.&-]{1,7}$/u;

interface Word {
  text: string;
  /** Separated from the mention by white space only. */
  adjacent: boolean;
  /** Punctuation between the word and the mention (",", "(", …), or '' when adjacent. */
  gap: string;
  start: number;
  end: number;
}

/** The word before `at` (skipping spaces and at most one punctuation mark). */
function wordBefore(text: string, at: number): Word | null {
  let i = at;
  while (i > 0 && /\s/.test(text[i - 1]!)) i--;
  let gap = '';
  if (i > 0 && !WORD_CHAR.test(text[i - 1]!)) {
    gap = text[i - 1]!;
    i--;
    while (i > 0 && /\s/.test(text[i - 1]!)) i--;
  }
  const end = i;
  while (i > 0 && WORD_CHAR.test(text[i - 1]!)) i--;
  if (i === end) return null;
  return { text: text.slice(i, end).replace(/^['’.-]+/, ''), adjacent: gap === '', gap, start: i, end };
}

/** The word after `at` (skipping spaces only; punctuation ends the name). */
function wordAfter(text: string, at: number): Word | null {
  let i = at;
  while (i < text.length && /\s/.test(text[i]!)) i++;
  if (i === at && i < text.length && LETTER.test(text[i]!)) return null;
  const start = i;
  while (i < text.length && WORD_CHAR.test(text[i]!)) i++;
  if (i === start) return null;
  let w = text.slice(start, i);
  // "Guerrero's governor": the possessive belongs to the name; read the word after it.
  if (/^['’]s$/.test(w)) return wordAfter(text, i);
  w = w.replace(/['’-]+$/, '');
  return { text: w, adjacent: true, gap: '', start, end: i };
}

const isCapitalised = (w: string) => UPPER.test(w);
const isAllCaps = (w: string) => /\p{Lu}/u.test(w) && !/\p{Ll}/u.test(w);

/** True when most long words of the block are capitalised (a headline in Title Case): capitals say nothing there. */
function isTitleCase(text: string): boolean {
  // Headlines are short; a long block of capitalised words is a list of names, where capitals do count.
  if (text.length > 200) return false;
  const long = text.match(/[\p{L}]{4,}/gu);
  if (!long || long.length < 3) return false;
  let caps = 0;
  for (const w of long) if (UPPER.test(w)) caps++;
  return caps / long.length >= 0.7;
}

interface EntryInfo {
  entry: MatchEntry;
  /** Words of the entry's own name and aliases (a neighbour that is one of these belongs to the name). */
  own: Set<string>;
  context: Set<string>;
}

export class PageResolver {
  /** The page's last reading of each entry's bare words ("Guerrero", "CSIS"): its own sense or another. */
  private readonly senses = new Map<string, { sense: 'own' | 'other'; at: number }>();
  /** When the page last used an entry's full name (a later bare surname then means that entry). */
  private readonly fullNameAt = new Map<string, number>();
  private seq = 0;
  /** The page names a term of the sheet that is evidence of its subject. */
  private evidence = false;
  /** Entries whose context words occur on the page. */
  private readonly contextSeen = new Set<string>();
  private readonly info = new Map<string, EntryInfo>();

  constructor(private readonly entries: ReadonlyMap<string, MatchEntry>) {}

  private infoOf(id: string): EntryInfo | null {
    let i = this.info.get(id);
    if (i) return i;
    const entry = this.entries.get(id);
    if (!entry) return null;
    const own = new Set<string>();
    for (const t of [entry.name, entry.nameEs ?? '', ...entry.aliases.map((a) => a.text)]) {
      for (const w of t.split(/[\s"“”'()]+/)) if (w) own.add(norm(w));
    }
    i = { entry, own, context: set(entry.context ?? []) };
    this.info.set(id, i);
    return i;
  }

  /** True when an ambiguous alias of `id` would count now. */
  hasEvidence(id: string): boolean {
    return this.evidence || this.contextSeen.has(id);
  }

  /**
   * Resolves one block's candidates (in document order). `langOf` gives a mention's language
   * (its nearest `lang` attribute, the document's on `<html>`; null when unknown).
   */
  resolveBlock(
    text: string,
    langOf: (m: Mention) => string | null,
    found: Pick<TextFindings, 'mentions' | 'contextIds' | 'shadowed'>,
  ): BlockResult {
    const { mentions, contextIds, shadowed } = found;
    const fresh = new Set<string>();
    for (const id of contextIds) {
      if (this.contextSeen.has(id)) continue;
      this.contextSeen.add(id);
      if (!this.evidence) fresh.add(id);
    }
    let released: ReadonlySet<string> | 'all' | null = fresh.size ? fresh : null;
    let titleCase: boolean | null = null;
    const verdicts: Verdict[] = [];
    let s = 0;
    for (let k = 0; k < mentions.length; k++) {
      const m = mentions[k]!;
      // Names met inside longer phrases before this mention ("Pío López Obrador") set the page's sense first.
      for (; s < shadowed.length && shadowed[s]!.start < m.start; s++) this.readShadow(text, shadowed[s]!);
      const info = this.infoOf(m.termId);
      if (!info) {
        verdicts.push(accept('alias'));
        continue;
      }
      titleCase ??= isTitleCase(text);
      const v = this.resolve(text, langOf, m, info, mentions, k, titleCase);
      verdicts.push(v);
      if (v.status === 'accept' && !m.alias.ambiguous && info.entry.evidence !== false && !this.evidence) {
        this.evidence = true;
        released = 'all';
      }
    }
    for (; s < shadowed.length; s++) this.readShadow(text, shadowed[s]!);
    return { verdicts, released };
  }

  /** An alias inside another name ("Vicente Guerrero", "Zambada Sicairos"): later bare uses follow that name. */
  private readShadow(text: string, m: TextFindings['shadowed'][number]): void {
    const info = this.infoOf(m.termId);
    if (!info || !isBare(m.alias, info)) return;
    if (!isAcronymAlias(m.alias) && !NAME_KINDS.has(info.entry.kind)) return;
    const before = wordBefore(text.slice(m.coverStart, m.start), m.start - m.coverStart);
    const after = wordAfter(text.slice(0, m.coverEnd), m.end);
    const nameLike = (w: Word | null) => {
      if (!w?.adjacent || !isCapitalised(w.text)) return false;
      const n = norm(w.text);
      return !wordSets().FUNCTION.has(n) && !wordSets().NOT_NAME_AFTER.has(n) && !info.own.has(n);
    };
    if (nameLike(before) || nameLike(after)) {
      this.senses.set(`${m.termId}\u0000${norm(m.alias.text)}`, { sense: 'other', at: ++this.seq });
    }
  }

  private resolve(
    text: string,
    langOf: (m: Mention) => string | null,
    m: Mention,
    info: EntryInfo,
    all: readonly Mention[],
    k: number,
    titleCase: boolean,
  ): Verdict {
    const { alias } = m;
    const { entry } = info;
    if (alias.lang) {
      const lang = langOf(m);
      if (lang && primary(lang) !== primary(alias.lang)) return reject('language');
    }
    const at = ++this.seq;
    const form = `${entry.id}\u0000${norm(alias.text)}`;

    let local: Verdict | null = null;
    if (isAcronymAlias(alias)) local = this.readAcronym(text, m, info, all, k);
    else if (NAME_KINDS.has(entry.kind) && UPPER.test(alias.text)) local = readName(text, m, info, titleCase);
    if (!local && alias.ambiguous) local = readQualifier(text, m, info, all);
    // Spelled out, placed in context or made part of another name: the page's reading of these words.
    if (local) {
      if (local.why !== 'lowercase') this.senses.set(form, { sense: local.status === 'accept' ? 'own' : 'other', at });
      return local;
    }

    // The page already read these words: follow it (a bare surname only until the full name comes back).
    const last = this.senses.get(form);
    const bare = isBare(alias, info);
    if (last && (!bare || last.at > (this.fullNameAt.get(entry.id) ?? 0))) {
      return last.sense === 'other' ? reject('other-sense') : accept('page-sense');
    }
    if (!bare) this.fullNameAt.set(entry.id, at);
    if (alias.ambiguous) {
      if (this.evidence) return accept('evidence-page');
      if (this.contextSeen.has(entry.id)) return accept('evidence-context');
      return { status: 'pending', why: 'no-evidence' };
    }
    return accept('alias');
  }

  /** "Long Form (ACR)" or "ACR (Long Form)" on the page settles what the acronym means. */
  private readAcronym(text: string, m: Mention, info: EntryInfo, all: readonly Mention[], k: number): Verdict | null {
    const before = text.slice(0, m.start).trimEnd();
    const after = text.slice(m.end);
    if (before.endsWith('(') && /^\s*\)/.test(after)) {
      const longEnd = before.slice(0, -1).trimEnd().length;
      const own = all.slice(0, k).some((o) => o.termId === m.termId && o.end >= longEnd - 1 && o.end <= longEnd + 1);
      if (own) return accept('defined');
      const prev = wordBefore(text, longEnd);
      if (prev && isCapitalised(prev.text) && !info.own.has(norm(prev.text))) return reject('defined-other');
      return null;
    }
    const paren = /^\s*\(([^)]{3,120})\)/.exec(after);
    if (paren) {
      const inner = norm(paren[1]!.trim());
      const aliases = info.entry.aliases.filter((a) => a !== m.alias).map((a) => norm(a.text));
      if (aliases.some((a) => inner.startsWith(a) || a.startsWith(inner))) return accept('defined');
      if (isCapitalised(paren[1]!.trim()) && !/^\p{Lu}+$/u.test(paren[1]!.trim())) return reject('defined-other');
    }
    return null;
  }
}

/** A name-like alias (a place, party or person): is it part of someone's name, or in its own context? */
function readName(text: string, m: Mention, info: EntryInfo, titleCase: boolean): Verdict | null {
  const { entry } = info;
  const written = m.text;
  if (!keepsCapitals(m.alias.text, written)) return reject('lowercase');
  const caps = isAllCaps(written);
  const prev = wordBefore(text, m.start);
  const next = wordAfter(text, m.end);
  const kind = entry.kind;

  // Context that keeps the sense: "estado de Guerrero", "Acapulco, Guerrero", "Guerrero state".
  if (kind === 'place') {
    if (prev?.adjacent && wordSets().PLACE_BEFORE.has(norm(prev.text))) {
      // "de Guerrero" / "of Guerrero" only place it after a place noun ("estado de", "sierra de"); "doblete de Guerrero" is a player.
      if (!OF.has(norm(prev.text))) return accept('place-context');
    }
    // "estado de Guerrero", "los límites con Guerrero": a place noun, then a preposition. ("doblete de Guerrero" is a player.)
    if (prev?.adjacent && LINKS.has(norm(prev.text))) {
      const before = wordBefore(text, prev.start);
      if (before?.adjacent && wordSets().PLACE_BEFORE.has(norm(before.text)) && !OF.has(norm(before.text)))
        return accept('place-context');
    }
    if (prev && prev.gap === ',' && isCapitalised(prev.text) && !info.own.has(norm(prev.text)))
      return accept('place-context');
    if (next && wordSets().PLACE_AFTER.has(norm(next.text))) return accept('place-context');
  }
  if (kind === 'party') {
    if (prev?.adjacent && wordSets().PARTY_BEFORE.has(norm(prev.text))) return accept('party-context');
    if (next && wordSets().PARTY_AFTER.has(norm(next.text))) return accept('party-context');
  }
  if (caps || titleCase) return null;

  // A nickname in quotes before a surname: Jesús "El Rey" Zambada.
  if (
    prev &&
    QUOTES.has(prev.gap) &&
    isCapitalised(prev.text) &&
    !info.own.has(norm(prev.text)) &&
    !wordSets().FUNCTION.has(norm(prev.text))
  ) {
    return reject('given-name');
  }
  if (prev?.adjacent && !endsSentence(prev.text)) {
    const p = norm(prev.text);
    if (wordSets().TITLES.has(p) && !wordSets().FUNCTION.has(p))
      return kind === 'person' ? accept('title') : reject('title');
    if (
      isCapitalised(prev.text) &&
      !wordSets().FUNCTION.has(p) &&
      !info.own.has(p) &&
      !info.context.has(p) &&
      !isAllCaps(prev.text)
    )
      return reject('given-name');
  }
  if (next) {
    const n = norm(next.text);
    if (
      wordSets().SUFFIXES.has(n) &&
      (next.text.endsWith('.') || /^(jr|sr|ii|iii|iv)$/i.test(next.text) || n === 'junior' || n === 'hijo')
    )
      return reject('surname');
    if (
      isCapitalised(next.text) &&
      !isAllCaps(next.text) &&
      !wordSets().FUNCTION.has(n) &&
      !wordSets().NOT_NAME_AFTER.has(n) &&
      !info.own.has(n) &&
      !info.context.has(n)
    ) {
      return reject('surname');
    }
  }
  return null;
}

/** A name keeps its capitals: "Guerrero", "el Chapo Isidro", not "un espíritu guerrero". */
function keepsCapitals(alias: string, written: string): boolean {
  const a = alias.split(/\s+/);
  const w = written.split(/\s+/);
  if (a.length !== w.length) return UPPER.test(w[w.length - 1]!) || !UPPER.test(a[a.length - 1]!);
  return a.every((word, i) => !UPPER.test(word) || wordSets().FUNCTION.has(norm(word)) || UPPER.test(w[i]!));
}

/** "Acapulco." before a word ends a sentence; "J." (an initial) and "Sr." (a title) do not. */
function endsSentence(word: string): boolean {
  if (!word.endsWith('.')) return false;
  const bare = word.slice(0, -1);
  if (/^\p{Lu}$/u.test(bare) || wordSets().TITLES.has(norm(bare))) return false;
  return !/\./.test(bare);
}

/** "la Guardia Nacional de Nicaragua": an ambiguous name qualified by another country or body. */
function readQualifier(text: string, m: Mention, info: EntryInfo, all: readonly Mention[]): Verdict | null {
  // "de/of X" says whose it is ("de Nicaragua"); "in/en X" only where it is, so it is no qualifier.
  const q = /^\s+(?:de la|del|de|of the|of)\s+([\p{Lu}][\p{L}\p{M}.'’-]*)/u.exec(text.slice(m.end, m.end + 60));
  if (q) {
    const w = norm(q[1]!);
    const at = m.end + q[0].length - q[1]!.length;
    // Qualified by its own country, or by a term of the sheet ("de Sinaloa"): the sheet's sense.
    if (info.context.has(w) || info.own.has(w) || all.some((o) => o.start === at)) return accept('alias');
    if (!wordSets().FUNCTION.has(w)) return reject('qualified');
  }
  const prev = wordBefore(text, m.start);
  if (prev?.adjacent && !endsSentence(prev.text) && isCapitalised(prev.text) && !isAllCaps(m.text)) {
    const p = norm(prev.text);
    if (info.context.has(p)) return accept('alias');
    if (!wordSets().FUNCTION.has(p) && !info.own.has(p) && !wordSets().TITLES.has(p)) return reject('qualified');
  }
  return null;
}

/** An acronym alias: "CSIS", "PGR", "FTO". */
function isAcronymAlias(a: Alias): boolean {
  return ACRONYM.test(a.text) && !/\s/.test(a.text);
}

/** A bare form: one word, which the page may use in another sense (a surname, an acronym). */
function isBare(a: Alias, info: EntryInfo): boolean {
  if (!/\s/.test(a.text.trim())) return true;
  // "López Obrador" for an entry named "Andrés Manuel López Obrador": a surname on its own.
  return (
    NAME_KINDS.has(info.entry.kind) &&
    norm(info.entry.name).length > norm(a.text).length &&
    norm(info.entry.name).endsWith(norm(a.text))
  );
}

function primary(lang: string): string {
  return lang.toLowerCase().split(/[-_]/)[0]!;
}

function accept(why: AcceptReason): Verdict {
  return { status: 'accept', why };
}

function reject(why: RejectReason): Verdict {
  return { status: 'reject', why };
}
