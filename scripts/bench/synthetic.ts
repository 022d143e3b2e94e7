/**
 * The synthetic article page of the bench: about 5 MB of HTML, English and Spanish
 * prose with many inline tags, about 1% of the words inside mentions. Mentions use only
 * aliases that every method can find the same way (no case or context rules, no other
 * alias inside them), each surrounded by spaces or a whole inline element, so the four
 * methods must report the same count.
 */
import type { Entry } from '../../src/factsheet/types';
import { compileMatcher, foldPhrase } from '../../src/matcher';

const EN =
  `the of and to in a is that for it as was with be by on not he this are or his from at which but have an they you were her she there one all we their has been would more when will who no if out so said what up its about into than them can only other new some could time these two may then do first any my now such like our over man me even most made after also did many before must through back years where much your way well down should because each just those people how too little state good very make world still own see men work long get here between both life being under never day same another know while last might us great old year off come since against go came right used take three`.split(
    ' ',
  );
const ES =
  `el la de que y en los se del las un por con no una su para es al lo como más pero sus le ya o este sí porque esta entre cuando muy sin sobre también me hasta hay donde quien desde todo nos durante todos uno les ni contra otros ese eso ante ellos e esto mí antes algunos qué unos yo otro otras otra él tanto esa estos mucho quienes nada muchos cual poco ella estar estas algunas algo nosotros mi mis tú te ti tu tus ellas nosotras vosotros vosotras os mío mía míos mías tuyo tuya tuyos tuyas suyo suya suyos suyas nuestro nuestra nuestros nuestras vuestro vuestra vuestros vuestras esos esas estoy estás está estamos estáis están esté estés estemos estéis estén estaré estarás estará gobierno ciudad años informe política económica según mañana tarde noche semana mes jueves viernes región proyecto acuerdo`.split(
    ' ',
  );
const INLINE = ['a', 'em', 'strong', 'span', 'b', 'i', 'abbr', 'small', 'code', 'mark'];

/** Deterministic PRNG (mulberry32). */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Aliases every method finds identically: no followedBy, not inside an exclusion, no other alias inside. */
export function comparableAliases(entries: readonly Entry[]): string[] {
  const all = entries.flatMap((e) => e.aliases.map((a) => ({ a, e })));
  const exclusions = entries.flatMap((e) => (e.exclude ?? []).map((x) => foldPhrase(x)));
  const folded = all.map(({ a }) => foldPhrase(a.text));
  const matcher = compileMatcher(entries);
  return all
    .filter(({ a }, i) => {
      if (a.followedBy || /[^\p{L}\p{N} ]/u.test(a.text)) return false;
      const f = folded[i]!;
      if (exclusions.some((x) => ` ${x} `.includes(` ${f} `) || ` ${f} `.includes(` ${x} `))) return false;
      // No other alias occurs inside it as whole words, and it is not inside another alias either.
      if (folded.some((g, j) => j !== i && (` ${f} `.includes(` ${g} `) || ` ${g} `.includes(` ${f} `)))) return false;
      const found = matcher.findMentions(a.text);
      return found.length === 1 && found[0]!.text === a.text;
    })
    .map(({ a }) => a.text);
}

export interface SyntheticPage {
  html: string;
  mentions: number;
  words: number;
}

export function syntheticPage(entries: readonly Entry[], targetBytes = 5 * 1024 * 1024, seed = 42): SyntheticPage {
  const random = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
  const aliases = comparableAliases(entries);
  const matcher = compileMatcher(entries);
  // Filler words that are not part of any alias, so filler alone never matches.
  const aliasWords = new Set(
    entries
      .flatMap((e) => [...e.aliases.map((a) => a.text), ...(e.exclude ?? [])])
      .flatMap((t) => foldPhrase(t).split(' ')),
  );
  const vocabulary = [...EN, ...ES].filter((w) => w && !aliasWords.has(foldPhrase(w)));

  const parts: string[] = [
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Synthetic article</title></head><body><main><article><h1>Synthetic article for the Contexto bench</h1>',
  ];
  let bytes = parts[0]!.length;
  let mentions = 0;
  let words = 0;
  let paragraph = 0;
  while (bytes < targetBytes) {
    if (paragraph % 12 === 0) {
      const h = `<h2>${escapeHtml(pick(vocabulary))} ${escapeHtml(pick(vocabulary))} ${paragraph / 12}</h2>`;
      parts.push(h);
      bytes += h.length;
      words += 3;
    }
    // One paragraph, retried until the matcher finds exactly the mentions put in (rules such as
    // exclusions could otherwise turn filler + alias into something else).
    for (;;) {
      const html: string[] = [];
      const plain: string[] = [];
      let inPara = 0;
      let wordsInPara = 0;
      const length = 60 + Math.floor(random() * 60);
      let lastWasMention = false;
      for (let w = 0; w < length; w++) {
        if (!lastWasMention && random() < 0.0045) {
          const alias = pick(aliases);
          const wrapped = random() < 0.3 ? pick(['em', 'a', 'strong']) : null;
          html.push(
            wrapped
              ? `<${wrapped}${wrapped === 'a' ? ' href="#t"' : ''}>${escapeHtml(alias)}</${wrapped}>`
              : escapeHtml(alias),
          );
          plain.push(alias);
          inPara++;
          wordsInPara += alias.split(' ').length;
          lastWasMention = true;
          continue;
        }
        lastWasMention = false;
        let word = pick(vocabulary);
        if (w === 0) word = word[0]!.toUpperCase() + word.slice(1);
        const end = random() < 0.08 && w < length - 1 ? pick(['.', ',', ';', ':']) : '';
        const tagged = random() < 0.12 ? pick(INLINE) : null;
        const text = escapeHtml(word) + end;
        html.push(
          tagged
            ? `<${tagged}${tagged === 'a' ? ' href="#x"' : tagged === 'span' ? ' class="s"' : ''}>${text}</${tagged}>`
            : text,
        );
        plain.push(word + end);
        wordsInPara++;
      }
      // mark.js ("exactly") needs white space after a mention: never end on one before the final dot.
      if (lastWasMention) {
        const word = pick(vocabulary);
        html.push(escapeHtml(word));
        plain.push(word);
        wordsInPara++;
      }
      const found = matcher.findMentions(plain.join(' '));
      if (found.length !== inPara) continue;
      const p = `<p>${html.join(' ')}.</p>\n`;
      parts.push(p);
      bytes += Buffer.byteLength(p);
      mentions += inPara;
      words += wordsInPara;
      break;
    }
    paragraph++;
  }
  parts.push('</article></main></body></html>');
  return { html: parts.join(''), mentions, words };
}
