import { browser, type Browser } from 'wxt/browser';
import { CONTENT_MAIN_PATH } from '../page/handoff';

/**
 * Runs the full content script in the sender's frame, at once (not waiting for the page to be
 * parsed), for the loader (src/page/loader.ts): in the top frame while the page parses, instead of its
 * import(), which both browsers settle late then; in Chrome where that import failed (Chrome refuses it
 * where the reader blocked the site's JavaScript, but still runs extension scripts there).
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
    await scripting.executeScript({ target, files: [CONTENT_MAIN_PATH], injectImmediately: true });
    return { ok: true };
  } catch (e) {
    console.warn('Contexto: could not inject the full content script', e);
    return { ok: false };
  }
}
