import { type GeneratedI18nStructure, i18n } from '#i18n';
import { browser } from 'wxt/browser';
import type { AcceptReason } from '../matcher/resolve';
import type { Entry, Kind, Lang } from '../model';

/**
 * UI text lives in `locales/<lang>.json` (English and Spanish) and is read through
 * `i18n.t` from `#i18n` (@wxt-dev/i18n): keys and their substitutions are typed, plurals
 * are real plural forms. This module holds the few helpers around it.
 */

type Messages = GeneratedI18nStructure;

/** Keys of messages with no substitution and no plural: the ones static HTML may name. */
export type PlainKey = {
  [K in keyof Messages]: Messages[K] extends { substitutions: 0; plural: false }
    ? Messages[K] extends { namedSubstitutions: readonly string[] }
      ? never
      : K
    : never;
}[keyof Messages];

/** "criminal-group" → "criminal_group": extension message names cannot hold hyphens. */
type Snake<S extends string> = S extends `${infer A}-${infer B}` ? `${A}_${Snake<B>}` : S;

function snake<S extends string>(s: S): Snake<S> {
  return s.replace(/-/g, '_') as Snake<S>;
}

/** A kind's label ("Criminal group"); a kind without one in `locales/en.json` does not compile. */
export function kindLabel(kind: Kind): string {
  return i18n.t(`kind.${snake(kind)}`);
}

/** A kind's plural group heading ("Criminal groups"). */
export function kindGroupLabel(kind: Kind): string {
  return i18n.t(`kindGroup.${snake(kind)}`);
}

/** Why a mention was underlined, in words ("one of this term's names"). */
export function reasonLabel(why: AcceptReason): string {
  return i18n.t(`why.${snake(why)}`);
}

/** "es" when the browser UI is Spanish, else "en". */
export function uiLanguage(): Lang {
  try {
    return browser.i18n.getUILanguage().toLowerCase().startsWith('es') ? 'es' : 'en';
  } catch {
    return 'en';
  }
}

/** The entry's name in the UI language. */
export function entryName(entry: Pick<Entry, 'name' | 'nameEs'>, lang = uiLanguage()): string {
  return (lang === 'es' && entry.nameEs) || entry.name;
}

/** The entry's summary in the UI language. */
export function entrySummary(entry: Entry, lang = uiLanguage()): string {
  return (lang === 'es' && entry.summaryEs) || entry.summary;
}

/** The `data-i18n*` attributes and what each one fills. */
export const PAGE_TEXT_ATTRIBUTES = {
  'data-i18n': null,
  'data-i18n-placeholder': 'placeholder',
  'data-i18n-aria-label': 'aria-label',
  'data-i18n-title': 'title',
} as const;

/**
 * Fills static page text: `data-i18n` sets textContent, `data-i18n-placeholder`,
 * `data-i18n-aria-label` and `data-i18n-title` set those attributes. Also sets `<html lang>`.
 * The keys come from the HTML, so they are checked by a test (tests/unit/i18n.test.ts), not the compiler.
 */
export function localizePage(root: ParentNode = document): void {
  for (const [attribute, target] of Object.entries(PAGE_TEXT_ATTRIBUTES)) {
    for (const el of root.querySelectorAll(`[${attribute}]`)) {
      const text = i18n.t(el.getAttribute(attribute) as PlainKey);
      if (target) el.setAttribute(target, text);
      else el.textContent = text;
    }
  }
  if (typeof document !== 'undefined') document.documentElement.lang = uiLanguage();
}
