import { activeGateOf } from '../sheets/active-gate';
import { type BundledGate, gateTester, parsedLooks, readGate } from './gate-check';
import { readEarly } from './early-reads';
import {
  CONTENT_MAIN_GLOBAL,
  CONTENT_MAIN_PATH,
  handedOver,
  importHandedOver,
  type PageHandle,
  type StartContentMain,
} from './handoff';
import { containersToRescan, PAGE_CHANGES } from './live';
import type { LoaderContext } from './loader-context';
import { isInsideSkipped } from './scan';
import { afterThisTask, isFrameWorthScanning, whenDomReady, whenWorthScanning } from './start';

/**
 * What every frame runs (entrypoints/content.ts): a few kB that decide whether the frame needs
 * Contexto at all, and import the full content script (entrypoints/content-main.ts) only then:
 * - once the frame is worth scanning (src/page/start.ts) and one of its text blocks, as the
 *   scanner reads them, opens the active sheet's gate (src/matcher `gatedMatcher`): at
 *   DOMContentLoaded, on later changes (the containers src/page/live.ts would rescan), and
 *   again when the active sheet's gate changes (`active-gate-changed`, from the background); or
 * - when a message needs it (`show-card`). `get-page-info` it answers itself, and
 *   `reveal-mention` too while the page has nothing to find (there is nothing to reveal).
 * Exact: a block the gate keeps shut holds no mention, so a frame without the full script
 * paints nothing it would have painted. No webextension-polyfill, storage wrapper or sheet here.
 */

/** The few extension APIs the loader uses, callback style (`chrome`: Chrome, and Firefox's callback namespace). */
interface LoaderApi {
  runtime: {
    id?: string;
    lastError?: unknown;
    getURL(path: string): string;
    sendMessage(message: unknown, callback: (answer: unknown) => void): void;
    onMessage: {
      addListener(cb: MessageListener): void;
      removeListener(cb: MessageListener): void;
    };
  };
}
type MessageListener = (message: unknown, sender: unknown, sendResponse: (answer: unknown) => void) => true | undefined;

/** Chrome's, and Firefox's callback-style namespace (Firefox's `browser` returns promises instead). */
declare const chrome: LoaderApi;

export function runLoader(ctx: LoaderContext, bundled: BundledGate): void {
  const isTop = window.top === window;
  let page: Promise<PageHandle | null> | null = null;
  /** The first look at the DOM is done (before it, `reveal-mention` stays unanswered, as it would while parsing). */
  let looked = false;
  let stopWatching = () => {};
  /** Takes the active gate's new stored item while the loader watches (src/background/active-gate.ts sends it). */
  let gateChanged: ((stored: unknown) => void) | null = null;

  const start = (): Promise<PageHandle | null> => {
    if (page) return page;
    stopWatching();
    const early = readEarly();
    page = loadContentMain().then((startMain) => (ctx.isInvalid ? null : startMain(early)));
    page.catch((e: unknown) => console.warn('Contexto: could not start', e));
    return page;
  };

  const onMessage: MessageListener = (message, _sender, sendResponse) => {
    if (!message || typeof message !== 'object') return;
    const m = message as { type?: unknown; direction?: 1 | -1; termId?: string; gate?: unknown };
    if (m.type === 'active-gate-changed') {
      gateChanged?.(m.gate);
    } else if (m.type === 'get-page-info') {
      if (!isTop) return;
      sendResponse({ url: location.href });
    } else if (m.type === 'reveal-mention') {
      if (!isTop || !m.direction) return;
      if (!page) {
        if (!looked) return;
        sendResponse({ revealed: false });
        return;
      }
      const direction = m.direction;
      answer(
        page.then((p) => p?.reveal(direction, m.termId)),
        sendResponse,
      );
      return true;
    } else if (m.type === 'show-card') {
      const selection = window.getSelection();
      if (!selection || selection.rangeCount === 0 || selection.isCollapsed || typeof m.termId !== 'string') return;
      if (!isFrameWorthScanning(window)) return;
      const range = selection.getRangeAt(0).cloneRange();
      const termId = m.termId;
      answer(
        start().then((p) => p?.showCardAt(range, termId)),
        sendResponse,
      );
      return true;
    }
  };
  chrome.runtime.onMessage.addListener(onMessage);
  ctx.onInvalidated(() => {
    stopWatching();
    chrome.runtime.onMessage.removeListener(onMessage);
  });

  void watchForText(ctx, bundled, start, () => page !== null, {
    setStop: (stop) => {
      stopWatching = stop;
    },
    onGateChange: (take) => {
      gateChanged = take;
    },
  }).then(() => {
    looked = true;
  });
}

