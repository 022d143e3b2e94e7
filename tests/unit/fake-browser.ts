import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { generateChromeMessages, parseMessagesText } from '@wxt-dev/i18n/build';
import { vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { type ChromeMessages, getMessageFrom } from '../chrome-messages';

// @wxt-dev/storage and @wxt-dev/i18n read the global `browser` when they are first imported:
// install WXT's fake browser before any test file's imports run.
vi.stubGlobal('browser', fakeBrowser);
vi.stubGlobal('chrome', fakeBrowser);

// browser.i18n over the messages the build generates from locales/*.json, in the language
// `setUiLanguage` chose (English by default).
const LOCALES_DIR = join(import.meta.dirname, '../../locales');
const MESSAGES: Record<string, ChromeMessages> = Object.fromEntries(
  readdirSync(LOCALES_DIR).map((file) => [
    basename(file, '.json'),
    generateChromeMessages(parseMessagesText(readFileSync(join(LOCALES_DIR, file), 'utf8'), 'JSON5')),
  ]),
);
let uiLanguage = 'en';
Object.assign(fakeBrowser.i18n, {
  getUILanguage: () => uiLanguage,
  getMessage: (key: string, subs?: unknown) => getMessageFrom(MESSAGES[uiLanguage]!, key, subs),
});

/** The browser's interface language for the next UI strings ("en" or "es"). */
export function setUiLanguage(lang: string): void {
  uiLanguage = lang;
}
