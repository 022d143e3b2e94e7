import { type GeneratedI18nStructure, i18n } from '#i18n';
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

/** The entry's name in `lang` (the UI's: ./pages.ts; or a page's). */
export function entryName(entry: Pick<Entry, 'name' | 'nameEs'>, lang: Lang): string {
  return (lang === 'es' && entry.nameEs) || entry.name;
}

/** The entry's summary in `lang`. */
export function entrySummary(entry: Entry, lang: Lang): string {
  return (lang === 'es' && entry.summaryEs) || entry.summary;
}
