import { KINDS, type Kind } from '../factsheet/types';

export const HIGHLIGHT_STYLES = ['dotted', 'solid', 'background'] as const;
export type HighlightStyle = (typeof HIGHLIGHT_STYLES)[number];

/** User settings (storage.sync). Pure data and rules, no browser APIs, so tests run anywhere. */
export interface Settings {
  enabled: boolean;
  /** Hostnames where Contexto stays off. */
  disabledSites: string[];
  /** Kinds of term that get painted. */
  kinds: Kind[];
  /** Paint only the first mention of each term. */
  firstMentionOnly: boolean;
  /** Hover time before a card opens, in milliseconds. */
  showDelayMs: number;
  highlightStyle: HighlightStyle;
  /** Terms the reader marked "Not this" on a site (by hostname): not painted there. */
  hiddenTerms: HiddenTerm[];
}

export interface HiddenTerm {
  site: string;
  term: string;
  /** The term's name when it was hidden (the options page lists it). */
  name?: string;
}

/**
 * Version of the stored settings shape. Version 1 was the prototype's shape
 * (`{ disabled, sites, style, delay }`); version 2 is `Settings`. Unversioned data
 * counts as version 1 (that is how @wxt-dev/storage reads a missing version).
 */
export const SETTINGS_VERSION = 2;

/** One migration per version: takes the stored value of the previous version. */
export const SETTINGS_MIGRATIONS: Record<number, (stored: unknown) => unknown> = {
  2: migrateSettingsV1toV2,
};

/**
 * v1 → v2: `disabled` became `enabled` (inverted), `sites` became `disabledSites`,
 * `style` became `highlightStyle` ("underline" → "dotted") and `delay` became
 * `showDelayMs`. Fields already in the v2 shape are kept, so data written by an
 * early build that stored v2 fields under version 1 survives unchanged.
 */
export function migrateSettingsV1toV2(stored: unknown): unknown {
  if (stored === null || typeof stored !== 'object' || Array.isArray(stored)) return stored;
  const { disabled, sites, style, delay, ...rest } = stored as Record<string, unknown>;
  const next: Record<string, unknown> = { ...rest };
  if (typeof disabled === 'boolean' && next.enabled === undefined) next.enabled = !disabled;
  if (Array.isArray(sites) && next.disabledSites === undefined) next.disabledSites = sites;
  if (typeof style === 'string' && next.highlightStyle === undefined)
    next.highlightStyle = style === 'underline' ? 'dotted' : style;
  if (typeof delay === 'number' && next.showDelayMs === undefined) next.showDelayMs = delay;
  return next;
}

export const DEFAULT_SETTINGS: Readonly<Settings> = Object.freeze({
  enabled: true,
  disabledSites: [],
  kinds: [...KINDS],
  firstMentionOnly: false,
  showDelayMs: 350,
  highlightStyle: 'dotted',
  hiddenTerms: [],
});

export const SHOW_DELAY_RANGE = { min: 0, max: 3000 } as const;

/**
 * Turns whatever is stored into valid settings: each missing or corrupt field falls
 * back to its default and is reported through `warn`, so a bad value never breaks the UI.
 */
export function sanitizeSettings(raw: unknown, warn: (message: string) => void = console.warn): Settings {
  const s: Settings = { ...DEFAULT_SETTINGS, disabledSites: [], kinds: [...DEFAULT_SETTINGS.kinds], hiddenTerms: [] };
  if (raw === null || raw === undefined) return s;
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    warn('Contexto: stored settings are corrupt; using defaults');
    return s;
  }
  const r = raw as Record<string, unknown>;
  const bad = (field: string) => warn(`Contexto: stored setting "${field}" is invalid; using its default`);
  if (r.enabled !== undefined) {
    if (typeof r.enabled === 'boolean') s.enabled = r.enabled;
    else bad('enabled');
  }
  if (r.disabledSites !== undefined) {
    if (Array.isArray(r.disabledSites) && r.disabledSites.every((h) => typeof h === 'string')) {
      s.disabledSites = [...new Set((r.disabledSites as string[]).map(normalizeHost).filter(Boolean))];
    } else bad('disabledSites');
  }
  if (r.kinds !== undefined) {
    if (Array.isArray(r.kinds) && r.kinds.every((k) => (KINDS as readonly unknown[]).includes(k)))
      s.kinds = [...new Set(r.kinds as Kind[])];
    else bad('kinds');
  }
  if (r.firstMentionOnly !== undefined) {
    if (typeof r.firstMentionOnly === 'boolean') s.firstMentionOnly = r.firstMentionOnly;
    else bad('firstMentionOnly');
  }
  if (r.showDelayMs !== undefined) {
    const d = r.showDelayMs;
    if (typeof d === 'number' && Number.isFinite(d) && d >= SHOW_DELAY_RANGE.min && d <= SHOW_DELAY_RANGE.max)
      s.showDelayMs = Math.round(d);
    else bad('showDelayMs');
  }
  if (r.hiddenTerms !== undefined) {
    const list = r.hiddenTerms;
    const valid = (h: unknown): h is HiddenTerm =>
      typeof h === 'object' &&
      h !== null &&
      typeof (h as HiddenTerm).site === 'string' &&
      typeof (h as HiddenTerm).term === 'string';
    if (Array.isArray(list) && list.every(valid)) {
      const seen = new Set<string>();
      for (const h of list) {
        const site = normalizeHost(h.site);
        const key = `${site} ${h.term}`;
        if (!site || !h.term || seen.has(key)) continue;
        seen.add(key);
        s.hiddenTerms.push(
          typeof h.name === 'string' && h.name ? { site, term: h.term, name: h.name } : { site, term: h.term },
        );
      }
    } else bad('hiddenTerms');
  }
  if (r.highlightStyle !== undefined) {
    if ((HIGHLIGHT_STYLES as readonly unknown[]).includes(r.highlightStyle))
      s.highlightStyle = r.highlightStyle as HighlightStyle;
    else bad('highlightStyle');
  }
  return s;
}

/** "WWW.Example.com." → "example.com"; accepts a URL too. */
export function normalizeHost(value: string): string {
  let host = value.trim().toLowerCase();
  try {
    if (host.includes('://')) host = new URL(host).hostname;
  } catch {
    return '';
  }
  host = host.replace(/\.$/, '').replace(/^www\./, '');
  return /^[a-z0-9.-]+$|^\[[0-9a-f:]+\]$/.test(host) ? host : '';
}

/** The terms hidden ("Not this") on `hostname`, including those hidden on a parent domain. */
export function hiddenTermsOn(settings: Settings, hostname: string): Set<string> {
  const host = normalizeHost(hostname);
  return new Set(settings.hiddenTerms.filter((h) => host === h.site || host.endsWith(`.${h.site}`)).map((h) => h.term));
}

/** True when Contexto should run on `hostname` under `settings`. */
export function isActiveOn(settings: Settings, hostname: string): boolean {
  if (!settings.enabled) return false;
  const host = normalizeHost(hostname);
  return !settings.disabledSites.some((d) => host === d || host.endsWith(`.${d}`));
}
