import type { Alias, MatchEntry } from '../model';
import { Automaton, type TextStream } from './automaton';
import { FOLD_DROP, foldPhrase, foldText, foldUnitOf, isWordUnit, type FoldedText } from './fold';

export { foldPhrase } from './fold';

/** A mention of a fact-sheet term in a text, by original UTF-16 offsets. */
export interface Mention {
  termId: string;
  start: number;
  end: number;
  /** The mention as written. */
  text: string;
  /** The alias that matched. */
  alias: Alias;
}

/** What one pass over a text finds: candidate mentions and the entries whose context words occur. */
export interface TextFindings {
  mentions: Mention[];
  /** Ids of entries one of whose `context` words occurs in the text. */
  contextIds: string[];
  /**
   * Alias occurrences inside a longer phrase that is something else: an exclusion ("Pío López Obrador")
   * or another entry's longer alias ("Zambada Sicairos"), each with that phrase's span.
   */
  shadowed: (Mention & { coverStart: number; coverEnd: number })[];
}

interface Pattern {
  termId: string;
  alias: Alias | null;
  /** Folded, lower-cased text (what the automaton looks for). */
  lower: string;
  /** Folded text with case kept, for case-sensitive aliases. */
  cased: string | null;
  /** Folded phrases one of which must follow the alias. */
  followedBy: string[] | null;
  /** What the pattern is: an alias, an exclusion phrase, or a context word. */
  role: 'alias' | 'exclude' | 'context';
}

export interface Matcher {
  /** Every alias occurrence (longest wins, exclusions applied), before reading the context. */
  findMentions(text: string): Mention[];
  /** `findMentions` plus the context words found, in one pass. */
  find(text: string): TextFindings;
  /** Number of alias and exclusion patterns compiled into the automaton. */
  readonly patternCount: number;
  /** Compiles now what would otherwise be compiled on first need (`gatedMatcher`). */
  prepare(): void;
  /**
   * Compiles a short piece of what `prepare` compiles (so a page's task is not held for a whole
   * cold compile); false once all is compiled. Absent: `prepare` does it all at once.
   */
  prepareStep?(): boolean;
  /**
   * A fresh prefilter over a text read in pieces: it says where a mention may end, so a page's text
   * nodes can be read without building blocks that hold nothing. Null when none is ready; never compiles.
   */
  textStream(): TextStream | null;
}

export type { TextStream } from './automaton';

/** One `prepareStep` of `matcher`, or its whole `prepare` when it has none; false once compiled. */
export function compileStep(matcher: Matcher): boolean {
  if (matcher.prepareStep) return matcher.prepareStep();
  matcher.prepare();
  return false;
}

/**
 * Characters that fold only to characters of this same class or to spaces (white space,
 * punctuation, decimal digits, CJK, Hangul and Thai letters; tests/unit/matcher.test.ts checks
 * every code point). A text made only of them cannot hold a pattern with a unit outside the class.
 */
export const NOTHING_TO_FIND_CLASS =
  '\\s\\p{P}\\p{Nd}\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}\\p{Script=Hangul}\\p{Script=Thai}\\u30fc\\uff70';
/**
 * Finds a character outside the class (native, so a page in Chinese is not folded character by character).
 * Pure: the loader, which never uses them, then leaves them out (each frame parsed both classes' Unicode properties).
 */
const FINDABLE = /* @__PURE__ */ new RegExp(`[^${NOTHING_TO_FIND_CLASS}]`, 'u');
const IN_CLASS = /* @__PURE__ */ new RegExp(`^[${NOTHING_TO_FIND_CLASS}]$`, 'u');

interface Candidate {
  pattern: Pattern;
  start: number;
  end: number;
}

/** What the automaton looks for: every alias, exclusion and (for entries with ambiguous aliases) context word, folded. */
function patternsOf(entries: readonly MatchEntry[]): Pattern[] {
  const patterns: Pattern[] = [];
  for (const entry of entries) {
    for (const alias of entry.aliases) {
      const lower = foldPhrase(alias.text);
      if (!lower) continue;
      patterns.push({
        termId: entry.id,
        alias,
        lower,
        cased: alias.caseSensitive ? foldPhrase(alias.text, true) : null,
        followedBy: alias.followedBy?.map((p) => foldPhrase(p)).filter(Boolean) ?? null,
        role: 'alias',
      });
    }
    for (const phrase of entry.exclude ?? []) {
      const lower = foldPhrase(phrase);
      if (lower)
        patterns.push({ termId: entry.id, alias: null, lower, cased: null, followedBy: null, role: 'exclude' });
    }
    // Context words only ever settle ambiguous aliases: an entry without one needs no context hits.
    const needsContext = entry.aliases.some((a) => a.ambiguous);
    for (const word of needsContext ? (entry.context ?? []) : []) {
      const lower = foldPhrase(word);
      // A context word written in capitals ("PAN", "PRI") is case-sensitive: "pan" is bread.
      const cased = /\p{Ll}/u.test(word) ? null : foldPhrase(word, true);
      if (lower) patterns.push({ termId: entry.id, alias: null, lower, cased, followedBy: null, role: 'context' });
    }
  }
  return patterns;
}

