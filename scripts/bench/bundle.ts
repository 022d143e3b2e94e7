import { join } from 'node:path';
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
