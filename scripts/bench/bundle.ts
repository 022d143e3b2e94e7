import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'vite';
import { factSheetPlugin } from '../../src/factsheet/vite-plugin';
import { REPO_ROOT } from '../lib/corpus';

/** The bench's four methods, our scanner, the matcher, the fact sheet and mark.js in one IIFE. */
export async function buildPageBundle(): Promise<string> {
  const out = await build({
    configFile: false,
    logLevel: 'silent',
    root: REPO_ROOT,
    plugins: [factSheetPlugin()],
    build: {
      write: false,
      minify: true,
      lib: {
        entry: join(REPO_ROOT, 'scripts/bench/page-entry.ts'),
        formats: ['iife'],
        name: 'ContextoBenchBundle',
        fileName: () => 'bench.js',
      },
    },
  });
  const outputs = Array.isArray(out) ? out : [out];
  for (const o of outputs) {
    if ('output' in o) for (const chunk of o.output) if (chunk.type === 'chunk') return chunk.code;
  }
  throw new Error('vite build produced no chunk');
}

/** The built content script's size (raw and gzip -9) and whether fuse.js got into it. */
export function contentScriptSize() {
  const file = '.output/chrome-mv3/content-scripts/content.js';
  const path = join(REPO_ROOT, file);
  if (!existsSync(path)) return { skipped: 'no build: run npm run build first' };
  const raw = readFileSync(path);
  return {
    file,
    rawBytes: raw.length,
    gzipBytes: gzipSync(raw, { level: 9 }).length,
    containsFuse: /fuse\.js|Fuse\.(config|version)|new Fuse\(/.test(raw.toString()),
  };
}
