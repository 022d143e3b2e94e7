/**
 * The four scan methods the bench compares, bundled into one IIFE (by scripts/bench.ts
 * with vite's build API) and evaluated in the page. Each method scans `document.body`
 * and reports how many mentions it found; `mentionsOf` lists them for the correctness test.
 */
import entries from 'virtual:contexto-factsheet';
import Mark from 'mark.js';
import type { Kind } from '../../src/factsheet/types';
import { compileMatcher } from '../../src/matcher';
import { foldUnitOf } from '../../src/matcher/fold';
import {
  collectBlocks,
  findBlockMentions,
  isSkippedElement,
  isUnreadText,
  iterateBlocks,
  PageReader,
} from '../../src/page/scan';

/**
 * `contexto` is what the content script's annotator does (blocks read in context by a
 * `PageReader`); `contexto-noctx` the same scan without the context rules (every alias
 * occurrence counts), to show what reading in context adds.
 */
export type Method = 'baseline' | 'chars' | 'contexto' | 'contexto-noctx' | 'markjs' | 'naive';

// mark.js defaults (it always skips script, style, title, head and html): what its users get.
const MARK_EXCLUDE: string[] = (globalThis as { __markExclude?: string[] }).__markExclude ?? [];

const compileStart = performance.now();
const matcher = compileMatcher(entries);
const kindOf = new Map(entries.map((e) => [e.id, e.kind]));
const byId = new Map(entries.map((e) => [e.id, e]));
const compileMs = performance.now() - compileStart;

/** Every alias as written, split by case sensitivity (mark.js and the naive method take raw aliases). */
const caseless = [...new Set(entries.flatMap((e) => e.aliases.filter((a) => !a.caseSensitive).map((a) => a.text)))];
const cased = [...new Set(entries.flatMap((e) => e.aliases.filter((a) => a.caseSensitive).map((a) => a.text)))];
const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const naivePatterns: { re: RegExp; kind: Kind }[] = entries.flatMap((e) =>
  e.aliases.map((a) => ({
    re: new RegExp(
      `(?<![\\p{L}\\p{M}\\p{N}])${escapeRegExp(a.text)}(?![\\p{L}\\p{M}\\p{N}])`,
      a.caseSensitive ? 'gu' : 'giu',
    ),
    kind: e.kind,
  })),
);

let lastRanges: Range[] = [];

function registerHighlights(byKind: Map<Kind, Range[]>): void {
  for (const [kind, ranges] of byKind) CSS.highlights.set(`bench-${kind}`, new Highlight(...ranges));
}

/** The floor for any DOM scan: read every text node's data once. */
function baseline(): number {
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  let chars = 0;
  let nodes = 0;
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    chars += (n as Text).data.length;
    nodes++;
  }
  (globalThis as { __benchSink?: number }).__benchSink = chars;
  return nodes;
}

/**
 * The floor for any scan that looks at every character in script: the walk, reading each character's
 * code (summed, so the loop cannot be dropped), except the texts our scanner passes unread
 * (`isUnreadText`: long texts of scripts and style sheets). Returns the number of characters read.
 */
function everyCharacter(): number {
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  let sum = 0;
  let chars = 0;
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const data = (n as Text).data;
    if (isUnreadText(data, n.parentNode as Element)) continue;
    for (let i = 0; i < data.length; i++) sum += data.charCodeAt(i);
    chars += data.length;
  }
  (globalThis as { __benchSink?: number }).__benchSink = sum;
  return chars;
}

/**
 * Our full scan as the annotator does it: blocks read in context (names, acronyms, qualifiers,
 * topic evidence, language), a Range per accepted mention, CSS highlights per kind.
 */
function contexto(): number {
  const byKind = new Map<Kind, Range[]>();
  const all: Range[] = [];
  const reader = new PageReader(matcher, byId);
  for (const block of iterateBlocks(document.body, matcher)) {
    for (const m of reader.read(block).accepted) {
      addRange(byKind, all, kindOf.get(m.termId)!, m.start.node, m.start.offset, m.end.node, m.end.offset);
    }
  }
  registerHighlights(byKind);
  lastRanges = all;
  return all.length;
}

