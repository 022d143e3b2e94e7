import { resolve } from 'node:path';
import type { BrowserContext, CDPSession, Page, Worker } from 'playwright-core';
import { launchChromium as launchChromiumWith } from '../../scripts/lib/browser';

export const CHROME_BUILD = resolve('.output/chrome-mv3');

export interface ChromiumWithExtension {
  context: BrowserContext;
  worker: Worker;
  extensionId: string;
  close(): Promise<void>;
}

/**
 * Launches headless Chromium with the built extension (the scripts' launcher, scripts/lib/browser.ts);
 * every request not to 127.0.0.1 is aborted.
 * `lang` sets the browser UI language (Linux Chromium reads LANGUAGE); `display` (an X display
 * such as Xvfb's, see xvfb.ts) launches it headed there instead.
 */
export async function launchChromium(
  extensionDir = CHROME_BUILD,
  { lang, phone, display }: { lang?: string; phone?: boolean; display?: string } = {},
): Promise<ChromiumWithExtension> {
  const { context, close } = await launchChromiumWith({
    extensionDir,
    extraArgs: ['--disable-quic', ...(lang ? [`--lang=${lang}`] : [])],
    headless: display === undefined,
    env: {
      ...process.env,
      ...(lang ? { LANGUAGE: lang, LANG: `${lang}.UTF-8` } : {}),
      ...(display ? { DISPLAY: display } : {}),
    },
    context: {
      viewport: { width: 1100, height: 800 },
      // A phone: touch events, mobile viewport (meta viewport honoured), 390 × 700 CSS px.
      ...(phone ? { viewport: { width: 390, height: 700 }, hasTouch: true, isMobile: true, deviceScaleFactor: 2 } : {}),
      ...(lang ? { locale: lang } : {}),
    },
  });
  await context.route('**/*', (route) => {
    const url = new URL(route.request().url());
    if (url.hostname === '127.0.0.1' || url.protocol === 'chrome-extension:' || url.protocol === 'data:')
      return route.continue();
    return route.abort('blockedbyclient');
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 30_000 }));
  return { context, worker, extensionId: new URL(worker.url()).host, close };
}

export interface PageErrors {
  /** Uncaught exceptions and console errors from every context of the page (content scripts included). */
  errors: string[];
}

/** Collects errors from the page's main world and our isolated world, through CDP. */
export async function watchErrors(page: Page): Promise<PageErrors & { cdp: CDPSession }> {
  const result: PageErrors = { errors: [] };
  const cdp = await page.context().newCDPSession(page);
  cdp.on('Runtime.exceptionThrown', (e) =>
    result.errors.push(`exception: ${e.exceptionDetails.exception?.description ?? e.exceptionDetails.text}`),
  );
  cdp.on('Runtime.consoleAPICalled', (e) => {
    if (e.type === 'error' || e.type === 'assert')
      result.errors.push(`console.error: ${e.args.map((a) => a.value ?? a.description).join(' ')}`);
  });
  cdp.on('Log.entryAdded', (e) => {
    if (e.entry.level === 'error') result.errors.push(`log(${e.entry.source}): ${e.entry.text} ${e.entry.url ?? ''}`);
  });
  await cdp.send('Runtime.enable');
  await cdp.send('Log.enable');
  return { ...result, cdp, errors: result.errors };
}

interface AXNode {
  role?: { value?: string };
  name?: { value?: string };
  ignored?: boolean;
}

interface FrameTree {
  frame: { id: string };
  childFrames?: FrameTree[];
}

/**
 * The accessibility tree of the page and of each of its frames, in frame-tree order (one
 * list): it sees into closed shadow roots, and the card lives in its own iframe document.
 */
export async function fullAXTree<T = AXNode>(cdp: CDPSession): Promise<T[]> {
  const { frameTree } = (await cdp.send('Page.getFrameTree')) as { frameTree: FrameTree };
  const ids: string[] = [];
  const walk = (t: FrameTree) => {
    ids.push(t.frame.id);
    for (const c of t.childFrames ?? []) walk(c);
  };
  walk(frameTree);
  const all: T[] = [];
  for (const frameId of ids) {
    try {
      const { nodes } = (await cdp.send('Accessibility.getFullAXTree', { frameId })) as { nodes: T[] };
      all.push(...nodes);
    } catch {
      // A frame gone (or out of process) meanwhile: its tree is not the page's to read.
    }
  }
  return all;
}

/** Names of the dialogs in the page's accessibility tree (closed shadow roots and frames included). */
export async function dialogNames(cdp: CDPSession): Promise<string[]> {
  const nodes = await fullAXTree(cdp);
  return nodes.filter((n) => !n.ignored && n.role?.value === 'dialog').map((n) => String(n.name?.value ?? ''));
}

/** Role and name of the focused node in the accessibility tree (it sees into closed shadow roots). */
export async function focusedNode(cdp: CDPSession): Promise<{ role: string; name: string } | null> {
  const nodes = await fullAXTree<AXNode & { properties?: { name: string; value: { value?: unknown } }[] }>(cdp);
  // The document itself reports focus too: the focused element is the last (deepest) such node.
  const node = nodes
    .filter((n) => !n.ignored && n.properties?.some((p) => p.name === 'focused' && p.value.value === true))
    .at(-1);
  return node ? { role: String(node.role?.value ?? ''), name: String(node.name?.value ?? '') } : null;
}

/** Polls `check` until it returns a truthy value or the time is up (timeouts bound a hang, they do not measure speed). */
export async function waitFor<T>(
  check: () => Promise<T> | T,
  what: string,
  timeoutMs = 15_000,
  everyMs = 100,
): Promise<NonNullable<T>> {
  const start = Date.now();
  let last: T | undefined;
  for (;;) {
    last = await check();
    if (last) return last as NonNullable<T>;
    if (Date.now() - start > timeoutMs)
      throw new Error(`timed out waiting for ${what}; last value: ${JSON.stringify(last)}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
