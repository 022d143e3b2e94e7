import { i18n } from '#i18n';
import { browser } from 'wxt/browser';
import type { Lang } from '../model';
import type { PlainKey } from '.';

// The extension's own pages (popup, options): apart from ./index.ts, whose labels the card's view
// (src/card/view.ts) uses in a page without webextension-polyfill.

/** "es" when the browser UI is Spanish, else "en". */
export function uiLanguage(): Lang {
  try {
    return browser.i18n.getUILanguage().toLowerCase().startsWith('es') ? 'es' : 'en';
  } catch {
    return 'en';
  }
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
