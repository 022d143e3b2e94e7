import { autoUpdate, computePosition, flip, inline, offset, shift, size, type VirtualElement } from '@floating-ui/dom';

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

export async function placeCard(frame: HTMLElement, range: Range, pointer?: { x: number; y: number }): Promise<void> {
  const { x, y } = await computePosition(rangeAnchor(range), frame, {
    strategy: 'fixed',
    placement: 'bottom-start',
    middleware: [
      inline(pointer),
      offset(6),
      flip({ padding: 8 }),
      shift({ padding: 8 }),
      // Never taller than the room on the chosen side: the card scrolls inside instead.
      size({
        padding: 8,
        apply({ availableHeight }) {
          frame.style.setProperty('--contexto-max-height', `${Math.max(160, Math.floor(availableHeight))}px`);
        },
      }),
      shift({ padding: 8, crossAxis: true }),
    ],
  });
  frame.style.left = `${Math.round(x)}px`;
  frame.style.top = `${Math.round(y)}px`;
  frame.style.opacity = '';
}

/**
 * Keeps the card placed while the page scrolls or resizes; returns the stop function.
 * `onFirstPlaced` runs once, when the card has its place and is visible (opacity restored).
 */
export function trackCard(frame: HTMLElement, range: Range, pointer?: { x: number; y: number }, onFirstPlaced?: () => void): () => void {
  let first = onFirstPlaced;
  return autoUpdate(rangeAnchor(range), frame, () => {
    void placeCard(frame, range, pointer).then(() => {
      const f = first;
      first = undefined;
      f?.();
    });
  });
}
