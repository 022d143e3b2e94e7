import { parseHTML } from 'linkedom';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildIndex } from '../../src/factsheet';
import { norm } from '../../src/matcher/resolve';
import { readDocument } from '../../src/page/scan';
import { entry } from './helpers';

/** A small sheet of its own: the rules are generic, the sheet only says which aliases are ambiguous. */
const index = buildIndex([
  entry('guerrero', [{ text: 'Guerrero' }], { kind: 'place', context: ['Acapulco', 'México'] }),
  entry('morena', [{ text: 'Morena', caseSensitive: true, ambiguous: true }], {
    kind: 'party',
    context: ['PAN', 'PRI'],
  }),
  entry(
    'amlo',
    [{ text: 'López Obrador' }, { text: 'Andrés Manuel López Obrador' }, { text: 'AMLO', caseSensitive: true }],
    {
      kind: 'person',
      name: 'Andrés Manuel López Obrador',
    },
  ),
  entry(
    'csis',
    [
      { text: 'CSIS', caseSensitive: true, ambiguous: true },
      { text: 'Center for Strategic and International Studies' },
    ],
    { kind: 'organization' },
  ),
  entry('guard', [{ text: 'Guardia Nacional', ambiguous: true, lang: 'es' }], {
    kind: 'agency',
    context: ['México', 'Sedena'],
  }),
  entry('cartel', [{ text: 'Sinaloa Cartel' }], { kind: 'criminal-group' }),
  entry('trump', [{ text: 'Trump', caseSensitive: true }], { kind: 'person', evidence: false }),
]);

function read(body: string, lang = '') {
  const { document } = parseHTML(`<!doctype html><html${lang ? ` lang="${lang}"` : ''}><body>${body}</body></html>`);
  const r = readDocument(document as unknown as Document, index);
  return {
    yes: r.mentions.map((m) => `${m.termId}:${m.text}:${m.why}`),
    no: r.rejected.map((m) => `${m.termId}:${m.text}:${m.why}`),
  };
}

describe('reading mentions in context', () => {
  it("a place alias inside a person's name is not the place; place context keeps it", () => {
    expect(
      read(
        '<p>La delantera Paola Guerrero anotó. Guerrero Méndez también. Ms. Guerrero spoke. Guerrero Jr. hit two.</p>',
      ).yes,
    ).toEqual([]);
    expect(read('<p>el diputado Guerrero votó</p>').no).toEqual(['guerrero:Guerrero:title']);
    expect(read('<p>Viajó a Acapulco, Guerrero. El estado de Guerrero y Guerrero state.</p>').yes).toEqual([
      'guerrero:Guerrero:place-context',
      'guerrero:Guerrero:place-context',
      'guerrero:Guerrero:place-context',
    ]);
  });

  it('lower-case common nouns are not names', () => {
    expect(read('<p>un espíritu guerrero</p>').no).toEqual(['guerrero:guerrero:lowercase']);
    expect(read('<p>la virgen morena y el partido Morena</p>').yes).toEqual(['morena:Morena:party-context']);
  });

  it('one sense per page: a bare surname follows the last full name', () => {
    const r = read(
      '<p>Pío López Obrador recibió dinero.</p><p>López Obrador dijo que era legal.</p><p>Andrés Manuel López Obrador respondió.</p><p>López Obrador insistió.</p>',
    );
    expect(r.yes).toEqual(['amlo:Andrés Manuel López Obrador:alias', 'amlo:López Obrador:alias']);
    expect(r.no).toEqual(['amlo:López Obrador:given-name', 'amlo:López Obrador:other-sense']);
  });

  it('an acronym spelled out on the page as something else keeps that sense', () => {
    expect(
      read('<p>The Canadian Security Intelligence Service (CSIS) warned of threats. CSIS said more.</p>').yes,
    ).toEqual([]);
    expect(
      read('<p>The Center for Strategic and International Studies (CSIS) published a report.</p><p>CSIS said more.</p>')
        .yes,
    ).toEqual([
      'csis:Center for Strategic and International Studies:alias',
      'csis:CSIS:defined',
      'csis:CSIS:page-sense',
    ]);
  });

  it('ambiguous aliases need evidence anywhere on the page, and wait for it', () => {
    expect(read('<p>Morena won the vote.</p>').yes).toEqual([]);
    expect(read('<p>Morena won the vote.</p><p>The Sinaloa Cartel reacted.</p>').yes).toEqual([
      'morena:Morena:evidence-page',
      'cartel:Sinaloa Cartel:alias',
    ]);
    expect(read('<p>Morena beat the PAN and the PRI.</p>').yes).toEqual(['morena:Morena:evidence-context']);
    // A world leader says nothing about the page's subject.
    expect(read('<p>Trump spoke. Morena won the vote.</p>').yes).toEqual(['trump:Trump:alias']);
  });

  it('a qualified ambiguous name is another body, and stays so on the page', () => {
    const r = read(
      '<p lang="es">La Guardia Nacional de Nicaragua patrulla. Sedena informó. La Guardia Nacional detuvo a dos.</p>',
    );
    expect(r.no).toEqual(['guard:Guardia Nacional:qualified', 'guard:Guardia Nacional:other-sense']);
    expect(read('<p lang="es">La Guardia Nacional de México patrulla.</p>').yes).toEqual([
      'guard:Guardia Nacional:alias',
    ]);
  });

  it("honours an alias's language against the nearest lang attribute", () => {
    expect(read('<p>A Guardia Nacional do Brasil. México.</p>', 'pt').no).toEqual(['guard:Guardia Nacional:language']);
    expect(read('<p>In Mexico the <i lang="es">Guardia Nacional</i> patrols. Sedena said so.</p>', 'en').yes).toEqual([
      'guard:Guardia Nacional:evidence-context',
    ]);
    // Unknown language: allowed.
    expect(read('<p>La Guardia Nacional y la Sedena.</p>').yes).toEqual(['guard:Guardia Nacional:evidence-context']);
  });
});

describe('norm, how word lists and page words are compared', () => {
  it('equals lower case, NFD without marks and without a final dot, with or without its shortcut for plain words', () => {
    const unit = fc.constantFrom(..."abzAZ09 .-'’éÉñÑüç\u0301İı".split(''));
    const slow = (w: string) => w.toLowerCase().normalize('NFD').replace(/\p{M}/gu, '').replace(/\.$/, '');
    fc.assert(
      fc.property(fc.array(unit, { maxLength: 12 }), (units) => {
        const w = units.join('');
        expect(norm(w)).toBe(slow(w));
      }),
      { numRuns: 5000, seed: 20261202 },
    );
    expect(norm('administración')).toBe('administracion');
    expect(norm('Sr.')).toBe('sr');
  });
});
