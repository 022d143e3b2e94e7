/**
 * npm run sheet:report [-- --today YYYY-MM-DD] [DIR]
 * How fresh the fact sheet is, per entry: newest fact, facts without a link, old facts whose
 * wording gives no date, and entries not reviewed in six months. A report: it fails (exit 1)
 * only when the sheet does not validate.
 */
import { parseArgs } from 'node:util';
import { loadFactSheetDir } from '../src/factsheet/load-files';
import { FactSheetError } from '../src/factsheet/validate';
import type { Entry } from '../src/factsheet/types';

export interface EntryFreshness {
  id: string;
  newest: string;
  unlinked: number;
  /** Facts older than two years whose sentence names no year ("In 2019 …", "as of 2023"). */
  oldUndated: number;
  reviewed: string | null;
  stale: boolean;
}

const DAY = 86_400_000;
const day = (s: string) => Date.parse(s.length === 7 ? `${s}-01` : s);

export function freshness(entries: readonly Entry[], today: string): EntryFreshness[] {
  const now = Date.parse(today);
  const twoYears = now - 730 * DAY;
  const sixMonths = now - 182 * DAY;
  return entries.map((e) => {
    const newest =
      e.facts
        .map((f) => f.asOf)
        .sort()
        .at(-1) ?? '';
    return {
      id: e.id,
      newest,
      unlinked: e.facts.filter((f) => !f.source.url).length,
      oldUndated: e.facts.filter((f) => day(f.asOf) < twoYears && !/\b(1[89]|20)\d\d\b/.test(f.text)).length,
      reviewed: e.reviewed ?? null,
      stale: !e.reviewed || day(e.reviewed) < sixMonths,
    };
  });
}

function main(): number {
  const { values, positionals } = parseArgs({
    options: { today: { type: 'string' } },
    allowPositionals: true,
    strict: true,
  });
  const today = values.today ?? new Date().toISOString().slice(0, 10);
  let entries: Entry[];
  try {
    entries = loadFactSheetDir(positionals[0]);
  } catch (e) {
    console.error(e instanceof FactSheetError ? e.message : String(e));
    return 1;
  }
  const rows = freshness(entries, today).sort((a, b) => a.newest.localeCompare(b.newest));
  const facts = entries.reduce((n, e) => n + e.facts.length, 0);
  console.log(`Fact sheet: ${entries.length} entries, ${facts} facts (as of ${today}; oldest news first)`);
  console.log(`  ${'entry'.padEnd(30)} ${'newest'.padEnd(10)}  unlinked  old-undated  reviewed`);
  for (const r of rows) {
    const flag = r.stale ? ' ← review' : '';
    console.log(
      `  ${r.id.padEnd(30)} ${r.newest.padEnd(10)}  ${String(r.unlinked).padStart(8)}  ${String(r.oldUndated).padStart(11)}  ${r.reviewed ?? 'never'}${flag}`,
    );
  }
  const sum = (k: 'unlinked' | 'oldUndated') => rows.reduce((n, r) => n + r[k], 0);
  console.log(
    `Totals: ${sum('unlinked')} facts without a link, ${sum('oldUndated')} facts over two years old without a date in their wording, ` +
      `${rows.filter((r) => r.stale).length} entries not reviewed in six months, ${rows.filter((r) => day(r.newest) < Date.parse(today) - 730 * DAY).length} entries whose newest fact is over two years old.`,
  );
  return 0;
}

if (import.meta.url === `file://${process.argv[1]}`) process.exitCode = main();
