/**
 * `browser.i18n.getMessage` over a built `_locales/<lang>/messages.json`, for tests that run
 * without an extension (unit tests, the a11y card page): a missing key gives "", `$1`…`$9`
 * take the substitutions and `$$` is a dollar sign, as in the browsers.
 */
export type ChromeMessages = Record<string, { message: string }>;

export function getMessageFrom(messages: ChromeMessages, key: string, substitutions?: unknown): string {
  const subs = substitutions === undefined ? [] : Array.isArray(substitutions) ? substitutions : [substitutions];
  const message = messages[key] ?? Object.entries(messages).find(([k]) => k.toLowerCase() === key.toLowerCase())?.[1];
  if (!message) return '';
  return message.message.replace(/\$(\d)|\$\$/g, (_, n: string | undefined) =>
    n === undefined ? '$' : String(subs[Number(n) - 1] ?? ''),
  );
}
