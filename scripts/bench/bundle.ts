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

/** The built content scripts' sizes (raw and gzip -9): the loader every frame runs, the full script it imports; and whether fuse.js got into either. */
export function contentScriptSize() {
  const sizeOf = (file: string) => {
    const raw = readFileSync(join(REPO_ROOT, file));
    return { file, rawBytes: raw.length, gzipBytes: gzipSync(raw, { level: 9 }).length, text: raw.toString() };
  };
  const loader = '.output/chrome-mv3/content-scripts/content.js';
  const full = '.output/chrome-mv3/content-main.js';
  if (!existsSync(join(REPO_ROOT, loader)) || !existsSync(join(REPO_ROOT, full)))
    return { skipped: 'no build: run npm run build first' };
  const [a, b] = [sizeOf(loader), sizeOf(full)];
  const fuse = /fuse\.js|Fuse\.(config|version)|new Fuse\(/;
  return {
    loader: { file: a.file, rawBytes: a.rawBytes, gzipBytes: a.gzipBytes },
    full: { file: b.file, rawBytes: b.rawBytes, gzipBytes: b.gzipBytes },
    containsFuse: fuse.test(a.text) || fuse.test(b.text),
  };
}
