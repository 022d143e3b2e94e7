import type { Kind } from '../factsheet/types';
import type { HighlightStyle } from '../settings/schema';
import { observeNearViewport, type NearChange, type NearObserver } from './near-viewport';
import { later } from './timer';

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

/** At most this many ranges enter (and this many leave) the highlights per frame: the style and paint work that follows stays short. */
export const PAINT_BATCH = 150;
/**
 * When a container comes near with ranges not registered, this many more ranges go in with it,
 * of the containers after it and before it in page order: the next containers to come near are
 * then in already, and scrolling changes the highlights once per stretch, not at every frame
 * (each change has Chromium rebuild every highlight marker and repaint the marked text).
 */
export const PAINT_AHEAD = 60;
/**
 * Ranges of containers no longer near stay registered until there are more than this many, then
 * leave together. Both stay small: every DOM or style change of the page (the card's frame)
 * rebuilds the marker of every registered range (~0.15 ms per range on the 5 MB page). There,
 * scrolled 200 frames: 60/60 changes the highlights in 1 frame (none kept: ~42) with ~100–108
 * ranges registered; 30/30 in 2 frames with 68–90 ranges but a ~650 ms task in every round;
 * 120/120 ~179 ranges and a slower card frame.
 */
export const FAR_KEPT = 60;

interface Wanted {
  kind: Kind;
  container: Element;
}

/**
 * Registers only the wanted ranges whose block container is near the viewport (the
 * browser repaints every registered range: thousands make each frame slow), and
 * re-registers as the reader scrolls, in batches per frame, nearest containers first.
 * What the annotator counts, lists and navigates is every wanted range, not these.
 */
export class HighlightPainter {
  private readonly byKind = new Map<Kind, Highlight>();
  private focus: Highlight | null = null;
  private style: HighlightStyle;
  /** Every range the annotator wants painted. */
  private readonly wanted = new Map<Range, Wanted>();
  private readonly byContainer = new Map<Element, Set<Range>>();
  /** Containers near the viewport, with their distance to it. */
  private readonly near = new Map<Element, number>();
  /** Ranges in their kind's highlight now. */
  private readonly registered = new Set<Range>();
  /** How many of each container's ranges are registered. */
  private readonly registeredIn = new Map<Element, number>();
  /** Containers in the order they were first added (page order for a scan); holes where one was removed. */
  private order: (Element | undefined)[] = [];
  private readonly place = new Map<Element, number>();
  private readonly toAdd = new Set<Element>();
  private readonly toDrop = new Set<Element>();
  private readonly observer: NearObserver | null;
  /** Ranges that may still enter the highlights before the next frame. */
  private budget = PAINT_BATCH;
  private scheduled: (() => void) | null = null;

  constructor(
    style: HighlightStyle,
    private readonly registry: HighlightRegistry = CSS.highlights,
    private readonly doc: Document | undefined = globalThis.document,
    /** PAINT_AHEAD and FAR_KEPT (0 and 0: exactly the near containers, as tests may want). */
    private readonly keep: { ahead: number; farKept: number } = { ahead: PAINT_AHEAD, farKept: FAR_KEPT },
  ) {
    this.style = effectiveStyle(style);
    this.observer = doc ? observeNearViewport(doc, (changes) => this.onNear(changes)) : null;
  }

  /**
   * `firstScreen`: the container likely shows on the first screen (the top of a page's first
   * scan): registered now, before the observer's first report (a frame later), which drops it if far.
   */
  add(kind: Kind, range: Range, container: Element, firstScreen = false): void {
    this.wanted.set(range, { kind, container });
    let ranges = this.byContainer.get(container);
    if (!ranges) {
      ranges = new Set();
      this.byContainer.set(container, ranges);
      this.place.set(container, this.order.length);
      this.order.push(container);
      this.observer?.observe(container);
      if (firstScreen) this.near.set(container, 0);
    }
    ranges.add(range);
    if (!this.observer) this.register(range);
    else if (this.near.has(container)) {
      // A change near the reader (a live update): at once while this frame's batch allows.
      if (this.budget > 0) {
        this.budget--;
        this.register(range);
        this.schedule();
      } else this.queueAdd(container);
    }
  }

