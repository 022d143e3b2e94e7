import type { Entry } from '../model';
import type { CardHost } from './host';
import type { CardSpot } from './place';
import { i18n } from '#i18n';
import type { AcceptReason } from '../matcher/resolve';
import type { Lang } from '../model';
import type { CardView } from './view';
import { type Cancel, later } from '../page/timer';

/**
 * The hover card on a page: opens after the pointer rests on a painted mention
 * (`showDelay`), replaces itself at once when the pointer reaches another mention,
 * stays while the pointer is on it, hides 300 ms after the pointer left both,
 * and closes on Escape (returning focus to where it was when it was opened by keyboard).
 *
 * Touch: a tap (a `click` that follows a touch `pointerdown`; a scroll gesture ends in
 * `pointercancel` and never clicks) on a painted mention opens its card, pinned; a tap
 * elsewhere closes it. A mention inside a link or another control keeps the tap for the
 * page (the link is followed as before); there a long press (`LONG_PRESS_MS` without
 * moving) opens the card instead, and the click and context menu that may follow it are
 * swallowed.
 */

export const HIDE_DELAY_MS = 300;
/** How long a finger must rest on a mention inside a link before its card opens. */
export const LONG_PRESS_MS = 500;
/** How far (px) a finger may drift during a tap or long press before it counts as a scroll. */
export const TOUCH_SLOP_PX = 10;
/** Elements whose tap belongs to the page: a mention inside one opens by long press only. */
const INTERACTIVE =
  'a[href], button, input, select, textarea, label, summary, [role="link"], [role="button"], [contenteditable=""], [contenteditable="true"]';

/**
 * User Timing names for the hover timing the bench reads, per card shown by hovering:
 * `contexto-card-placed` from the show delay's end to the card placed and made visible
 * (our work: hit test, render, floating-ui with its forced layout); `contexto-card` from the
 * delay's end to the next animation frame after that (the frame that paints the card): its
 * callback runs before that frame's style, layout and paint; `contexto-card-frame-end` to the
 * first task after that frame, when its rendering on the main thread is done.
 */
export const CARD_MEASURE = 'contexto-card';
export const CARD_PLACED_MEASURE = 'contexto-card-placed';
/** From the delay's end to the end of the frame that paints the card (its style, layout and paint included). */
export const CARD_FRAME_END_MEASURE = 'contexto-card-frame-end';
/** The first card's one-time costs, paid while a show delay runs (`warmUp`). */
export const CARD_WARM_UP_MEASURE = 'contexto-card-warm-up';

/**
 * The same mention even if the page rewrote its text node and the mention was re-found
 * (a new object): same term, same block, same words.
 */
export function isSameMention(a: CardMention, b: CardMention): boolean {
  return a === b || (a.termId === b.termId && a.container === b.container && a.text === b.text);
}

/** What the card needs of a mention on the page (the page's `LiveMention` is one). */
export interface CardMention {
  termId: string;
  /** The words on the page. */
  text: string;
  range: Range;
  /** The block the mention is in (the same mention, re-found after a rewrite, has the same one). */
  container: Element;
  /** Why the words count here (shown on the card). */
  why?: AcceptReason;
}

export interface CardControllerDeps<M extends CardMention = CardMention> {
  doc: Document;
  /**
   * What shows cards (host, rendering, placement): the page's full script loads it on a card's
   * first use (./load-view.ts); a card asked for meanwhile opens when it is there.
   */
  view(): CardView | Promise<CardView>;
  hitTest(x: number, y: number): M | null;
  entryOf(id: string): Entry | undefined;
  /** Loads an entry not loaded yet (a related term's); settles when it is. */
  loadEntry?(id: string): Promise<void>;
  nameOf(id: string): string | undefined;
  lang(): Lang;
  showDelay(): number;
  openInContexto(id: string): void;
  /** The page's hostname (named on the "Not this" button). */
  site?(): string;
  /** "Not this": hide the term on this site; the card then closes. */
  hideTerm?(id: string, site: string): void;
  /** Called when the card closes (e.g. to clear the focus highlight). */
  onClose?(): void;
}

