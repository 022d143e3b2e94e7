import type { MatchEntry } from '../factsheet/types';
import { Automaton } from './automaton';
import { foldPhrase, foldText, isWordUnit, type FoldedText } from './fold';

export { foldPhrase, foldText } from './fold';

/** A mention of a fact-sheet term in a text, by original UTF-16 offsets. */
export interface Mention {
  termId: string;
  start: number;
  end: number;
  /** The mention as written. */
  text: string;
}

interface Pattern {
  termId: string;
  /** Folded, lower-cased text (what the automaton looks for). */
  lower: string;
  /** Folded text with case kept, for case-sensitive aliases. */
  cased: string | null;
  /** Folded phrases one of which must follow the alias. */
  followedBy: string[] | null;
  /** An exclusion phrase rather than an alias. */
  exclude: boolean;
}

export interface Matcher {
  findMentions(text: string): Mention[];
  /** Number of alias and exclusion patterns compiled into the automaton. */
  readonly patternCount: number;
}

interface Candidate {
  pattern: Pattern;
  start: number;
  end: number;
}

/** Compiles every alias and exclusion of `entries` into one automaton. */
export function compileMatcher(entries: readonly MatchEntry[]): Matcher {
  const patterns: Pattern[] = [];
  for (const entry of entries) {
    for (const alias of entry.aliases) {
      const lower = foldPhrase(alias.text);
      if (!lower) continue;
      patterns.push({
        termId: entry.id,
        lower,
        cased: alias.caseSensitive ? foldPhrase(alias.text, true) : null,
        followedBy: alias.followedBy?.map((p) => foldPhrase(p)).filter(Boolean) ?? null,
        exclude: false,
      });
    }
    for (const phrase of entry.exclude ?? []) {
      const lower = foldPhrase(phrase);
      if (lower) patterns.push({ termId: entry.id, lower, cased: null, followedBy: null, exclude: true });
    }
  }
  const automaton = new Automaton(patterns.map((p) => p.lower));

  function findMentions(text: string): Mention[] {
    // Shared buffers: `folded` is not used after this call returns.
    const folded = foldText(text, true);
    const aliases: Candidate[] = [];
    const exclusions: Candidate[] = [];
    automaton.search(folded.lower, folded.length, (index, start, end) => {
      const pattern = patterns[index]!;
      if (!isWholeWord(folded, start, end)) return;
      if (pattern.exclude) {
        exclusions.push({ pattern, start, end });
        return;
      }
      if (pattern.cased !== null && !unitsEqual(folded.cased, start, pattern.cased)) return;
      if (pattern.followedBy !== null && !isFollowedBy(folded, end, pattern.followedBy)) return;
      aliases.push({ pattern, start, end });
    });
    const kept = exclusions.length ? aliases.filter((c) => !isExcluded(c, exclusions)) : aliases;
    return pickLongest(kept).map((c) => {
      const start = folded.from[c.start]!;
      const end = folded.to[c.end - 1]!;
      return { termId: c.pattern.termId, start, end, text: text.slice(start, end) };
    });
  }

  return { findMentions, patternCount: patterns.length };
}

function isWholeWord(f: FoldedText, start: number, end: number): boolean {
  // Patterns are trimmed words, so only the outer edges need checking.
  if (start > 0 && isWordUnit(f.lower[start - 1]!) && isWordUnit(f.lower[start]!)) return false;
  if (end < f.length && isWordUnit(f.lower[end]!) && isWordUnit(f.lower[end - 1]!)) return false;
  return true;
}

function unitsEqual(units: Uint16Array, start: number, s: string): boolean {
  for (let k = 0; k < s.length; k++) if (units[start + k] !== s.charCodeAt(k)) return false;
  return true;
}

function isFollowedBy(f: FoldedText, end: number, phrases: readonly string[]): boolean {
  const at = f.lower[end] === 0x20 ? end + 1 : end;
  return phrases.some(
    (p) => at + p.length <= f.length && unitsEqual(f.lower, at, p) && isWholeWord(f, at, at + p.length),
  );
}

function isExcluded(c: Candidate, exclusions: readonly Candidate[]): boolean {
  return exclusions.some((x) => x.pattern.termId === c.pattern.termId && x.start <= c.start && c.end <= x.end);
}

/** The longest candidate wins; ties go to the earliest; kept mentions never overlap. */
function pickLongest(candidates: Candidate[]): Candidate[] {
  if (candidates.length <= 1) return candidates;
  const byStart = [...candidates].sort((a, b) => a.start - b.start || b.end - a.end);
  const result: Candidate[] = [];
  // Resolve each cluster of mutually overlapping candidates on its own.
  for (let i = 0; i < byStart.length; ) {
    let j = i + 1;
    let clusterEnd = byStart[i]!.end;
    while (j < byStart.length && byStart[j]!.start < clusterEnd) {
      clusterEnd = Math.max(clusterEnd, byStart[j]!.end);
      j++;
    }
    if (j === i + 1) result.push(byStart[i]!);
    else result.push(...resolveCluster(byStart.slice(i, j)));
    i = j;
  }
  return result;
}

function resolveCluster(cluster: Candidate[]): Candidate[] {
  const byLength = cluster.sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
  const kept: Candidate[] = [];
  for (const c of byLength) {
    if (!kept.some((k) => c.start < k.end && k.start < c.end)) kept.push(c);
  }
  return kept.sort((a, b) => a.start - b.start);
}
