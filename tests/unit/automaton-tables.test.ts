import { describe, expect, it } from 'vitest';
import { Automaton } from '../../src/matcher/automaton';

/** Deterministic patterns over `alphabet` (mulberry32), distinct. */
function patternsOver(alphabet: string[], count: number, length: number, seed: number): string[] {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const out = new Set<string>();
  while (out.size < count) {
    let p = '';
    for (let i = 0; i < length; i++) p += alphabet[Math.floor(next() * alphabet.length)];
    out.add(p);
  }
  return [...out];
}

const identity = (code: number) => code;
const letters = (unit: number) => unit !== 0x20;

/** Every occurrence `search` reports equals a plain indexOf, and the stream sees a pattern at a word start and none in text without one. */
function checkAgainstPlainSearch(automaton: Automaton, patterns: string[]): void {
  const text = `${patterns[7]} ${patterns[3]}${patterns[5]} ${patterns[11]}`;
  const units = Uint16Array.from(text, (c) => c.charCodeAt(0));
  const expected: string[] = [];
  patterns.forEach((p, index) => {
    for (let at = text.indexOf(p); at >= 0; at = text.indexOf(p, at + 1)) expected.push(`${index}:${at}`);
  });
  const got: string[] = [];
  automaton.search(units, units.length, (p, s) => got.push(`${p}:${s}`));
  expect(got.sort()).toEqual(expected.sort());
  expect(automaton.mayOccurIn(`${patterns[2]} x`, identity, -3, letters)).toBe(true);
  expect(automaton.mayOccurIn(`x ${patterns[9]}`, identity, -3, letters)).toBe(true);
  expect(automaton.mayOccurIn(' '.repeat(40), identity, -3, letters)).toBe(false);
}

const tables = (a: Automaton) => {
  const stream = a.stream(identity, -3, letters) as unknown as { delta: ArrayLike<number>; codes: ArrayLike<number> };
  return { delta: stream.delta.constructor, codes: stream.codes.constructor };
};

describe('the automaton tables keep their width when a sheet needs it', () => {
  it('a sheet of the usual size: 16-bit transitions, a byte per unit code', () => {
    const patterns = patternsOver([...'abcdefghij'], 200, 6, 1);
    const a = new Automaton(patterns);
    expect(tables(a)).toEqual({ delta: Uint16Array, codes: Uint8Array });
    checkAgainstPlainSearch(a, patterns);
  });

  it('more than 65,535 nodes: 32-bit transitions', () => {
    const patterns = patternsOver([...'abcdefghijklmnopqrstuvwxyz'], 7000, 12, 2);
    const a = new Automaton(patterns);
    expect(tables(a).delta).toBe(Int32Array);
    checkAgainstPlainSearch(a, patterns);
  });

  it('more character classes than a byte of unit code holds: 32-bit unit codes', () => {
    const alphabet = Array.from({ length: 200 }, (_, i) => String.fromCharCode(0x4e00 + i));
    const patterns = patternsOver(alphabet, 300, 4, 3);
    const a = new Automaton(patterns);
    expect(tables(a).codes).toBe(Int32Array);
    checkAgainstPlainSearch(a, patterns);
  });
});

describe('the automaton works out its links as texts reach them', () => {
  const delta = (a: Automaton) => (a as unknown as { dfa: { delta: ArrayLike<number> } }).dfa.delta;
  const filled = (a: Automaton) => Array.prototype.filter.call(delta(a), (x: number) => x !== 0).length;

  it('a built automaton has written no DFA entry; a short text fills a few, and the answers hold', () => {
    const patterns = patternsOver([...'abcdefghij'], 400, 8, 4);
    const a = new Automaton(patterns);
    expect(filled(a)).toBe(0);
    checkAgainstPlainSearch(a, patterns);
    const table = delta(a).length;
    expect(filled(a)).toBeGreaterThan(0);
    expect(filled(a)).toBeLessThan(table / 10);
    // Asked again, the same text finds the same from the filled entries.
    checkAgainstPlainSearch(a, patterns);
  });

  it('long self-overlapping patterns (fail chains as deep as the import limit allows) are found exactly', () => {
    const patterns = ['a'.repeat(200), `${'a'.repeat(199)}b`, 'ab', `${'ab'.repeat(100)}`];
    const text = `${'a'.repeat(450)}b${'ab'.repeat(120)}`;
    const units = Uint16Array.from(text, (c) => c.charCodeAt(0));
    const expected: string[] = [];
    patterns.forEach((p, index) => {
      for (let at = text.indexOf(p); at >= 0; at = text.indexOf(p, at + 1)) expected.push(`${index}:${at}`);
    });
    for (const dense of [true, false]) {
      const a = new Automaton(patterns);
      if (!dense) (a as unknown as { dfa: null }).dfa = null;
      const got: string[] = [];
      a.search(units, units.length, (p, s) => got.push(`${p}:${s}`));
      expect(got.sort()).toEqual([...expected].sort());
    }
  });
});
