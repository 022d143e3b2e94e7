import { browser, type Browser } from 'wxt/browser';
import { EARLY_KEYS, GIVEN_READS_GLOBAL, type GivenItems } from '../page/early-reads';
import { CONTENT_MAIN_GLOBAL, CONTENT_MAIN_PATH } from '../page/handoff';

/**
 * Runs the full content script in the sender's frame, at once (not waiting for the page to be
 * parsed), for the loader (src/page/loader.ts): in Chrome where its import() failed (Chrome refuses
 * that import where the reader blocked the site's JavaScript, but still runs extension scripts
 * there); in Firefox's top frame instead of the import, which Firefox settles late while the page parses.
 */
export async function injectContentMain(sender: Browser.runtime.MessageSender): Promise<{ ok: boolean }> {
  const tabId = sender.tab?.id;
  const scripting = (browser as { scripting?: typeof browser.scripting }).scripting;
  if (tabId === undefined || !scripting) return { ok: false };
  // The sender's document, not whatever its frame holds by now.
  const target = sender.documentId
    ? { tabId, documentIds: [sender.documentId] }
    : { tabId, frameIds: [sender.frameId ?? 0] };
  try {
    // The full script's first storage reads go with it (src/page/early-reads.ts `givenReads`). Not
    // awaited before the script is sent: Firefox answers only once the page is parsed, but runs
    // injections in the order sent.
    const [sync, local] = await Promise.all([
      browser.storage.sync.get([...EARLY_KEYS.sync]).catch(() => undefined),
      browser.storage.local.get([...EARLY_KEYS.local]).catch(() => undefined),
    ]);
    const items: GivenItems | undefined = sync && local ? { sync, local } : undefined;
    const given = items
      ? scripting
          .executeScript({
            target,
            // Only before the script: given after it, they would stay unread.
            func: (name: string, reads: GivenItems, script: string) => {
              const g = globalThis as Record<string, unknown>;
              if (typeof g[script] !== 'function') g[name] = reads;
            },
            args: [GIVEN_READS_GLOBAL, items, CONTENT_MAIN_GLOBAL],
            injectImmediately: true,
          })
          .catch(() => {})
      : undefined;
    await scripting.executeScript({ target, files: [CONTENT_MAIN_PATH], injectImmediately: true });
    await given;
    return { ok: true };
  } catch (e) {
    console.warn('Contexto: could not inject the full content script', e);
    return { ok: false };
  }
}
