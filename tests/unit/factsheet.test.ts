import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import bundled, { stamp } from 'virtual:contexto-factsheet';
import bundledMatch, { gateIndex as matchGateIndex, stamp as matchStamp } from 'virtual:contexto-factsheet/match';
import { buildIndex, isSameMatch } from '../../src/factsheet';
import { gateIndexOf, gateWords } from '../../src/matcher';
import { loadFactSheetDir, readFactSheetDir, TERMS_PATH } from '../../src/factsheet/load-files';
import { toMatchEntry } from '../../src/factsheet/types';
import { formatProblem, validateFactSheet } from '../../src/factsheet/validate';
import { factSheetPlugin } from '../../src/factsheet/vite-plugin';

const index = buildIndex(loadFactSheetDir());
const termsIn = (text: string) => index.matcher.findMentions(text).map((m) => [m.termId, m.text]);

/** The public contract of issue 2: ids, aliases that must match, look-alikes that must not. */
const CONTRACT: { id: string; name: string; match: string[]; reject?: string[] }[] = [
  {
    id: 'amlo',
    name: 'Andrés Manuel López Obrador',
    match: ['AMLO', 'Amlo', 'López Obrador', 'Andrés Manuel López Obrador'],
    reject: ['amlo'],
  },
  {
    id: 'merida-initiative',
    name: 'Mérida Initiative',
    match: ['Mérida Initiative', 'Iniciativa Mérida', 'Plan Mérida'],
    reject: ['Mérida', 'la ciudad de Mérida, Yucatán'],
  },
  { id: 'plan-mexico', name: 'Plan México', match: ['Plan México'] },
  {
    id: 'bicentennial-framework',
    name: 'Bicentennial Framework for Security, Public Health, and Safe Communities',
    match: [
      'Bicentennial Framework for Security, Public Health, and Safe Communities',
      'Bicentennial Framework for Security, Public Health and Safe Communities',
      'Bicentennial Framework',
      'Entendimiento Bicentenario',
    ],
  },
  { id: 'fentanyl', name: 'Fentanyl', match: ['fentanyl', 'fentanilo'] },
  {
    id: 'sinaloa-cartel',
    name: 'Sinaloa Cartel',
    match: ['Sinaloa Cartel', 'Cártel de Sinaloa'],
    reject: ['Sinaloa', 'el estado de Sinaloa', 'Culiacán, Sinaloa'],
  },
  {
    id: 'cjng',
    name: 'Jalisco New Generation Cartel (CJNG)',
    match: [
      'CJNG',
      'Jalisco New Generation Cartel',
      'New Generation Jalisco Cartel',
      'Cártel Jalisco Nueva Generación',
      'Cártel de Jalisco Nueva Generación',
    ],
    reject: ['cjng'],
  },
  { id: 'jalisco', name: 'Jalisco', match: ['Jalisco'] },
  { id: 'guerrero', name: 'Guerrero', match: ['Guerrero'] },
  { id: 'chilpancingo', name: 'Chilpancingo', match: ['Chilpancingo', 'Chilpancingo de los Bravo'] },
  {
    id: 'national-guard-mx',
    name: 'Mexican National Guard',
    match: ['Guardia Nacional', 'Mexican National Guard', "Mexico's National Guard", 'Mexico’s National Guard'],
    reject: [
      'Texas National Guard',
      'U.S. National Guard',
      'Army National Guard',
      'Air National Guard',
      'the National Guard',
    ],
  },
  { id: 'hugs-not-bullets', name: '"Hugs, not bullets"', match: ['hugs, not bullets', 'abrazos, no balazos'] },
  {
    id: 'national-search-commission',
    name: 'National Search Commission',
    match: ['National Search Commission', 'Comisión Nacional de Búsqueda'],
  },
  {
    id: 'atf',
    name: 'Bureau of Alcohol, Tobacco, Firearms and Explosives',
    match: [
      'ATF',
      'Bureau of Alcohol, Tobacco, Firearms and Explosives',
      'Bureau of Alcohol, Tobacco, Firearms, and Explosives',
    ],
    reject: ['atf'],
  },
  {
    id: 'csis',
    name: 'Center for Strategic and International Studies',
    match: ['CSIS', 'Center for Strategic and International Studies'],
    reject: ['csis'],
  },
  { id: 'plan-colombia', name: 'Plan Colombia', match: ['Plan Colombia'], reject: ['Colombia'] },
  {
    id: 'southwest-border-strategy',
    name: 'Southwest Border Counternarcotics Strategy',
    match: ['Southwest Border Counternarcotics Strategy'],
  },
  {
    id: 'straw-purchase',
    name: 'Straw purchase',
    match: [
      'straw purchase',
      'straw purchases',
      'straw purchasing',
      'straw purchaser',
      'straw purchasers',
      'straw buyer',
      'straw buyers',
    ],
  },
  {
    id: 'morena',
    name: 'Morena (party)',
    match: ['Morena', 'MORENA', 'Movimiento Regeneración Nacional'],
    reject: ['morena', 'una mujer morena'],
  },
];

