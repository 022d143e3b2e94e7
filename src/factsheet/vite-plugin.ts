import type { Plugin } from 'vite';
import { loadFactSheetDir, TERMS_DIR } from './load-files';

const ID = 'virtual:contexto-factsheet';
const RESOLVED = '\0' + ID;

/**
 * Validates `data/terms` at build time and serves the entries as a virtual module.
 * An invalid fact sheet fails the build with file, entry and field.
 */
export function factSheetPlugin(dir: string = TERMS_DIR.pathname): Plugin {
  return {
    name: 'contexto-factsheet',
    resolveId(id) {
      return id === ID ? RESOLVED : undefined;
    },
    load(id) {
      if (id !== RESOLVED) return undefined;
      const entries = loadFactSheetDir(dir);
      this.addWatchFile?.(dir);
      return `export default ${JSON.stringify(entries)};`;
    },
  };
}
