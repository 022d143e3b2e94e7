const MAX_SIDE = 160;

/** The sentence of `text` around [start, end), whitespace collapsed, cut to a readable length. */
export function sentenceAround(text: string, start: number, end: number): string {
  let from = start;
  while (from > 0 && start - from < MAX_SIDE && !isSentenceEnd(text, from - 1)) from--;
  let to = end;
  while (to < text.length && to - end < MAX_SIDE && !isSentenceEnd(text, to)) to++;
  if (to < text.length && isSentenceEnd(text, to)) to++;
  let sentence = text.slice(from, to).replace(/\s+/g, ' ').trim();
  if (from > 0 && !isSentenceEnd(text, from - 1)) sentence = `…${sentence}`;
  if (to < text.length && !isSentenceEnd(text, to - 1)) sentence += '…';
  return sentence;
}

/** A sentence ends at . ! ? … followed by white space, or at a blank line; "U.S." does not end one. */
function isSentenceEnd(text: string, i: number): boolean {
  const ch = text[i]!;
  if (ch === '\n' && text[i + 1] === '\n') return true;
  if (!'.!?…'.includes(ch)) return false;
  const next = text[i + 1];
  if (next !== undefined && !/\s/.test(next)) return false;
  // Initials and abbreviations such as "U.S." or "E.U.": one capital letter before the dot.
  if (ch === '.' && /[\s.(]\p{Lu}$|^\p{Lu}$/u.test(text.slice(Math.max(0, i - 2), i))) return false;
  return true;
}
