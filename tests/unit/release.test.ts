import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  ACTION_ICON_SIZES,
  ICON_SIZES,
  diffPermissions,
  explained,
  findRemoteCode,
  iconMap,
  iconPath,
  parseChangelog,
  permissionsOf,
  pngSize,
  remoteCsp,
} from '../../scripts/lib/release';

describe('icons (public/icon, exported from design/icon.svg)', () => {
  it('every size the browsers use is declared', () => {
    expect([...ICON_SIZES]).toEqual([16, 32, 48, 96, 128]);
    expect([...ACTION_ICON_SIZES]).toEqual([16, 32]);
    expect(iconMap(ICON_SIZES)).toEqual({
      16: 'icon/16.png',
      32: 'icon/32.png',
      48: 'icon/48.png',
      96: 'icon/96.png',
      128: 'icon/128.png',
    });
  });

  it.each(ICON_SIZES.map((s) => [s]))('public/icon/%i.png exists and is that many pixels square', (size) => {
    const file = `public/${iconPath(size)}`;
    expect(existsSync(file), `${file} is missing: run npm run icons`).toBe(true);
    expect(pngSize(readFileSync(file)), `${file} has the wrong size: run npm run icons`).toEqual({
      width: size,
      height: size,
    });
  });

  it('the SVG source is there and is our own drawing (no embedded bitmaps, fonts or links)', () => {
    const svg = readFileSync('design/icon.svg', 'utf8');
    expect(svg).toMatch(/^<svg [^>]*viewBox="0 0 16 16"/);
    expect(svg).not.toMatch(/<image|<text|href=|@font-face|url\(/);
  });

  it('pngSize reads IHDR and refuses what is not a PNG', () => {
    const png = readFileSync('public/icon/48.png');
    expect(pngSize(png)).toEqual({ width: 48, height: 48 });
    expect(pngSize(new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBeNull();
    expect(pngSize(png.subarray(0, 20))).toBeNull();
  });
});

describe('changelog', () => {
  it('parses entries newest first, with their bodies', () => {
    const entries = parseChangelog(
      '# Changelog\n\n## 0.2.0 — 2026-12-01\n\n- New `tabs`.\n\n## [0.1.0] - 2026-11-30\n\n- First.\n',
    );
    expect(entries.map((e) => [e.version, e.date])).toEqual([
      ['0.2.0', '2026-12-01'],
      ['0.1.0', '2026-11-30'],
    ]);
    expect(entries[0]!.body).toContain('New `tabs`.');
    expect(entries[0]!.body).not.toContain('First.');
  });

  it("CHANGELOG.md's newest entry is package.json's version", () => {
    const newest = parseChangelog(readFileSync('CHANGELOG.md', 'utf8'))[0];
    const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };
    expect(newest?.version).toBe(pkg.version);
    expect(newest?.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });
});

describe('permissions', () => {
  const manifest = {
    permissions: ['storage', 'contextMenus'],
    optional_host_permissions: ['https://*/*'],
    content_scripts: [{ matches: ['https://*/*', 'http://*/*'] }],
  };

  it('summarises a manifest and reports additions and removals', () => {
    const before = permissionsOf(manifest);
    expect(before.content_script_matches).toEqual(['http://*/*', 'https://*/*']);
    const after = permissionsOf({ ...manifest, permissions: ['storage', 'tabs'] });
    const changes = diffPermissions(before, after);
    expect(changes).toEqual([
      { field: 'permissions', value: 'tabs', change: 'added' },
      { field: 'permissions', value: 'contextMenus', change: 'removed' },
    ]);
    const entry = { version: '0.2.0', date: '2026-12-01', body: '- `tabs`: to read the titles of open tabs for …\n' };
    expect(explained(changes[0]!, entry)).toBe(true);
    expect(explained(changes[1]!, entry)).toBe(false);
  });
});

describe('remote code', () => {
  it('flags remote scripts, eval and new Function, and lets ordinary code through', () => {
    expect(
      findRemoteCode('popup.html', '<script type="module" crossorigin src="/chunks/popup-1.js"></script>'),
    ).toEqual([]);
    expect(findRemoteCode('popup.html', '<script src="https://cdn.example/x.js"></script>').map((f) => f.what)).toEqual(
      ['<script src> from the network'],
    );
    expect(findRemoteCode('popup.html', '<script src="//cdn.example/x.js"></script>')).toHaveLength(1);
    expect(findRemoteCode('popup.html', '<script>alert(1)</script>').map((f) => f.what)).toEqual(['inline <script>']);
    expect(findRemoteCode('a.js', 'const x = eval("1")').map((f) => f.what)).toEqual(['eval']);
    expect(findRemoteCode('a.js', 'var f = new Function("a", "return a")').map((f) => f.what)).toEqual([
      'new Function',
    ]);
    expect(findRemoteCode('a.js', 'import("https://x.example/m.js")').map((f) => f.what)).toEqual([
      'import() of a URL',
    ]);
    expect(findRemoteCode('a.js', 'importScripts("https://x.example/w.js")').map((f) => f.what)).toEqual([
      'importScripts of a URL',
    ]);
    expect(findRemoteCode('a.js', 'setTimeout("go()", 5)').map((f) => f.what)).toEqual([
      'string passed to setTimeout/setInterval',
    ]);
    expect(
      findRemoteCode('a.js', 'obj.eval(1); retrieval(2); const url = "https://example.org/"; import("./chunk.js")'),
    ).toEqual([]);
  });

  it('flags a CSP that lets script come from elsewhere', () => {
    expect(remoteCsp({})).toBeNull();
    expect(
      remoteCsp({ content_security_policy: { extension_pages: "script-src 'self'; object-src 'self'" } }),
    ).toBeNull();
    expect(
      remoteCsp({ content_security_policy: "script-src 'self' https://cdn.example; object-src 'self'" }),
    ).not.toBeNull();
    expect(
      remoteCsp({ content_security_policy: { extension_pages: "script-src 'self' 'unsafe-eval'" } }),
    ).not.toBeNull();
  });
});