/** The same scan without the context rules: every alias occurrence is a mention. */
function contextoNoContext(): number {
  const byKind = new Map<Kind, Range[]>();
  const all: Range[] = [];
  for (const block of iterateBlocks(document.body, matcher)) {
    for (const m of findBlockMentions(block, matcher)) {
      addRange(byKind, all, kindOf.get(m.termId)!, m.start.node, m.start.offset, m.end.node, m.end.offset);
    }
  }
  registerHighlights(byKind);
  lastRanges = all;
  return all.length;
}

/** Makes a Range and files it under its kind (for one Highlight per kind) and in `all`. */
function addRange(
  byKind: Map<Kind, Range[]>,
  all: Range[],
  kind: Kind,
  startNode: Node,
  startOffset: number,
  endNode: Node,
  endOffset: number,
): void {
  const range = new Range();
  range.setStart(startNode, startOffset);
  range.setEnd(endNode, endOffset);
  let list = byKind.get(kind);
  if (!list) {
    list = [];
    byKind.set(kind, list);
  }
  list.push(range);
  all.push(range);
}

/** mark.js, the common highlighter, with the same aliases (it wraps each match in a <mark>). */
function markjs(): number {
  let count = 0;
  const instance = new Mark(document.body);
  const options = {
    accuracy: 'exactly' as const,
    diacritics: true,
    separateWordSearch: false,
    // mark.js always skips script, style, title, head and html; our other skipped elements are listed too.
    exclude: MARK_EXCLUDE as string[],
    className: 'bench-mark',
  };
  instance.mark(caseless, { ...options, caseSensitive: false, done: (n: number) => (count += n) });
  if (cased.length) instance.mark(cased, { ...options, caseSensitive: true, done: (n: number) => (count += n) });
  return count;
}

/** One regular expression per alias over each text node (skipping what our scanner skips). */
function naive(): number {
  const byKind = new Map<Kind, Range[]>();
  const all: Range[] = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT, {
    acceptNode: (n) =>
      n.nodeType === 1 && isSkippedElement(n as Element) ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT,
  });
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    if (n.nodeType !== 3) continue;
    const data = (n as Text).data;
    for (const { re, kind } of naivePatterns) {
      re.lastIndex = 0;
      for (let m = re.exec(data); m; m = re.exec(data)) {
        addRange(byKind, all, kind, n, m.index, n, m.index + m[0].length);
      }
    }
  }
  registerHighlights(byKind);
  lastRanges = all;
  return all.length;
}

const METHODS: Record<Method, () => number> = {
  baseline,
  chars: everyCharacter,
  contexto,
  'contexto-noctx': contextoNoContext,
  markjs,
  naive,
};

/** Phase timings of our scan, to see where the time goes. */
function phases(): Record<string, number> {
  const t0 = performance.now();
  const blocks = collectBlocks(document.body);
  const t1 = performance.now();
  let n = 0;
  for (const b of blocks) n += matcher.find(b.text).mentions.length;
  const t2 = performance.now();
  const reader = new PageReader(matcher, byId);
  let accepted = 0;
  for (const b of blocks) accepted += reader.read(b).accepted.length;
  const t3 = performance.now();
  contexto();
  const t4 = performance.now();
  document.documentElement.getBoundingClientRect();
  const t5 = performance.now();
  let chars = 0;
  for (const b of blocks) chars += b.text.length;
  return {
    collect: t1 - t0,
    match: t2 - t1,
    read: t3 - t2,
    full: t4 - t3,
    flush: t5 - t4,
    blocks: blocks.length,
    chars,
    mentions: n,
    accepted,
  };
}

/**
 * Where the scan's time goes against the walk, part by part (`--verbose`): each part run `k` times
 * per sample (the timer ticks 0.1 ms in Chromium), fastest of `samples` samples, ms per run. With
 * `fresh`, each sample runs once on a fresh copy of the body (as the scan part's reps do: no node has
 * a script wrapper yet).
 */
