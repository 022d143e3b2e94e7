import type { Plugin } from 'vite';
import { highlightCss } from './highlight-css';

const ID = 'virtual:contexto-highlights.css';
// Kept ending in `.css` (no `\0` prefix) so Vite's CSS pipeline, and WXT's manifest injection, take it.
const RESOLVED = '/@contexto/highlights.css';

/** Serves the highlight styles generated from the kind colours (src/page/highlight-css.ts), for `browser`'s build. */
export function highlightCssPlugin(browser?: string): Plugin {
  return {
    name: 'contexto-highlights-css',
    resolveId: (id) => (id === ID ? RESOLVED : undefined),
    load: (id) => (id === RESOLVED ? highlightCss(browser) : undefined),
  };
}
