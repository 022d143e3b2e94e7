import type { ContentScriptContext } from '#imports';
import { buildIndex, isSameMatch, type MatchEntry } from '../factsheet';
import { compileStep, type GateIndex, type PatternTable } from '../matcher';
import { sendToBackground } from '../messaging';
import { loadSettings, setTermHidden, watchSettings } from '../settings';
import { loadActiveMatch, storedGateOf, watchActiveMatch } from '../sheets/active';
import { nextTaskOrFrame, runChunked, SLICE_BUDGET_MS } from './chunk';
import { PageController } from './controller';
import { loadCardView } from '../card/load-view';
import { EntryCache } from './entry-cache';
import type { EarlyReads } from './early-reads';
import type { PageHandle } from './handoff';
import { afterThisTask, whenDomReady, whenWorthScanning } from './start';

/** This build's bundled sheet (match data), its stamp and its gate words: what a frame uses until an active sheet is stored. */
export interface BundledMatch {
  entries: readonly MatchEntry[];
  stamp: string;
  /** `gateIndexOf(gateWords(entries))`, computed at build time (src/matcher): no index to build at run time. */
  gate: GateIndex | null;
  /** `patternTableOf(entries)`, computed at build time: the compile does not fold the aliases. */
  patterns: PatternTable;
}

/**
 * A task of its own (`nextTaskOrFrame`), except in Firefox once the page is parsed: there (its top
 * frame gets this script after DOMContentLoaded) such a task ran only after the first frame (first
 * view on wikipedia-2, side by side: 250-400 ms later), so the work stays in one task as before.
 */
const yieldToPage = (): Promise<void> =>
  import.meta.env.FIREFOX && document.readyState !== 'loading' ? Promise.resolve() : nextTaskOrFrame();

/**
 * Wires the page controller to the extension: settings, the active fact sheet (read ready
 * to use: sheets are validated and combined when they are stored, never here), SPA
 * navigations, and cleanup when the extension reloads. Started by the loader
 * (src/page/loader.ts) once the frame needs it, which answers messages from the background
 * and popup and passes on those only a running page can answer (the returned handle).
 * Started before DOMContentLoaded, it reads storage while the page parses; the scan starts
 * at DOMContentLoaded (src/page/start.ts), in the top frame on what is parsed by then.
 */
export async function startContexto(
  ctx: ContentScriptContext,
  bundled: BundledMatch,
  early?: EarlyReads,
): Promise<PageHandle | null> {
  // The stored active sheet is a copy of the bundled one until the reader imports a sheet: the
  // build-time gate index and pattern table (no alias folded in the page) hold for it too.
  const indexOf = (match: readonly MatchEntry[]) =>
    isSameMatch(match, bundled.entries)
      ? buildIndex(bundled.entries, bundled.gate, bundled.patterns)
      : buildIndex(match, storedGateOf(match));
  // Both reads at once (started by the loader with the import, when it did); the index does not wait for the settings.
  const settingsRead = loadSettings(early?.settings);
  const indexRead = loadActiveMatch(bundled.entries, bundled.stamp, early?.sheet).then(async (match) => {
    const index = indexOf(match);
    // The loader imports this script once the frame's text opened the gate, so the automaton will
    // be needed: compiled now (while a page still parses, before DOMContentLoaded), in a task of its
    // own rather than with the storage read and the index or inside a first scan's slice; but no
    // later than the DOM is ready: after DOMContentLoaded Firefox ran that task only after the first
    // frame and more (300-480 ms on wikipedia-2), while the scan waited for it. (Splitting off the
    // compile and the first scan when the DOM was ready first also let the browser's first frame
    // after DOMContentLoaded pass without our highlight: wikipedia-2, Chromium, trace7 probe.)
    // In slices (a cold compile, `Automaton.link` most of it, held a page's task for 12-30 ms and more).
    // In Chromium from a 'user-blocking' task, which runs ahead of the parser's: a timer waited for the
    // parse (guardian-1: compiled just after DOMContentLoaded; with it, 80-170 ms before).
    const ownTask = import.meta.env.FIREFOX ? afterThisTask(document) : nextTaskOrFrame();
    await Promise.race([ownTask, whenDomReady(document)]);
    const { matcher } = index;
    await runChunked(() => compileStep(matcher), SLICE_BUDGET_MS, yieldToPage).done;
    return index;
  });
  const [settings, index] = await Promise.all([settingsRead, indexRead]);
  if (ctx.isInvalid) return null;
  // The top frame starts while the page parses, to paint its first screen before DOMContentLoaded
  // (src/page/while-parsing.ts); other frames start at DOMContentLoaded.
  if (window.top !== window || !document.body) await whenDomReady(document);
  await whenWorthScanning(window, ctx);
  // The controller's start (its first scan slice) in a task of its own, not after the compile's last slice.
  await yieldToPage();
  if (ctx.isInvalid) return null;
  const entries = new EntryCache((ids) => sendToBackground('get-entries', { ids }));
  const controller = new PageController({
    doc: document,
    index,
    entryOf: (id) => entries.get(id),
    loadEntry: (id) => entries.load([id]),
    settings,
    report: (counts) => {
      // Cards need the full entries: fetch those of the terms the page turns out to mention.
      const ids = Object.keys(counts);
      if (ids.length) void entries.load(ids);
      sendToBackground('mentions', { counts, url: location.href }).catch(() => {});
    },
    cardView: loadCardView,
    openInContexto: (termId) => {
      sendToBackground('open-term', { termId }).catch(() => {});
    },
    // Saved in settings; every open tab of the site (this one too) repaints through watchSettings.
    hideTerm: (termId, site) => void setTermHidden(site, termId, true, entries.get(termId)?.name),
  });
  controller.applySettings(settings);
  // Watched from a later task: the first storage.onChanged listener and WXT's location watch are
  // cold code (7-80 ms sampled beside the first scan slice on a loaded machine, breitbart, yahoo-2).
  await nextTaskOrFrame();
  if (ctx.isInvalid) {
    controller.destroy();
    return null;
  }
  const unwatchSettings = watchSettings((next) => controller.applySettings(next));
  const unwatchSheets = watchActiveMatch(bundled.entries, bundled.stamp, (next, matchChanged) => {
    // Summaries and facts may have changed even when the match data did not (a pack update).
    entries.reset();
    if (matchChanged) controller.setIndex(indexOf(next));
  });
  ctx.addEventListener(window, 'wxt:locationchange', () => controller.rescanAll());
  ctx.onInvalidated(() => {
    unwatchSettings();
    unwatchSheets();
    controller.destroy();
  });
  return {
    reveal: (direction, termId) =>
      entries
        .load(termId ? [termId] : controller.mentionedTerms())
        .then(() => ({ revealed: controller.reveal(direction, termId) })),
    showCardAt: (range, termId) =>
      entries.load([termId]).then(async () => ({ shown: await controller.showCardAt(range, termId) })),
  };
}
