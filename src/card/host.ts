import { CARD_HOST_TAG } from './tag';
import { cardCss, HOST_CSS } from './style';
import { type Cancel, later } from '../page/timer';

/**
 * The one element Contexto adds to a page: `<contexto-card>`, created on first use,
 * with a closed shadow root so page CSS cannot restyle the card and page scripts cannot
 * reach into it.
 */
export class CardHost {
  private host: HTMLElement | null = null;
  private frame: HTMLElement | null = null;
  private root: ShadowRoot | null = null;
  private live: HTMLElement | null = null;
  private liveTimer: Cancel | null = null;

  constructor(private readonly doc: Document) {}

  /** The frame the card goes in (created with the host on first call). */
  ensureFrame(): HTMLElement {
    if (this.host?.isConnected && this.frame) return this.frame;
    const host = this.doc.createElement(CARD_HOST_TAG);
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
      // Layout and size containment: the card's layout starts at this host (a relayout boundary)
      // instead of laying out the whole page from the document, which costs tens of ms on a huge page.
      ['contain', 'layout size style'],
    ]) {
      host.style.setProperty(prop!, value!, 'important');
    }
    const root = host.attachShadow({ mode: 'closed' });
    const style = this.doc.createElement('style');
    style.textContent = HOST_CSS + cardCss();
    const frame = this.doc.createElement('div');
    frame.className = 'frame shut';
    // A polite live region, outside the card so it survives the card's replacement: how the
    // keyboard command tells a screen reader where it landed (highlights themselves are invisible to it).
    const live = this.doc.createElement('div');
    live.className = 'live';
    live.setAttribute('role', 'status');
    live.setAttribute('aria-live', 'polite');
    live.setAttribute('aria-atomic', 'true');
    root.append(style, frame, live);
    this.live = live;
    this.doc.documentElement.append(host);
    this.host = host;
    this.frame = frame;
    this.root = root;
    return frame;
  }

  /** Shows or shuts the frame (it stays displayed: see `.frame.shut`). */
  setShown(shown: boolean): void {
    this.frame?.classList.toggle('shut', !shown);
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

  /** True when an event target is the card (events from inside a closed root are retargeted to the host). */
  isCard(target: EventTarget | null): boolean {
    return target !== null && target === this.host;
  }

  /** The focused element inside the card, if any. */
  get activeElement(): Element | null {
    return this.root?.activeElement ?? null;
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
    this.frame = null;
    this.root = null;
  }
}
