import { CARD_HOST_TAG } from '../page/scan';
import { CARD_CSS, HOST_CSS } from './style';

/**
 * The one element Contexto adds to a page: `<contexto-card>`, created on first use,
 * with a closed shadow root so page CSS cannot restyle the card and page scripts cannot
 * reach into it.
 */
export class CardHost {
  private host: HTMLElement | null = null;
  private frame: HTMLElement | null = null;
  private root: ShadowRoot | null = null;

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
    ]) {
      host.style.setProperty(prop!, value!, 'important');
    }
    const root = host.attachShadow({ mode: 'closed' });
    const style = this.doc.createElement('style');
    style.textContent = HOST_CSS + CARD_CSS;
    const frame = this.doc.createElement('div');
    frame.className = 'frame';
    frame.hidden = true;
    root.append(style, frame);
    this.doc.documentElement.append(host);
    this.host = host;
    this.frame = frame;
    this.root = root;
    return frame;
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
    this.host?.remove();
    this.host = null;
    this.frame = null;
    this.root = null;
  }
}
