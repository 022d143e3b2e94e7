import { browser, type Browser } from 'wxt/browser';
import type { Message } from '../messages';
import { getActiveEntries } from '../sheets';
import { openTermInContexto } from './open-term';
import { getTabMentions, recordReport } from './tab-mentions';

/** Answers the content scripts (reports, card entries, "Open in Contexto") and the popup (`get-tab-mentions`). */
export function registerMessageHandlers(): void {
  browser.runtime.onMessage.addListener(((message: Message, sender: Browser.runtime.MessageSender) => {
    switch (message?.type) {
      case 'mentions':
        if (sender.tab?.id !== undefined) return recordReport(sender.tab.id, sender.frameId ?? 0, message).then(() => ({ ok: true }));
        return undefined;
      case 'get-tab-mentions':
        return getTabMentions(message.tabId);
      case 'get-entries':
        return getActiveEntries();
      case 'open-term':
        return openTermInContexto(message.termId, sender.tab?.id).then(() => ({ ok: true }));
      default:
        return undefined;
    }
  }) as never);
}
