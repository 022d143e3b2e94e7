import {
  autoUpdate,
  computePosition,
  flip,
  getOverflowAncestors,
  inline,
  offset,
  shift,
  size,
  type VirtualElement,
} from '@floating-ui/dom';

/**
 * Positions the card next to a mention with floating-ui: the mention is a virtual element
 * made of the range's client rects (`inline` picks the line the pointer is on when the
 * mention wraps), `flip` and `shift` keep the card inside the viewport.
 */

export function rangeAnchor(range: Range): VirtualElement {
  return {
    getBoundingClientRect: () => range.getBoundingClientRect(),
    getClientRects: () => range.getClientRects(),
    contextElement: range.startContainer.parentElement ?? undefined,
  };
}

/** Below this viewport width (CSS px) the card is a bottom (or top) sheet. */
export const SHEET_MAX_WIDTH = 480;
/** Space kept between the mention and a sheet. */
const SHEET_GAP = 8;

export function isNarrow(view: Window | null): boolean {
  return !!view && view.innerWidth < SHEET_MAX_WIDTH;
}

export interface SheetPlace {
  side: 'bottom' | 'top';
  /** The sheet's largest height that leaves the mention uncovered. */
  maxHeight: number;
}

/**
 * Which edge a sheet goes to, and how tall it may be, so that it never covers the mention:
 * the side with more room; the sheet is at most `cap` of the viewport tall. A mention
 * out of view leaves the whole cap to a bottom sheet.
 */
export function sheetPlace(mention: { top: number; bottom: number }, viewportHeight: number, cap = 0.6): SheetPlace {
  const most = Math.floor(viewportHeight * cap);
  if (mention.bottom <= 0 || mention.top >= viewportHeight) return { side: 'bottom', maxHeight: most };
  const below = Math.floor(viewportHeight - mention.bottom - SHEET_GAP);
  const above = Math.floor(mention.top - SHEET_GAP);
  return below >= above
    ? { side: 'bottom', maxHeight: Math.max(0, Math.min(most, below)) }
    : { side: 'top', maxHeight: Math.max(0, Math.min(most, above)) };
}

/**
 * On a narrow viewport, scrolls the page (once, when the card opens) so that the mention
 * leaves room for a useful sheet: a mention near an edge moves to about a fifth of the height.
 */
export function makeRoomForSheet(range: Range): void {
  const view = range.startContainer.ownerDocument?.defaultView ?? null;
  if (!isNarrow(view) || !view) return;
  const rect = range.getBoundingClientRect();
  const h = view.innerHeight;
  const { maxHeight } = sheetPlace(rect, h);
  if (maxHeight >= h * 0.4) return;
  view.scrollBy({ top: rect.top - h * 0.2, behavior: 'instant' as ScrollBehavior });
}

/** Where the card is shown: `frame` (in the card's own document) is placed by `show(x, y)`, in `view`'s viewport. */
export interface CardSpot {
  frame: HTMLElement;
  /** The page's window: the viewport the card is placed in. */
  view: Window;
  show(x: number, y: number): void;
}

function placeSheet(spot: CardSpot, range: Range): void {
  const { frame, view } = spot;
  const h = view.innerHeight;
  const { side, maxHeight } = sheetPlace(range.getBoundingClientRect(), h);
  frame.classList.add('sheet');
  frame.classList.toggle('top', side === 'top');
  frame.style.setProperty('--contexto-max-height', `${maxHeight}px`);
  frame.style.width = `${view.document.documentElement.clientWidth || view.innerWidth}px`;
  const height = Math.min(frame.getBoundingClientRect().height, maxHeight);
  spot.show(0, side === 'top' ? 0 : Math.round(h - height));
}

/** The page's viewport, the box floating-ui keeps the card in (the card's own document is another one). */
function viewportOf(view: Window): { x: number; y: number; width: number; height: number } {
  const root = view.document.documentElement;
  return { x: 0, y: 0, width: root.clientWidth || view.innerWidth, height: root.clientHeight || view.innerHeight };
}

export async function placeCard(spot: CardSpot, range: Range, pointer?: { x: number; y: number }): Promise<void> {
  const { frame, view } = spot;
  if (isNarrow(view)) {
    placeSheet(spot, range);
    return;
  }
  if (frame.classList.contains('sheet')) {
    frame.classList.remove('sheet', 'top');
    frame.style.width = '';
  }
  const rootBoundary = viewportOf(view);
  // No context element: floating-ui would add the offsets of the page's own frames (it is in another document).
  const anchor: VirtualElement = {
    getBoundingClientRect: () => range.getBoundingClientRect(),
    getClientRects: () => range.getClientRects(),
  };
  const { x, y } = await computePosition(anchor, frame, {
    strategy: 'fixed',
    placement: 'bottom-start',
    middleware: [
      inline(pointer),
      offset(6),
      flip({ padding: 8, rootBoundary }),
      shift({ padding: 8, rootBoundary }),
      // Never taller than the room on the chosen side: the card scrolls inside instead.
      size({
        padding: 8,
        rootBoundary,
        apply({ availableHeight }) {
          frame.style.setProperty('--contexto-max-height', `${Math.max(160, Math.floor(availableHeight))}px`);
        },
      }),
      shift({ padding: 8, crossAxis: true, rootBoundary }),
    ],
  });
  spot.show(x, y);
}

/**
 * What a placement depends on: the mention's line boxes, the frame's size and the viewport's.
 * Read when layout is clean (in a scroll event or a resize observer's callback), it costs no layout.
 */
function placementInputs(spot: CardSpot, range: Range): string {
  const { frame, view } = spot;
  const root = view.document.documentElement;
  let key = `${frame.offsetWidth}x${frame.offsetHeight} ${root.clientWidth}x${root.clientHeight}`;
  for (const r of range.getClientRects()) key += ` ${r.left},${r.top},${r.width},${r.height}`;
  return key;
}

/**
 * Keeps the card placed while the page scrolls or resizes; returns the stop function.
 * `onFirstPlaced` runs once, when the card has its place and is shown.
 *
 * Only the page's scrollers that hold the mention are listened to: floating-ui's own scroll
 * listening would follow the card's frame out of its iframe to the host's clipping boxes, which
 * `show` scrolls to place it, so each placement set off another one in the next frame. And a
 * placement whose inputs did not change is skipped (the resize observer's first call, right
 * after the card was placed, is one).
 */
export function trackCard(
  spot: CardSpot,
  range: Range,
  pointer?: { x: number; y: number },
  onFirstPlaced?: () => void,
): () => void {
  let first = onFirstPlaced;
  let placedFor = '';
  makeRoomForSheet(range);
  const update = () => {
    const inputs = placementInputs(spot, range);
    if (inputs === placedFor) return;
    placedFor = inputs;
    void placeCard(spot, range, pointer).then(() => {
      const f = first;
      first = undefined;
      f?.();
    });
  };
  const anchor = rangeAnchor(range);
  const scrollers = anchor.contextElement ? getOverflowAncestors(anchor.contextElement) : [spot.view];
  for (const s of scrollers) s.addEventListener('scroll', update, { passive: true });
  const stop = autoUpdate(anchor, spot.frame, update, { ancestorScroll: false });
  return () => {
    stop();
    for (const s of scrollers) s.removeEventListener('scroll', update);
  };
}
