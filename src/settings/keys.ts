/** Where the settings live (`sync:settings`) and the key WXT keeps their version under. No imports: the loader reads them too (src/page/early-reads.ts). */
export const SETTINGS_AREA = 'sync';
export const SETTINGS_KEY = 'settings';
export const SETTINGS_META_KEY = `${SETTINGS_KEY}$`;
