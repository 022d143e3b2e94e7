import type { ContentScriptContext } from '#imports';
import { buildIndex, type MatchEntry } from '../factsheet';
import { onMessages, sendToBackground, type TabProtocol } from '../messaging';
import { loadSettings, setTermHidden, watchSettings } from '../settings';
import { loadActiveMatch, storedGateOf, watchActiveMatch } from '../sheets/active';
import { PageController } from './controller';
import { EntryCache } from './entry-cache';
import { documentBytes, shouldCompileEarly, whenDomReady, whenWorthScanning } from './start';

/** This build's bundled sheet (match data), its stamp and its gate words: what a frame uses until an active sheet is stored. */
export interface BundledMatch {
  entries: readonly MatchEntry[];
  stamp: string;
  /** `gateWords(entries)`, computed at build time (src/matcher). */
  gate: readonly string[] | null;
}

/**
 * Wires the page controller to the extension: settings, the active fact sheet (read ready
 * to use: sheets are validated and combined when they are stored, never here), messages
 * from the background and popup, SPA navigations, and cleanup when the extension reloads.
 * Runs from `document_start`: storage is read while the page parses; the scan starts at
 * DOMContentLoaded (src/page/start.ts).
 */
export async function startContexto(ctx: ContentScriptContext, bundled: BundledMatch): Promise<PageController | null> {
  const stored = Promise.all([loadSettings(), loadActiveMatch(bundled.entries, bundled.stamp)]);
  const indexOf = (match: readonly MatchEntry[]) =>
    buildIndex(match, match === bundled.entries ? bundled.gate : storedGateOf(match));
  const [settings, match] = await stored;
  if (ctx.isInvalid) return null;
  const index = indexOf(match);
  // A long page still parsing: compile the matcher now, not in the first scan slice.
  if (shouldCompileEarly(document, window.top === window, documentBytes())) index.matcher.prepare();
  await whenDomReady(document);
  await whenWorthScanning(window, ctx.signal);
  if (ctx.isInvalid) return null;
  const entries = new EntryCache(() => sendToBackground('get-entries', {}));
  const controller = new PageController({
    doc: document,
    index,
    entryOf: (id) => entries.get(id),
    settings,
    report: (counts) => {
      // Cards need the full entries: fetch them once the page turns out to mention something.
      if (Object.keys(counts).length) void entries.load();
      sendToBackground('mentions', { counts, url: location.href }).catch(() => {});
    },
    openInContexto: (termId) => {
      sendToBackground('open-term', { termId }).catch(() => {});
    },
    // Saved in settings; every open tab of the site (this one too) repaints through watchSettings.
    hideTerm: (termId, site) => void setTermHidden(site, termId, true, entries.get(termId)?.name),
  });
  controller.applySettings(settings);

  const unwatchSettings = watchSettings((next) => controller.applySettings(next));
  const unwatchSheets = watchActiveMatch(bundled.entries, bundled.stamp, (next, matchChanged) => {
    // Summaries and facts may have changed even when the match data did not (a pack update).
    entries.reset();
    if (matchChanged) controller.setIndex(indexOf(next));
  });
  // Only the top frame moves between mentions and tells the page, so one card opens per tab.
  const isTop = window.top === window;
  const stopListening = onMessages<TabProtocol>({
    'reveal-mention': ({ direction, termId }) =>
      isTop ? entries.load().then(() => ({ revealed: controller.reveal(direction, termId) })) : undefined,
    'get-page-info': () => (isTop ? { url: location.href } : undefined),
    'show-card': ({ termId }) => {
      const selection = window.getSelection();
      if (!selection || selection.rangeCount === 0 || selection.isCollapsed) return undefined;
      const range = selection.getRangeAt(0).cloneRange();
      return entries.load().then(() => ({ shown: controller.showCardAt(range, termId) }));
    },
  });
  ctx.addEventListener(window, 'wxt:locationchange', () => controller.rescanAll());
  ctx.onInvalidated(() => {
    unwatchSettings();
    unwatchSheets();
    stopListening();
    controller.destroy();
  });
  return controller;
}
