import { parseHTML } from 'linkedom';
import type { FactIndex } from '../factsheet';
import { sentenceAround } from '../matcher/context';
import { readDocument } from '../page/scan';

export interface AnnotatedMention {
  term: string;
  text: string;
  context: string;
  /** The rule that decided (see `src/matcher/resolve.ts`): why it counts, or why not. */
  why: string;
}

export interface Annotation {
  file: string;
  counts: Record<string, number>;
  mentions: AnnotatedMention[];
  /** Alias occurrences the context ruled out, for an editor's audit. */
  rejected: AnnotatedMention[];
}

/** Sniffs whether input is HTML: by file name, else by a leading tag. */
export function looksLikeHtml(file: string, content: string): boolean {
  if (/\.x?html?$/i.test(file)) return true;
  if (/\.(txt|text|md)$/i.test(file)) return false;
  return /^\s*(<!doctype html|<html|<head|<body|<(p|div|article|section|h[1-6])[\s>])/i.test(content);
}

/** Plain text as a page: paragraphs (split at blank lines) become the page's blocks, as `<p>`s do in HTML. */
function textAsDocument(content: string): Document {
  const { document } = parseHTML('<!doctype html><html><head></head><body></body></html>');
  for (const para of content.split(/\r?\n[ \t]*\r?\n/)) {
    if (!para.trim()) continue;
    const p = document.createElement('p');
    p.appendChild(document.createTextNode(para));
    document.body.appendChild(p);
  }
  return document as unknown as Document;
}

/** Finds the mentions in one file's content with the same scanner, matcher and resolver as the extension. */
export function annotate(file: string, content: string, index: FactIndex): Annotation {
  const document = looksLikeHtml(file, content)
    ? (parseHTML(content).document as unknown as Document)
    : textAsDocument(content);
  const read = readDocument(document, index);
  const view = (m: (typeof read.mentions)[number] | (typeof read.rejected)[number]): AnnotatedMention => ({
    term: m.termId,
    text: m.text,
    context: sentenceAround(m.block.text, m.blockStart, m.blockEnd),
    why: m.why,
  });
  const mentions = read.mentions.map(view);
  const counts: Record<string, number> = {};
  for (const m of mentions) counts[m.term] = (counts[m.term] ?? 0) + 1;
  return { file, counts, mentions, rejected: read.rejected.map(view) };
}
