import { describe, expect, it } from 'vitest';
import { compileMatcher, gatedMatcher, gateWords, NOTHING_TO_FIND_CLASS } from '../../src/matcher';
import { foldPhrase, foldText, foldUnitOf } from '../../src/matcher/fold';
import { entry } from './helpers';

const matcher = compileMatcher([
  entry('amlo', [
    { text: 'AMLO', caseSensitive: true },
    { text: 'López Obrador' },
    { text: 'Andrés Manuel López Obrador' },
  ]),
  entry('merida-initiative', [{ text: 'Mérida Initiative' }, { text: 'Plan Mérida' }]),
  entry('fentanyl', [{ text: 'fentanyl' }]),
  entry('morena', [{ text: 'Morena', caseSensitive: true }]),
  entry('jalisco', [{ text: 'Jalisco' }], { exclude: ['Cártel Jalisco Nueva Generación'] }),
  entry('guard', [{ text: "Mexico's National Guard" }]),
  entry('sinaloa-cartel', [
    { text: 'Sinaloa Cartel' },
    { text: 'Sinaloa', followedBy: ['and New Generation Jalisco cartels'] },
  ]),
  entry('cjng', [{ text: 'New Generation Jalisco cartels' }, { text: 'CJNG', caseSensitive: true }]),
  entry('hugs', [{ text: 'hugs, not bullets' }]),
  entry('plan-colombia', [{ text: 'Plan Colombia' }]),
]);

const find = (text: string) => matcher.findMentions(text).map((m) => [m.termId, m.text]);

