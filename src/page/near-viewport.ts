/**
 * Which block containers lie near the viewport, from an IntersectionObserver: the browser
 * keeps the geometry (scrolling, resizes, layout shifts, nested scrollers), so nothing of
 * ours runs per scrolled frame; we hear only when a container crosses the margin.
 */

/** How far above and below the viewport a container still counts as near (of the viewport's height). */
const NEAR_MARGIN = '150%';

export interface NearChange {
  el: Element;
  near: boolean;
  /** CSS px from the viewport (0 inside it): containers closer to the reader are painted first. */
  distance: number;
}

export interface NearObserver {
  observe(el: Element): void;
  unobserve(el: Element): void;
  disconnect(): void;
}

/** Null where there is no IntersectionObserver (then everything counts as near). */
export function observeNearViewport(doc: Document, onChange: (changes: NearChange[]) => void): NearObserver | null {
  const IO = globalThis.IntersectionObserver;
  if (typeof IO !== 'function') return null;
  const viewportHeight = () => doc.defaultView?.innerHeight ?? doc.documentElement?.clientHeight ?? 0;
  const callback = (entries: IntersectionObserverEntry[]) => {
    const height = viewportHeight();
    onChange(
      entries.map((e) => {
        const r = e.boundingClientRect;
        // No box (display: contents or none): its text may still show, so it counts as near, painted last.
        const boxless = r.width === 0 && r.height === 0 && r.top === 0 && r.left === 0;
        return {
          el: e.target,
          near: e.isIntersecting || boxless,
          distance: boxless ? Number.MAX_SAFE_INTEGER : Math.max(0, r.top - height, -r.bottom),
        };
      }),
    );
  };
  const margin = `${NEAR_MARGIN} 0px`;
  // The document as root: its own viewport, where the margin applies even in a cross-origin frame.
  // scrollMargin (where known) extends the margin into nested scrollers.
  const tries: IntersectionObserverInit[] = [
    { root: doc, rootMargin: margin, scrollMargin: margin } as IntersectionObserverInit,
    { root: doc, rootMargin: margin },
    { rootMargin: margin },
  ];
  for (const init of tries) {
    try {
      return new IO(callback, init);
    } catch {
      // this browser refuses an option: try with fewer
    }
  }
  return null;
}
