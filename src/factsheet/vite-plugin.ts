import { createHash } from 'node:crypto';
import type { Plugin } from 'vite';
import { loadFactSheetDir, TERMS_PATH } from './load-files';
import { gateIndexOf, gateWords, patternTableOf } from '../matcher';
import { toMatchEntry } from './types';

const FULL = 'virtual:contexto-factsheet';
/** Only what matching needs (no summaries or facts): keeps the content script small. */
const MATCH = 'virtual:contexto-factsheet/match';
/** Only the stamp and the gate words: what the content-script loader needs (src/page/loader.ts). */
const GATE = 'virtual:contexto-factsheet/gate';
const RESOLVED_PREFIX = '\0';

/**
 * Validates `data/terms` at build time and serves the entries as a virtual module.
 * An invalid fact sheet fails the build with file, entry and field.
 */
export function factSheetPlugin(dir: string = TERMS_PATH): Plugin {
  return {
    name: 'contexto-factsheet',
    resolveId(id) {
      return id === FULL || id === MATCH || id === GATE ? RESOLVED_PREFIX + id : undefined;
    },
    load(id) {
      if (![FULL, MATCH, GATE].some((name) => id === RESOLVED_PREFIX + name)) return undefined;
      const entries = loadFactSheetDir(dir);
      this.addWatchFile?.(dir);
      const json = JSON.stringify(entries);
      // Names this build's sheet, so a stored active sheet made with another build is recognised (src/sheets/active.ts).
      const stamp = createHash('sha256').update(json).digest('hex').slice(0, 16);
      if (id === RESOLVED_PREFIX + FULL)
        return `export const stamp = ${JSON.stringify(stamp)};\nexport default ${json};`;
      const match = entries.map(toMatchEntry);
      if (id === RESOLVED_PREFIX + GATE) {
        const gate = gateWords(match);
        return [
          `export const stamp = ${JSON.stringify(stamp)};`,
          `export const gate = ${JSON.stringify(gate)};`,
          `export const gateIndex = ${JSON.stringify(gate && gateIndexOf(gate))};`,
        ].join('\n');
      }
      const gate = gateWords(match);
      // JSON.parse of a string: cheaper for every frame to evaluate than the same object literal.
      return [
        `export const stamp = ${JSON.stringify(stamp)};`,
        `export const gateIndex = ${JSON.stringify(gate && gateIndexOf(gate))};`,
        `export const patterns = JSON.parse(${JSON.stringify(JSON.stringify(patternTableOf(match)))});`,
        `export default JSON.parse(${JSON.stringify(JSON.stringify(match))});`,
      ].join('\n');
    },
  };
}
