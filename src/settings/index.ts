import { storage } from '@wxt-dev/storage';
import { DEFAULT_SETTINGS, SETTINGS_VERSION, sanitizeSettings, type Settings } from './schema';

export * from './schema';

/** The one typed store of user settings, in storage.sync. */
const settingsItem = storage.defineItem<Record<string, unknown>>('sync:settings', {
  fallback: { ...DEFAULT_SETTINGS },
  version: SETTINGS_VERSION,
});

export async function loadSettings(): Promise<Settings> {
  try {
    return sanitizeSettings(await settingsItem.getValue());
  } catch (e) {
    console.warn('Contexto: could not read settings; using defaults', e);
    return sanitizeSettings(undefined);
  }
}

export async function saveSettings(patch: Partial<Settings>): Promise<Settings> {
  const next = sanitizeSettings({ ...(await loadSettings()), ...patch });
  await settingsItem.setValue({ ...next });
  return next;
}

export async function resetSettings(): Promise<Settings> {
  await settingsItem.removeValue();
  return loadSettings();
}

/** Calls `onChange` with sanitized settings whenever they change in any context. */
export function watchSettings(onChange: (settings: Settings) => void): () => void {
  return settingsItem.watch((value) => onChange(sanitizeSettings(value)));
}