/**
 * For `gatedMatcher`: each pattern's two longest word runs ("tennessee river"), or its only one
 * ("cartel"); null when some pattern has no word unit. Computed at build time for the bundled sheet.
 */
export function gateWords(entries: readonly MatchEntry[]): string[] | null {
  const keys = new Set<string>();
  for (const p of patternsOf(entries)) {
    const runs = [...new Set(wordRuns(p.lower))].sort((x, y) => y.length - x.length || (x < y ? -1 : 1));
    if (!runs.length) return null;
    keys.add(runs.slice(0, 2).join(' '));
  }
  return [...keys].sort();
}

function wordRuns(s: string): string[] {
  const runs: string[] = [];
  let start = -1;
  for (let i = 0; i <= s.length; i++) {
    const word = i < s.length && isWordUnit(s.charCodeAt(i));
    if (word && start < 0) start = i;
    else if (!word && start >= 0) {
      runs.push(s.slice(start, i));
      start = -1;
    }
  }
  return runs;
}

/**
 * `gateWords` keys in a form that needs no building to look up (computed at build time for the
 * bundled sheet, `virtual:contexto-factsheet/gate`): every frame tests its text against it, and
 * filling sets and maps of hundreds of words cost more than the test.
 */
export interface GateIndex {
  /** Every word of a key, sorted by code unit, space-separated. */
  words: string;
  /** Per word, in the same order, `;`-separated: `*` when it opens alone, else its partners' indices, `,`-separated. */
  mates: string;
  minLength: number;
  maxLength: number;
}

const byUnits = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);

/** `keys` (`gateWords`) as a `GateIndex`. */
export function gateIndexOf(keys: readonly string[]): GateIndex {
  const words = [...new Set(keys.flatMap((k) => k.split(' ')))].sort(byUnits);
  const at = new Map(words.map((w, i) => [w, i]));
  const mates: (Set<number> | '*')[] = words.map(() => new Set<number>());
  for (const key of keys) {
    const [a, b] = key.split(' ') as [string, string?];
    const i = at.get(a)!;
    if (b === undefined) mates[i] = '*';
    else {
      const j = at.get(b)!;
      const mi = mates[i]!;
      const mj = mates[j]!;
      if (mi !== '*') mi.add(j);
      if (mj !== '*') mj.add(i);
    }
  }
  const lengths = words.map((w) => w.length);
  return {
    words: words.join(' '),
    mates: mates.map((m) => (m === '*' ? '*' : [...m].sort((x, y) => x - y).join(','))).join(';'),
    minLength: Math.min(...lengths),
    maxLength: Math.max(...lengths),
  };
}

/** A text's words against a `GateIndex`: binary search in its word list, nothing hashed. */
export function gateLookup(index: GateIndex) {
  const words = index.words.split(' ');
  const mates = index.mates.split(';');
  /** Paired words seen in the current text (indices), marked in `marks`. */
  const seen: number[] = [];
  // A plain array: the first typed array in a frame's content-script world cost the loader ~0.4 ms (wall, top frame).
  const marks: number[] = new Array(words.length).fill(0);
  const find = (w: string): number => {
    let lo = 0;
    let hi = words.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const x = words[mid]!;
      if (x === w) return mid;
      if (x < w) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  };
  /** True when the word at `i` opens the gate, alone or with a partner seen since `reset`. */
  const at = (i: number): boolean => {
    if (marks[i]) return false;
    const m = mates[i]!;
    if (m === '*') return true;
    for (const j of m.split(',')) if (marks[+j]) return true;
    marks[i] = 1;
    seen.push(i);
    return false;
  };
  return {
    /** The words, sorted by code unit: a word's index is its position here. */
    words,
    minLength: index.minLength,
    maxLength: index.maxLength,
    at,
    /** True when the word `w` opens the gate, alone or with a partner seen since `reset`. */
    word(w: string): boolean {
      const i = find(w);
      return i >= 0 && at(i);
    },
    reset() {
      for (const i of seen) marks[i] = 0;
      seen.length = 0;
    },
  };
}

