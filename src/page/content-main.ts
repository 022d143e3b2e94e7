import type { ContentScriptContext } from '#imports';
import { buildIndex, type MatchEntry } from '../factsheet';
import { onMessages, sendToBackground, type TabProtocol } from '../messaging';
import { loadSettings, setTermHidden, watchSettings } from '../settings';
import { loadActiveMatch, watchActiveMatch } from '../sheets/active';
import { PageController } from './controller';
import { EntryCache } from './entry-cache';

/** This build's bundled sheet (match data) and its stamp: what a frame uses until an active sheet is stored. */
export interface BundledMatch {
  entries: readonly MatchEntry[];
  stamp: string;
}

/**
 * Wires the page controller to the extension: settings, the active fact sheet (read ready
 * to use: sheets are validated and combined when they are stored, never here), messages
 * from the background and popup, SPA navigations, and cleanup when the extension reloads.
 */
export async function startContexto(ctx: ContentScriptContext, bundled: BundledMatch): Promise<PageController | null> {
  const [settings, match] = await Promise.all([loadSettings(), loadActiveMatch(bundled.entries, bundled.stamp)]);
  if (ctx.isInvalid) return null;
  const entries = new EntryCache(() => sendToBackground('get-entries', {}));
  const controller = new PageController({
    doc: document,
    index: buildIndex(match),
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
    if (matchChanged) controller.setIndex(buildIndex(next));
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
