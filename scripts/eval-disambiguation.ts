/**
 * `npm run eval:disambiguation`: precision and recall of the matcher's sense decisions on the
 * labelled set in tests/eval/disambiguation (issue 10).
 *
 * - `sentences.json`: items `{ lang, class, text, expect, reject }`; each item is scored as its
 *   own page, `<!doctype html><html lang="LANG"><body><p>TEXT</p></body></html>`, named `item-N.html`.
 * - `pages.json`: `{ "file.html": { lang, class, expect, reject } }` for the files in `pages/`,
 *   scored as they are.
 *
 * A label `{ id, text, occurrence? }` names the `occurrence`-th (1-based, default 1) whole-word,
 * case-sensitive occurrence of `text` in the page's scanned text (occurrences inside longer
 * names count: in "Pío López Obrador … López Obrador" the bare one is "López Obrador" #2).
 * An `expect` label is a true positive when a found mention of `id` overlaps that occurrence
 * (so an alias "el Chapo Isidro" satisfies the label "Chapo Isidro"), else a false negative;
 * a `reject` label is a false positive when such a mention overlaps it, else a true negative.
 * Each found mention is placed in the text by its own text and context sentence (both from
 * `annotate`), falling back to document order. Mentions that overlap no label of their id are
 * listed as "unlabelled" (`--unlabelled`) and not scored.
 *
 * Runs every item through `annotate()` (the CLI's path: same scanner and matcher as the
 * extension). Always exits 0: it is a report. `evaluate()` returns the numbers.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseHTML } from 'linkedom';
import { buildIndex, type Entry, type FactIndex } from '../src/factsheet';
import { loadFactSheetDir, readFactSheetDir, TERMS_DIR } from '../src/factsheet/load-files';
import { FactSheetError } from '../src/factsheet/validate';
import type { AnnotatedMention } from '../src/cli/annotate';
import { sentenceAround } from '../src/matcher/context';
import { collectBlocks, readDocument } from '../src/page/scan';

export const EVAL_DIR = fileURLToPath(new URL('../tests/eval/disambiguation/', import.meta.url));

export const CLASSES = ['names', 'one-sense', 'topic', 'language', 'control'] as const;
export type EvalClass = (typeof CLASSES)[number];

export interface Label {
  id: string;
  text: string;
  occurrence?: number;
  /** Scores this label under another class than its item's (pages mix classes). */
  class?: EvalClass;
}

export interface Item {
  /** "item-N.html" for sentences, the file name for pages. */
  name: string;
  kind: 'sentence' | 'page';
  lang: string;
  class: EvalClass;
  /** The HTML given to annotate(). */
  html: string;
  /** The sentence text (sentence items only). */
  text?: string;
  expect: Label[];
  reject: Label[];
}

export interface Counts {
  tp: number;
  fp: number;
  fn: number;
  tn: number;
  /** TP / (TP + FP); null when nothing was found at a labelled occurrence. */
  precision: number | null;
  /** TP / (TP + FN); null when there is no expect label. */
  recall: number | null;
}

export interface EvalError {
  item: string;
  class: EvalClass;
  lang: string;
  kind: 'FP' | 'FN';
  label: Label;
  /** What was found at that occurrence (term ids), or nearby context. */
  found: string;
  context: string;
}

export interface Unlabelled {
  item: string;
  term: string;
  text: string;
  context: string;
}

export interface EvalResult {
  items: number;
  labels: number;
  overall: Counts;
  byClass: Record<string, Counts>;
  byLang: Record<string, Counts>;
  byKind: Record<string, Counts>;
  errors: EvalError[];
  unlabelled: Unlabelled[];
  /** Validation problems of the sheet, when it was read without validation. */
  sheetProblems: string[];
}

interface RawSentence {
  lang: string;
  class: EvalClass;
  text: string;
  expect?: Label[];
  reject?: Label[];
}

interface RawPage {
  lang: string;
  class: EvalClass;
  expect?: Label[];
  reject?: Label[];
}

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Reads the labelled set: sentence items first, then pages (sorted by file name). */
export function loadItems(dir: string = EVAL_DIR): Item[] {
  const sentences = JSON.parse(readFileSync(join(dir, 'sentences.json'), 'utf8')) as RawSentence[];
  const items: Item[] = sentences.map((s, i) => ({
    name: `item-${i + 1}.html`,
    kind: 'sentence',
    lang: s.lang,
    class: s.class,
    html: `<!doctype html><html lang="${s.lang}"><body><p>${escapeHtml(s.text)}</p></body></html>`,
    text: s.text,
    expect: s.expect ?? [],
    reject: s.reject ?? [],
  }));
  const pages = JSON.parse(readFileSync(join(dir, 'pages.json'), 'utf8')) as Record<string, RawPage>;
  const files = new Set(readdirSync(join(dir, 'pages')).filter((f) => f.endsWith('.html')));
  for (const file of Object.keys(pages).sort()) {
    if (!files.has(file)) throw new Error(`pages.json labels ${file}, which is not in pages/`);
    const p = pages[file]!;
    items.push({
      name: file,
      kind: 'page',
      lang: p.lang,
      class: p.class,
      html: readFileSync(join(dir, 'pages', file), 'utf8'),
      expect: p.expect ?? [],
      reject: p.reject ?? [],
    });
  }
  return items;
}