/** Where the keyboard command (or the popup) landed: said through the live region. */
export interface Position {
  /** 1-based place of the mention among `total`. */
  index: number;
  total: number;
}

export interface OpenOptions {
  pointer?: { x: number; y: number };
  /** Move focus into the card (keyboard use); Escape then returns it. */
  focus?: boolean;
  /** Keep the card when the pointer moves away (keyboard use); it still closes on Escape or a click elsewhere. */
  pinned?: boolean;
  /** Show another entry's card at the same place (a related term). */
  entryId?: string;
  /** `performance.now()` when the show delay ran out (hover): the card's paint is then timed. */
  delayEnd?: number;
  /** Announce "Mention 3 of 12: Sinaloa Cartel" politely (keyboard command, popup). */
  announce?: Position;
}

interface OpenCard<M extends CardMention> {
  mention: M;
  entryId: string;
  pinned: boolean;
  stopTracking: () => void;
}

export class CardController<M extends CardMention = CardMention> {
  private view: CardView | null = null;
  private viewLoading: Promise<unknown> | null = null;
  /** Made with the view. */
  private host: CardHost | null = null;
  /** The last card asked for before the view was there: opened when it is, unless something else came first. */
  private pending: { mention: M; options: OpenOptions } | null = null;
  private current: OpenCard<M> | null = null;
  private showTimer: Cancel | null = null;
  private showing: M | null = null;
  private hideTimer: Cancel | null = null;
  private frameRequest = 0;
  private pointer: { x: number; y: number; target: EventTarget | null } | null = null;
  private returnFocus: Element | null = null;
  /** The touch that went down last, until its click or cancel. */
  private touch: {
    x: number;
    y: number;
    id: number;
    moved: boolean;
    timer: Cancel | null;
  } | null = null;
  /** Set when a long press opened a card: the click (and context menu) that follow are not the page's. */
  private swallowUntil = 0;
  private lastPointerType = '';
  /** The first card's one-time costs were paid during a show delay (`warmUp`). */
  private warmed = false;
  private readonly abort = new AbortController();

  constructor(private readonly deps: CardControllerDeps<M>) {
    const opts = { capture: true, passive: true, signal: this.abort.signal };
    const doc = deps.doc;
    doc.addEventListener('pointermove', (e) => this.onPointerMove(e), opts);
    doc.addEventListener('pointerdown', (e) => this.onPointerDown(e), opts);
    doc.addEventListener('pointerup', (e) => this.onTouchEnd(e), opts);
    doc.addEventListener('pointercancel', (e) => this.onTouchEnd(e), opts);
    // Not passive: after a long press, the click and context menu must not reach the link.
    doc.addEventListener('click', (e) => this.onClick(e), { capture: true, signal: this.abort.signal });
    doc.addEventListener('contextmenu', (e) => this.onContextMenu(e), { capture: true, signal: this.abort.signal });
    doc.documentElement.addEventListener('pointerleave', () => this.onPointerGone(), opts);
    doc.addEventListener('keydown', (e) => this.onKeyDown(e), { capture: true, signal: this.abort.signal });
    doc.addEventListener('focusout', (e) => this.onFocusOut(e), opts);
  }

  get openMention(): M | null {
    return this.current?.mention ?? null;
  }

  get isOpen(): boolean {
    return this.current !== null;
  }

