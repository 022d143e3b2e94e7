import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { fakeBrowser } from 'wxt/testing';

import { KINDS } from '../../src/factsheet/types';
import {
  DEFAULT_SETTINGS,
  SETTINGS_VERSION,
  isActiveOn,
  SETTINGS_MIGRATIONS,
  migrateSettingsV1toV2,
  normalizeHost,
  sanitizeSettings,
} from '../../src/settings/schema';

/** A fresh copy of the settings module, so its storage item runs its migrations against what is stored now. */
async function freshSettingsModule() {
  vi.resetModules();
  return import('../../src/settings');
}

beforeEach(() => {
  fakeBrowser.reset();
});
afterEach(() => {
  vi.restoreAllMocks();
});

describe('settings defaults and corruption', () => {
  it('gives the defaults when nothing is stored', async () => {
    const { loadSettings } = await freshSettingsModule();
    const s = await loadSettings();
    expect(s).toEqual({ ...DEFAULT_SETTINGS, kinds: [...KINDS], disabledSites: [] });
    expect(s.enabled).toBe(true);
    expect(s.highlightStyle).toBe('dotted');
  });

  it('falls back to defaults, with a warning, for a stored value that is not an object', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    await fakeBrowser.storage.sync.set({ settings: 'garbage', settings$: { v: SETTINGS_VERSION } });
    const { loadSettings } = await freshSettingsModule();
    expect(await loadSettings()).toEqual(sanitizeSettings(undefined));
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('corrupt'));
  });

  it('replaces each corrupt field with its default and keeps the valid ones', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    await fakeBrowser.storage.sync.set({
      settings: {
        enabled: 'yes',
        disabledSites: ['Example.com', 'www.news.org'],
        kinds: ['person', 'dragon'],
        showDelayMs: -5,
        highlightStyle: 'solid',
        firstMentionOnly: true,
      },
      settings$: { v: SETTINGS_VERSION },
    });
    const { loadSettings } = await freshSettingsModule();
    const s = await loadSettings();
    expect(s.enabled).toBe(true);
    expect(s.disabledSites).toEqual(['example.com', 'news.org']);
    expect(s.kinds).toEqual([...KINDS]);
    expect(s.showDelayMs).toBe(DEFAULT_SETTINGS.showDelayMs);
    expect(s.highlightStyle).toBe('solid');
    expect(s.firstMentionOnly).toBe(true);
    const warned = warn.mock.calls.map((c) => String(c[0])).join('\n');
    expect(warned).toContain('"enabled"');
    expect(warned).toContain('"kinds"');
    expect(warned).toContain('"showDelayMs"');
    expect(warned).not.toContain('"highlightStyle"');
  });

  it('never throws on odd values', () => {
    const quiet = () => {};
    for (const raw of [
      null,
      0,
      'x',
      [],
      [1],
      { kinds: 'person' },
      { showDelayMs: Number.NaN },
      { showDelayMs: 1e9 },
      { disabledSites: [1, 2] },
    ]) {
      expect(() => sanitizeSettings(raw, quiet)).not.toThrow();
    }
  });
});

describe('saving, sites and reset', () => {
  it('saves a patch, sanitized, and reads it back', async () => {
    const { loadSettings, saveSettings } = await freshSettingsModule();
    await saveSettings({ highlightStyle: 'background', showDelayMs: 1200.4 });
    const s = await loadSettings();
    expect(s.highlightStyle).toBe('background');
    expect(s.showDelayMs).toBe(1200);
    const raw = await fakeBrowser.storage.sync.get(['settings', 'settings$']);
    expect(raw.settings$).toEqual({ v: SETTINGS_VERSION });
  });

  it('turns one site off and on again by hostname', async () => {
    const { loadSettings, setSiteEnabled } = await freshSettingsModule();
    await setSiteEnabled('https://www.Example.com/news/1', false);
    await setSiteEnabled('other.org', false);
    expect((await loadSettings()).disabledSites).toEqual(['example.com', 'other.org']);
    expect(isActiveOn(await loadSettings(), 'sub.example.com')).toBe(false);
    await setSiteEnabled('example.com', true);
    expect((await loadSettings()).disabledSites).toEqual(['other.org']);
  });

  it('turning a subdomain back on also lifts the parent domain that covered it', async () => {
    const { loadSettings, saveSettings, setSiteEnabled } = await freshSettingsModule();
    await saveSettings({ disabledSites: ['example.com', 'other.org'] });
    await setSiteEnabled('news.example.com', true);
    expect((await loadSettings()).disabledSites).toEqual(['other.org']);
    expect(isActiveOn(await loadSettings(), 'news.example.com')).toBe(true);
  });

  it('reset brings back the defaults', async () => {
    const { loadSettings, saveSettings, resetSettings } = await freshSettingsModule();
    await saveSettings({ enabled: false, kinds: ['person'] });
    expect((await loadSettings()).enabled).toBe(false);
    expect(await resetSettings()).toEqual(sanitizeSettings(undefined));
  });

  it('tells watchers about changes made elsewhere', async () => {
    const { saveSettings, watchSettings } = await freshSettingsModule();
    const seen: boolean[] = [];
    const stop = watchSettings((s) => seen.push(s.enabled));
    await saveSettings({ enabled: false });
    await vi.waitFor(() => expect(seen).toEqual([false]));
    stop();
  });

  it('normalizes hosts and refuses junk', () => {
    expect(normalizeHost(' WWW.Example.COM. ')).toBe('example.com');
    expect(normalizeHost('https://news.example.com:8080/a?b')).toBe('news.example.com');
    expect(normalizeHost('not a host')).toBe('');
  });
});

describe('migrations', () => {
  it('migrates the v1 prototype shape to the current shape (pure function)', () => {
    expect(migrateSettingsV1toV2({ disabled: true, sites: ['a.com'], style: 'underline', delay: 500 })).toEqual({
      enabled: false,
      disabledSites: ['a.com'],
      highlightStyle: 'dotted',
      showDelayMs: 500,
    });
  });

  it('the table the store runs has a step for every version after 1, and that step is the v1→v2 migration', () => {
    for (let v = 2; v <= SETTINGS_VERSION; v++)
      expect(SETTINGS_MIGRATIONS[v], `migration to v${v}`).toBeTypeOf('function');
    expect(SETTINGS_MIGRATIONS[2]!({ disabled: false })).toEqual({ enabled: true });
  });

  it('keeps fields already in the current shape', () => {
    expect(migrateSettingsV1toV2({ enabled: true, disabledSites: ['b.com'], kinds: ['person'] })).toEqual({
      enabled: true,
      disabledSites: ['b.com'],
      kinds: ['person'],
    });
  });

  it('migrates unversioned stored settings when the store is opened, and records the new version', async () => {
    await fakeBrowser.storage.sync.set({ settings: { disabled: true, sites: ['WWW.Old-Site.com'], delay: 900 } });
    const { loadSettings } = await freshSettingsModule();
    const s = await loadSettings();
    expect(s.enabled).toBe(false);
    expect(s.disabledSites).toEqual(['old-site.com']);
    expect(s.showDelayMs).toBe(900);
    const raw = await fakeBrowser.storage.sync.get(['settings', 'settings$']);
    expect(raw.settings$).toEqual({ v: SETTINGS_VERSION });
    expect(raw.settings).toEqual({ enabled: false, disabledSites: ['WWW.Old-Site.com'], showDelayMs: 900 });
  });
});
