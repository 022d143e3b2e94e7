import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'vite';
import { factSheetPlugin } from '../../src/factsheet/vite-plugin';
import { REPO_ROOT } from '../lib/corpus';

/** The bench's four methods, our scanner, the matcher, the fact sheet and mark.js in one IIFE. */
export function buildPageBundle(): Promise<string> {
  return buildIife(join(REPO_ROOT, 'scripts/bench/page-entry.ts'), 'ContextoBenchBundle');
}

/** `entry` and what it imports (the bundled fact sheet included) as one minified IIFE setting global `name`. */
export async function buildIife(entry: string, name: string): Promise<string> {
  const out = await build({
    configFile: false,
    logLevel: 'silent',
    root: REPO_ROOT,
    plugins: [factSheetPlugin()],
    build: { write: false, minify: true, lib: { entry, formats: ['iife'], name, fileName: () => `${name}.js` } },
  });
  const outputs = Array.isArray(out) ? out : [out];
  for (const o of outputs) {
    if ('output' in o) for (const chunk of o.output) if (chunk.type === 'chunk') return chunk.code;
  }
  throw new Error('vite build produced no chunk');
}

/**
 * The built content scripts' sizes (raw and gzip -9): the loader every frame runs, the full script it
 * imports, the card view the full script imports on a card's first use; and whether fuse.js got into any.
 */
export function contentScriptSize() {
  const files = {
    loader: '.output/chrome-mv3/content-scripts/content.js',
    full: '.output/chrome-mv3/content-main.js',
    cardView: '.output/chrome-mv3/card-view.js',
  };
  if (Object.values(files).some((file) => !existsSync(join(REPO_ROOT, file))))
    return { skipped: 'no build: run npm run build first' };
  const fuse = /fuse\.js|Fuse\.(config|version)|new Fuse\(/;
  let containsFuse = false;
  const sizeOf = (file: string) => {
    const raw = readFileSync(join(REPO_ROOT, file));
    containsFuse ||= fuse.test(raw.toString());
    return { file, rawBytes: raw.length, gzipBytes: gzipSync(raw, { level: 9 }).length };
  };
  return {
    loader: sizeOf(files.loader),
    full: sizeOf(files.full),
    cardView: sizeOf(files.cardView),
    containsFuse,
  };
}