  /**
   * Opens `mention`'s card (of `options.entryId` when given). Settles once it is open, or false when it
   * did not open (no entry; the view could not load; another card or a close came first).
   */
  open(mention: M, options: OpenOptions = {}): Promise<boolean> {
    const entryId = options.entryId ?? mention.termId;
    const entry = this.deps.entryOf(entryId);
    if (!entry) return Promise.resolve(false);
    const ready = this.ensureView();
    if (ready instanceof Promise) {
      const asked = { mention, options };
      this.pending = asked;
      return ready.then(() => {
        if (this.pending !== asked || !this.view) return false;
        this.pending = null;
        return this.open(mention, options);
      });
    }
    this.pending = null;
    this.cancelShow();
    this.cancelHide();
    this.current?.stopTracking();
    const { view, host } = ready;
    if (options.focus && !this.current) {
      const active = this.deps.doc.activeElement;
      this.returnFocus = active && active !== host.element ? active : null;
    }
    const frame = host.ensureFrame();
    const card = view.renderCard(entry, this.cardOptions(mention, entryId, frame));
    // Off screen (but focusable) until floating-ui has placed it.
    host.hide();
    describeBySummary(card);
    frame.replaceChildren(card);
    const delayEnd = options.delayEnd;
    const stopTracking = view.trackCard(
      this.spot(host, frame),
      mention.range,
      options.pointer,
      delayEnd === undefined ? undefined : () => measureCardShown(delayEnd),
    );
    this.current = { mention, entryId, pinned: options.pinned ?? false, stopTracking };
    if (options.focus) card.focus({ preventScroll: true });
    if (options.announce) this.announce(host, options.announce, entryId);
    return Promise.resolve(true);
  }

  /** The view and its host when loaded; else the load (started on first call), settled when they are there or failed. */
  private ensureView(): { view: CardView; host: CardHost } | Promise<unknown> {
    if (this.view && this.host) return { view: this.view, host: this.host };
    if (this.viewLoading) return this.viewLoading;
    const got = this.deps.view();
    if (!(got instanceof Promise)) {
      this.takeView(got);
      return this.ensureView();
    }
    this.viewLoading = got.then(
      (view) => {
        this.viewLoading = null;
        if (!this.abort.signal.aborted) this.takeView(view);
      },
      (e: unknown) => {
        this.viewLoading = null; // the next card tries again
        console.warn('Contexto: the card could not load', e);
      },
    );
    return this.viewLoading;
  }

  private takeView(view: CardView): void {
    this.view = view;
    this.host = new view.CardHost(this.deps.doc, (cardDoc) => this.listenToCard(cardDoc));
  }

  /** What the card of `entryId` for `mention` shows, made in `frame`'s document. */
  private cardOptions(mention: M, entryId: string, frame: HTMLElement): Parameters<CardView['renderCard']>[1] {
    return {
      doc: frame.ownerDocument,
      lang: this.deps.lang(),
      nameOf: this.deps.nameOf,
      onRelated: (id) => this.showRelated(id),
      onOpen: (id) => this.deps.openInContexto(id),
      onClose: () => this.close(true),
      idPrefix: 'contexto-card',
      maxFacts: 2,
      // Why these words, and a way to say they are not this term (only for a mention the page painted).
      ...(mention.why && entryId === mention.termId ? { match: { text: mention.text, why: mention.why } } : {}),
      ...(this.deps.hideTerm && this.deps.site?.() && entryId === mention.termId
        ? { notThis: { site: this.deps.site(), onClick: () => this.notThis(entryId) } }
        : {}),
    };
  }

  /**
   * The card's view (loaded on first use) and host now, and the first card's warm-up in later tasks
   * (before `mention`'s card may open).
   */
  private prepareFor(mention: M): void {
    const ready = this.ensureView();
    if (ready instanceof Promise) {
      void ready.then(() => {
        if (this.view && !this.current) this.prepareFor(mention);
      });
      return;
    }
    ready.host.ensureFrame();
    if (!this.warmed) later(() => this.warmUp(mention));
  }

  /**
   * Once per page, while the first show delay runs (in two tasks of its own): the hovered mention's
   * card made, then laid out in the hidden frame and taken out. What a page's first card pays once
   * (the frame document's first style and layout, the date formats, the extension's i18n API; a
   * hover trace put them at 70–110 ms of a 100–140 ms first card) is then paid before the delay
   * ends rather than after it.
   */
  private warmUp(mention: M): void {
    const { view, host } = this;
    if (this.warmed || this.current || !view || !host) return;
    const entry = this.deps.entryOf(mention.termId);
    if (!entry) return;
    this.warmed = true;
    const start = performance.now();
    const frame = host.ensureFrame();
    const card = view.renderCard(entry, this.cardOptions(mention, mention.termId, frame));
    // Laid out in the next task: each part stays short.
    later(() => {
      if (this.current || !frame.isConnected) return;
      frame.replaceChildren(card);
      frame.getBoundingClientRect();
      frame.replaceChildren();
      try {
        performance.measure(CARD_WARM_UP_MEASURE, { start });
      } catch {
        // no User Timing here: nothing to record
      }
    });
  }

