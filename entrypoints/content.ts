import { defineContentScript } from '#imports';
import { gateIndex, stamp } from 'virtual:contexto-factsheet/gate';
import { runLoader } from '../src/page/loader';
import 'virtual:contexto-highlights.css';

export default defineContentScript({
  matches: ['http://*/*', 'https://*/*'],
  allFrames: true,
  // The loader reads the gate words while the page parses; it looks at the text at DOMContentLoaded (src/page/loader.ts).
  runAt: 'document_start',
  // The highlight styles go in through the manifest: no <style> node in the page.
  cssInjectionMode: 'manifest',
  // ctx: the loader's small context, not WXT's (src/page/loader-context.ts, wxt.config.ts `loaderContext`).
  main(ctx) {
    runLoader(ctx, { stamp, gate: gateIndex });
  },
});
