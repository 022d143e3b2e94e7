import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseHTML } from 'linkedom';
import { buildIndex, type FactIndex } from '../../src/factsheet';
import { loadFactSheetDir } from '../../src/factsheet/load-files';
import { highlightName } from '../../src/page/paint';
import { scanDocument } from '../../src/page/scan';
import { FIXTURES_DIR } from './server';

let index: FactIndex | null = null;

export function factIndex(): FactIndex {
  index ??= buildIndex(loadFactSheetDir());
  return index;
}

export interface PaintedText {
  /** Highlight name (`contexto-<kind>`). */
  name: string;
  text: string;
}

/** What the CLI's scanner finds in a fixture file, as highlight names and texts in document order. */
export function expectedMentions(file: string): PaintedText[] {
  const html = readFileSync(join(FIXTURES_DIR, file), 'utf8');
  const { document } = parseHTML(html);
  const idx = factIndex();
  return scanDocument(document as unknown as Document, idx).map((m) => ({
    name: highlightName(idx.byId.get(m.termId)!.kind, 'dotted'),
    text: m.text,
  }));
}

/** The fixtures both browsers must paint exactly as the CLI reads them. */
export const PAINTING_FIXTURES = [
  'pages/basic.html',
  'pages/csp.html',
  'pages/spanish.html',
  'sample-article.html',
  'pages/long.html',
] as const;

export { collectHighlightsInPage } from '../../scripts/lib/highlights-in-page';

/** Runs in the page: a serialization that shows every node (split text nodes included), without our card host. */
export function serializeDomInPage(): string {
  const clone = document.documentElement.cloneNode(true) as HTMLElement;
  for (const n of clone.querySelectorAll('contexto-card')) n.remove();
  const parts: string[] = [];
  const walk = (node: Node, depth: number) => {
    parts.push(`${depth}:${node.nodeType}:${node.nodeName}:${node.nodeType === 3 ? (node as Text).data : ''}`);
    if (node.nodeType === 1) {
      const el = node as Element;
      for (const attr of Array.from(el.attributes)) parts.push(`${depth}@${attr.name}=${attr.value}`);
    }
    for (const c of node.childNodes) walk(c, depth + 1);
  };
  walk(clone, 0);
  return `${clone.outerHTML}\n----\n${parts.join('\n')}`;
}

export interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

export interface MentionBox extends Box {
  /** Where to point or tap: the middle of the first line box (a wrapped mention's box has the paragraph between its lines). */
  tap: { x: number; y: number };
}

/** Runs in the page: the bounding box (viewport px) of the first painted range with this text, and where to point at it. Self-contained (serialized). */
export function mentionBoxInPage(text: string): MentionBox | null {
  const registry = (CSS as unknown as { highlights: Map<string, Set<Range>> }).highlights;
  let found: Range | null = null;
  registry.forEach((highlight, name) => {
    if (!name.startsWith('contexto') || name === 'contexto-focus') return;
    highlight.forEach((range) => {
      if (!found && range.toString() === text) found = range;
    });
  });
  if (!found) return null;
  const r = (found as Range).getBoundingClientRect();
  const first = (found as Range).getClientRects()[0] ?? r;
  return {
    left: r.left,
    top: r.top,
    right: r.right,
    bottom: r.bottom,
    tap: { x: first.left + first.width / 2, y: first.top + first.height / 2 },
  };
}

/** Runs in the page: the focus mark's ranges (the revealed mention), and whether they all lie inside the viewport. */
export function focusMarkInPage(): { texts: string[]; inView: boolean; scrollY: number } {
  const mark = (CSS as unknown as { highlights: Map<string, Set<Range>> }).highlights.get('contexto-focus');
  const ranges = [...(mark ?? [])];
  return {
    texts: ranges.map((r) => r.toString()),
    inView: ranges.every((r) => r.getBoundingClientRect().top >= 0 && r.getBoundingClientRect().bottom <= innerHeight),
    scrollY,
  };
}
