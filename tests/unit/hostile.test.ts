/**
 * Hostile and bad input: dangerous source URLs, markup and bidi controls in fact-sheet
 * strings, very long lines, and oversized imports.
 */
import { describe, expect, it, vi } from 'vitest';
import type { Entry } from '../../src/factsheet/types';
import { LIMITS, validateFactSheet, formatProblem } from '../../src/factsheet/validate';
import { compileMatcher } from '../../src/matcher';
import { MAX_IMPORT_BYTES, prepareImport } from '../../src/sheets/model';
import { renderCard } from '../../src/card/render';
import { useLinkedomDocument } from './dom';
import { entry } from './helpers';

function withSourceUrl(url: string): Entry {
  const e = entry('hostile-url', [{ text: 'Hostile' }]);
  e.facts[0]!.source.url = url;
  return e;
}

function validate(data: unknown) {
  return validateFactSheet([{ file: 'import.json', data }]);
}

const importRequest = (text: string) => ({
  fileName: 'import.json',
  text,
  mode: 'add' as const,
  id: 'sheet-1',
  now: new Date('2025-01-01T00:00:00Z'),
});

describe('source URLs', () => {
  const rejected = [
    'javascript:alert(1)',
    'JavaScript:alert(document.cookie)',
    '  javascript:alert(1)',
    'java\tscript:alert(1)',
    'java\nscript:alert(1)',
    '\u0000javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'DATA:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
    'vbscript:msgbox(1)',
    'file:///etc/passwd',
    'blob:https://example.com/1234',
    'about:blank',
    'chrome://settings',
    'ftp://example.com/file',
    '//evil.example/path',
    '/relative/path',
    'https:',
    'not a url',
  ];
  it.each(rejected)('rejects %j', (url) => {
    const { entries, problems } = validate(withSourceUrl(url));
    expect(entries).toEqual([]);
    expect(problems.map(formatProblem)).toContainEqual(
      expect.stringMatching(/facts\[0\]\.source\.url.*http: or https:/),
    );
  });

  it.each(['https://www.example.com/a?b=c#d', 'http://example.org/', 'HTTPS://EXAMPLE.COM/'])('accepts %j', (url) => {
    const { entries, problems } = validate(withSourceUrl(url));
    expect(problems).toEqual([]);
    expect(entries[0]!.facts[0]!.source.url).toBe(url);
  });
});

describe('markup, bidi controls and long lines are kept as plain text', () => {
  const HTML = '<img src=x onerror="alert(1)"><b>bold</b>';
  const SCRIPT = '<script>alert("x")</script>';
  const JS_TEXT = 'see javascript:alert(1) for details';
  const BIDI = 'abc\u202edcba\u202c \u2066isolate\u2069 \u200f\u061c';
  const LONG = 'x'.repeat(10_000);
  const hostile = (): Entry =>
    entry('hostile-text', [{ text: 'Hostile' }, { text: '<script>' }], {
      name: SCRIPT,
      nameEs: HTML,
      summary: `${HTML} ${SCRIPT} ${JS_TEXT}`,
      summaryEs: BIDI,
      facts: [
        {
          text: LONG,
          asOf: '2024-01-01',
          source: {
            publisher: SCRIPT,
            title: HTML,
            date: '2024-01',
            url: 'https://example.com/"><script>alert(1)</script>',
          },
        },
        {
          text: BIDI,
          textEs: JS_TEXT,
          asOf: '2024-01-01',
          source: { publisher: BIDI, title: LONG, date: '2024-01-01' },
        },
      ],
    });

  it('validation accepts them verbatim', () => {
    const { entries, problems } = validate(hostile());
    expect(problems).toEqual([]);
    const e = entries[0]!;
    expect(e.name).toBe(SCRIPT);
    expect(e.nameEs).toBe(HTML);
    expect(e.summary).toBe(`${HTML} ${SCRIPT} ${JS_TEXT}`);
    expect(e.summaryEs).toBe(BIDI.trim());
    expect(e.facts[0]!.text).toBe(LONG);
    expect(e.facts[1]!.source.title).toBe(LONG);
    expect(e.facts[1]!.source.publisher).toBe(BIDI.trim());
  });

  it('an alias written as markup matches only the literal text on a page', () => {
    const matcher = compileMatcher([hostile()]);
    expect(matcher.findMentions('a <script> tag').map((m) => m.text)).toEqual(['<script>']);
    expect(matcher.findMentions('a script tag')).toEqual([]);
  });

  describe('the card renders them as text', () => {
    useLinkedomDocument();

    it('creates no element from entry text and no javascript: link', () => {
      const card = renderCard(hostile(), { lang: 'es', nameOf: () => undefined });
      const tags = new Set([...card.querySelectorAll('*')].map((el) => el.localName));
      for (const tag of ['script', 'img', 'b', 'iframe', 'object']) expect(tags.has(tag)).toBe(false);
      const text = card.textContent ?? '';
      expect(text).toContain(SCRIPT);
      expect(text).toContain(HTML);
      expect(text).toContain(LONG);
      for (const a of card.querySelectorAll('a')) expect(a.getAttribute('href')).toMatch(/^https?:/);
      for (const el of card.querySelectorAll('*')) {
        for (const attr of el.getAttributeNames()) expect(attr.startsWith('on')).toBe(false);
      }
    });
  });
});

