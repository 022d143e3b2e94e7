import { CARD_HOST_TAG } from './tag';
import { CARD_MARGIN, cardCss, FRAME_DOC_CSS, HOST_CSS, SHADOW_CSS } from './style';
import { type Cancel, later } from '../page/timer';

/**
 * The one element Contexto adds to a page: `<contexto-card>`, created on first use, with a
 * closed shadow root (page CSS cannot restyle it, page scripts cannot reach into it) that
 * holds the live region and a same-origin about:blank iframe: the card is built in the
 * iframe's own document. Showing, filling, moving and hiding a card then changes nothing in
 * the page's document: Chromium rebuilds every custom-highlight marker of a document whose
 * DOM or style changed since the last frame (tens of ms with our highlights), and our own
 * changes inside the shadow root counted as the page's.
 *
 * The iframe never moves or resizes: it is viewport-sized, and the card sits at its
 * bottom-right corner. Two clipping boxes place it by scroll offsets only: `clip`
 * (viewport-sized) is scrolled so that only the card's rectangle of the iframe shows, and
 * `outer` (fixed, full viewport, inert to the pointer) is scrolled so that `clip` lands where
 * the card goes, or off screen when it is hidden.
 */
export class CardHost {
  private host: HTMLElement | null = null;
  private root: ShadowRoot | null = null;
  private outer: HTMLElement | null = null;
  private clip: HTMLElement | null = null;
  private iframe: HTMLIFrameElement | null = null;
  private cardDoc: Document | null = null;
  private frame: HTMLElement | null = null;
  private live: HTMLElement | null = null;
  private liveTimer: Cancel | null = null;

  /** `onCardDocument` runs for each document the card is built in (to listen to its events). */
  constructor(
    private readonly doc: Document,
    private readonly onCardDocument: (cardDoc: Document) => void = () => {},
  ) {}

  /** The frame the card goes in, in the iframe's document (created with the host on first call). */
  ensureFrame(): HTMLElement {
    if (!this.host?.isConnected || !this.iframe) this.build();
    const cardDoc = this.iframe!.contentDocument;
    if (!cardDoc) throw new Error('the card frame has no document');
    // Built again if the browser replaced the iframe's initial document.
    if (cardDoc !== this.cardDoc || !this.frame?.isConnected) this.buildCardDocument(cardDoc);
    return this.frame!;
  }

  private build(): void {
    this.remove();
    const doc = this.doc;
    const host = doc.createElement(CARD_HOST_TAG);
    // Set through CSSOM (allowed under any page CSP), important so page rules cannot hide or move it.
    for (const [prop, value] of [
      ['all', 'initial'],
      ['display', 'block'],
      ['position', 'fixed'],
      ['top', '0'],
      ['left', '0'],
      ['width', '0'],
      ['height', '0'],
      ['overflow', 'visible'],
      ['z-index', '2147483647'],
      // Layout and size containment: our boxes' layout starts at this host (a relayout boundary).
      ['contain', 'layout size style'],
    ]) {
      host.style.setProperty(prop!, value!, 'important');
    }
    const root = host.attachShadow({ mode: 'closed' });
    const style = doc.createElement('style');
    style.textContent = SHADOW_CSS;
    const outer = doc.createElement('div');
    outer.className = 'outer';
    const span = doc.createElement('div');
    span.className = 'span';
    const clip = doc.createElement('div');
    clip.className = 'clip';
    const inner = doc.createElement('div');
    inner.className = 'inner';
    const iframe = doc.createElement('iframe');
    iframe.title = 'Contexto';
    // Not a tab stop of its own (Firefox makes frames one): focus goes into the card when it opens by keyboard.
    iframe.tabIndex = -1;
    inner.append(iframe);
    clip.append(inner);
    span.append(clip);
    outer.append(span);
    // A polite live region, outside the card so it survives the card's replacement: how the
    // keyboard command tells a screen reader where it landed (highlights themselves are invisible to it).
    const live = doc.createElement('div');
    live.className = 'live';
    live.setAttribute('role', 'status');
    live.setAttribute('aria-live', 'polite');
    live.setAttribute('aria-atomic', 'true');
    root.append(style, outer, live);
    doc.documentElement.append(host);
    this.host = host;
    this.root = root;
    this.outer = outer;
    this.clip = clip;
    this.iframe = iframe;
    this.live = live;
  }

