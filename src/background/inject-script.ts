import { browser, type Browser } from 'wxt/browser';
import { INJECTABLE_SCRIPTS, type InjectableScript } from '../page/handoff';

/**
 * Runs one of the extension's own content-script files in the sender's frame, at once (not waiting
 * for the page to be parsed): the full content script for the loader (src/page/loader.ts), in the
 * top frame while the page parses, instead of its import(), which both browsers settle late then;
 * and in Chrome, the full script or the card's view wherever their import() failed (Chrome refuses
 * it where the reader blocked the site's JavaScript, but still runs extension scripts there).
 */
export async function injectScript(
  script: InjectableScript,
  sender: Browser.runtime.MessageSender,
): Promise<{ ok: boolean }> {
  const tabId = sender.tab?.id;
  const scripting = (browser as { scripting?: typeof browser.scripting }).scripting;
  // Only the named files: a message cannot choose another one.
  const file = Object.hasOwn(INJECTABLE_SCRIPTS, script) ? INJECTABLE_SCRIPTS[script] : undefined;
  if (tabId === undefined || !scripting || !file) return { ok: false };
  // The sender's document, not whatever its frame holds by now.
  const target = sender.documentId
    ? { tabId, documentIds: [sender.documentId] }
    : { tabId, frameIds: [sender.frameId ?? 0] };
  try {
    await scripting.executeScript({ target, files: [file], injectImmediately: true });
    return { ok: true };
  } catch (e) {
    console.warn(`Contexto: could not inject ${file}`, e);
    return { ok: false };
  }
}
