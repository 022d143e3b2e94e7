import { defineUnlistedScript } from '#imports';
import matchEntries, { gateIndex, patterns, stamp } from 'virtual:contexto-factsheet/match';
import { startContexto } from '../src/page/content-main';
import { CONTENT_MAIN_GLOBAL, type StartContentMain } from '../src/page/handoff';

// The full content script: imported by the loader (entrypoints/content.ts) only in frames that need it.
export default defineUnlistedScript(() => {
  const start: StartContentMain = (ctx, early) =>
    startContexto(ctx, { entries: matchEntries, stamp, gate: gateIndex, patterns }, early);
  (globalThis as Record<string, unknown>)[CONTENT_MAIN_GLOBAL] = start;
});
