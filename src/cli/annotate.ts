import { parseHTML } from 'linkedom';
import type { FactIndex } from '../factsheet';
import { sentenceAround } from '../matcher/context';
import { scanDocument } from '../page/scan';

export interface AnnotatedMention {
  term: string;
  text: string;
  context: string;
}

export interface Annotation {
  file: string;
  counts: Record<string, number>;
  mentions: AnnotatedMention[];
}

/** Sniffs whether input is HTML: by file name, else by a leading tag. */
export function looksLikeHtml(file: string, content: string): boolean {
  if (/\.x?html?$/i.test(file)) return true;
  if (/\.(txt|text|md)$/i.test(file)) return false;
  return /^\s*(<!doctype html|<html|<head|<body|<(p|div|article|section|h[1-6])[\s>])/i.test(content);
}

/** Finds the mentions in one file's content with the same scanner and matcher as the extension. */
export function annotate(file: string, content: string, index: FactIndex): Annotation {
  const found: AnnotatedMention[] = [];
  if (looksLikeHtml(file, content)) {
    const { document } = parseHTML(content);
    for (const m of scanDocument(document as unknown as Document, index.matcher)) {
      found.push({ term: m.termId, text: m.text, context: sentenceAround(m.block.text, m.blockStart, m.blockEnd) });
    }
  } else {
    for (const m of index.matcher.findMentions(content)) {
      found.push({ term: m.termId, text: m.text, context: sentenceAround(content, m.start, m.end) });
    }
  }
  const counts: Record<string, number> = {};
  for (const m of found) counts[m.term] = (counts[m.term] ?? 0) + 1;
  return { file, counts, mentions: found };
}