/**
 * Evaluates the full content script in this frame's content-script world and returns what it
 * hands over. Chrome refuses a content script's import() where the reader blocked the site's
 * JavaScript (site settings); the background then injects the same file (`inject-script`).
 */
async function loadContentMain(): Promise<StartContentMain> {
  // A script the background injects arrives sooner than a content script's import() while the page
  // parses: the top frame, whose first screen waits for it, asks for that first. Chromium settled the
  // import 170-360 ms after it began on guardian-1 and yahoo-1, the injection 70-100 ms; but there the
  // injected script costs ~20 ms more CPU (compiled on the main thread, 39 against 7 ms of evaluation),
  // so only while the page parses. Firefox settles the import hundreds of ms after DOMContentLoaded
  // on a long page, and seconds into a parser-blocking script's load. Other frames import it.
  if (window.top === window && (import.meta.env.FIREFOX || document.readyState === 'loading')) {
    const injected = await injectedAtOnce();
    if (injected) return injected;
  }
  return importHandedOver<StartContentMain>(CONTENT_MAIN_PATH, CONTENT_MAIN_GLOBAL, injectedByBackground);
}

/**
 * The full script as the background injects it, taken as it hands itself over (it sets the
 * global while it is evaluated): Firefox delivered the background's answer hundreds of ms after
 * the script ran. Null when the background could not inject it.
 */
function injectedAtOnce(): Promise<StartContentMain | null> {
  const g = globalThis as Record<string, unknown>;
  return new Promise((resolve) => {
    Object.defineProperty(g, CONTENT_MAIN_GLOBAL, {
      configurable: true,
      set(value: unknown) {
        Object.defineProperty(g, CONTENT_MAIN_GLOBAL, { value, configurable: true, writable: true });
        if (typeof value === 'function') resolve(value as StartContentMain);
      },
    });
    // A failed send (the extension reloaded) falls back to the import as well.
    void injectedByBackground()
      .catch(() => false)
      .then(() => resolve(handedOver<StartContentMain>(CONTENT_MAIN_GLOBAL) ?? null));
  });
}

function injectedByBackground(): Promise<boolean> {
  return new Promise((resolve) => {
    chrome.runtime.sendMessage({ type: 'inject-script', script: 'content-main' }, (answer) => {
      void chrome.runtime.lastError;
      resolve((answer as { ok?: unknown } | undefined)?.ok === true);
    });
  });
}

/** Answers with what `answer` resolves to (nothing when it fails or resolves to undefined). */
function answer(value: Promise<unknown>, sendResponse: (answer: unknown) => void): void {
  value.then(sendResponse, (e: unknown) => {
    console.warn('Contexto:', e);
    sendResponse(undefined);
  });
}

/**
 * Starts the full script once the frame's text opens the gate: at DOMContentLoaded (when the frame
 * is worth scanning), then on every change of the page or of the active sheet's gate words. The
 * top frame also looks while a long page parses (at what the parser added: `parsedLooks`), so a page
 * that names a term early gets the full script (its storage reads, and the matcher compiled early on a
 * long page) before DOMContentLoaded.
 */
