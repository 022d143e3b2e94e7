import { KIND_COLORS } from '../model';
import { reachContrast } from './contrast';

/**
 * The card's styles, for the closed shadow root (and the popup). Sizes in px, never rem,
 * so the page's root font size cannot change the card.
 */
/** The card's background in the light and dark schemes (also in `cardCss()` below). */
export const CARD_BG = { light: '#ffffff', dark: '#1f2329' } as const;
/** Small text needs 4.5:1 (WCAG 1.4.3); a little margin for rounding. */
const TEXT_CONTRAST = 4.6;

/** The kind label's colour: the kind's colour, darkened (light) or lightened (dark) just enough for 4.5:1. */
export function kindTextColor(kind: keyof typeof KIND_COLORS, scheme: 'light' | 'dark'): string {
  return reachContrast(KIND_COLORS[kind], CARD_BG[scheme], TEXT_CONTRAST, scheme === 'light' ? '#000000' : '#ffffff');
}

let cardCssText: string | null = null;

/** The card's styles (made on first use: every frame loads this module, few ever show a card). */
export function cardCss(): string {
  if (cardCssText !== null) return cardCssText;
  const kinds = Object.keys(KIND_COLORS) as (keyof typeof KIND_COLORS)[];
  const kindRules = kinds
    .map(
      (kind) =>
        `.card[data-kind="${kind}"] { --kind: ${KIND_COLORS[kind]}; --kind-text: ${kindTextColor(kind, 'light')}; }`,
    )
    .join('\n');
  const kindRulesDark = kinds
    .map((kind) => `  .card[data-kind="${kind}"] { --kind-text: ${kindTextColor(kind, 'dark')}; }`)
    .join('\n');
  cardCssText = `
.card {
  --bg: #ffffff;
  --fg: #1d2127;
  --muted: #5b6470;
  --line: #e3e6ea;
  --chip: #f1f3f5;
  --chip-hover: #e6e9ed;
  --link: #1862b8;
  --accent: #1d2127;
  --accent-fg: #ffffff;
  --kind: #5b6470;
  box-sizing: border-box;
  width: 380px;
  max-width: calc(100vw - 16px);
  max-height: min(560px, var(--contexto-max-height, calc(100vh - 16px)));
  overflow: auto;
  padding: 14px 16px 14px;
  background: var(--bg);
  color: var(--fg);
  border: 1px solid var(--line);
  border-radius: 10px;
  box-shadow: 0 10px 30px rgba(15, 20, 30, 0.18), 0 2px 6px rgba(15, 20, 30, 0.08);
  font: 400 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  text-align: left;
  letter-spacing: normal;
  animation: contexto-in 120ms ease-out;
}
.card:focus { outline: none; }
.card:focus-visible { outline: 2px solid var(--link); outline-offset: 2px; }
${kindRules}
.card *, .card *::before, .card *::after { box-sizing: border-box; }
.head { position: relative; padding-right: 24px; }
.kind {
  margin: 0 0 2px;
  font-size: 11px;
  font-weight: 600;
  letter-spacing: 0.06em;
  text-transform: uppercase;
  color: var(--kind-text, var(--muted));
}
.kind::before {
  content: "";
  display: inline-block;
  width: 8px;
  height: 8px;
  margin-right: 6px;
  border-radius: 50%;
  background: var(--kind);
  vertical-align: 0;
}
.name { margin: 0; font-size: 18px; line-height: 1.25; font-weight: 650; color: var(--fg); }
.name-es { margin: 2px 0 0; font-size: 13px; color: var(--muted); font-style: italic; }
.close {
  position: absolute;
  top: -4px;
  right: -6px;
  width: 26px;
  height: 26px;
  padding: 0;
  border: 0;
  border-radius: 6px;
  background: transparent;
  color: var(--muted);
  font: 400 20px/26px system-ui, sans-serif;
  cursor: pointer;
}
.close:hover { background: var(--chip); color: var(--fg); }
.summary { margin: 10px 0 0; font-size: 14px; }
.section-title {
  margin: 14px 0 6px;
  font-size: 11px;
  font-weight: 600;
  letter-spacing: 0.06em;
  text-transform: uppercase;
  color: var(--muted);
}
.fact-list { margin: 0; padding: 0; list-style: none; }
.fact { margin: 0 0 8px; padding-left: 10px; border-left: 2px solid var(--line); }
.fact:last-child { margin-bottom: 0; }
.fact-text { margin: 0; font-size: 13.5px; }
.fact-source { margin: 2px 0 0; font-size: 12px; color: var(--muted); }
.source-link { color: var(--link); text-decoration: underline; text-underline-offset: 2px; }
.source-link:hover { text-decoration-thickness: 2px; }
.related-list { display: flex; flex-wrap: wrap; gap: 6px; }
.related-term, .not-this {
  margin: 0;
  padding: 3px 10px;
  border: 1px solid var(--line);
  border-radius: 999px;
  background: var(--chip);
  color: var(--fg);
  font: 500 12.5px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
  cursor: pointer;
}
.related-term:hover, .not-this:hover { background: var(--chip-hover); }
/* The action stays in view while the card's content scrolls. */
.foot {
  position: sticky;
  bottom: -14px;
  margin: 14px -16px -14px;
  padding: 10px 16px 12px;
  border-top: 1px solid var(--line);
  background: var(--bg);
  display: flex;
  justify-content: flex-end;
}
.open {
  margin: 0;
  padding: 6px 12px;
  border: 0;
  border-radius: 6px;
  background: var(--accent);
  color: var(--accent-fg);
  font: 600 13px/1.3 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
  cursor: pointer;
}
.open:hover { opacity: 0.88; }
.why { margin: 6px 0 0; font-size: 12px; color: var(--muted); }
.reviewed { margin: 10px 0 0; font-size: 12px; color: var(--muted); }
.opinion { font-weight: 600; text-transform: uppercase; letter-spacing: 0.04em; font-size: 11px; }
.foot { gap: 8px; }
/* A quiet chip, like a related term, at the start of the footer. */
.not-this { margin: 0 auto 0 0; padding: 6px 12px; border-radius: 6px; font-size: 13px; line-height: 1.3; }
button:focus-visible, a:focus-visible { outline: 2px solid var(--link); outline-offset: 2px; }
@keyframes contexto-in { from { opacity: 0; transform: translateY(2px); } to { opacity: 1; transform: none; } }
@media (prefers-color-scheme: dark) {
  .card {
    --bg: #1f2329;
    --fg: #e8eaed;
    --muted: #a4abb5;
    --line: #3a4049;
    --chip: #2b3038;
    --chip-hover: #353b45;
    --link: #8ab4f8;
    --accent: #e8eaed;
    --accent-fg: #1f2329;
    box-shadow: 0 10px 30px rgba(0, 0, 0, 0.5);
  }
${kindRulesDark}
}
@media (prefers-reduced-motion: reduce) {
  .card { animation: none; }
}
`;
  return cardCssText;
}

