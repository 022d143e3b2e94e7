import { browser } from 'wxt/browser';
import type { ContentScriptContext } from '#imports';
import type { FactIndex } from '../factsheet';
import type { Message, MentionsReport, OpenTerm } from '../messages';
import { loadSettings, watchSettings } from '../settings';
import { PageController } from './controller';

/**
 * Wires the page controller to the extension: settings, messages from the background
 * and popup, SPA navigations, and cleanup when the extension reloads.
 */
export async function startContexto(ctx: ContentScriptContext, index: FactIndex): Promise<PageController | null> {
  const settings = await loadSettings();
  if (ctx.isInvalid) return null;
  const controller = new PageController({
    doc: document,
    index,
    settings,
    t: (key, subs) => browser.i18n.getMessage(key as never, subs),
    report: (counts) => {
      const message: MentionsReport = { type: 'mentions', counts, url: location.href };
      browser.runtime.sendMessage(message).catch(() => {});
    },
    openInContexto: (termId) => {
      const message: OpenTerm = { type: 'open-term', termId };
      browser.runtime.sendMessage(message).catch(() => {});
    },
  });
  controller.applySettings(settings);

  const unwatch = watchSettings((next) => controller.applySettings(next));
  const onMessage = (message: Message): Promise<unknown> | undefined => {
    // Only the top frame moves between mentions, so one card opens per tab.
    if (message.type === 'reveal-mention' && window.top === window) {
      return Promise.resolve({ revealed: controller.reveal(message.direction, message.termId) });
    }
    if (message.type === 'get-page-info' && window.top === window) return Promise.resolve({ url: location.href });
    if (message.type === 'show-card') {
      const selection = window.getSelection();
      if (!selection || selection.rangeCount === 0 || selection.isCollapsed) return undefined;
      return Promise.resolve({ shown: controller.showCardAt(selection.getRangeAt(0).cloneRange(), message.termId) });
    }
    return undefined;
  };
  browser.runtime.onMessage.addListener(onMessage as never);
  ctx.addEventListener(window, 'wxt:locationchange', () => controller.rescanAll());
  ctx.onInvalidated(() => {
    unwatch();
    browser.runtime.onMessage.removeListener(onMessage as never);
    controller.destroy();
  });
  return controller;
}