async function watchForText(
  ctx: LoaderContext,
  bundled: BundledGate,
  start: () => unknown,
  started: () => boolean,
  hooks: { setStop(stop: () => void): void; onGateChange(take: ((stored: unknown) => void) | null): void },
): Promise<void> {
  const doc = document;
  const gate = readGate(bundled);
  // From the first task after this one: a short page, parsed in the meantime, gets only the look
  // at DOMContentLoaded (watching it parse cost more than all else here); a long page is looked at
  // as far as it came, then watched. Firefox ran that task only when its parser yielded, often
  // hundreds of ms into a long page, and the full script it then asks the background for came
  // after DOMContentLoaded: there the top frame watches from the start (side by side, first
  // highlight after DOMContentLoaded, medians of 6 loads: wikipedia-2 360–468 → 171–290 ms).
  const early =
    window.top === window &&
    isParsing(doc) &&
    (import.meta.env.FIREFOX || ((await afterThisTask(doc)) && isParsing(doc)));
  if (!early) {
    await whenDomReady(doc);
    await whenWorthScanning(window, ctx);
  }
  // While the top frame parses, the bundled gate stands in until storage answers (a page naming
  // a bundled term then starts the full script a storage round trip sooner; the stored gate can
  // only add a look, and the full script decides what is painted).
  let opens = gateTester(early ? bundled.gate : await gate);
  if (early) {
    void gate.then((stored) => {
      if (stored === bundled.gate || ctx.isInvalid || started()) return;
      opens = gateTester(stored);
      if (doc.body && opens(doc.body)) start();
    });
  }
  if (ctx.isInvalid || started()) return;
  const observer = new MutationObserver((records) => {
    const seen = new Set<Element>();
    for (const record of records) {
      const containers = containersToRescan(record);
      for (const c of containers === 'body' ? [doc.body] : containers) {
        if (!c || seen.has(c)) continue;
        seen.add(c);
        // A script's or style's text (the parser appending to it) never opens: the full script skips it too.
        if (isInsideSkipped(c)) continue;
        if (opens(c)) {
          start();
          return;
        }
      }
    }
  });
  // While the top frame parses: a look at what is new after each batch of the parser's appends
  // (their records are not read). Made only then.
  const lookFurther = early ? parsedLooks(doc) : null;
  const parsing = lookFurther
    ? new MutationObserver(() => {
        if (lookFurther(opens)) start();
      })
    : null;
  // Told by the background's message, not a storage listener of our own: an extension event
  // listener cost each frame about 0.5 ms of script (idle-split, ten frames).
  hooks.onGateChange((stored) => {
    opens = gateTester(activeGateOf(stored, bundled));
    if (doc.body && opens(doc.body)) start();
  });
  hooks.setStop(() => {
    parsing?.disconnect();
    observer.disconnect();
    hooks.onGateChange(null);
  });
  if (lookFurther && parsing) {
    if (lookFurther(opens)) {
      start();
      return;
    }
    parsing.observe(doc.documentElement, { childList: true, subtree: true });
    await whenDomReady(doc);
    parsing.disconnect();
    if (ctx.isInvalid || started()) return;
  }
  // The whole text at DOMContentLoaded (again in the top frame: changes other than the parser's
  // appends were not looked at, nor were the parser's appends to a text node, which need not be reported).
  const lookStart = performance.now();
  if (!doc.body || opens(doc.body)) {
    start();
    return;
  }
  // Nothing to find: this look was the frame's first full scan (recorded as the full script records
  // its own, for test:pages and the bench).
  performance.measure('contexto-scan', { start: lookStart });
  // From now on, the changes the full script watches for (what it would rescan).
  observer.observe(doc.documentElement, PAGE_CHANGES);
}

/** `doc` is still parsing, with a root to watch. */
function isParsing(doc: Document): boolean {
  return doc.readyState === 'loading' && doc.documentElement !== null;
}
