/** Where the settings live (`sync:settings`) and the key WXT keeps their version under. No imports: the loader reads them too (src/page/early-reads.ts). */
export const SETTINGS_AREA = 'sync';
export const SETTINGS_KEY = 'settings';
export const SETTINGS_META_KEY = `${SETTINGS_KEY}$`;

/**
 * Version of the stored settings shape. Version 1 was the prototype's shape
 * (`{ disabled, sites, style, delay }`); version 2 is `Settings`. Unversioned data
 * counts as version 1 (that is how @wxt-dev/storage reads a missing version).
 */
export const SETTINGS_VERSION = 2;

/**
 * The settings as content scripts read and watch them: a sanitized copy in storage.local, written
 * with every save and by the background on any change of `sync:settings` (another device's too).
 * Firefox answered a content script's storage.sync read hundreds of ms after DOMContentLoaded on a
 * long page, and the first paint waited for it; storage.local answers in the same round trip as the sheet.
 */
export const SETTINGS_COPY_KEY = 'settingsCopy';