  remove(range: Range): void {
    const w = this.wanted.get(range);
    if (!w) return;
    this.wanted.delete(range);
    this.unregister(range, w.kind, w.container);
    if (this.focus?.has(range)) this.focus.clear();
    const ranges = this.byContainer.get(w.container);
    if (!ranges) return;
    ranges.delete(range);
    if (ranges.size) return;
    this.byContainer.delete(w.container);
    this.forgetPlace(w.container);
    this.observer?.unobserve(w.container);
    this.near.delete(w.container);
    this.toAdd.delete(w.container);
    this.toDrop.delete(w.container);
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

  /**
   * Marks one range (the revealed mention) on top of its kind's highlight, or none. The
   * range was just scrolled into view: its container's mentions are painted now, not a frame later.
   */
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
    const container = this.wanted.get(range)?.container;
    if (container && this.observer) {
      this.near.set(container, 0);
      this.toDrop.delete(container);
      this.toAdd.delete(container);
      for (const r of this.byContainer.get(container) ?? []) this.register(r);
    }
  }

  /** Ranges in the highlights now (tests, and the bench). */
  get registeredCount(): number {
    return this.registered.size;
  }

  /** Unregisters everything this painter registered and forgets every range. */
  clear(): void {
    for (const kind of this.byKind.keys()) this.registry.delete(highlightName(kind, this.style));
    this.byKind.clear();
    if (this.focus) this.registry.delete(FOCUS_HIGHLIGHT);
    this.focus = null;
    this.observer?.disconnect();
    this.wanted.clear();
    this.byContainer.clear();
    this.near.clear();
    this.registered.clear();
    this.registeredIn.clear();
    this.order = [];
    this.place.clear();
    this.toAdd.clear();
    this.toDrop.clear();
    this.scheduled = null;
    this.budget = PAINT_BATCH;
  }

  private onNear(changes: NearChange[]): void {
    let missing = false;
    for (const { el, near, distance } of changes) {
      if (!this.byContainer.has(el)) continue;
      if (near) {
        this.near.set(el, distance);
        this.toDrop.delete(el);
        if (!this.isAllRegistered(el)) {
          this.queueAdd(el);
          missing = true;
        }
      } else if (this.near.delete(el)) this.toAdd.delete(el); // stays registered until the far ones are many
    }
    const around = this.around();
    if (missing) for (const container of around) if (!this.isAllRegistered(container)) this.queueAdd(container);
    this.planDrops(around);
    // The observer reports after a frame's layout: this frame's share goes in now.
    this.flush();
    if (this.budget < PAINT_BATCH) this.schedule();
  }

  private isAllRegistered(container: Element): boolean {
    return (this.registeredIn.get(container) ?? 0) === (this.byContainer.get(container)?.size ?? 0);
  }

  /**
   * The containers within `keep.ahead` ranges after the last near container and before the first
   * (page order), not near themselves.
   */
  private around(): Set<Element> {
    const out = new Set<Element>();
    let first = Number.POSITIVE_INFINITY;
    let last = Number.NEGATIVE_INFINITY;
    for (const el of this.near.keys()) {
      const i = this.place.get(el);
      if (i === undefined) continue;
      first = Math.min(first, i);
      last = Math.max(last, i);
    }
    if (first > last) return out;
    for (const step of [1, -1]) {
      let ranges = 0;
      for (
        let i = step > 0 ? last + 1 : first - 1;
        i >= 0 && i < this.order.length && ranges < this.keep.ahead;
        i += step
      ) {
        const el = this.order[i];
        if (!el || this.near.has(el)) continue;
        out.add(el);
        ranges += this.byContainer.get(el)!.size;
      }
    }
    return out;
  }

