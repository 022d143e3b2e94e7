import { ContentScriptContext, defineUnlistedScript } from '#imports';
import matchEntries, { gateIndex, patterns, stamp } from 'virtual:contexto-factsheet/match';
import { startContexto } from '../src/page/content-main';
import { CONTENT_MAIN_GLOBAL, type StartContentMain } from '../src/page/handoff';

// The full content script: imported by the loader (entrypoints/content.ts) only in frames that need it.
export default defineUnlistedScript(() => {
  // WXT's context, made only in frames that start (the loader's is smaller: src/page/loader-context.ts).
  const start: StartContentMain = (early) =>
    startContexto(
      new ContentScriptContext('content'),
      { entries: matchEntries, stamp, gate: gateIndex, patterns },
      early,
    );
  (globalThis as Record<string, unknown>)[CONTENT_MAIN_GLOBAL] = start;
});
