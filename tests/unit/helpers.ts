import type { Entry } from '../../src/factsheet/types';

/** A minimal valid entry for tests; override any field. */
export function entry(id: string, aliases: Entry['aliases'], extra: Partial<Entry> = {}): Entry {
  return {
    id,
    name: id,
    kind: 'concept',
    aliases,
    summary: `Summary of ${id}.`,
    facts: [
      { text: 'Fact one.', asOf: '2024-01-01', source: { publisher: 'P', title: 'T', date: '2024-01-01' } },
      { text: 'Fact two.', asOf: '2024-01-01', source: { publisher: 'P', title: 'T', date: '2024-01' } },
    ],
    related: [],
    ...extra,
  };
}
