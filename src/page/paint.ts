import type { Kind } from '../factsheet/types';
import type { HighlightStyle } from '../settings/schema';

/**
 * Paints mentions with the CSS Custom Highlight API: ranges go into one `Highlight`
 * per kind, registered in `CSS.highlights`; the page's DOM is never touched.
 * Styles come from `highlight-css.ts` (injected through the manifest, so no <style> node
 * is added to the page and a strict page CSP does not apply).
 */

export const HIGHLIGHT_PREFIX = 'contexto';
/** The mention revealed by the keyboard command or the popup. */
export const FOCUS_HIGHLIGHT = 'contexto-focus';

/** `contexto-person` for the default dotted style, `contexto-person-solid` / `-background` otherwise. */
export function highlightName(kind: Kind, style: HighlightStyle): string {
  return style === 'dotted' ? `${HIGHLIGHT_PREFIX}-${kind}` : `${HIGHLIGHT_PREFIX}-${kind}-${style}`;
}

/**
 * Firefox drew no text decorations in `::highlight()` before version 149 (when it
 * shipped the API unflagged); there a light background is used instead.
 */
export function canDrawHighlightDecorations(userAgent: string = globalThis.navigator?.userAgent ?? ''): boolean {
  const firefox = /Firefox\/(\d+)/.exec(userAgent);
  return !firefox || Number(firefox[1]) >= 149;
}

export function effectiveStyle(style: HighlightStyle, userAgent?: string): HighlightStyle {
  return style !== 'background' && !canDrawHighlightDecorations(userAgent) ? 'background' : style;
}

export function isHighlightApiAvailable(): boolean {
  return typeof CSS !== 'undefined' && 'highlights' in CSS && typeof Highlight === 'function';
}

export class HighlightPainter {
  private readonly byKind = new Map<Kind, Highlight>();
  private focus: Highlight | null = null;
  private style: HighlightStyle;

  constructor(
    style: HighlightStyle,
    private readonly registry: HighlightRegistry = CSS.highlights,
  ) {
    this.style = effectiveStyle(style);
  }

  add(kind: Kind, range: Range): void {
    let highlight = this.byKind.get(kind);
    if (!highlight) {
      highlight = new Highlight();
      this.byKind.set(kind, highlight);
      this.registry.set(highlightName(kind, this.style), highlight);
    }
    highlight.add(range);
  }

  remove(kind: Kind, range: Range): void {
    this.byKind.get(kind)?.delete(range);
    if (this.focus?.has(range)) this.focus.clear();
  }

  /** Re-registers every highlight under the names of the new style; the ranges stay. */
  setStyle(style: HighlightStyle): void {
    const next = effectiveStyle(style);
    if (next === this.style) return;
    for (const [kind, highlight] of this.byKind) {
      this.registry.delete(highlightName(kind, this.style));
      this.registry.set(highlightName(kind, next), highlight);
    }
    this.style = next;
  }

  /** Marks one range (the revealed mention) on top of its kind's highlight, or none. */
  setFocus(range: Range | null): void {
    if (!range) {
      this.focus?.clear();
      return;
    }
    if (!this.focus) {
      this.focus = new Highlight();
      this.focus.priority = 1;
      this.registry.set(FOCUS_HIGHLIGHT, this.focus);
    }
    this.focus.clear();
    this.focus.add(range);
  }

  /** Unregisters everything this painter registered. */
  clear(): void {
    for (const kind of this.byKind.keys()) this.registry.delete(highlightName(kind, this.style));
    this.byKind.clear();
    if (this.focus) this.registry.delete(FOCUS_HIGHLIGHT);
    this.focus = null;
  }
}
