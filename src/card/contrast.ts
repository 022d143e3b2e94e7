/**
 * WCAG colour arithmetic for the card and the highlights: relative luminance, contrast
 * ratio, and the nearest mix of a colour towards black or white that reaches a ratio.
 */

function channel(c: number): number {
  const s = c / 255;
  return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
}

export function parseHex(hex: string): [number, number, number] {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!m) throw new Error(`not a #rrggbb colour: ${hex}`);
  return [parseInt(m[1]!, 16), parseInt(m[2]!, 16), parseInt(m[3]!, 16)];
}

export function toHex([r, g, b]: readonly [number, number, number]): string {
  return (
    '#' +
    [r, g, b]
      .map((c) =>
        Math.round(Math.min(255, Math.max(0, c)))
          .toString(16)
          .padStart(2, '0'),
      )
      .join('')
  );
}

export function luminance(hex: string): number {
  const [r, g, b] = parseHex(hex);
  return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
}

export function contrast(a: string, b: string): number {
  const [lo, hi] = [luminance(a), luminance(b)].sort((x, y) => x - y) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** `color` mixed towards `target` just enough (steps of 2 %) to reach `ratio` against `background`. */
export function reachContrast(color: string, background: string, ratio: number, target: '#000000' | '#ffffff'): string {
  const from = parseHex(color);
  const to = parseHex(target);
  for (let t = 0; t <= 1.0001; t += 0.02) {
    const mixed = toHex([0, 1, 2].map((i) => from[i]! + (to[i]! - from[i]!) * t) as [number, number, number]);
    if (contrast(mixed, background) >= ratio) return mixed;
  }
  return target;
}