/** Finds a unit past ASCII (plain ASCII folds by lower-casing alone, and its word units are [0-9A-Za-z]). */
const NON_ASCII = /[\u0080-\uffff]/;
const ASCII_WORD = /[a-z0-9]+/g;

/**
 * A matcher that compiles (`compile`) only once a text holds a pattern's gate words (`gateWords`,
 * or their `GateIndex`) as whole words: until then, nothing can be found. Exact: the matcher keeps
 * only whole-word occurrences, so every word run of a pattern found in a text is a whole word run
 * of the folded text. A frame whose text names nothing (ads, widgets, most pages) never builds the
 * automaton.
 */
export function gatedMatcher(keys: readonly string[] | GateIndex, compile: () => Matcher): Matcher {
  let gate: ReturnType<typeof gateLookup> | null = null;
  let compiled: Matcher | null = null;
  const opens = (text: string): boolean => {
    // Made on first use: a frame without text never needs it.
    gate ??= gateLookup(Array.isArray(keys) ? gateIndexOf(keys as readonly string[]) : (keys as GateIndex));
    try {
      return NON_ASCII.test(text) ? opensFolded(gate, text) : opensAscii(gate, text);
    } finally {
      gate.reset();
    }
  };
  const find = (text: string): TextFindings => {
    if (!compiled) {
      if (!opens(text)) return { mentions: [], contextIds: NONE, shadowed: NO_SHADOWS };
      compiled = compile();
    }
    return compiled.find(text);
  };
  const prepare = () => {
    compiled ??= compile();
    compiled.prepare();
    return compiled;
  };
  return {
    find,
    findMentions: (text) => find(text).mentions,
    get patternCount() {
      return prepare().patternCount;
    },
    prepare,
    prepareStep: () => {
      if (compiled) return compileStep(compiled);
      compiled = compile();
      return true;
    },
    textStream: () => compiled?.textStream() ?? null,
  };
}

/** ASCII text: its word runs by a native search of the lower-cased text (no folding buffers). */
function opensAscii(gate: ReturnType<typeof gateLookup>, text: string): boolean {
  const lower = text.toLowerCase();
  const { minLength, maxLength } = gate;
  ASCII_WORD.lastIndex = 0;
  for (let m = ASCII_WORD.exec(lower); m; m = ASCII_WORD.exec(lower)) {
    const w = m[0];
    if (w.length >= minLength && w.length <= maxLength && gate.word(w)) return true;
  }
  return false;
}

/** Any text: the word runs of its fold. */
function opensFolded(gate: ReturnType<typeof gateLookup>, text: string): boolean {
  const { minLength, maxLength } = gate;
  const f = foldText(text, true);
  const units = f.lower;
  let start = -1;
  for (let i = 0; i <= f.length; i++) {
    const word = i < f.length && isWordUnit(units[i]!);
    if (word) {
      if (start < 0) start = i;
      continue;
    }
    if (start < 0) continue;
    const n = i - start;
    if (n >= minLength && n <= maxLength) {
      const w = String.fromCharCode.apply(null, units.subarray(start, i) as unknown as number[]);
      if (gate.word(w)) return true;
    }
    start = -1;
  }
  return false;
}

const ROLES = ['alias', 'exclude', 'context'] as const;

/**
 * `compileMatcher`'s patterns for `entries`, folded, in a form a build step writes out as JSON
 * (the bundled sheet's, `virtual:contexto-factsheet/match`): per pattern its entry's index, its
 * alias's index (-1: none), its role (index in ROLES), `lower`, `cased` and `followedBy`. Folding
 * every alias was about half of a cold compile in the page.
 */
export type PatternTable = [number, number, number, string, string | null, string[] | null][];

export function patternTableOf(entries: readonly MatchEntry[]): PatternTable {
  const at = new Map(entries.map((e, i) => [e.id, i]));
  return patternsOf(entries).map((p) => {
    const e = at.get(p.termId)!;
    return [
      e,
      p.alias ? entries[e]!.aliases.indexOf(p.alias) : -1,
      ROLES.indexOf(p.role),
      p.lower,
      p.cased,
      p.followedBy,
    ];
  });
}

