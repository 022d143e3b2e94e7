/**
 * Text folding: the one place that decides which characters count as "the same".
 * Diacritics are removed (NFKD, marks dropped), typographic apostrophes and dashes
 * become ASCII, any run of whitespace becomes one space and invisible format
 * characters disappear. Every folded code unit remembers the original span it came
 * from, so matches on folded text map back exactly to the original.
 */

export interface FoldedText {
  /** Folded, lower-cased code units. */
  lower: Uint16Array;
  /** Folded code units with case preserved (same length as `lower`). */
  cased: Uint16Array;
  /** Number of valid units in `lower` / `cased`. */
  length: number;
  /** Original start offset of the character each folded unit came from. */
  from: Int32Array;
  /** Original end offset (exclusive) of that character. */
  to: Int32Array;
}

const SPACE = 0x20;

/** How a non-ASCII code point folds: to nothing, to a space, or to text. */
type FoldResult = { kind: 'drop' } | { kind: 'space' } | { kind: 'text'; cased: string; lower: string };

const DROP: FoldResult = { kind: 'drop' };
const SPACE_RESULT: FoldResult = { kind: 'space' };
const APOSTROPHE_RESULT: FoldResult = { kind: 'text', cased: "'", lower: "'" };
const HYPHEN_RESULT: FoldResult = { kind: 'text', cased: '-', lower: '-' };

// Soft hyphen, joiners, word joiner, bidi controls: invisible inside words.
// The joiners stand outside the class: inside one they read as joining their neighbours.
const IGNORABLE = /^(?:[\u00ad\u061c\u180e\u200c\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f]|\u034f|\u200d)$/u;
const WHITESPACE = /^[\s\u200b\u0085]$/u;
const APOSTROPHES = /^[\u2018\u2019\u201b\u02bc\u2032\u0060\u00b4\u02b9\uff07]$/u;
const DASHES = /^[\u2010-\u2015\u2212\ufe58\ufe63\uff0d\u2e3a\u2e3b]$/u;
const MARK = /\p{M}/gu;

const cache = new Map<number, FoldResult>();
/**
 * Direct-indexed cache for the Basic Multilingual Plane (the hot path of `foldText`). Made on the
 * first non-ASCII character: every frame loads this module, most never fold one.
 */
let bmp: (FoldResult | undefined)[] | null = null;

/** How the BMP code point `cp` folds, cached. */
function foldBmp(cp: number): FoldResult {
  bmp ??= new Array(0x10000);
  let r = bmp[cp];
  if (r === undefined) {
    r = foldCodePoint(cp);
    bmp[cp] = r;
  }
  return r;
}

function foldCodePoint(cp: number): FoldResult {
  let result = cache.get(cp);
  if (result) return result;
  const ch = String.fromCodePoint(cp);
  if (IGNORABLE.test(ch)) result = DROP;
  else if (WHITESPACE.test(ch)) result = SPACE_RESULT;
  else if (APOSTROPHES.test(ch)) result = APOSTROPHE_RESULT;
  else if (DASHES.test(ch)) result = HYPHEN_RESULT;
  else {
    let cased = ch.normalize('NFKD').replace(MARK, '');
    // A compatibility decomposition may yield characters that fold further ("⁗" is four primes,
    // which are apostrophes): fold those too, so that folding is idempotent.
    if (cased !== ch) cased = foldDecomposed(cased);
    const lower = cased.toLowerCase();
    if (lower.length !== cased.length) cased = lower;
    // A combining mark on its own belongs to the previous letter: it folds away.
    if (cased === '') result = DROP;
    else if (cased.length === 1 && WHITESPACE.test(cased)) result = SPACE_RESULT;
    else result = { kind: 'text', cased, lower };
  }
  cache.set(cp, result);
  return result;
}

/** Applies the single-character rules (drop, space, apostrophe, dash) to each character of `s`. */
function foldDecomposed(s: string): string {
  let out = '';
  for (const c of s) {
    if (IGNORABLE.test(c)) continue;
    if (WHITESPACE.test(c)) out += ' ';
    else if (APOSTROPHES.test(c)) out += "'";
    else if (DASHES.test(c)) out += '-';
    else out += c;
  }
  return out;
}

/** `foldUnitOf` answers: the character needs the full fold (several units, or a surrogate). */
export const FOLD_COMPLEX = -2;
/** `foldUnitOf` answer: the character folds to nothing. */
export const FOLD_DROP = -3;
/**
 * Per BMP code unit: its one folded lower-case unit, FOLD_DROP or FOLD_COMPLEX, stored plus
 * UNIT_BIAS so that 0 (a fresh array, no fill) means not asked yet. Made on first use.
 */
let unitTable: Int32Array | null = null;
const UNIT_BIAS = 4;

/**
 * What `foldText` makes of the code unit `code` on its own, in one number: the folded lower-case
 * unit (0x20 for any white space), FOLD_DROP, or FOLD_COMPLEX when it folds to several units or is
 * a surrogate. Lets a search fold as it reads, without filling `foldText`'s four arrays.
 */
