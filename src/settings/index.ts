import { storage } from '@wxt-dev/storage';
import type { RawItems } from '../page/early-reads';
import { SETTINGS_AREA, SETTINGS_KEY, SETTINGS_META_KEY } from './keys';
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

/**
 * One storage round trip when the stored settings need no migration (the item's `getValue`
 * waits for its migration check, a read of its own, then reads again): a content script
 * started at document_start has them before the page is parsed.
 */
export async function loadSettings(
  /** The raw items of a read already started (src/page/early-reads.ts); undefined items: read here. */
  early?: Promise<RawItems>,
): Promise<Settings> {
  try {
    const items = await early;
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