const collapse = (s: string) => s.replace(/\s+/g, ' ').trim();

/** The scanned text of a page: its blocks, whitespace collapsed, one blank line apart. */
export function scannedText(html: string): string {
  const { document } = parseHTML(html);
  const body = (document as unknown as Document).body;
  if (!body) return '';
  return collectBlocks(body)
    .map((b) => collapse(b.text))
    .filter(Boolean)
    .join('\n\n');
}

const WORD = /[\p{L}\p{N}]/u;

/** Start offsets of the whole-word, case-sensitive occurrences of `needle` in `hay`. */
export function occurrences(hay: string, needle: string): number[] {
  const out: number[] = [];
  if (!needle) return out;
  for (let at = hay.indexOf(needle); at !== -1; at = hay.indexOf(needle, at + 1)) {
    const before = hay[at - 1];
    const after = hay[at + needle.length];
    const wordStart = WORD.test(needle[0]!);
    const wordEnd = WORD.test(needle[needle.length - 1]!);
    if (wordStart && before !== undefined && WORD.test(before)) continue;
    if (wordEnd && after !== undefined && WORD.test(after)) continue;
    out.push(at);
  }
  return out;
}

interface Placed {
  mention: AnnotatedMention;
  /** Offsets of the mention in the scanned text; start is -1 when it could not be placed. */
  start: number;
  end: number;
}

/**
 * The bundled sheet, validated. While the sheet is being edited and does not validate, the
 * entries are read as they are (matching needs only ids, aliases and exclusions) and the
 * problems are reported in `sheetProblems`.
 */
export function loadSheet(): { entries: Entry[]; sheetProblems: string[] } {
  try {
    return { entries: loadFactSheetDir(), sheetProblems: [] };
  } catch (e) {
    if (!(e instanceof FactSheetError)) throw e;
    const entries: Entry[] = [];
    for (const { data } of readFactSheetDir(TERMS_DIR.pathname)) {
      const list = Array.isArray(data) ? data : isObj(data) && Array.isArray(data.entries) ? data.entries : [data];
      for (const x of list)
        if (isObj(x) && typeof x.id === 'string' && Array.isArray(x.aliases)) entries.push(x as unknown as Entry);
    }
    return { entries, sheetProblems: e.problems.map((p) => `${p.file}: ${p.entry} ${p.field}: ${p.message}`) };
  }
}
const isObj = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null;

const emptyCounts = (): Counts => ({ tp: 0, fp: 0, fn: 0, tn: 0, precision: null, recall: null });

function finish(c: Counts): Counts {
  c.precision = c.tp + c.fp ? c.tp / (c.tp + c.fp) : null;
  c.recall = c.tp + c.fn ? c.tp / (c.tp + c.fn) : null;
  return c;
}

