import { type ChromeMessages, getMessageFrom } from '../../chrome-messages';

/**
 * Stands in for `@wxt-dev/browser` in the card page (a plain page, no extension): the card's
 * real `i18n.t` reads the built `_locales/<lang>/messages.json` given to `useMessages`.
 */
let messages: ChromeMessages = {};

export function useMessages(next: ChromeMessages): void {
  messages = next;
}

/** @public Imported as `@wxt-dev/browser` through the a11y test's build alias, not by name. */
export const browser = {
  i18n: { getMessage: (key: string, substitutions?: unknown) => getMessageFrom(messages, key, substitutions) },
};