  /** Once more than `keep.farKept` ranges of containers neither near nor around are registered, they all leave. */
  private planDrops(around: Set<Element>): void {
    const far: Element[] = [];
    let count = 0;
    for (const [container, n] of this.registeredIn) {
      if (n === 0 || this.near.has(container) || around.has(container)) continue;
      far.push(container);
      count += n;
    }
    if (count <= this.keep.farKept) return;
    for (const container of far) {
      this.toAdd.delete(container);
      this.toDrop.add(container);
    }
    this.schedule();
  }

  private forgetPlace(container: Element): void {
    const i = this.place.get(container);
    if (i === undefined) return;
    this.place.delete(container);
    this.order[i] = undefined;
    this.registeredIn.delete(container);
    // Compact once most of the list is holes.
    if (this.place.size * 2 < this.order.length) {
      this.order = this.order.filter((el) => el !== undefined);
      for (const [j, el] of this.order.entries()) this.place.set(el!, j);
    }
  }

  private queueAdd(container: Element): void {
    this.toAdd.add(container);
    this.schedule();
  }

  /** Registers queued ranges, nearest containers first, up to the budget; drops as many that left. */
  private flush(): void {
    if (this.toAdd.size && this.budget > 0) {
      // Near containers nearest first, then those around them (no distance: after every near one).
      const rank = (el: Element) => this.near.get(el) ?? Number.MAX_VALUE;
      const order = [...this.toAdd].sort((x, y) => rank(x) - rank(y));
      for (const container of order) {
        if (!this.registerSome(container)) break;
        this.toAdd.delete(container);
      }
    }
    let drops = PAINT_BATCH;
    for (const container of this.toDrop) {
      for (const range of this.byContainer.get(container)!) {
        if (!this.registered.has(range)) continue;
        if (drops-- <= 0) return;
        this.unregister(range, this.wanted.get(range)!.kind, container);
      }
      this.toDrop.delete(container);
    }
  }

  /** Registers the container's ranges while the budget lasts; true when all are in. */
  private registerSome(container: Element): boolean {
    for (const range of this.byContainer.get(container)!) {
      if (this.registered.has(range)) continue;
      if (this.budget <= 0) return false;
      this.budget--;
      this.register(range);
    }
    return true;
  }

  /** Next frame (or a timer where frames do not run: a hidden page): a fresh budget and the rest of the queue. */
  private schedule(): void {
    if (this.scheduled) return;
    const run = () => {
      if (this.scheduled !== run) return;
      this.scheduled = null;
      this.budget = PAINT_BATCH;
      this.flush();
      if (this.toAdd.size || this.toDrop.size || this.budget < PAINT_BATCH) this.schedule();
    };
    this.scheduled = run;
    const raf = globalThis.requestAnimationFrame;
    if (typeof raf === 'function' && this.doc?.visibilityState !== 'hidden') raf(run);
    else later(run, 16);
  }

  private register(range: Range): void {
    const w = this.wanted.get(range);
    if (!w || this.registered.has(range)) return;
    this.registered.add(range);
    this.registeredIn.set(w.container, (this.registeredIn.get(w.container) ?? 0) + 1);
    let highlight = this.byKind.get(w.kind);
    if (!highlight) {
      highlight = new Highlight();
      this.byKind.set(w.kind, highlight);
      this.registry.set(highlightName(w.kind, this.style), highlight);
    }
    highlight.add(range);
  }

  private unregister(range: Range, kind: Kind, container: Element): void {
    if (!this.registered.delete(range)) return;
    this.byKind.get(kind)?.delete(range);
    const n = (this.registeredIn.get(container) ?? 1) - 1;
    if (n > 0) this.registeredIn.set(container, n);
    else this.registeredIn.delete(container);
  }
}
