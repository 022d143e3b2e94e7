/**
 * Reading the extension's highlights from a page's main world (tests, test:pages, bench):
 * `CSS.highlights` is shared by the page and the extension's isolated world.
 */

/**
 * Runs in the page's main world: every range of every `contexto-*` highlight (except the
 * focus mark), as name and text, in document order. Only ranges near the viewport are
 * registered, so a page taller than the viewport (and every scrolled box in it) is scrolled
 * through, reading at each step; the union is what a reader scrolling the whole page sees
 * painted. The scroll positions are put back. Must stay self-contained (it is serialized).
 */
export async function collectHighlightsInPage(): Promise<{ name: string; text: string }[]> {
  const seen = new Map<Range, string>();
  const read = () => {
    const registry = (CSS as unknown as { highlights: Map<string, Set<Range>> }).highlights;
    registry.forEach((highlight, name) => {
      if (!name.startsWith('contexto') || name === 'contexto-focus') return;
      for (const range of highlight) seen.set(range, name);
    });
  };
  // A few frames (the observer reports after a frame, the painter registers in the next); a timer where none run.
  const settle = () =>
    new Promise<void>((resolve) => {
      let n = 0;
      const timer = setTimeout(resolve, 300);
      const step = () => {
        if (++n < 4) requestAnimationFrame(step);
        else {
          clearTimeout(timer);
          resolve();
        }
      };
      requestAnimationFrame(step);
    });
  const scrollThrough = async (el: Element, visit: () => Promise<void>) => {
    const start = el.scrollTop;
    const step = Math.max(50, el.clientHeight - 20);
    for (let y = 0; ; y += step) {
      el.scrollTop = y;
      await settle();
      await visit();
      if (y + el.clientHeight >= el.scrollHeight) break;
    }
    el.scrollTop = start;
  };
  const boxes = () =>
    Array.from(document.body?.querySelectorAll('*') ?? []).filter((el) => {
      if (el.scrollHeight <= el.clientHeight + 1) return false;
      const overflow = getComputedStyle(el).overflowY;
      return overflow === 'auto' || overflow === 'scroll';
    });
  read();
  const page = document.scrollingElement ?? document.documentElement;
  if (document.visibilityState === 'visible' && page.scrollHeight > page.clientHeight + 1) {
    await scrollThrough(page, async () => {
      read();
      for (const box of boxes()) {
        const r = box.getBoundingClientRect();
        if (r.bottom > 0 && r.top < innerHeight) await scrollThrough(box, async () => read());
      }
    });
    await settle();
  }
  const all = [...seen].map(([range, name]) => ({ name, text: range.toString(), range }));
  all.sort((a, b) => a.range.compareBoundaryPoints(Range.START_TO_START, b.range));
  return all.map(({ name, text }) => ({ name, text }));
}

/**
 * `collectHighlightsInPage` as an expression to evaluate, for scripts run by tsx: its
 * compiled inner functions call a `__name` helper the page does not have.
 */
export const COLLECT_HIGHLIGHTS = `(async () => { const __name = (f) => f; return (${collectHighlightsInPage.toString()})(); })()`;