  /** Where trackCard shows the card: `frame` in the card's document, placed in the page's viewport by the host. */
  private spot(host: CardHost, frame: HTMLElement): CardSpot {
    const view = this.deps.doc.defaultView;
    if (!view) throw new Error('the page has no window');
    return { frame, view, show: (x, y) => host.show(x, y) };
  }

  /**
   * The card's own document gets the pointer and keys while the pointer or focus is on the card:
   * there the pointer is on the card (it stays), Escape closes it, leaving it is leaving the card.
   */
  private listenToCard(cardDoc: Document): void {
    const opts = { capture: true, passive: true, signal: this.abort.signal };
    const onCard = (e: PointerEvent) => {
      if (e.pointerType === 'touch') return;
      this.pointer = { x: e.clientX, y: e.clientY, target: this.host?.element ?? null };
      this.cancelShow();
      this.cancelHide();
    };
    cardDoc.addEventListener('pointerover', onCard, opts);
    cardDoc.addEventListener('pointermove', onCard, opts);
    cardDoc.documentElement.addEventListener(
      'pointerleave',
      (e) => {
        if (e.pointerType === 'touch') return;
        this.pointer = null;
        this.onPointerGone();
      },
      opts,
    );
    cardDoc.addEventListener('keydown', (e) => this.onKeyDown(e), { capture: true, signal: this.abort.signal });
  }

  private notThis(entryId: string): void {
    const site = this.deps.site?.() ?? '';
    this.close(true);
    if (site) this.deps.hideTerm?.(entryId, site);
  }

  /** Says where the reader is, politely, in the live region of our own host. */
  private announce(host: CardHost, at: Position, entryId: string): void {
    const name = this.deps.nameOf(entryId) ?? this.deps.entryOf(entryId)?.name ?? entryId;
    host.announce(i18n.t('announceMention', [at.index, at.total, name]));
  }

  /** Keeps an open card on a new range of the same mention (the page rewrote its text). */
  retarget(mention: M): void {
    // An open card has its view and host.
    const { current, view, host } = this;
    if (!current || !view || !host) return;
    const frame = host.ensureFrame();
    current.stopTracking();
    current.mention = mention;
    current.stopTracking = view.trackCard(this.spot(host, frame), mention.range);
  }

  close(restoreFocus: boolean): void {
    this.cancelShow();
    this.cancelHide();
    this.pending = null;
    const { current, host } = this;
    if (!current || !host) return;
    const hadFocus = host.activeElement !== null;
    current.stopTracking();
    this.current = null;
    const frame = host.ensureFrame();
    host.hide();
    frame.replaceChildren();
    if (hadFocus) {
      const back = restoreFocus ? this.returnFocus : null;
      if (back?.isConnected && back !== this.deps.doc.body && 'focus' in back)
        (back as HTMLElement).focus({ preventScroll: true });
      // Focus must not stay in the emptied frame (removing a focused node from the page's own tree let it go).
      else host.blur();
    }
    this.returnFocus = null;
    this.deps.onClose?.();
  }

  /** Closes the card and removes the host element from the page. */
  destroy(): void {
    this.close(false);
    this.clearTouch();
    if (this.frameRequest) cancelAnimationFrame(this.frameRequest);
    this.abort.abort();
    this.host?.remove();
  }

  private showRelated(id: string): void {
    const from = this.current;
    if (!from) return;
    const hadFocus = this.host?.activeElement != null;
    const show = () => {
      if (this.current === from) this.open(from.mention, { entryId: id, focus: hadFocus, pinned: from.pinned });
    };
    // A frame holds the entries of the terms it mentions: a related term's comes on first use.
    if (this.deps.entryOf(id) || !this.deps.loadEntry) show();
    else void this.deps.loadEntry(id).then(show);
  }

