import { onMessages, type BackgroundProtocol } from '../messaging';
import { getActiveEntries } from '../sheets';
import { injectScript } from './inject-script';
import { openTermInContexto } from './open-term';
import { getTabMentions, recordReport } from './tab-mentions';

/** Answers the content scripts (reports, card entries, "Open in Contexto") and the popup (`get-tab-mentions`). */
export function registerMessageHandlers(): void {
  onMessages<BackgroundProtocol>({
    mentions: (report, sender) => {
      if (sender.tab?.id === undefined) return undefined;
      return recordReport(sender.tab.id, sender.frameId ?? 0, report).then(() => ({ ok: true }) as const);
    },
    'get-tab-mentions': ({ tabId }) => getTabMentions(tabId),
    'get-entries': async ({ ids }) => {
      const all = await getActiveEntries();
      if (!ids) return all;
      const wanted = new Set(ids);
      return all.filter((e) => wanted.has(e.id));
    },
    'open-term': ({ termId }, sender) => openTermInContexto(termId, sender.tab?.id).then(() => ({ ok: true }) as const),
    'inject-script': ({ script }, sender) => injectScript(script, sender),
  });
}