/** The positioning frame (in the in-page card's own document; the popup does without). */
export const HOST_CSS = `
:host { all: initial; }
.frame { position: fixed; top: 0; left: 0; z-index: 2147483647; width: max-content; }
/* Narrow viewports (phones): a full-width sheet at the bottom or top edge, whichever side
   leaves the mention in view (src/card/place.ts), with 44 px touch targets. */
.frame.sheet { width: 100%; }
.frame.sheet .card {
  width: 100%;
  max-width: none;
  max-height: var(--contexto-max-height, 50vh);
  border-radius: 14px 14px 0 0;
  border-width: 1px 0 0;
  padding: 12px 16px 14px;
  font-size: 15px;
  box-shadow: 0 -6px 24px rgba(15, 20, 30, 0.2);
}
.frame.sheet.top .card { border-radius: 0 0 14px 14px; border-width: 0 0 1px; box-shadow: 0 6px 24px rgba(15, 20, 30, 0.2); }
.frame.sheet .head { padding-right: 48px; }
.frame.sheet .close { top: -6px; right: -8px; width: 44px; height: 44px; line-height: 44px; font-size: 24px; }
.frame.sheet .related-term, .frame.sheet .open, .frame.sheet .not-this { min-height: 44px; min-width: 44px; padding: 8px 14px; font-size: 14px; }
.frame.sheet .source-link { display: inline-flex; align-items: center; min-height: 44px; min-width: 44px; }
.frame.sheet .foot { bottom: -14px; }
@media (pointer: coarse) {
  .related-term, .open, .not-this { min-width: 44px; min-height: 44px; }
}
`;

/** Space (px) shown around a floating card for its shadow: at most the gap to the mention, so it never covers it. */
export const CARD_MARGIN = 6;

/**
 * The card's host in the page (src/card/host.ts): boxes that place the iframe by scroll offsets,
 * inert to the pointer except the iframe, and the live region.
 */
export const SHADOW_CSS = `
:host { all: initial; }
.outer { position: fixed; left: 0; top: 0; width: 100vw; height: 100vh; overflow: hidden; pointer-events: none; }
.span { position: relative; width: 300vw; height: 300vh; }
.clip { position: absolute; left: 100vw; top: 100vh; width: 100vw; height: 100vh; overflow: hidden; }
.inner { position: relative; width: 200vw; height: 200vh; }
iframe {
  position: absolute; left: 0; top: 0; width: 100vw; height: 100vh; margin: 0; padding: 0; border: 0;
  display: block; background: transparent; color-scheme: normal; pointer-events: auto;
}
.live { position: fixed; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
`;

/**
 * The card's own document: transparent, the frame at the bottom-right corner (nothing to clip
 * right of or below it), a shadow that fits the margin shown around a floating card.
 */
export const FRAME_DOC_CSS = `
html, body { margin: 0; padding: 0; background: transparent; overflow: hidden; }
.frame { top: auto; left: auto; right: ${CARD_MARGIN}px; bottom: ${CARD_MARGIN}px; }
.frame.sheet { right: 0; bottom: 0; }
/* No entrance animation in the page: each of its frames paints again, on a huge page 16–30 ms of
   paint and intersection work per frame for 120 ms (the popup keeps it). */
.card { animation: none; }
.frame:not(.sheet) .card { box-shadow: 0 2px 4px rgba(15, 20, 30, 0.2), 0 0 2px rgba(15, 20, 30, 0.16); }
@media (prefers-color-scheme: dark) {
  .frame:not(.sheet) .card { box-shadow: 0 2px 4px rgba(0, 0, 0, 0.55), 0 0 2px rgba(0, 0, 0, 0.4); }
}
`;