describe('matcher rules', () => {
  it('is case-insensitive unless the alias is case-sensitive', () => {
    expect(find('LÓPEZ OBRADOR and lópez obrador')).toEqual([
      ['amlo', 'LÓPEZ OBRADOR'],
      ['amlo', 'lópez obrador'],
    ]);
    expect(find('Amlo and amlo are not AMLO')).toEqual([['amlo', 'AMLO']]);
    expect(find('la piel morena de Morena')).toEqual([['morena', 'Morena']]);
  });

  it('folds diacritics both ways', () => {
    expect(find('Lopez Obrador, Merida Initiative')).toEqual([
      ['amlo', 'Lopez Obrador'],
      ['merida-initiative', 'Merida Initiative'],
    ]);
    // Decomposed accents (e + combining acute) equal precomposed ones.
    expect(find('Me\u0301rida Initiative')).toEqual([['merida-initiative', 'Me\u0301rida Initiative']]);
  });

  it('treats typographic and straight apostrophes and dashes alike', () => {
    expect(find('Mexico’s National Guard')).toEqual([['guard', 'Mexico’s National Guard']]);
    expect(find("Mexico's National Guard")).toEqual([['guard', "Mexico's National Guard"]]);
    const dashed = compileMatcher([entry('x', [{ text: 'US-Mexico' }])]);
    expect(dashed.findMentions('US–Mexico and US—Mexico and US-Mexico').length).toBe(3);
  });

  it('matches any run of whitespace, no-break spaces and line breaks as one space', () => {
    expect(find('López\u00a0Obrador')).toEqual([['amlo', 'López\u00a0Obrador']]);
    expect(find('López \n\t  Obrador')).toEqual([['amlo', 'López \n\t  Obrador']]);
    expect(find('Plan\u2009Colombia')).toEqual([['plan-colombia', 'Plan\u2009Colombia']]);
  });

  it('matches whole words only, by Unicode letters', () => {
    expect(find('fentanyl-laced pills')).toEqual([['fentanyl', 'fentanyl']]);
    expect(find('fentanyls')).toEqual([]);
    expect(find('prefentanyl')).toEqual([]);
    expect(find('Jaliscoño and ñJalisco')).toEqual([]);
    expect(find('(fentanyl)')).toEqual([['fentanyl', 'fentanyl']]);
  });

  it('counts possessives as mentions', () => {
    expect(find("AMLO's plan")).toEqual([['amlo', 'AMLO']]);
    expect(find('López Obrador’s term')).toEqual([['amlo', 'López Obrador']]);
  });

  it('lets the longest mention win and never overlaps', () => {
    expect(find('Andrés Manuel López Obrador')).toEqual([['amlo', 'Andrés Manuel López Obrador']]);
    expect(find('the Sinaloa Cartel')).toEqual([['sinaloa-cartel', 'Sinaloa Cartel']]);
    const m = matcher.findMentions('Andrés Manuel López Obrador and the Sinaloa Cartel');
    for (let i = 1; i < m.length; i++) expect(m[i]!.start).toBeGreaterThanOrEqual(m[i - 1]!.end);
  });

  it('applies exclusions', () => {
    expect(find('el Cártel Jalisco Nueva Generación en Jalisco')).toEqual([['jalisco', 'Jalisco']]);
    expect(matcher.findMentions('el Cártel Jalisco Nueva Generación en Jalisco')[0]!.start).toBe(38);
  });

  it('honours followedBy: two cartels, no mention of the state', () => {
    expect(find('the Sinaloa and New Generation Jalisco cartels combined')).toEqual([
      ['sinaloa-cartel', 'Sinaloa'],
      ['cjng', 'New Generation Jalisco cartels'],
    ]);
    expect(find('the state of Sinaloa and its capital')).toEqual([]);
  });

  it('maps offsets back to the exact original text', () => {
    const text = 'x\u00ad AMLO’s ﬁne; Lo\u0301pez  Obrador — fen\u00adtanyl 🎉 Plan Colombia';
    const found = matcher.findMentions(text);
    expect(found.map((m) => m.termId)).toEqual(['amlo', 'amlo', 'fentanyl', 'plan-colombia']);
    for (const m of found) expect(text.slice(m.start, m.end)).toBe(m.text);
  });

  it('ignores invisible format characters inside words', () => {
    expect(find('fen\u00adtanyl')).toEqual([['fentanyl', 'fen\u00adtanyl']]);
  });

  it('finds a Latin alias next to unspaced scripts', () => {
    expect(find('墨西哥的fentanyl问题')).toEqual([['fentanyl', 'fentanyl']]);
  });

  it('compiles every alias and exclusion into one automaton', () => {
    expect(matcher.patternCount).toBe(16);
    // Thousands of aliases sharing prefixes still resolve to the right terms.
    const many = Array.from({ length: 3000 }, (_, i) => entry(`t${i}`, [{ text: `term ${i} alpha` }]));
    const big = compileMatcher(many);
    expect(big.findMentions('see term 12 alpha, term 2999 alpha and term 30 beta').map((m) => m.termId)).toEqual([
      't12',
      't2999',
    ]);
  });

  it('compiles in short steps (prepareStep), gated or not, and a search before the last step finishes the compile', () => {
    const many = Array.from({ length: 3000 }, (_, i) => entry(`t${i}`, [{ text: `term ${i} alpha` }]));
    const text = 'see term 12 alpha, term 2999 alpha and term 30 beta';
    const expected = compileMatcher(many).findMentions(text);
    expect(expected.map((m) => m.termId)).toEqual(['t12', 't2999']);
    const stepped = compileMatcher(many);
    let steps = 0;
    while (stepped.prepareStep!()) steps++;
    // 3,000 patterns: the trie in 128-pattern steps (its links are worked out as texts reach them).
    expect(steps).toBeGreaterThan(20);
    expect(stepped.findMentions(text)).toEqual(expected);
    const partly = compileMatcher(many);
    for (let i = 0; i < 20; i++) expect(partly.prepareStep!()).toBe(true);
    expect(partly.findMentions(text)).toEqual(expected);
    expect(partly.prepareStep!()).toBe(false);
    // Gated: the first step compiles the matcher's patterns, the next ones build its automaton.
    let compiles = 0;
    const gated = gatedMatcher(gateWords(many)!, () => {
      compiles++;
      return compileMatcher(many);
    });
    expect(gated.prepareStep!()).toBe(true);
    expect(compiles).toBe(1);
    expect(gated.textStream()).not.toBeNull();
    expect(gated.prepareStep!()).toBe(false);
    expect(gated.findMentions(text)).toEqual(expected);
    expect(compiles).toBe(1);
  });

  it('compiles a sheet at the import limits (hundreds of thousands of states) without running out of stack', () => {
    // 20,000 distinct aliases of ~25 characters: the breadth-first order once overflowed `push(...queue)`.
    const many = Array.from({ length: 5000 }, (_, i) =>
      entry(
        `t${i}`,
        [0, 1, 2, 3].map((k) => ({ text: `Qzx${i.toString(36)} Harbor Board ${k}` })),
      ),
    );
    const big = compileMatcher(many);
    expect(big.patternCount).toBe(20000);
    expect(big.findMentions(`the Qzx${(999).toString(36)} Harbor Board 2 met`).map((m) => m.termId)).toEqual(['t999']);
  });
});

