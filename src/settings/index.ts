import { storage } from '@wxt-dev/storage';
import type { RawItems } from '../page/early-reads';
import { SETTINGS_AREA, SETTINGS_COPY_KEY, SETTINGS_KEY, SETTINGS_META_KEY } from './keys';
import {
  DEFAULT_SETTINGS,
  SETTINGS_MIGRATIONS,
  SETTINGS_VERSION,
  normalizeHost,
  sanitizeSettings,
  type Settings,
} from './schema';

export * from './schema';

/** The one typed store of user settings, in storage.sync. */
const settingsItem = storage.defineItem<Record<string, unknown>>(`${SETTINGS_AREA}:${SETTINGS_KEY}`, {
  fallback: { ...DEFAULT_SETTINGS },
  version: SETTINGS_VERSION,
  migrations: SETTINGS_MIGRATIONS,
});

/** Content scripts' copy of the settings (./keys.ts SETTINGS_COPY_KEY): sanitized, with the version they have. */
const COPY = `local:${SETTINGS_COPY_KEY}` as const;
interface SettingsCopy {
  v: number;
  settings: Settings;
}

/** The copy's settings, if it is one of this version (an update's new version is read from storage.sync until the background copies it). */
function settingsOfCopy(copy: unknown): Settings | null {
  const c = copy as Partial<SettingsCopy> | null | undefined;
  return c?.v === SETTINGS_VERSION ? sanitizeSettings(c.settings) : null;
}

/**
 * One storage round trip when the stored settings need no migration (the item's `getValue`
 * waits for its migration check, a read of its own, then reads again): a content script
 * started at document_start has them before the page is parsed.
 */
export async function loadSettings(
  /** The raw items of a read already started (src/page/early-reads.ts): the copy, or storage.sync's; undefined items: read here. */
  early?: Promise<RawItems>,
): Promise<Settings> {
  try {
    const items = await early;
    const copied = settingsOfCopy(items?.[SETTINGS_COPY_KEY]);
    if (copied) return copied;
    const [stored, meta] = items
      ? [items[SETTINGS_KEY], items[SETTINGS_META_KEY]]
      : (await storage.getItems([settingsItem.key, `${settingsItem.key}$`])).map((item) => item.value);
    const v = (meta as { v?: unknown } | null | undefined)?.v ?? 1;
    if (stored == null) return sanitizeSettings(settingsItem.fallback);
    if (v === SETTINGS_VERSION) return sanitizeSettings(stored);
    return sanitizeSettings(await settingsItem.getValue());
  } catch (e) {
    console.warn('Contexto: could not read settings; using defaults', e);
    return sanitizeSettings(undefined);
  }
}

export async function saveSettings(patch: Partial<Settings>): Promise<Settings> {
  const next = sanitizeSettings({ ...(await loadSettings()), ...patch });
  await settingsItem.setValue({ ...next });
  // Open pages repaint at once, not when the background next wakes.
  await writeCopy(next);
  return next;
}

export async function resetSettings(): Promise<Settings> {
  await settingsItem.removeValue();
  const settings = await loadSettings();
  await writeCopy(settings);
  return settings;
}

/** Calls `onChange` with sanitized settings whenever they change in any context. */
export function watchSettings(onChange: (settings: Settings) => void): () => void {
  return settingsItem.watch((value) => onChange(sanitizeSettings(value)));
}

/** What content scripts watch: `onChange` whenever the copy changes (a save, or the background copying another device's change). */
export function watchSettingsCopy(onChange: (settings: Settings) => void): () => void {
  return storage.watch<SettingsCopy>(COPY, (value) => {
    const settings = settingsOfCopy(value);
    if (settings) onChange(settings);
  });
}

function writeCopy(settings: Settings): Promise<void> {
  return storage.setItem<SettingsCopy>(COPY, { v: SETTINGS_VERSION, settings: { ...settings } });
}

/**
 * The background keeps content scripts' copy equal to storage.sync: now (the first start, an update
 * whose migration changed the stored form) and on every change, whoever made it.
 */
export function keepSettingsCopy(): void {
  const copy = () =>
    loadSettings()
      .then(writeCopy)
      .catch((e: unknown) => console.warn('Contexto: could not copy the settings', e));
  void copy();
  settingsItem.watch(() => void copy());
}

/** Turns Contexto on or off for one site (by hostname), keeping the rest of the list. */
export async function setSiteEnabled(hostname: string, enabled: boolean): Promise<Settings> {
  const host = normalizeHost(hostname);
  const current = await loadSettings();
  if (!host) return current;
  // Turning a site on also lifts a parent domain that covered it (news.example.com under example.com).
  const covers = (d: string) => host === d || host.endsWith(`.${d}`);
  const others = current.disabledSites.filter((d) => (enabled ? !covers(d) : d !== host));
  return saveSettings({ disabledSites: enabled ? others : [...others, host] });
}

/** "Not this": stops (or, with `hidden` false, resumes) painting one term on one site. */
export async function setTermHidden(hostname: string, term: string, hidden: boolean, name?: string): Promise<Settings> {
  const site = normalizeHost(hostname);
  const current = await loadSettings();
  if (!site) return current;
  const others = current.hiddenTerms.filter((h) => !(h.site === site && h.term === term));
  return saveSettings({ hiddenTerms: hidden ? [...others, name ? { site, term, name } : { site, term }] : others });
}
