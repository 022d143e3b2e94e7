import Fuse, { type IFuseOptions } from 'fuse.js';
import type { Entry } from '../factsheet/types';
import { foldPhrase } from '../matcher/fold';

/**
 * Fuzzy search over fact-sheet entries, for the popup and the selection lookup (never the content script: fuse.js stays out of pages).
 *
 * Every searchable text is folded the same way as the matcher folds page text
 * (diacritics, typographic apostrophes and dashes, spacing), and fuse.js runs with
 * `ignoreDiacritics` on top. Fuse's Bitap score tolerates typos; one bonus then puts
 * an exact name or alias first, and entries whose names or aliases contain the query
 * words (exactly, as a prefix or as a close variant) ahead of entries that only match a summary.
 */

export interface SearchResult {
  entry: Entry;
  /** 0 = perfect, 1 = no match; lower is better. */
  score: number;
}

export interface TermSearch {
  /** Best matches first; an empty or blank query gives no results. */
  search(query: string, limit?: number): SearchResult[];
  /** The single best match when it is good enough to open a card for, else null. */
  bestMatch(query: string): SearchResult | null;
}

interface SearchDoc {
  entry: Entry;
  names: string[];
  aliases: string[];
  summaries: string[];
  /** Folded words of names and aliases, for the word bonus. */
  words: string[];
  /** Folded whole names and aliases, for the exact-phrase bonus. */
  phrases: string[];
}

const FUSE_OPTIONS: IFuseOptions<SearchDoc> = {
  keys: [
    { name: 'names', weight: 3 },
    { name: 'aliases', weight: 2.5 },
    { name: 'summaries', weight: 0.4 },
  ],
  ignoreDiacritics: true,
  ignoreLocation: true,
  includeScore: true,
  threshold: 0.42,
  minMatchCharLength: 2,
};

/** How good the best match must be for the selection lookup to open a card without asking. */
export const BEST_MATCH_MAX_SCORE = 0.35;

export function createTermSearch(entries: readonly Entry[]): TermSearch {
  const docs = entries.map(toSearchDoc);
  const fuse = new Fuse(docs, FUSE_OPTIONS);

  function search(query: string, limit = 50): SearchResult[] {
    const folded = foldPhrase(query).slice(0, 120);
    if (!folded) return [];
    if (folded.length < 2) {
      // One character: fuzzy matching means nothing yet, so list names and aliases starting with it.
      return docs
        .filter((d) => d.words.some((w) => w.startsWith(folded)))
        .map((d) => ({ entry: d.entry, score: d.phrases.some((p) => p.startsWith(folded)) ? 0.2 : 0.4 }))
        .sort(byScoreThenName)
        .slice(0, limit);
    }
    // Fuse's score, lowered for an exact name or alias, and for names and aliases that hold the query's words.
    const queryWords = wordsOf(folded);
    const results = fuse.search(folded).map(({ item: doc, score = 1 }) => ({
      entry: doc.entry,
      score: score * (doc.phrases.includes(folded) ? 0.1 : 1 - 0.6 * wordCoverage(queryWords, doc.words)),
    }));
    return results.sort(byScoreThenName).slice(0, limit);
  }

  return {
    search,
    bestMatch(query) {
      const [best] = search(query, 1);
      return best && best.score <= BEST_MATCH_MAX_SCORE ? best : null;
    },
  };
}

const byScoreThenName = (a: SearchResult, b: SearchResult) =>
  a.score - b.score || a.entry.name.localeCompare(b.entry.name);

function toSearchDoc(entry: Entry): SearchDoc {
  const names = [entry.name, entry.nameEs].filter((s): s is string => !!s).map((s) => foldPhrase(s));
  const aliases = entry.aliases.map((a) => foldPhrase(a.text)).filter(Boolean);
  const summaries = [entry.summary, entry.summaryEs].filter((s): s is string => !!s).map((s) => foldPhrase(s));
  const phrases = [...new Set([...names, ...aliases])];
  return { entry, names, aliases, summaries, phrases, words: [...new Set(phrases.flatMap(wordsOf))] };
}

function wordsOf(folded: string): string[] {
  return folded.split(/[^\p{L}\p{N}]+/u).filter((w) => w.length > 0);
}

/**
 * Share of query words (0..1) that match a word of the entry: exactly, as a prefix
 * (for the word being typed), or within a small edit distance ("fentanil", "buyers").
 */
function wordCoverage(queryWords: readonly string[], entryWords: readonly string[]): number {
  if (queryWords.length === 0) return 0;
  let matched = 0;
  for (const q of queryWords) {
    let best = 0;
    for (const w of entryWords) {
      const m = wordSimilarity(q, w);
      if (m > best) best = m;
      if (best === 1) break;
    }
    matched += best;
  }
  return matched / queryWords.length;
}

/** 1 for the same word or a prefix of at least 3 letters, less for close variants, 0 otherwise. */
function wordSimilarity(q: string, w: string): number {
  if (q === w) return 1;
  if (q.length >= 3 && w.startsWith(q)) return 0.9;
  if (q.length < 4 || w.length < 4) return 0;
  const allowed = q.length >= 8 ? 2 : 1;
  const d = editDistance(q, w, allowed);
  return d <= allowed ? 0.8 - 0.2 * d : 0;
}

/** Levenshtein distance, giving up (returning max + 1) once it exceeds `max`. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      cur.push(v);
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    prev = cur;
  }
  return prev[b.length]!;
}