/** Runs the labelled set through annotate() and scores it. */
export function evaluate(options: { dir?: string; index?: FactIndex } = {}): EvalResult {
  let sheetProblems: string[] = [];
  let index = options.index;
  if (!index) {
    const sheet = loadSheet();
    sheetProblems = sheet.sheetProblems;
    index = buildIndex(sheet.entries);
  }
  const items = loadItems(options.dir);
  const overall = emptyCounts();
  const byClass: Record<string, Counts> = {};
  const byLang: Record<string, Counts> = {};
  const byKind: Record<string, Counts> = {};
  const errors: EvalError[] = [];
  const unlabelled: Unlabelled[] = [];
  let labels = 0;

  for (const item of items) {
    // Exact places: the page's blocks joined in order, each mention at its block's offset.
    const { document } = parseHTML(item.html);
    const body = (document as unknown as Document).body;
    const blocks = body ? collectBlocks(body) : [];
    const base = new Map<Node, number>();
    let doc = '';
    for (const b of blocks) {
      if (doc) doc += '\n\n';
      base.set(b.nodes[0]!, doc.length);
      doc += b.text;
    }
    const read = readDocument(document as unknown as Document, index);
    const placed: Placed[] = read.mentions.map((m) => {
      const at = base.get(m.block.nodes[0]!);
      const mention: AnnotatedMention = {
        term: m.termId,
        text: m.text,
        context: sentenceAround(m.block.text, m.blockStart, m.blockEnd),
        why: m.why,
      };
      return at === undefined
        ? { mention, start: -1, end: -1 }
        : { mention, start: at + m.blockStart, end: at + m.blockEnd };
    });
    const spanOf = (label: Label): [number, number] | null => {
      const o = occurrences(doc, label.text)[(label.occurrence ?? 1) - 1];
      return o === undefined ? null : [o, o + label.text.length];
    };
    // A label is hit by a mention of its id that overlaps it ("Chapo Isidro" in "el Chapo Isidro").
    const overlapping = (span: [number, number] | null) =>
      span ? placed.filter((p) => p.start >= 0 && p.start < span[1] && span[0] < p.end) : [];
    const usedMentions = new Set<Placed>();
    const bump = (label: Label, field: 'tp' | 'fp' | 'fn' | 'tn') => {
      const cls = label.class ?? item.class;
      const counts = (table: Record<string, Counts>, key: string): Counts => {
        table[key] ??= emptyCounts();
        return table[key];
      };
      for (const b of [overall, counts(byClass, cls), counts(byLang, item.lang), counts(byKind, item.kind)]) b[field]++;
    };
    const contextOf = (span: [number, number] | null) =>
      span ? collapse(doc.slice(Math.max(0, span[0] - 60), span[1] + 60)) : '(text not in item)';
    const describe = (ps: Placed[]) => ps.map((p) => `${p.mention.term} "${p.mention.text}"`).join(', ') || 'nothing';

    for (const [kind, list] of [
      ['expect', item.expect],
      ['reject', item.reject],
    ] as const) {
      for (const label of list) {
        labels++;
        const span = spanOf(label);
        const near = overlapping(span);
        const hits = near.filter((p) => p.mention.term === label.id);
        for (const p of hits) usedMentions.add(p);
        const cls = label.class ?? item.class;
        const error = (k: 'FP' | 'FN') =>
          errors.push({
            item: item.name,
            class: cls,
            lang: item.lang,
            kind: k,
            label,
            found: describe(near),
            context: contextOf(span),
          });
        if (kind === 'expect') {
          if (hits.length) bump(label, 'tp');
          else {
            bump(label, 'fn');
            error('FN');
          }
        } else if (hits.length) {
          bump(label, 'fp');
          error('FP');
        } else bump(label, 'tn');
      }
    }
    for (const p of placed) {
      if (!usedMentions.has(p))
        unlabelled.push({ item: item.name, term: p.mention.term, text: p.mention.text, context: p.mention.context });
    }
  }
  [overall, ...Object.values(byClass), ...Object.values(byLang), ...Object.values(byKind)].forEach(finish);
  return { items: items.length, labels, overall, byClass, byLang, byKind, errors, unlabelled, sheetProblems };
}

const pct = (x: number | null) => (x === null ? '   n/a' : `${(100 * x).toFixed(1).padStart(5)}%`);

function row(name: string, c: Counts): string {
  return `  ${name.padEnd(11)} ${String(c.tp).padStart(4)} ${String(c.fp).padStart(4)} ${String(c.fn).padStart(4)} ${String(c.tn).padStart(4)}  ${pct(c.precision)}  ${pct(c.recall)}`;
}

/** The report as lines of text. */
export function formatReport(r: EvalResult, opts: { unlabelled?: boolean } = {}): string[] {
  const out: string[] = [];
  out.push(`Disambiguation eval: ${r.items} items, ${r.labels} labels`);
  if (r.sheetProblems.length) {
    out.push(
      `Warning: the fact sheet does not validate (${r.sheetProblems.length} problems); its entries were read as they are. First: ${r.sheetProblems[0]}`,
    );
  }
  const header = `  ${''.padEnd(11)} ${'TP'.padStart(4)} ${'FP'.padStart(4)} ${'FN'.padStart(4)} ${'TN'.padStart(4)}  ${'prec'.padStart(6)}  ${'recall'.padStart(6)}`;
  out.push('', 'By class:', header);
  for (const c of CLASSES) if (r.byClass[c]) out.push(row(c, r.byClass[c]!));
  out.push('', 'By language:', header);
  for (const [l, c] of Object.entries(r.byLang).sort()) out.push(row(l, c));
  out.push('', 'By kind:', header);
  for (const [k, c] of Object.entries(r.byKind).sort()) out.push(row(k, c));
  out.push('', 'Overall:', header, row('all', r.overall));
  out.push('', `Errors (${r.errors.length}):`);
  for (const e of r.errors) {
    const occ = e.label.occurrence && e.label.occurrence > 1 ? ` #${e.label.occurrence}` : '';
    out.push(
      `  ${e.kind} ${e.item} [${e.class}/${e.lang}] ${e.label.id} "${e.label.text}"${occ} — found: ${e.found} — …${e.context}…`,
    );
  }
  if (opts.unlabelled) {
    out.push('', `Unlabelled mentions (not scored, ${r.unlabelled.length}):`);
    for (const u of r.unlabelled) out.push(`  ${u.item} ${u.term} "${u.text}" — ${u.context}`);
  }
  return out;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const result = evaluate();
  for (const line of formatReport(result, { unlabelled: process.argv.includes('--unlabelled') })) console.log(line);
  process.exitCode = 0;
}