/**
 * Time bounds are about 5× what a loaded 2-core machine takes (1.6 s, 0.34 s, 0.34 s): loose
 * enough for a busy CI, tight enough to catch a refusal that starts doing per-alias work.
 */

// Times are printed, never asserted: speed is shown by the benchmark, not by a test (this machine is noisy).
describe('oversized imports are refused with a clear limit', () => {
  /** Entries carrying `total` aliases in all. */
  function manyAliases(total: number): Entry[] {
    const perEntry = 10;
    const out: Entry[] = [];
    for (let i = 0; i < total / perEntry; i++) {
      out.push(
        entry(
          `term-${i}`,
          Array.from({ length: perEntry }, (_, k) => ({ text: `alias ${i} ${k}` })),
        ),
      );
    }
    return out;
  }

  it('50,000 aliases: the alias limit', () => {
    const text = JSON.stringify({ name: 'big', entries: manyAliases(50_000) });
    expect(text.length).toBeLessThan(MAX_IMPORT_BYTES); // so the alias limit (not the size limit) is what refuses it
    const t0 = performance.now();
    const result = prepareImport([], [], importRequest(text));
    const ms = performance.now() - t0;
    console.log(`50,000 aliases (${(text.length / 1048576).toFixed(1)} MB): refused in ${ms.toFixed(0)} ms`);
    expect(result.sheet).toBeUndefined();
    const messages = result.problems.map(formatProblem);
    expect(messages.join('\n')).toMatch(new RegExp(`50000 aliases in all; the limit is ${LIMITS.aliases}`));
  });

  it('20 MB file: the size limit, before parsing', () => {
    const filler = 'lorem ipsum dolor sit amet '.repeat(700); // ~19 kB per summary, under the per-field limit
    const entries = Array.from({ length: 1100 }, (_, i) =>
      entry(`big-${i}`, [{ text: `big term ${i}` }], { summary: filler }),
    );
    const text = JSON.stringify(entries);
    expect(text.length).toBeGreaterThan(20 * 1024 * 1024);
    const parse = vi.spyOn(JSON, 'parse');
    const t0 = performance.now();
    const result = prepareImport([], [], importRequest(text));
    const ms = performance.now() - t0;
    console.log(`${(text.length / 1048576).toFixed(1)} MB import: refused in ${ms.toFixed(0)} ms`);
    // Refused on its size alone: the 20 MB text is never parsed.
    expect(parse.mock.calls.some(([arg]) => typeof arg === 'string' && arg.length > 1024 * 1024)).toBe(false);
    parse.mockRestore();
    expect(result.sheet).toBeUndefined();
    expect(result.problems).toHaveLength(1);
    expect(formatProblem(result.problems[0]!)).toMatch(/the file is 2\d\.\d MB; the limit is 5 MB/);
  });

  it('a single 1 MB alias or field is refused with its limit', () => {
    const big = 'a'.repeat(1_000_000);
    const { problems } = validate(entry('long-alias', [{ text: big }], { summary: big }));
    const messages = problems.map(formatProblem).join('\n');
    expect(messages).toMatch(new RegExp(`aliases\\[0\\]\\.text.*the limit is ${LIMITS.aliasLength}`));
    expect(messages).toMatch(new RegExp(`summary.*the limit is ${LIMITS.textLength}`));
  });

  it('the largest accepted sheet still compiles and scans', () => {
    const entries = manyAliases(LIMITS.aliases);
    const { problems } = validate(entries);
    expect(problems).toEqual([]);
    const t0 = performance.now();
    const matcher = compileMatcher(entries);
    const page = Array.from(
      { length: 2000 },
      (_, i) => `Paragraph ${i} mentions alias ${i % 2000} ${i % 10} here.`,
    ).join('\n');
    const found = matcher.findMentions(page);
    const ms = performance.now() - t0;
    console.log(`${LIMITS.aliases} aliases: compiled and scanned ${page.length} chars in ${ms.toFixed(0)} ms`);
    expect(found).toHaveLength(2000);
  });

  it('a malformed import lists every problem and yields no sheet', () => {
    const bad = [{ id: 'Bad Id', kind: 'nope', aliases: [], facts: [] }, 'not an object'];
    const result = prepareImport([], [], importRequest(JSON.stringify(bad)));
    expect(result.sheet).toBeUndefined();
    const fields = result.problems.map((p) => `${p.entry}:${p.field}`);
    expect(fields).toEqual(
      expect.arrayContaining([
        'Bad Id:id',
        'Bad Id:kind',
        'Bad Id:aliases',
        'Bad Id:facts',
        'Bad Id:name',
        '#2:(entry)',
      ]),
    );
  });
});
