import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { i18n } from '#i18n';
import { generateChromeMessages, parseMessagesText } from '@wxt-dev/i18n/build';
import { parseHTML } from 'linkedom';
import { afterEach, describe, expect, it } from 'vitest';
import { problemWordings } from '../../src/factsheet/problems';
import { localizePage, PAGE_TEXT_ATTRIBUTES } from '../../src/l10n/pages';
import { setUiLanguage } from './fake-browser';

/** The UI strings (locales/*.json through @wxt-dev/i18n): both languages complete, plurals real, pages named right. */

const ROOT = join(import.meta.dirname, '../..');
const LANGS = ['en', 'es'] as const;
const source = (lang: string) => readFileSync(join(ROOT, 'locales', `${lang}.json`), 'utf8');
/** The messages as the build writes them to `_locales/<lang>/messages.json`. */
const built = (lang: string) => generateChromeMessages(parseMessagesText(source(lang), 'JSON5'));
const PAGES = readdirSync(join(ROOT, 'entrypoints'), { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => join('entrypoints', d.name, 'index.html'));

/** What a message needs filled in: its positional ($1…) and named ({name}) substitutions, and its plural forms. */
function shape(value: unknown): string[] {
  const texts = typeof value === 'string' ? [value] : Object.values(value as Record<string, string>);
  const forms = typeof value === 'string' || 'message' in (value as object) ? [] : Object.keys(value as object);
  const found = new Set<string>();
  for (const text of texts) for (const m of String(text).matchAll(/\$\d|\{\w+\}|%s/g)) found.add(m[0]);
  return [...forms.map((f) => `form:${f}`), ...[...found].sort()];
}

function flatten(tree: Record<string, unknown>, prefix = ''): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const [key, value] of Object.entries(tree)) {
    const isGroup =
      typeof value === 'object' &&
      value !== null &&
      !('message' in value) &&
      !Object.keys(value).every((k) => k === 'n' || /^\d+$/.test(k));
    if (isGroup) for (const [k, v] of flatten(value as Record<string, unknown>, `${prefix}${key}.`)) out.set(k, v);
    else out.set(`${prefix}${key}`, shape(value));
  }
  return out;
}

describe('locales', () => {
  afterEach(() => setUiLanguage('en'));
  const [en, es] = LANGS.map((lang) => flatten(JSON.parse(source(lang)) as Record<string, unknown>));

  it('English and Spanish have the same keys', () => {
    expect([...es!.keys()].sort()).toEqual([...en!.keys()].sort());
    expect(en!.size).toBeGreaterThan(200);
  });

  it('each message has the same substitutions and plural forms in both', () => {
    for (const [key, needs] of en!) if (es!.has(key)) expect(es!.get(key), key).toEqual(needs);
  });

  it('every message is a valid extension message name, non-empty in both languages', () => {
    for (const lang of LANGS)
      for (const [name, { message }] of Object.entries(built(lang))) {
        expect(name, lang).toMatch(/^[A-Za-z0-9_]+$/);
        expect(message.trim(), `${lang} ${name}`).not.toBe('');
      }
  });

  it('every key a page names in data-i18n* exists in both languages and takes no substitution', () => {
    for (const page of PAGES) {
      const { document } = parseHTML(readFileSync(join(ROOT, page), 'utf8'));
      const keys = Object.keys(PAGE_TEXT_ATTRIBUTES).flatMap((attribute) =>
        [...document.querySelectorAll(`[${attribute}]`)].map((el) => el.getAttribute(attribute)!),
      );
      expect(keys.length, page).toBeGreaterThan(5);
      for (const key of keys) {
        expect(en!.get(key), `${page}: ${key}`).toEqual([]);
        expect(es!.get(key), `${page}: ${key}`).toEqual([]);
      }
    }
  });

  it('localizePage fills text and attributes in the interface language', () => {
    const { document } = parseHTML(readFileSync(join(ROOT, 'entrypoints/popup/index.html'), 'utf8'));
    setUiLanguage('es');
    localizePage(document);
    expect(document.querySelector('#search')?.getAttribute('placeholder')).toBe('Busca personas, grupos, políticas…');
    const named = [...document.querySelectorAll('[data-i18n]')];
    for (const el of named) expect(el.textContent, el.getAttribute('data-i18n')!).not.toBe('');
    expect(named.map((el) => el.textContent)).toContain('Antecedentes de esta página');
  });

  it('every validator problem code has a message in both languages', () => {
    const codes = Object.keys(problemWordings(i18n.t)).map((c) => `problem.${c.replace(/-/g, '_')}`);
    expect(codes.length).toBeGreaterThan(40);
    for (const key of codes) {
      expect(en!.has(key), key).toBe(true);
      expect(es!.has(key), key).toBe(true);
    }
    expect([...en!.keys()].filter((k) => k.startsWith('problem.')).sort()).toEqual(codes.sort());
  });
});

describe('plural forms', () => {
  afterEach(() => setUiLanguage('en'));
  const counts = (say: (n: number) => string) => [0, 1, 2, 21].map(say);

  it('mention counts (the popup badge label) and search results', () => {
    expect(counts((n) => i18n.t('popupMentionCount', n))).toEqual([
      '0 mentions',
      '1 mention',
      '2 mentions',
      '21 mentions',
    ]);
    expect(counts((n) => i18n.t('popupResultCount', n))).toEqual(['0 results', '1 result', '2 results', '21 results']);
    setUiLanguage('es');
    expect(counts((n) => i18n.t('popupMentionCount', n))).toEqual([
      '0 menciones',
      '1 mención',
      '2 menciones',
      '21 menciones',
    ]);
    expect(counts((n) => i18n.t('popupResultCount', n))).toEqual([
      '0 resultados',
      '1 resultado',
      '2 resultados',
      '21 resultados',
    ]);
  });

  it('imported entry counts and "more problems", with the other substitutions kept', () => {
    expect(i18n.t('optionsSheetsImported', 1, { name: 'Extras' })).toBe(
      'Imported “Extras”: 1 entry. In use now in every tab.',
    );
    expect(i18n.t('optionsSheetsImported', 3, { name: 'Extras' })).toBe(
      'Imported “Extras”: 3 entries. In use now in every tab.',
    );
    expect(i18n.t('optionsProblemsMore', 1)).toBe('…and 1 more problem.');
    expect(i18n.t('optionsProblemsMore', 4)).toBe('…and 4 more problems.');
    setUiLanguage('es');
    expect(i18n.t('optionsSheetsImported', 1, { name: 'Extras' })).toBe(
      'Importado «Extras»: 1 ficha. Ya en uso en todas las pestañas.',
    );
    expect(i18n.t('optionsProblemsMore', 4)).toBe('…y 4 problemas más.');
    expect(i18n.t('optionsBundledCount', 242)).toBe('Fichas incluidas: 242 entradas.');
  });
});
