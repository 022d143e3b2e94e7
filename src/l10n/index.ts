import { browser } from 'wxt/browser';
import type { Entry, Lang } from '../model';

/**
 * UI text from `public/_locales/<lang>/messages.json` (English and Spanish), chosen
 * by the browser language. A missing key shows the key itself, never an empty label.
 */
export function t(key: string, substitutions?: string | string[]): string {
  const getMessage = browser.i18n.getMessage as (name: string, subs?: string | string[]) => string;
  try {
    return getMessage(key, substitutions) || key;
  } catch {
    return key;
  }
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
export function entryName(entry: Entry, lang = uiLanguage()): string {
  return (lang === 'es' && entry.nameEs) || entry.name;
}

/** The entry's summary in the UI language. */
export function entrySummary(entry: Entry, lang = uiLanguage()): string {
  return (lang === 'es' && entry.summaryEs) || entry.summary;
}

/** Message key of a kind's plural group heading ("criminal-group" → "kindGroup_criminal_group"). */
export function kindGroupKey(kind: string): string {
  return `kindGroup_${kind.replace(/-/g, '_')}`;
}

/**
 * Fills static page text: `data-i18n` sets textContent, `data-i18n-placeholder`,
 * `data-i18n-aria-label` and `data-i18n-title` set those attributes. Also sets `<html lang>`.
 */
export function localizePage(root: ParentNode = document): void {
  for (const el of root.querySelectorAll<HTMLElement>('[data-i18n]')) el.textContent = t(el.dataset.i18n!);
  for (const el of root.querySelectorAll<HTMLElement>('[data-i18n-placeholder]'))
    el.setAttribute('placeholder', t(el.dataset.i18nPlaceholder!));
  for (const el of root.querySelectorAll<HTMLElement>('[data-i18n-aria-label]'))
    el.setAttribute('aria-label', t(el.dataset.i18nAriaLabel!));
  for (const el of root.querySelectorAll<HTMLElement>('[data-i18n-title]'))
    el.setAttribute('title', t(el.dataset.i18nTitle!));
  if (typeof document !== 'undefined') document.documentElement.lang = uiLanguage();
}
