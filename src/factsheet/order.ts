import type { Fact } from './types';

/**
 * The order a card shows an entry's facts in: neutral facts before opinion, newest `asOf` first
 * ("2025-03" counts as the start of its month), file order between equals. The in-page card and
 * the popup show the first ones, so what a reader sees first is the newest neutral fact.
 */
export function orderFacts(facts: readonly Fact[]): Fact[] {
  return facts
    .map((fact, i) => ({ fact, i }))
    .sort(
      (a, b) =>
        Number(a.fact.type === 'opinion') - Number(b.fact.type === 'opinion') ||
        byUnits(dayOf(b.fact.asOf), dayOf(a.fact.asOf)) ||
        a.i - b.i,
    )
    .map((x) => x.fact);
}

/** ISO days compare as strings; not `localeCompare`, whose collator cost a page's first card 14 ms to set up. */
function byUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function dayOf(date: string): string {
  return date.length === 7 ? `${date}-01` : date;
}
