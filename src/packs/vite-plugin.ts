import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import type { Plugin } from 'vite';
import { loadFactSheetDir } from '../factsheet/load-files';
import { checkPackShape, PACK_FORMAT, signedBytes, type PackBody } from './format';

const ID = 'virtual:contexto-bundled-pack';
const RESOLVED = `\0${ID}`;

/** What the extension knows of its bundled pack (the entries themselves come from `virtual:contexto-factsheet`). */
export interface BundledPackInfo {
  name: string;
  publisher: string;
  revision: number;
  publishedAt: string;
  entryCount: number;
  /** SHA-256 (hex) of the pack's canonical bytes: the same bytes `contexto pack build` signs. */
  sha256: string;
}

/**
 * Builds the bundled sheet as a pack at build time: `data/pack.json` (name, publisher,
 * revision, publishedAt, minAppVersion; bump the revision when the sheet changes) plus the
 * validated `data/terms`, checked with the pack rules. The extension package is signed by
 * the store, so this pack carries no signature of its own; the options page shows its
 * revision and date.
 */
export function bundledPackPlugin(metaFile: string, termsDir: string): Plugin {
  return {
    name: 'contexto-bundled-pack',
    resolveId: (id) => (id === ID ? RESOLVED : undefined),
    load(id) {
      if (id !== RESOLVED) return undefined;
      this.addWatchFile?.(metaFile);
      const meta = JSON.parse(readFileSync(metaFile, 'utf8')) as Omit<PackBody, 'format' | 'entries'>;
      const body: PackBody = { format: PACK_FORMAT, ...meta, entries: loadFactSheetDir(termsDir) };
      const { problems } = checkPackShape(metaFile, {
        ...body,
        signature: { alg: 'ECDSA-P256-SHA256', value: 'unsigned' },
      });
      if (problems.length)
        throw new Error(`${metaFile}: ${problems.map((p) => `field "${p.field}": ${p.message}`).join('; ')}`);
      const info: BundledPackInfo = {
        name: body.name,
        publisher: body.publisher,
        revision: body.revision,
        publishedAt: body.publishedAt,
        entryCount: body.entries.length,
        sha256: createHash('sha256').update(signedBytes(body)).digest('hex'),
      };
      return `export default ${JSON.stringify(info)};`;
    },
  };
}
