import { browser, type Browser } from 'wxt/browser';
import type { AnswerOf, AnyProtocol, BackgroundProtocol, MessageOf, PagesProtocol, TabProtocol } from './protocol';

export type * from './protocol';

/**
 * The receiving side: one handler per message type. A handler answers with a value (or a
 * promise of one), or `undefined` to stay silent (so another frame, or nobody, answers).
 */
export type Handlers<P extends AnyProtocol> = {
  [K in keyof P & string]?: (
    message: MessageOf<P, K>,
    sender: Browser.runtime.MessageSender,
  ) => AnswerOf<P, K> | Promise<AnswerOf<P, K>> | undefined;
};

/** Sends a message to the background; resolves with its answer (rejects when nobody listens). */
export function sendToBackground<K extends keyof BackgroundProtocol & string>(
  type: K,
  data: BackgroundProtocol[K]['data'],
): Promise<AnswerOf<BackgroundProtocol, K>> {
  const message: MessageOf<BackgroundProtocol, K> = { type, ...data };
  return browser.runtime.sendMessage<MessageOf<BackgroundProtocol, K>, AnswerOf<BackgroundProtocol, K>>(message);
}

/** Tells the extension's open pages (the popup) something; nothing happens when none is open. */
export function sendToPages<K extends keyof PagesProtocol & string>(type: K, data: PagesProtocol[K]['data']): void {
  const message: MessageOf<PagesProtocol, K> = { type, ...data };
  browser.runtime.sendMessage(message).catch(() => {}); // "Receiving end does not exist": no page open
}

/**
 * Sends a message to a tab's content scripts (one frame with `frameId`); resolves with the
 * first answer, `undefined` when every frame stayed silent, and rejects when the tab has no
 * content script.
 */
export function sendToTab<K extends keyof TabProtocol & string>(
  tabId: number,
  type: K,
  data: TabProtocol[K]['data'],
  options?: { frameId?: number },
): Promise<AnswerOf<TabProtocol, K> | undefined> {
  const message: MessageOf<TabProtocol, K> = { type, ...data };
  return browser.tabs.sendMessage<MessageOf<TabProtocol, K>, AnswerOf<TabProtocol, K> | undefined>(
    tabId,
    message,
    options?.frameId === undefined ? undefined : { frameId: options.frameId },
  );
}

/** Listens for the messages of one protocol; returns the function that stops listening. */
export function onMessages<P extends AnyProtocol>(handlers: Handlers<P>): () => void {
  const listener = (message: unknown, sender: Browser.runtime.MessageSender): Promise<unknown> | undefined => {
    if (!message || typeof message !== 'object' || !('type' in message) || typeof message.type !== 'string')
      return undefined;
    const handler = (
      handlers as Record<string, ((m: unknown, s: Browser.runtime.MessageSender) => unknown) | undefined>
    )[message.type];
    const answer = handler?.(message, sender);
    // No answer: return nothing at all, so the message port stays free for another frame's answer.
    return answer === undefined ? undefined : Promise.resolve(answer);
  };
  browser.runtime.onMessage.addListener(listener);
  return () => browser.runtime.onMessage.removeListener(listener);
}