export function foldUnitOf(code: number): number {
  unitTable ??= new Int32Array(0x10000);
  const known = unitTable[code]!;
  if (known !== 0) return known - UNIT_BIAS;
  let unit: number;
  if (code >= 0xd800 && code <= 0xdfff) unit = FOLD_COMPLEX;
  else if (code < 0x80)
    unit = code === SPACE || (code >= 0x09 && code <= 0x0d) ? SPACE : code >= 0x41 && code <= 0x5a ? code + 32 : code;
  else {
    const r = foldBmp(code);
    unit =
      r.kind === 'drop'
        ? FOLD_DROP
        : r.kind === 'space'
          ? SPACE
          : r.lower.length === 1
            ? r.lower.charCodeAt(0)
            : FOLD_COMPLEX;
  }
  unitTable[code] = unit + UNIT_BIAS;
  return unit;
}

/** Buffers `foldText(text, true)` reuses: allocating four typed arrays per block cost more than folding. */
let scratch: { lower: Uint16Array; cased: Uint16Array; from: Int32Array; to: Int32Array } | null = null;

/**
 * Folds `text` for matching. With `reuse`, the result lives in shared buffers that the
 * next `foldText(…, true)` call overwrites: only for callers that are done with it before
 * folding again (the matcher's `findMentions`).
 */
export function foldText(text: string, reuse = false): FoldedText {
  const n = text.length;
  // Invariant: len + (n - i) <= cap, so one unit per input unit always fits; only a
  // character folding to several units needs a check (hot loop: no closures, no Map).
  let cap = n + 16;
  let lower: Uint16Array, cased: Uint16Array, from: Int32Array, to: Int32Array;
  if (reuse && scratch && scratch.lower.length >= cap) {
    ({ lower, cased, from, to } = scratch);
    cap = lower.length;
  } else {
    lower = new Uint16Array(cap);
    cased = new Uint16Array(cap);
    from = new Int32Array(cap);
    to = new Int32Array(cap);
  }
  let len = 0;
  // Start as if preceded by a space so leading whitespace is dropped.
  let lastWasSpace = true;

  for (let i = 0; i < n; ) {
    const code = text.charCodeAt(i);
    if (code < 0x80) {
      // ASCII fast path.
      if (code === SPACE || (code >= 0x09 && code <= 0x0d)) {
        if (!lastWasSpace) {
          lower[len] = SPACE;
          cased[len] = SPACE;
          from[len] = i;
          to[len] = i + 1;
          len++;
          lastWasSpace = true;
        }
      } else {
        cased[len] = code;
        lower[len] = code >= 0x41 && code <= 0x5a ? code + 32 : code;
        from[len] = i;
        to[len] = i + 1;
        len++;
        lastWasSpace = false;
      }
      i++;
      continue;
    }
    const cp = code >= 0xd800 && code <= 0xdbff ? text.codePointAt(i)! : code;
    const width = cp > 0xffff ? 2 : 1;
    const r = cp <= 0xffff ? foldBmp(cp) : foldCodePoint(cp);
    if (r.kind === 'space') {
      if (!lastWasSpace) {
        lower[len] = SPACE;
        cased[len] = SPACE;
        from[len] = i;
        to[len] = i + width;
        len++;
        lastWasSpace = true;
      }
    } else if (r.kind === 'text') {
      const m = r.lower.length;
      const need = len + m + (n - i - width);
      if (need >= cap) {
        cap = Math.max(cap * 2, need);
        lower = grown(lower, new Uint16Array(cap));
        cased = grown(cased, new Uint16Array(cap));
        from = grown(from, new Int32Array(cap));
        to = grown(to, new Int32Array(cap));
      }
      for (let k = 0; k < m; k++) {
        lower[len] = r.lower.charCodeAt(k);
        cased[len] = r.cased.charCodeAt(k);
        from[len] = i;
        to[len] = i + width;
        len++;
      }
      lastWasSpace = false;
    }
    i += width;
  }
  // Past the end reads as 0, as in a fresh buffer (cap > len always holds).
  lower[len] = 0;
  cased[len] = 0;
  if (reuse) scratch = { lower, cased, from, to };
  return { lower, cased, length: len, from, to };
}

/** Folds a phrase (an alias or exclusion) to a plain string, trimmed. */
export function foldPhrase(phrase: string, keepCase = false): string {
  const f = foldText(phrase);
  const units = keepCase ? f.cased : f.lower;
  let s = '';
  for (let i = 0; i < f.length; i++) s += String.fromCharCode(units[i]!);
  return s.trim();
}

/**
 * Letters, marks and digits, and the scripts written without spaces (a Latin alias next to them is
 * still a separate word). Made on the first unit past ASCII: every frame's loader evaluates this
 * module, and most never read such a unit.
 */
let wordClasses: { word: RegExp; unspaced: RegExp } | null = null;
const wordCache = new Map<number, boolean>();

/** True when the code unit `code` is part of a word (a letter, mark or digit of a spaced script). */
export function isWordUnit(code: number): boolean {
  if (code < 0x80) {
    return (code >= 0x30 && code <= 0x39) || (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a);
  }
  let known = wordCache.get(code);
  if (known === undefined) {
    // Surrogates: treat astral letters as word units, emoji and symbols as not.
    const ch = String.fromCharCode(code);
    wordClasses ??= {
      word: /[\p{L}\p{M}\p{N}]/u,
      unspaced: /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Hangul}]/u,
    };
    known = code >= 0xd800 && code <= 0xdfff ? false : wordClasses.word.test(ch) && !wordClasses.unspaced.test(ch);
    wordCache.set(code, known);
  }
  return known;
}

/** `bigger` holding a copy of `buffer` (the folding buffers grow when a character folds to several). */
function grown<T extends Uint16Array | Int32Array>(buffer: T, bigger: T): T {
  bigger.set(buffer);
  return bigger;
}