function profile(k = 5, samples = 5, fresh = false): Record<string, number> {
  const time = (f: () => void) => {
    let best = Number.POSITIVE_INFINITY;
    for (let s = 0; s < samples; s++) {
      if (fresh) api.reset();
      const t0 = performance.now();
      for (let i = 0; i < (fresh ? 1 : k); i++) f();
      best = Math.min(best, (performance.now() - t0) / (fresh ? 1 : k));
    }
    return best;
  };
  const counts = { nodes: 0, chars: 0, hits: 0, blocks: 0, blockChars: 0, attributeSkips: 0, accepted: 0 };
  const walkOnly = time(() => {
    const w = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    let n = 0;
    while (w.nextNode()) n++;
    counts.nodes = n;
  });
  const walk = time(() => void baseline());
  const units = time(() => {
    counts.chars = everyCharacter();
  });
  const fold = time(() => {
    const w = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    let sum = 0;
    for (let n = w.nextNode(); n; n = w.nextNode()) {
      const d = (n as Text).data;
      for (let i = 0; i < d.length; i++) sum += foldUnitOf(d.charCodeAt(i));
    }
    (globalThis as { __benchSink?: number }).__benchSink = sum;
  });
  const stream = time(() => {
    const w = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    const s = matcher.textStream()!;
    let hits = 0;
    for (let n = w.nextNode(); n; n = w.nextNode()) {
      if (s.feed((n as Text).data)) {
        hits++;
        s.reset();
      }
    }
    s.release();
    counts.hits = hits;
  });
  const setup = time(() => {
    counts.attributeSkips = document.body.querySelectorAll('[hidden],[contenteditable]').length;
    matcher.textStream()!.release();
  });
  const iterate = time(() => {
    let blocks = 0;
    let chars = 0;
    for (const b of iterateBlocks(document.body, matcher)) {
      if (b.text === '') continue;
      blocks++;
      chars += b.text.length;
    }
    counts.blocks = blocks;
    counts.blockChars = chars;
  });
  const read = time(() => {
    const reader = new PageReader(matcher, byId);
    let accepted = 0;
    for (const b of iterateBlocks(document.body, matcher)) accepted += reader.read(b).accepted.length;
    counts.accepted = accepted;
  });
  const full = time(() => {
    CSS.highlights.clear();
    contexto();
    document.documentElement.getBoundingClientRect();
  });
  CSS.highlights.clear();
  return { walkOnly, walk, units, fold, stream, setup, iterate, read, full, ...counts };
}

let pristine: HTMLElement | null = null;

const api = {
  phases,
  profile,
  collect: () => collectBlocks(document.body).length,
  compileMs,
  aliasCount: caseless.length + cased.length,
  /** Keeps an untouched copy of the body, so every rep starts from the same DOM. */
  snapshot(): void {
    pristine = document.body.cloneNode(true) as HTMLElement;
  },
  /** Puts a fresh copy of the pristine body in place, drops our highlights, and flushes style and layout. */
  reset(): void {
    CSS.highlights.clear();
    lastRanges = [];
    if (pristine) document.body.replaceWith(pristine.cloneNode(true));
    document.documentElement.getBoundingClientRect();
    (globalThis as { gc?: () => void }).gc?.();
  },
  /** Runs one method; the time includes the style/layout flush its DOM changes cause. */
  run(method: Method): { ms: number; count: number } {
    const t0 = performance.now();
    const count = METHODS[method]();
    document.documentElement.getBoundingClientRect();
    return { ms: performance.now() - t0, count };
  },
  /** The text of each mention (document order) as a method found it, for the correctness test. */
  mentionsOf(method: Method): string[] {
    api.reset();
    METHODS[method]();
    if (method === 'markjs') return [...document.querySelectorAll('mark.bench-mark')].map((m) => m.textContent ?? '');
    return lastRanges
      .slice()
      .sort((a, b) => a.compareBoundaryPoints(Range.START_TO_START, b))
      .map((r) => r.toString());
  },
};

/** What the page bundle puts on `globalThis.__contextoBench`. */
export type BenchApi = typeof api;
(globalThis as { __contextoBench?: BenchApi }).__contextoBench = api;
