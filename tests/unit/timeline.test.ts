import { describe, expect, it } from 'vitest';
import type { Entry } from '../../src/factsheet/types';
import { buildTimeline, renderTimeline } from '../../src/popup/timeline';
import { useLinkedomDocument } from './dom';

useLinkedomDocument();

const fact = (asOf: string, text: string, url = 'https://example.org/x') => ({
  text,
  textEs: `${text} (es)`,
  asOf,
  source: { publisher: 'Desk', title: 'T', date: asOf, url },
});
const entry = (id: string, name: string, facts: ReturnType<typeof fact>[]): Entry =>
  ({
    id,
    name,
    nameEs: `${name} ES`,
    kind: 'agency',
    aliases: [{ text: name }],
    exclude: [],
    summary: 's',
    facts,
    related: [],
  }) as unknown as Entry;

const a = entry('a', 'Alpha', [fact('2019-03', 'a1'), fact('2024-05-12', 'a2')]);
const b = entry('b', 'Beta', [fact('2024-05', 'b1'), fact('2024-05-01', 'b2'), fact('2021', 'b3')]);

describe('page timeline', () => {
  it('lists every fact of the given terms, newest first, grouped by year', () => {
    const years = buildTimeline([a, b], (e) => e.name);
    expect(years.map((y) => y.year)).toEqual(['2024', '2021', '2019']);
    expect(years.flatMap((y) => y.items.map((i) => i.fact.text))).toEqual(['b1', 'a2', 'b2', 'b3', 'a1']);
    expect(years[0]!.items.map((i) => i.entry.id)).toEqual(['b', 'a', 'b']);
  });

  it('is empty without terms', () => {
    expect(buildTimeline([], (e) => e.name)).toEqual([]);
  });

  it('renders year headings, dates, the term as a button that reveals it, the sentence and a safe source link (Spanish too)', () => {
    const revealed: string[] = [];
    const container = document.createElement('div');
    const evil = entry('c', 'Gamma <b>x</b>', [fact('2020-01', '<img src=x onerror=alert(1)>', 'javascript:alert(1)')]);
    renderTimeline(
      container,
      buildTimeline([a, evil], (e) => e.name),
      { lang: 'es', nameOf: (e) => e.nameEs ?? e.name, reveal: (e) => revealed.push(e.id) },
    );
    expect([...container.querySelectorAll('h2')].map((h) => h.textContent)).toEqual(['2024', '2020', '2019']);
    const items = [...container.querySelectorAll('li.tl-item')];
    expect(items.map((li) => li.querySelector('.tl-text')!.textContent)).toEqual([
      'a2 (es)',
      '<img src=x onerror=alert(1)> (es)',
      'a1 (es)',
    ]);
    expect(container.querySelector('img')).toBeNull();
    expect(items[1]!.querySelector('a')).toBeNull(); // javascript: URL: no link
    expect(items[0]!.querySelector('a')!.getAttribute('href')).toBe('https://example.org/x');
    expect(items[0]!.querySelector('time')!.getAttribute('datetime')).toBe('2024-05-12');
    (items[1]!.querySelector('button.tl-term') as HTMLButtonElement).click();
    expect(revealed).toEqual(['c']);
    expect(items[1]!.querySelector('button.tl-term')!.textContent).toBe('Gamma <b>x</b> ES');
  });
});
