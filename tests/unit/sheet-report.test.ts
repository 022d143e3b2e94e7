import { describe, expect, it } from 'vitest';
import { freshness } from '../../scripts/sheet-report';
import { entry } from './helpers';

describe('sheet:report freshness', () => {
  it('finds the newest fact, unlinked facts, old facts without a date in their wording, and stale reviews', () => {
    const e = entry('a', [{ text: 'A' }], { reviewed: '2026-01-01' });
    e.facts = [
      { text: 'Something happened.', asOf: '2019-05', source: { publisher: 'P', title: 'T', date: '2019-05' } },
      {
        text: 'In 2020 it was so.',
        asOf: '2020-01-02',
        source: { publisher: 'P', title: 'T', date: '2020-01', url: 'https://example.org' },
      },
      {
        text: 'Recent.',
        asOf: '2026-03-01',
        source: { publisher: 'P', title: 'T', date: '2026-03', url: 'https://example.org' },
      },
    ];
    const fresh = entry('b', [{ text: 'B' }], { reviewed: '2026-11-01' });
    expect(freshness([e, fresh], '2026-11-30')).toEqual([
      { id: 'a', newest: '2026-03-01', unlinked: 1, oldUndated: 1, reviewed: '2026-01-01', stale: true },
      { id: 'b', newest: '2024-01-01', unlinked: 2, oldUndated: 2, reviewed: '2026-11-01', stale: false },
    ]);
  });
});
