/**
 * Pure helpers for the icon export (scripts/icons.ts), the manifest (wxt.config.ts) and the
 * release check (scripts/release-check.ts). No I/O here, so tests/unit/release.test.ts can
 * exercise every rule on small inputs.
 */

/** Every size exported from design/icon.svg and declared as the extension's icons. */
export const ICON_SIZES = [16, 32, 48, 96, 128] as const;
/** The sizes a toolbar draws (1× and 2× screens), declared for the toolbar action. */
export const ACTION_ICON_SIZES = [16, 32] as const;

/** Where an icon lives under public/ (WXT copies public/ as is; `icon/<size>.png` is one of its icon names). */
export const iconPath = (size: number): string => `icon/${size}.png`;

/** `{ "16": "icon/16.png", … }` for the manifest's `icons` and `action.default_icon`. */
export function iconMap(sizes: readonly number[]): Record<string, string> {
  return Object.fromEntries(sizes.map((s) => [String(s), iconPath(s)]));
}

/**
 * Transparent margin around the tile, as a fraction of the size. Toolbar sizes are full-bleed
 * (every pixel counts at 16 px); the larger ones follow the Chrome Web Store's advice for the
 * 128 px icon (96 px of art inside 16 px of transparent padding) so the tile does not look
 * bigger than other extensions' icons on the extensions pages.
 */
export const iconPadding = (size: number): number => (size <= 32 ? 0 : size / 8);

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** Width and height from a PNG's IHDR chunk; null when the bytes are not a PNG. */
export function pngSize(bytes: Uint8Array): { width: number; height: number } | null {
  if (bytes.length < 24 || PNG_SIGNATURE.some((b, i) => bytes[i] !== b)) return null;
  if (String.fromCharCode(...bytes.subarray(12, 16)) !== 'IHDR') return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

export interface ChangelogEntry {
  version: string;
  date: string;
  body: string;
}

/**
 * Entries of CHANGELOG.md, in file order (newest first). An entry starts with a line
 * `## 0.2.0 — 2026-11-30` (any dash, or `## [0.2.0] - 2026-11-30`).
 */
export function parseChangelog(text: string): ChangelogEntry[] {
  const entries: ChangelogEntry[] = [];
  const heading = /^##\s+\[?(\d+\.\d+\.\d+)\]?\s*(?:[-–—]\s*(\d{4}-\d{2}-\d{2}))?\s*$/;
  let current: ChangelogEntry | null = null;
  for (const line of text.split('\n')) {
    const m = heading.exec(line);
    if (m) {
      current = { version: m[1]!, date: m[2] ?? '', body: '' };
      entries.push(current);
    } else if (/^##\s/.test(line)) {
      current = null; // another level-2 heading ends the entry
    } else if (current) {
      current.body += `${line}\n`;
    }
  }
  return entries;
}

/** What a manifest asks for, in one comparable shape (sorted lists). */
export interface PermissionSet {
  permissions: string[];
  optional_permissions: string[];
  host_permissions: string[];
  optional_host_permissions: string[];
  content_script_matches: string[];
}

type Manifest = Record<string, unknown>;
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

export function permissionsOf(manifest: Manifest): PermissionSet {
  const scripts = Array.isArray(manifest.content_scripts) ? (manifest.content_scripts as { matches?: unknown }[]) : [];
  const sorted = (xs: string[]) => [...new Set(xs)].sort();
  return {
    permissions: sorted(strings(manifest.permissions)),
    optional_permissions: sorted(strings(manifest.optional_permissions)),
    host_permissions: sorted(strings(manifest.host_permissions)),
    optional_host_permissions: sorted(strings(manifest.optional_host_permissions)),
    content_script_matches: sorted(scripts.flatMap((s) => strings(s.matches))),
  };
}

export interface PermissionChange {
  field: keyof PermissionSet;
  value: string;
  change: 'added' | 'removed';
}

export function diffPermissions(before: PermissionSet, after: PermissionSet): PermissionChange[] {
  const out: PermissionChange[] = [];
  for (const field of Object.keys(after) as (keyof PermissionSet)[]) {
    const a = new Set(before[field] ?? []);
    const b = new Set(after[field]);
    for (const v of b) if (!a.has(v)) out.push({ field, value: v, change: 'added' });
    for (const v of a) if (!b.has(v)) out.push({ field, value: v, change: 'removed' });
  }
  return out;
}

/** A change is explained when the newest changelog entry names the permission in backticks. */
export const explained = (change: PermissionChange, entry: ChangelogEntry | undefined): boolean =>
  !!entry && entry.body.includes(`\`${change.value}\``);

export interface RemoteCodeFinding {
  file: string;
  what: string;
  excerpt: string;
}

/**
 * Remote or dynamically built code in a packaged file: scripts loaded from http(s), remote
 * imports, importScripts of a URL, eval, new Function, string timers. `file` is the path in the zip.
 */
export function findRemoteCode(file: string, text: string): RemoteCodeFinding[] {
  const rules: [string, RegExp][] = file.endsWith('.html')
    ? [
        ['<script src> from the network', /<script\b[^>]*\bsrc\s*=\s*["']?\s*(?:https?:)?\/\//gi],
        ['inline <script>', /<script\b(?![^>]*\bsrc\s*=)[^>]*>\s*\S/gi],
      ]
    : file.endsWith('.js') || file.endsWith('.mjs')
      ? [
          ['eval', /(?<![\w$.])eval\s*\(/g],
          ['new Function', /\bnew\s+Function\s*\(/g],
          ['Function constructor call', /(?<!\bnew\s+)(?<![\w$.])Function\s*\(\s*["'`]/g],
          ['import() of a URL', /\bimport\s*\(\s*["'`]\s*(?:https?:)?\/\//g],
          ['static import of a URL', /\bfrom\s*["']\s*(?:https?:)?\/\//g],
          ['importScripts of a URL', /\bimportScripts\s*\(\s*["'`]\s*(?:https?:)?\/\//g],
          ['string passed to setTimeout/setInterval', /\bset(?:Timeout|Interval)\s*\(\s*["'`]/g],
        ]
      : [];
  const out: RemoteCodeFinding[] = [];
  for (const [what, re] of rules) {
    for (const m of text.matchAll(re)) {
      const at = m.index ?? 0;
      out.push({ file, what, excerpt: text.slice(Math.max(0, at - 40), at + 60).replace(/\s+/g, ' ') });
    }
  }
  return out;
}

/** A manifest CSP that lets pages load script from elsewhere than the extension. */
export function remoteCsp(manifest: Manifest): string | null {
  const csp = manifest.content_security_policy;
  const policies =
    typeof csp === 'string'
      ? [csp]
      : csp && typeof csp === 'object'
        ? Object.values(csp).filter((x): x is string => typeof x === 'string')
        : [];
  for (const p of policies) {
    const script = /script-src([^;]*)/.exec(p)?.[1] ?? '';
    if (/https?:|\*|'unsafe-eval'|'unsafe-inline'/.test(script)) return p;
  }
  return null;
}
