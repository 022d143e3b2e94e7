import { defineContentScript } from '#imports';
import matchEntries, { gate, stamp } from 'virtual:contexto-factsheet/match';
import { startContexto } from '../src/page/content-main';
import 'virtual:contexto-highlights.css';

export default defineContentScript({
  matches: ['http://*/*', 'https://*/*'],
  allFrames: true,
  // Storage is read while the page parses; the scan starts at DOMContentLoaded (src/page/start.ts).
  runAt: 'document_start',
  // The highlight styles go in through the manifest: no <style> node in the page.
  cssInjectionMode: 'manifest',
  main(ctx) {
    void startContexto(ctx, { entries: matchEntries, stamp, gate });
  },
});