describe('foldPhrase', () => {
  it('folds case, accents, apostrophes, dashes and spaces', () => {
    expect(foldPhrase('  Mérida’s  Plan—B ')).toBe("merida's plan-b");
    expect(foldPhrase('ÁÉÍÓÚ Ñ ü', true)).toBe('AEIOU N u');
  });

  // The matcher skips texts made only of NOTHING_TO_FIND_CLASS (a Chinese page is not folded
  // character by character); sound only if no character of the class folds to one outside it.
  it('skips only texts that cannot hold a pattern: every character of the skipped class folds into the class', () => {
    const inClass = new RegExp(`^[${NOTHING_TO_FIND_CLASS}]$`, 'u');
    const escaping: string[] = [];
    for (let cp = 0; cp < 0x110000; cp++) {
      if (cp >= 0xd800 && cp <= 0xdfff) continue;
      const ch = String.fromCodePoint(cp);
      if (!inClass.test(ch)) continue;
      const f = foldText(ch);
      for (const u of String.fromCharCode(...f.lower.subarray(0, f.length))) {
        if (u !== ' ' && !inClass.test(u)) escaping.push(cp.toString(16));
      }
    }
    expect(escaping).toEqual([]);
    const cjk = compileMatcher([entry('fentanyl', [{ text: 'fentanyl' }]), entry('x', [{ text: '芬太尼' }])]);
    // A pattern made only of the class turns the shortcut off.
    expect(cjk.findMentions('关于芬太尼。').map((m) => m.text)).toEqual(['芬太尼']);
    expect(matcher.findMentions('关于芬太尼，２０２４年。')).toEqual([]);
    expect(matcher.findMentions('关于 AMLO。').map((m) => m.text)).toEqual(['AMLO']);
    expect(matcher.findMentions('关于ＡＭＬＯ。').map((m) => m.text)).toEqual(['ＡＭＬＯ']);
  });

  // The stream reads a white-space-only text node with String.prototype.trim, as one space: sound
  // only if every unit trim takes for white space folds to a space.
  it('folds every unit that trim takes for white space to a space', () => {
    const other: string[] = [];
    for (let code = 0; code < 0x10000; code++) {
      if (String.fromCharCode(code).trim() === '' && foldUnitOf(code) !== 0x20) other.push(code.toString(16));
    }
    expect(other).toEqual([]);
  });

  // find() first reads the text folding as it goes, without the folded arrays, and stops there when no
  // pattern can end in it: every way a character folds must still lead to the mention.
  it('reads blocks without building the folded text only when nothing can match', () => {
    const cases: [string, string][] = [
      ['a fen\u00adtanyl case', 'fen\u00adtanyl'],
      ['the Mérida \n\t Initiative', 'Mérida \n\t Initiative'],
      ['ＦＥＮＴＡＮＹＬ seized', 'ＦＥＮＴＡＮＹＬ'],
      ['el Plan Me\u0301rida', 'Plan Me\u0301rida'],
      ['\u00a0\u2003fentanyl', 'fentanyl'],
      ['𝐀 fentanyl 😀', 'fentanyl'],
    ];
    for (const [text, mention] of cases) expect(matcher.findMentions(text).map((m) => m.text)).toEqual([mention]);
    expect(matcher.findMentions('nothing to see here, only words')).toEqual([]);
  });
});
