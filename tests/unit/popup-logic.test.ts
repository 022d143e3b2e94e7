import { afterEach, describe, expect, it } from 'vitest';
import { canRunContentScripts, siteOf } from '../../src/popup/page-access';
import { termsOnPage } from '../../src/popup/on-this-page';
import { entryItem, type ItemActions, pageTermItem } from '../../src/popup/views/entry-items';
import { setUiLanguage } from './fake-browser';
import { entry } from './helpers';

describe('pages where content scripts can run', () => {
  it.each([
    ['https://www.example.com/news/1', true],
    ['http://127.0.0.1:8080/a.html', true],
    ['https://example.com/report.pdf', false],
    ['chrome://extensions/', false],
    ['about:blank', false],
    ['view-source:https://example.com/', false],
    ['moz-extension://abc/popup.html', false],
    ['file:///home/me/page.html', false],
    ['https://chromewebstore.google.com/detail/x', false],
    ['https://chrome.google.com/webstore/detail/x', false],
    ['https://addons.mozilla.org/en-US/firefox/', false],
    ['https://microsoftedge.microsoft.com/addons/', false],
    ['not a url', false],
    [undefined, false],
  ])('%s → %s', (url, expected) => {
    expect(canRunContentScripts(url)).toBe(expected);
  });

  it('the per-site switch works on normalized hostnames', () => {
    expect(siteOf('https://www.Example.com/a')).toBe('example.com');
    expect(siteOf('chrome://version')).toBe('');
    expect(siteOf(undefined)).toBe('');
  });
});

describe('On this page ordering', () => {
  it('most mentioned first, ties by name, unknown ids left out', () => {
    const byId = new Map(
      [entry('b', [{ text: 'B' }]), entry('a', [{ text: 'A' }]), entry('c', [{ text: 'C' }])].map((e) => [e.id, e]),
    );
    const terms = termsOnPage({ a: 2, b: 2, c: 5, gone: 9 }, byId, (e) => e.name);
    expect(terms.map((t) => [t.entry.id, t.count])).toEqual([
      ['c', 5],
      ['a', 2],
      ['b', 2],
    ]);
  });
});

describe('list rows', () => {
  afterEach(() => setUiLanguage('en'));
  const actions: ItemActions = { lang: 'en', nameOf: (e) => e.name, openCard: () => {}, revealOnPage: () => {} };
  const dea = entry('dea', [{ text: 'DEA' }], { name: 'DEA', kind: 'agency', summary: 'A US agency.' });

  it('"On this page": the badge is said as a count of mentions, singular or plural', () => {
    const label = (count: number) => pageTermItem({ entry: dea, count }, actions).badge?.label;
    expect([1, 2, 11].map(label)).toEqual(['1 mention', '2 mentions', '11 mentions']);
    setUiLanguage('es');
    expect([1, 2, 11].map(label)).toEqual(['1 mención', '2 menciones', '11 menciones']);
  });

  it('search results: the kind group and the summary', () => {
    expect(entryItem(dea, true, actions).detail).toBe('Agencies · A US agency.');
    setUiLanguage('es');
    expect(entryItem(dea, true, actions).detail).toBe('Dependencias y agencias · A US agency.');
  });
});