/** The patterns `patternTableOf(entries)` wrote out, back on `entries`. */
function patternsFrom(entries: readonly MatchEntry[], table: PatternTable): Pattern[] {
  return table.map(([e, a, role, lower, cased, followedBy]) => {
    const entry = entries[e]!;
    return { termId: entry.id, alias: a < 0 ? null : entry.aliases[a]!, lower, cased, followedBy, role: ROLES[role]! };
  });
}

/**
 * Compiles every alias and exclusion of `entries` into one automaton. `table`: `patternTableOf(entries)`,
 * made at build time for the bundled sheet (only ever with the very entries it was made from).
 */
export function compileMatcher(entries: readonly MatchEntry[], table?: PatternTable): Matcher {
  const patterns = table ? patternsFrom(entries, table) : patternsOf(entries);
  // Built in steps (`prepareStep`), or finished by the first search.
  const automaton = new Automaton(
    patterns.map((p) => p.lower),
    true,
  );
  // Every pattern has a unit outside the class: texts without such a character are skipped unread.
  const prefilter = patterns.every((p) => [...p.lower].some((u) => !IN_CLASS.test(u)));

  function find(text: string): TextFindings {
    if ((prefilter && !FINDABLE.test(text)) || !automaton.mayOccurIn(text, foldUnitOf, FOLD_DROP, isWordUnit)) {
      return { mentions: [], contextIds: NONE, shadowed: NO_SHADOWS };
    }
    // Shared buffers: `folded` is not used after this call returns.
    const folded = foldText(text, true);
    const aliases: Candidate[] = [];
    const exclusions: Candidate[] = [];
    let contextIds: string[] | null = null;
    automaton.search(folded.lower, folded.length, (index, start, end) => {
      const pattern = patterns[index]!;
      if (!isWholeWord(folded, start, end)) return;
      if (pattern.role === 'exclude') {
        exclusions.push({ pattern, start, end });
        return;
      }
      if (pattern.cased !== null && !unitsEqual(folded.cased, start, pattern.cased)) return;
      if (pattern.role === 'context') {
        if (!contextIds) contextIds = [pattern.termId];
        else if (!contextIds.includes(pattern.termId)) contextIds.push(pattern.termId);
        return;
      }
      if (pattern.followedBy !== null && !isFollowedBy(folded, end, pattern.followedBy)) return;
      aliases.push({ pattern, start, end });
    });
    const toMention = (c: Candidate): Mention => {
      const start = folded.from[c.start]!;
      const end = folded.to[c.end - 1]!;
      return { termId: c.pattern.termId, start, end, text: text.slice(start, end), alias: c.pattern.alias! };
    };
    let shadowed: TextFindings['shadowed'] = NO_SHADOWS;
    const shadow = (c: Candidate, cover: Candidate) => {
      if (shadowed === NO_SHADOWS) shadowed = [];
      shadowed.push({ ...toMention(c), coverStart: folded.from[cover.start]!, coverEnd: folded.to[cover.end - 1]! });
    };
    let kept = aliases;
    if (exclusions.length) {
      kept = [];
      for (const c of aliases) {
        const x = exclusions.find((x) => x.pattern.termId === c.pattern.termId && x.start <= c.start && c.end <= x.end);
        if (x) shadow(c, x);
        else kept.push(c);
      }
    }
    const picked = pickLongest(kept);
    if (picked.length < kept.length) {
      const won = new Set(picked);
      for (const c of kept) {
        if (won.has(c)) continue;
        const cover = picked.find((p) => p.start <= c.start && c.end <= p.end && p.pattern.termId !== c.pattern.termId);
        if (cover) shadow(c, cover);
      }
    }
    return { mentions: picked.map(toMention), contextIds: contextIds ?? NONE, shadowed };
  }

  return {
    find,
    findMentions: (text) => find(text).mentions,
    patternCount: patterns.length,
    prepare: () => {
      while (automaton.buildStep());
    },
    prepareStep: () => automaton.buildStep(),
    textStream: () => automaton.stream(foldUnitOf, FOLD_DROP, isWordUnit),
  };
}

const NONE: string[] = [];
const NO_SHADOWS: TextFindings['shadowed'] = [];

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
  // Longest first; at equal spans, an alias that asks for what follows it is the more specific reading.
  const byLength = cluster.sort(
    (a, b) =>
      b.end - b.start - (a.end - a.start) ||
      a.start - b.start ||
      Number(b.pattern.followedBy !== null) - Number(a.pattern.followedBy !== null),
  );
  const kept: Candidate[] = [];
  for (const c of byLength) {
    if (!kept.some((k) => c.start < k.end && k.start < c.end)) kept.push(c);
  }
  return kept.sort((a, b) => a.start - b.start);
}
