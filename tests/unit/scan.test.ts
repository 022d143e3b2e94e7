import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { compileMatcher } from '../../src/matcher';
import { collectBlocks, scanDocument, blockContainerOf, CARD_HOST_TAG } from '../../src/page/scan';
import { entry } from './helpers';

const matcher = compileMatcher([
  entry('merida-initiative', [{ text: 'Mérida Initiative' }, { text: 'Iniciativa Mérida' }]),
  entry('plan-colombia', [{ text: 'Plan Colombia' }]),
  entry('fentanyl', [{ text: 'fentanyl' }]),
  entry('amlo', [{ text: 'AMLO', caseSensitive: true }]),
]);

function doc(body: string, head = '') {
  return parseHTML(`<!doctype html><html><head>${head}</head><body>${body}</body></html>`)
    .document as unknown as Document;
}

function scan(body: string, head = '') {
  return scanDocument(doc(body, head), { matcher, byId: new Map() }).map((m) => [m.termId, m.text]);
}

describe('document scanner', () => {
  it('finds mentions that span inline elements', () => {
    expect(scan('<p>The Mérida <em>Initiative</em> and <a href="#">Plan</a> Colombia.</p>')).toEqual([
      ['merida-initiative', 'Mérida Initiative'],
      ['plan-colombia', 'Plan Colombia'],
    ]);
    expect(scan('<p>La <b>Inicia<i>tiva</i></b> Mérida</p>')).toEqual([['merida-initiative', 'Iniciativa Mérida']]);
  });

  it('returns DOM points from which the mention text can be rebuilt', () => {
    const d = doc('<p>The Mérida <em>Initiative</em> works.</p>');
    const [m] = scanDocument(d, { matcher, byId: new Map() });
    expect(m!.start.node.data.slice(m!.start.offset)).toBe('Mérida ');
    expect(m!.end.node.data.slice(0, m!.end.offset)).toBe('Initiative');
    expect(m!.block.text.slice(m!.blockStart, m!.blockEnd)).toBe('Mérida Initiative');
  });

  it('does not join text across block elements or line breaks', () => {
    expect(scan('<div>Plan</div><div>Colombia</div>')).toEqual([]);
    expect(scan('<p>Plan<br>Colombia</p>')).toEqual([]);
    expect(scan('<li>Plan</li><li>Colombia</li>')).toEqual([]);
    expect(scan('<div>Plan <p>x</p> Colombia</div>')).toEqual([]);
  });

  it('skips scripts, styles, form fields, templates, editable regions and its own card', () => {
    const skipped = [
      '<script>var s = "fentanyl";</script>',
      '<style>/* fentanyl */</style>',
      '<noscript>fentanyl</noscript>',
      '<template><p>fentanyl</p></template>',
      '<textarea>fentanyl</textarea>',
      '<select><option>fentanyl</option></select>',
      '<div contenteditable="true"><p>fentanyl</p></div>',
      '<div contenteditable=""><p>fentanyl</p></div>',
      `<${CARD_HOST_TAG}>fentanyl</${CARD_HOST_TAG}>`,
    ];
    for (const html of skipped) expect(scan(`<p>AMLO</p>${html}`), html).toEqual([['amlo', 'AMLO']]);
    expect(scan('<div contenteditable="false">fentanyl</div>')).toEqual([['fentanyl', 'fentanyl']]);
  });

  it('only counts text inside <body>', () => {
    expect(scan('<p>nothing here</p>', '<title>fentanyl</title>')).toEqual([]);
  });

  it('groups blocks by their nearest block-level container', () => {
    const d = doc('<article><p>One <em>fentanyl</em></p>tail AMLO</article>');
    const blocks = collectBlocks(d.body);
    expect(blocks.map((b) => [b.container.localName, b.text])).toEqual([
      ['p', 'One fentanyl'],
      ['article', 'tail AMLO'],
    ]);
    const em = d.querySelector('em')!;
    expect(blockContainerOf(em.firstChild!)!.localName).toBe('p');
  });

  it('handles deeply nested markup without recursion limits', () => {
    const depth = 5000;
    const html = `${'<span>'.repeat(depth)}AMLO${'</span>'.repeat(depth)}`;
    expect(scan(`<div>${html}</div>`)).toEqual([['amlo', 'AMLO']]);
  });
});
