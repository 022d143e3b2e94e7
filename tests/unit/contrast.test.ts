import { describe, expect, it } from 'vitest';
import { contrast, reachContrast } from '../../src/card/contrast';
import { CARD_BG, cardCss, kindTextColor } from '../../src/card/style';
import { KIND_COLORS } from '../../src/model';
import { highlightCss } from '../../src/page/highlight-css';

/**
 * Colour contrast of what Contexto paints, in light and dark: the underlines (non-text
 * contrast, 3:1, WCAG 1.4.11) against a white page and a dark one (#121212), and the card's
 * text (4.5:1, WCAG 1.4.3) against the card. The axe audit (tests/browser/a11y.test.ts)
 * checks the rendered card in both schemes too.
 */

const DARK_PAGE = '#121212';
const kinds = Object.keys(KIND_COLORS) as (keyof typeof KIND_COLORS)[];

describe('underline colours', () => {
  const css = highlightCss();

  it('style every kind in every highlight style with its colour from src/model', () => {
    for (const kind of kinds) {
      const hex = KIND_COLORS[kind];
      const rgb = [1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16)).join(', ');
      expect(css).toContain(`::highlight(contexto-${kind}) { text-decoration: underline dotted ${hex};`);
      expect(css).toContain(`::highlight(contexto-${kind}-solid) { text-decoration: underline solid ${hex};`);
      expect(css).toContain(`::highlight(contexto-${kind}-background) { background-color: rgba(${rgb}, 0.2); }`);
    }
    expect(css).toContain('::highlight(contexto-focus)');
  });

  it('are set on the root in Chromium (inherited by every element) and on every element in Firefox', () => {
    const rules = (text: string) => text.split('\n').filter(Boolean);
    expect(rules(highlightCss('chrome')).every((r) => r.startsWith(':root::highlight('))).toBe(true);
    expect(rules(highlightCss('firefox')).every((r) => r.startsWith('::highlight('))).toBe(true);
  });

  for (const [scheme, page] of [
    ['light', '#ffffff'],
    ['dark', DARK_PAGE],
  ] as const) {
    it(`reach 3:1 against a ${scheme} page`, () => {
      const ratios = Object.fromEntries(kinds.map((k) => [k, Number(contrast(KIND_COLORS[k], page).toFixed(2))]));
      for (const k of kinds)
        expect({ kind: k, ratio: ratios[k] }).toEqual({ kind: k, ratio: expect.toSatisfy((r: number) => r >= 3) });
    });
  }
});

describe('card text', () => {
  /** The custom properties of `.card` (light) or of the dark-scheme block. */
  function cardVars(scheme: 'light' | 'dark'): Record<string, string> {
    const block =
      scheme === 'light'
        ? cardCss().slice(cardCss().indexOf('.card {'), cardCss().indexOf('}', cardCss().indexOf('.card {')))
        : cardCss().slice(cardCss().indexOf('@media (prefers-color-scheme: dark)'));
    const vars: Record<string, string> = {};
    for (const m of block.matchAll(/--([a-z-]+):\s*(#[0-9a-f]{6})/gi)) vars[m[1]!] ??= m[2]!;
    return vars;
  }

  for (const scheme of ['light', 'dark'] as const) {
    it(`reaches 4.5:1 on the ${scheme} card (text, muted text, links, kind labels, the main button)`, () => {
      const v = cardVars(scheme);
      expect(v.bg).toBe(CARD_BG[scheme]);
      for (const name of ['fg', 'muted', 'link'])
        expect({ name, ratio: contrast(v[name]!, v.bg!) }).toEqual({
          name,
          ratio: expect.toSatisfy((r: number) => r >= 4.5),
        });
      expect(contrast(v['accent-fg']!, v.accent!)).toBeGreaterThanOrEqual(4.5);
      for (const kind of kinds)
        expect({ kind, ratio: contrast(kindTextColor(kind, scheme), CARD_BG[scheme]) }).toEqual({
          kind,
          ratio: expect.toSatisfy((r: number) => r >= 4.5),
        });
    });
  }

  it('kind labels stay close to their colour (only as much darker or lighter as needed)', () => {
    expect(kindTextColor('agency', 'light')).toBe(KIND_COLORS.agency); // already 4.5:1 on white
    expect(reachContrast('#777777', '#ffffff', 4.5, '#000000')).not.toBe('#000000');
    expect(contrast(reachContrast('#777777', '#ffffff', 4.5, '#000000'), '#ffffff')).toBeGreaterThanOrEqual(4.5);
  });
});