  private onPointerMove(e: PointerEvent): void {
    if (e.pointerType === 'touch') {
      this.onTouchMove(e);
      return;
    }
    this.pointer = { x: e.clientX, y: e.clientY, target: e.target };
    // Hit-test at most once per animation frame.
    if (!this.frameRequest) {
      this.frameRequest = requestAnimationFrame(() => {
        this.frameRequest = 0;
        this.evaluatePointer();
      });
    }
  }

  /** Hit-tests the last pointer position again (the mentions changed under a still pointer). */
  recheckPointer(): void {
    if (this.pointer && !this.frameRequest) this.evaluatePointer();
  }

  private evaluatePointer(): void {
    const p = this.pointer;
    if (!p) return;
    if (this.isCard(p.target)) {
      this.cancelShow();
      this.cancelHide();
      return;
    }
    const m = this.deps.hitTest(p.x, p.y);
    if (!m) {
      this.onPointerGone();
      return;
    }
    this.cancelHide();
    const open = this.current;
    if (open) {
      // The card of another mention replaces the open one at once.
      if (!isSameMention(open.mention, m)) this.open(m, { pointer: { x: p.x, y: p.y } });
      return;
    }
    if (this.showing && isSameMention(this.showing, m)) return;
    this.cancelShow();
    this.showing = m;
    // The host, its closed shadow root and styles are built while the show delay runs, not after it.
    this.prepareFor(m);
    this.showTimer = later(() => {
      const delayEnd = performance.now();
      this.showTimer = null;
      this.showing = null;
      const at = this.pointer;
      // The page may have rewritten the text meanwhile: prefer the mention under the pointer now.
      const now = at ? this.deps.hitTest(at.x, at.y) : null;
      this.open(now ?? m, { pointer: at ? { x: at.x, y: at.y } : undefined, delayEnd });
    }, this.deps.showDelay());
  }

  private onPointerGone(): void {
    this.cancelShow();
    // A hover card still waiting for the view is no longer wanted (a pinned one, by keyboard or touch, is).
    if (this.pending && !this.pending.options.pinned) this.pending = null;
    if (this.current && !this.current.pinned && this.hideTimer === null) {
      this.hideTimer = later(() => {
        this.hideTimer = null;
        this.close(false);
      }, HIDE_DELAY_MS);
    }
  }

  private onPointerDown(e: PointerEvent): void {
    this.lastPointerType = e.pointerType;
    if (e.pointerType === 'touch') {
      this.onTouchStart(e);
      return; // a touch closes the card on its tap (click), so that scrolling past it does not
    }
    if (this.current && !this.isCard(e.target) && !this.isOnOpenMention(e.clientX, e.clientY)) {
      this.close(false);
    }
  }

  private onTouchStart(e: PointerEvent): void {
    this.clearTouch();
    if (!e.isPrimary) return;
    const touch = {
      x: e.clientX,
      y: e.clientY,
      id: e.pointerId,
      moved: false,
      timer: null as Cancel | null,
    };
    this.touch = touch;
    // A tap on a mention opens its card at the click: the first card's one-time costs start now.
    if (!this.warmed && !this.current) {
      const m = this.deps.hitTest(e.clientX, e.clientY);
      if (m) this.prepareFor(m);
    }
    // A mention inside a link: the tap is the link's, a long press is ours.
    if (!this.isCard(e.target) && isInteractive(e.target)) {
      const m = this.deps.hitTest(e.clientX, e.clientY);
      if (m) {
        touch.timer = later(() => {
          touch.timer = null;
          if (this.touch !== touch || touch.moved) return;
          this.swallowUntil = Date.now() + 1500;
          this.open(m, { pinned: true, pointer: { x: touch.x, y: touch.y } });
        }, LONG_PRESS_MS);
      }
    }
  }

  private onTouchMove(e: PointerEvent): void {
    const t = this.touch;
    if (!t || e.pointerId !== t.id || t.moved) return;
    if (Math.hypot(e.clientX - t.x, e.clientY - t.y) > TOUCH_SLOP_PX) {
      t.moved = true; // a scroll or a drag: nothing opens
      t.timer?.();
      t.timer = null;
    }
  }