describe('bundled fact sheet', () => {
  it('the content script gets only the match data of the entries the build bundles, under the same stamp', () => {
    expect(bundledMatch).toEqual(bundled.map(toMatchEntry));
    for (const m of bundledMatch) {
      expect(m).not.toHaveProperty('summary');
      expect(m).not.toHaveProperty('facts');
    }
    expect(matchStamp).toBe(stamp);
    expect(stamp).toMatch(/^[0-9a-f]{16}$/);
    // The gate index the full content script uses, built at build time from the same match data.
    const gate = gateWords(bundledMatch);
    expect(gate).not.toBeNull();
    expect(matchGateIndex).toEqual(gateIndexOf(gate!));
  });

  it("a stored copy of the bundled match data (the background's active sheet with nothing imported) is the bundled sheet; a changed one is not", () => {
    // What a frame reads back from Chrome's storage: plain data, another array, every object's keys sorted.
    const sorted = (v: unknown): unknown =>
      Array.isArray(v)
        ? v.map(sorted)
        : typeof v === 'object' && v !== null
          ? Object.fromEntries(
              Object.keys(v)
                .sort()
                .map((k) => [k, sorted((v as Record<string, unknown>)[k])]),
            )
          : v;
    const stored = sorted(JSON.parse(JSON.stringify(bundled.map(toMatchEntry)))) as typeof bundledMatch;
    expect(JSON.stringify(stored)).not.toBe(JSON.stringify(bundledMatch));
    expect(stored).not.toBe(bundledMatch);
    expect(isSameMatch(stored, bundledMatch)).toBe(true);
    const changed = JSON.parse(JSON.stringify(stored));
    changed[0].aliases[0].text += 'x';
    expect(isSameMatch(changed, bundledMatch)).toBe(false);
    expect(isSameMatch(stored.slice(1), bundledMatch)).toBe(false);
  });

  it('the stamp names the sheet: another folder of entries gets another stamp, the same folder the same', () => {
    const stampOf = (dir: string) => {
      const plugin = factSheetPlugin(dir);
      const code = (plugin.load as (this: unknown, id: string) => string).call(
        { addWatchFile() {} },
        '\0virtual:contexto-factsheet/match',
      );
      return /export const stamp = "([0-9a-f]+)"/.exec(code)?.[1];
    };
    const dir = mkdtempSync(join(tmpdir(), 'contexto-stamp-'));
    const one = { ...bundled[0]!, id: 'zz-one', aliases: [{ text: 'Zxqv One' }], related: [] };
    writeFileSync(join(dir, 'one.json'), JSON.stringify(one));
    const first = stampOf(dir);
    expect(first).toMatch(/^[0-9a-f]{16}$/);
    expect(stampOf(dir)).toBe(first);
    expect(first).not.toBe(stamp);
    writeFileSync(join(dir, 'one.json'), JSON.stringify({ ...one, summary: `${one.summary} Changed.` }));
    expect(stampOf(dir)).not.toBe(first);
  });

  it('has the required entries with their canonical names', () => {
    for (const { id, name } of CONTRACT) expect(index.byId.get(id)?.name, id).toBe(name);
    expect(index.entries.length).toBeGreaterThanOrEqual(CONTRACT.length + 10);
  });

  it.each(CONTRACT)(
    '$id: required aliases match as one whole mention; look-alikes do not',
    ({ id, match, reject = [] }) => {
      for (const text of match) expect(termsIn(`… ${text} …`), text).toEqual([[id, text]]);
      for (const text of reject)
        expect(
          termsIn(`… ${text} …`).filter(([t]) => t === id),
          text,
        ).toEqual([]);
    },
  );

  it('reads the hard case as two cartels and no state', () => {
    expect(termsIn('the Sinaloa and New Generation Jalisco cartels combined')).toEqual([
      ['sinaloa-cartel', 'Sinaloa'],
      ['cjng', 'New Generation Jalisco cartels'],
    ]);
  });

  it('does not read Jalisco inside a CJNG name as the state', () => {
    expect(termsIn('el Cártel Jalisco Nueva Generación opera en Jalisco')).toEqual([
      ['cjng', 'Cártel Jalisco Nueva Generación'],
      ['jalisco', 'Jalisco'],
    ]);
  });

  it('passes the rules of the bundled sheet with no problem at all (kinds, 2–5 dated facts with https sources, review dates…)', () => {
    // The same check the build makes, listed problem by problem instead of thrown.
    expect(validateFactSheet(readFactSheetDir(TERMS_PATH), { bundled: true }).problems.map(formatProblem)).toEqual([]);
  });

  it('every summary says something (the validator only requires one)', () => {
    for (const e of index.entries) expect(e.summary.length, e.id).toBeGreaterThan(20);
  });
});
