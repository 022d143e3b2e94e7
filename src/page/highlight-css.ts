import { KIND_COLORS, KINDS } from '../model';
import { FOCUS_HIGHLIGHT, highlightName } from './paint';

/**
 * The highlight styles, made from the kind colours in `src/model` so they have one source.
 * Served to the content script as `virtual:contexto-highlights.css` (src/page/vite-plugin.ts)
 * and injected by the manifest: no node is added to the page and a strict page CSP does not apply.
 * Mid-tone colours read on light and dark pages (tests/unit/contrast.test.ts).
 *
 * Chromium: the rules are on `:root` only and reach every element by highlight inheritance. A bare
 * `::highlight()` matches every element, and Chromium keeps a highlight style per element: 23 MB
 * on the bench's 5 MB page (97,000 elements). Firefox keeps the bare form (no highlight inheritance).
 */
export function highlightCss(browser?: string): string {
  const on = browser === 'firefox' ? '' : ':root';
  const rules = KINDS.map((kind) => {
    const color = KIND_COLORS[kind];
    const [r, g, b] = [1, 3, 5].map((i) => Number.parseInt(color.slice(i, i + 2), 16));
    const underline = (line: string) =>
      `text-decoration: underline ${line} ${color}; text-decoration-thickness: 2px; text-underline-offset: 3px;`;
    return [
      `${on}::highlight(${highlightName(kind, 'dotted')}) { ${underline('dotted')} }`,
      `${on}::highlight(${highlightName(kind, 'solid')}) { ${underline('solid')} }`,
      `${on}::highlight(${highlightName(kind, 'background')}) { background-color: rgba(${r}, ${g}, ${b}, 0.2); }`,
    ].join('\n');
  });
  rules.push(`${on}::highlight(${FOCUS_HIGHLIGHT}) { background-color: rgba(250, 200, 30, 0.45); }`);
  return `${rules.join('\n')}\n`;
}