  private buildCardDocument(cardDoc: Document): void {
    const style = cardDoc.createElement('style');
    style.textContent = HOST_CSS + cardCss() + FRAME_DOC_CSS;
    const frame = cardDoc.createElement('div');
    frame.className = 'frame';
    cardDoc.head.replaceChildren(style);
    cardDoc.body.replaceChildren(frame);
    this.cardDoc = cardDoc;
    this.frame = frame;
    this.onCardDocument(cardDoc);
  }

  /** The document the card is built in (after `ensureFrame`). */
  get cardDocument(): Document | null {
    return this.cardDoc;
  }

  /** Shows the frame with its top-left corner at (x, y) of the page's viewport, by scroll offsets only. */
  show(x: number, y: number): void {
    const { outer, clip, frame } = this;
    if (!outer || !clip || !frame) return;
    const r = frame.getBoundingClientRect();
    const m = frame.classList.contains('sheet') ? 0 : CARD_MARGIN;
    // The part of the iframe shown: the card and a margin for its shadow (nothing lies right of or below it).
    const sx = Math.max(0, Math.round(r.left) - m);
    const sy = Math.max(0, Math.round(r.top) - m);
    clip.scrollLeft = sx;
    clip.scrollTop = sy;
    // `clip` sits at (100vw, 100vh) in `outer`'s content: scroll it to where that part goes.
    outer.scrollLeft = outer.clientWidth - (Math.round(x) - (Math.round(r.left) - sx));
    outer.scrollTop = outer.clientHeight - (Math.round(y) - (Math.round(r.top) - sy));
  }

  /** Moves the frame off screen (its iframe stays attached and laid out). */
  hide(): void {
    if (!this.outer) return;
    this.outer.scrollLeft = 0;
    this.outer.scrollTop = 0;
  }

  /**
   * Says `text` through the live region. Emptied first and filled a moment later, so the
   * same words twice are announced twice and a region created just now is already known.
   */
  announce(text: string): void {
    this.ensureFrame();
    const live = this.live;
    if (!live) return;
    this.liveTimer?.();
    live.textContent = '';
    this.liveTimer = later(() => {
      this.liveTimer = null;
      live.textContent = text;
    }, 150);
  }

  /** The live region's current text (tests). */
  get announcement(): string {
    return this.live?.textContent ?? '';
  }

  /**
   * True when an event target is the card: the host (events from inside the closed root are
   * retargeted to it, and the iframe's are seen from the page as the host) or a node of the card's document.
   */
  isCard(target: EventTarget | null): boolean {
    if (target === null) return false;
    if (target === this.host) return true;
    const doc = this.cardDoc;
    return doc !== null && (target === doc || (target as Node).ownerDocument === doc);
  }

  /** The focused element inside the card, if any. */
  get activeElement(): Element | null {
    if (!this.root || !this.iframe || this.root.activeElement !== this.iframe) return null;
    return this.cardDoc?.activeElement ?? this.iframe;
  }

  /** Takes focus out of the card's frame. */
  blur(): void {
    const active = this.cardDoc?.activeElement as HTMLElement | null | undefined;
    if (active && active !== this.cardDoc?.body) active.blur();
    this.host?.blur();
  }

  get element(): HTMLElement | null {
    return this.host;
  }

  /** Removes the host from the page. */
  remove(): void {
    this.liveTimer?.();
    this.liveTimer = null;
    this.live = null;
    this.host?.remove();
    this.host = null;
    this.root = null;
    this.outer = null;
    this.clip = null;
    this.iframe = null;
    this.cardDoc = null;
    this.frame = null;
  }
}
