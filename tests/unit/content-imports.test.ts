import { existsSync, readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/** The project modules a file reaches through value imports (type-only imports are erased from bundles). */
function reachable(entry: string): Set<string> {
  const root = resolve('.');
  const seen = new Set<string>();
  const visit = (file: string) => {
    const rel = relative(root, file);
    if (seen.has(rel)) return;
    seen.add(rel);
    const source = readFileSync(file, 'utf8');
    for (const m of source.matchAll(
      /^\s*(?:import|export)\s+(type\s+)?(?:[^'";]*?\sfrom\s+)?['"](\.{1,2}\/[^'"]+)['"]/gm,
    )) {
      if (m[1]) continue;
      const base = resolve(dirname(file), m[2]!);
      const target = [base, `${base}.ts`, `${base}/index.ts`].find(
        (p) => existsSync(p) && !p.endsWith('/') && /\.(ts|css)$/.test(p),
      );
      if (target?.endsWith('.ts')) visit(target);
    }
  };
  visit(resolve(entry));
  return seen;
}

describe('the content script reads the active sheet ready to use', () => {
  const modules = reachable('entrypoints/content-main.ts');

  it('reaches neither the validator nor the sheet-combining rules, only the active-sheet item', () => {
    expect(modules).toContain('src/page/content-main.ts');
    expect(modules).toContain('src/sheets/active.ts');
    expect(modules).not.toContain('src/factsheet/validate.ts');
    expect(modules).not.toContain('src/sheets/model.ts');
    expect(modules).not.toContain('src/sheets/store.ts');
    expect(modules).not.toContain('src/sheets/index.ts');
  });

  it('the loader every frame runs reaches no page controller, card, sheet or storage wrapper', () => {
    const loader = reachable('entrypoints/content.ts');
    expect(loader).toContain('src/page/loader.ts');
    expect(loader).toContain('src/sheets/active-gate.ts');
    for (const heavy of [
      'src/page/content-main.ts',
      'src/page/controller.ts',
      'src/page/annotator.ts',
      'src/card/controller.ts',
      'src/sheets/active.ts',
      'src/settings/index.ts',
      'src/messaging/index.ts',
    ]) {
      // Each is a real module (a renamed file would make this check pass for nothing).
      expect(modules).toContain(heavy);
      expect(loader).not.toContain(heavy);
    }
  });

  it('the full script leaves the card view (host, rendering, placement with floating-ui) to its own file', () => {
    const view = reachable('entrypoints/card-view.ts');
    for (const part of ['src/card/host.ts', 'src/card/render.ts', 'src/card/place.ts', 'src/card/style.ts']) {
      expect(view).toContain(part);
      expect(modules).not.toContain(part);
    }
    expect(modules).toContain('src/card/load-view.ts');
    // The view's labels come without webextension-polyfill (src/l10n/pages.ts imports it).
    expect(view).toContain('src/l10n/index.ts');
    expect(view).not.toContain('src/l10n/pages.ts');
    for (const file of view) expect(readFileSync(file, 'utf8')).not.toMatch(/from ['"](?:wxt\/browser|#imports)['"]/);
  });

  it('the walker does find the validator where it is used (the options page)', () => {
    expect(reachable('src/sheets/index.ts')).toContain('src/factsheet/validate.ts');
  });
});