  private onTouchEnd(e: PointerEvent): void {
    if (e.pointerType !== 'touch' || !this.touch || e.pointerId !== this.touch.id) return;
    this.touch.timer?.();
    this.touch.timer = null;
    if (e.type === 'pointercancel') this.touch.moved = true; // the browser took the gesture (scroll, zoom)
  }

  private clearTouch(): void {
    this.touch?.timer?.();
    this.touch = null;
  }

  /** A tap: the click that follows a touch that did not move. */
  private onClick(e: MouseEvent): void {
    if (Date.now() < this.swallowUntil) {
      // The long press opened a card: this click is its end, not a tap on the link.
      this.swallowUntil = 0;
      e.preventDefault();
      e.stopPropagation();
      return;
    }
    const pointerType = (e as PointerEvent).pointerType || this.lastPointerType;
    if (pointerType !== 'touch') return;
    const touch = this.touch;
    this.clearTouch();
    if (touch?.moved) return;
    if (this.isCard(e.target)) return;
    const m = isInteractive(e.target) ? null : this.deps.hitTest(e.clientX, e.clientY);
    if (m) {
      if (!this.current || !isSameMention(this.current.mention, m))
        this.open(m, { pinned: true, pointer: { x: e.clientX, y: e.clientY } });
      return;
    }
    if (this.current) this.close(false);
  }

  private onContextMenu(e: MouseEvent): void {
    if (Date.now() < this.swallowUntil) e.preventDefault();
  }

  private isOnOpenMention(x: number, y: number): boolean {
    const m = this.deps.hitTest(x, y);
    return m !== null && this.current !== null && isSameMention(m, this.current.mention);
  }

  private onKeyDown(e: KeyboardEvent): void {
    if (e.key === 'Escape' && this.current) this.close(true);
  }

  /** A pinned card closes when keyboard focus leaves it for the page. */
  private onFocusOut(e: FocusEvent): void {
    if (!this.current?.pinned || !this.isCard(e.target)) return;
    const next = e.relatedTarget;
    if (next !== null && !this.isCard(next)) this.close(false);
  }

  /** True when an event target is the card (nothing is before the view loaded). */
  private isCard(target: EventTarget | null): boolean {
    return this.host?.isCard(target) ?? false;
  }

  private cancelShow(): void {
    this.showTimer?.();
    this.showTimer = null;
    this.showing = null;
  }

  private cancelHide(): void {
    this.hideTimer?.();
    this.hideTimer = null;
  }
}

/** True when the event target is (inside) a link or control whose tap belongs to the page. */
function isInteractive(target: EventTarget | null): boolean {
  const el = target as Element | null;
  return !!el && typeof el.closest === 'function' && el.closest(INTERACTIVE) !== null;
}

/** The dialog's description is its summary, so a screen reader says name, then what it is. */
function describeBySummary(card: HTMLElement): void {
  const summary = card.querySelector('.summary');
  if (!summary) return;
  if (!summary.id)
    summary.id = `${(card.getAttribute('aria-labelledby') ?? 'contexto-card').replace(/-title$/, '')}-summary`;
  card.setAttribute('aria-describedby', summary.id);
}

/** Records `contexto-card` and `contexto-card-frame-end` (delay end → the frame that paints the placed card); no-op without User Timing or rAF. */
function measureCardShown(delayEnd: number): void {
  if (typeof requestAnimationFrame !== 'function') return;
  try {
    performance.measure(CARD_PLACED_MEASURE, { start: delayEnd });
  } catch {
    return; // no User Timing here
  }
  requestAnimationFrame(() => {
    try {
      performance.measure(CARD_MEASURE, { start: delayEnd });
    } catch {
      return; // no User Timing here: nothing to record
    }
    // The frame's style, layout and paint run in this task, after the animation frame callbacks.
    later(() => performance.measure(CARD_FRAME_END_MEASURE, { start: delayEnd }));
  });
}
