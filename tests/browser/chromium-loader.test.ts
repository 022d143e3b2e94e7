import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { CDPSession, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browser, openFixture, server, useChromiumWithFixtures } from './chromium-fixtures';
import { waitFor, watchErrors } from './chromium';
import { collectHighlightsInPage } from './expected';

/**
 * The loader every frame runs (src/page/loader.ts): a frame whose text names nothing never
 * imports the full content script; it does once a term appears, or a message needs it.
 */

/** The extension API inside `worker.evaluate` callbacks (they run in the service worker). */
declare const chrome: typeof import('wxt/browser').browser;

useChromiumWithFixtures();

/** Whether the full content script runs in the frame `frameId` (our isolated world's global, through CDP). */
async function fullScriptIn(cdp: CDPSession, contexts: Map<string, number>, frameId: string): Promise<boolean> {
  const contextId = contexts.get(frameId);
  if (contextId === undefined) return false;
  const { result } = await cdp.send('Runtime.evaluate', {
    expression: 'typeof globalThis.__contextoContentMain',
    contextId,
  });
  return result.value === 'function';
}

/** Our isolated world's execution context in each frame of `page`. */
async function isolatedWorlds(page: Page): Promise<{ cdp: CDPSession; contexts: Map<string, number> }> {
  const { cdp } = await watchErrors(page);
  const contexts = new Map<string, number>();
  cdp.on('Runtime.executionContextCreated', ({ context }) => {
    const aux = context.auxData as { type?: string; frameId?: string } | undefined;
    if (aux?.type === 'isolated' && context.origin.startsWith('chrome-extension://'))
      contexts.set(aux.frameId!, context.id);
  });
  // Enabling again reports the existing contexts.
  await cdp.send('Runtime.disable');
  await cdp.send('Runtime.enable');
  return { cdp, contexts };
}

/** The top frame's id, once our isolated world runs there. */
function topFrameId(cdp: CDPSession, contexts: Map<string, number>): Promise<string> {
  return waitFor(async () => {
    const { frameTree } = (await cdp.send('Page.getFrameTree')) as { frameTree: { frame: { id: string } } };
    return contexts.has(frameTree.frame.id) ? frameTree.frame.id : null;
  }, 'our isolated world in the top frame');
}

async function tabIdOf(page: Page): Promise<number> {
  await page.bringToFront();
  return browser.worker.evaluate(
    async () => (await chrome.tabs.query({ active: true, lastFocusedWindow: true }))[0]!.id!,
  );
}

describe('Chromium: the loader', () => {
  it('imports the full script only once the page names a term, and answers the popup before that', async () => {
    const page = await openFixture('/pages/quiet.html');
    const { cdp, contexts } = await isolatedWorlds(page);
    const top = page.mainFrame();
    const topId = await topFrameId(cdp, contexts);
    await page.waitForTimeout(1000);
    expect(await fullScriptIn(cdp, contexts, topId)).toBe(false);
    expect(await page.evaluate(collectHighlightsInPage)).toEqual([]);

    // The popup's question and the keyboard command are answered without it.
    const tabId = await tabIdOf(page);
    const ask = (message: object) =>
      browser.worker.evaluate(([id, m]) => chrome.tabs.sendMessage(id, m, { frameId: 0 }), [tabId, message] as const);
    expect(await ask({ type: 'get-page-info' })).toEqual({ url: top.url() });
    expect(await ask({ type: 'reveal-mention', direction: 1 })).toEqual({ revealed: false });
    expect(await fullScriptIn(cdp, contexts, topId)).toBe(false);

    // A term arrives (a feed, a single-page app): painted, by the full script.
    await page.evaluate(() =>
      (window as unknown as { addParagraph(t: string): void }).addParagraph('Late news about the DEA.'),
    );
    const painted = await waitFor(async () => {
      const p = (await page.evaluate(collectHighlightsInPage)).map((h) => h.text);
      return p.length ? p : null;
    }, 'the new paragraph to be painted');
    expect(painted).toEqual(['DEA']);
    expect(await fullScriptIn(cdp, contexts, topId)).toBe(true);
    expect(await ask({ type: 'get-page-info' })).toEqual({ url: top.url() });
    expect(await ask({ type: 'reveal-mention', direction: 1 })).toEqual({ revealed: true });

    // The 1×1 frame names a term but is too small to show it: nothing loads there until it grows.
    const frame = page.frames().find((f) => f.url().endsWith('/quiet-frame.html'))!;
    const { frameTree } = (await cdp.send('Page.getFrameTree')) as {
      frameTree: { childFrames?: { frame: { id: string; url: string } }[] };
    };
    const frameId = frameTree.childFrames!.find((c) => c.frame.url.endsWith('/quiet-frame.html'))!.frame.id;
    await waitFor(() => contexts.has(frameId), 'our isolated world in the small frame');
    expect(await fullScriptIn(cdp, contexts, frameId)).toBe(false);
    expect(await frame.evaluate(collectHighlightsInPage)).toEqual([]);
    await page.evaluate(() => {
      const f = document.getElementById('small') as HTMLIFrameElement;
      f.width = '400';
      f.height = '100';
    });
    await waitFor(async () => (await frame.evaluate(collectHighlightsInPage)).length === 1, 'the grown frame painted');
    expect(await fullScriptIn(cdp, contexts, frameId)).toBe(true);
    await page.close();
  });

  it('does not import the full script for a term in text it never scans (a script added to the page)', async () => {
    const page = await openFixture('/pages/quiet.html');
    const { cdp, contexts } = await isolatedWorlds(page);
    const topId = await topFrameId(cdp, contexts);
    await page.waitForTimeout(500);
    // The loader's observer sees the script as the container to look at; the full script would skip it.
    await page.evaluate(() => {
      const script = document.createElement('script');
      script.type = 'text/x-template';
      script.textContent = 'Late news about the DEA.';
      document.body.appendChild(script);
    });
    await page.waitForTimeout(1000);
    expect(await fullScriptIn(cdp, contexts, topId)).toBe(false);
    await page.close();
  });

  it('has the background inject the full script into a top frame still parsing; imports it elsewhere', async () => {
    // Every `scripting.executeScript` the background makes, recorded in the service worker.
    await browser.worker.evaluate(() => {
      const g = globalThis as unknown as { __injected?: unknown[] };
      if (g.__injected) return;
      const injected: unknown[] = [];
      g.__injected = injected;
      const original = chrome.scripting.executeScript.bind(chrome.scripting);
      chrome.scripting.executeScript = ((injection: Parameters<typeof original>[0]) => {
        injected.push(injection.target);
        return original(injection);
      }) as typeof chrome.scripting.executeScript;
    });
    type Target = { tabId: number; documentIds?: string[]; frameIds?: number[] };
    const injectedSoFar = () =>
      browser.worker.evaluate(
        () => [...((globalThis as unknown as { __injected: unknown[] }).__injected ?? [])] as Target[],
      );
    const before = (await injectedSoFar()).length;

    // A page held mid-body by a parser-blocking script: its first paragraph is painted while it parses.
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    const pageHtml = `<!doctype html><html><head><meta charset="utf-8"><title>Held</title></head><body>
<p>Officials discussed the Sinaloa Cartel and fentanyl seizures at the border.</p>
<script src="/held.js"></script>
<p>Later: the DEA.</p>
</body></html>`;
    const heldServer = createServer((req, res) => {
      const send = (type: string, body: string) =>
        res.writeHead(200, { 'content-type': type, 'cache-control': 'no-store' }).end(body);
      if (req.url === '/held.js') void held.then(() => send('text/javascript', 'window.__released = true;'));
      else send('text/html; charset=utf-8', pageHtml);
    });
    await new Promise<void>((ok) => heldServer.listen(0, '127.0.0.1', ok));
    const page = await browser.context.newPage();
    try {
      void page.goto(`http://127.0.0.1:${(heldServer.address() as AddressInfo).port}/held.html`).catch(() => {});
      const early = await waitFor(async () => {
        const p = await page.evaluate(collectHighlightsInPage).catch(() => []);
        return p.length === 2 ? p : null;
      }, 'the first paragraph painted while the page parses');
      expect(early.map((m) => m.text)).toEqual(['Sinaloa Cartel', 'fentanyl']);
      expect(await page.evaluate(() => document.readyState)).toBe('loading');
      const top = (await injectedSoFar()).slice(before);
      expect(top).toHaveLength(1);
      expect(top[0]!.tabId).toBe(await tabIdOf(page));
      expect(top[0]!.documentIds ?? top[0]!.frameIds).toHaveLength(1);
      release();
      await waitFor(async () => (await page.evaluate(collectHighlightsInPage)).length === 3, 'the whole page painted');
    } finally {
      release();
      await page.close();
      heldServer.closeAllConnections();
      await new Promise<void>((ok) => heldServer.close(() => ok()));
    }

    // After the parse (a term added later), the top frame imports the script: an injected one is
    // compiled on the main thread. So does a sub-frame: quiet.html's small frame, grown, names the DEA.
    const quiet = await openFixture('/pages/quiet.html');
    await quiet.waitForTimeout(500);
    await quiet.evaluate(() =>
      (window as unknown as { addParagraph(t: string): void }).addParagraph('Late news about the DEA.'),
    );
    await waitFor(
      async () => (await quiet.evaluate(collectHighlightsInPage)).length === 1,
      'the new paragraph painted',
    );
    const frame = quiet.frames().find((f) => f.url().endsWith('/quiet-frame.html'))!;
    await quiet.evaluate(() => {
      const f = document.getElementById('small') as HTMLIFrameElement;
      f.width = '400';
      f.height = '100';
    });
    await waitFor(async () => (await frame.evaluate(collectHighlightsInPage)).length === 1, 'the grown frame painted');
    expect((await injectedSoFar()).length).toBe(before + 1);
    await quiet.close();
  });

  it('posts nothing to the page while it has nothing to find (the loader runs without WXT’s context, which messages every frame)', async () => {
    const page = await browser.context.newPage();
    await page.addInitScript(() => {
      const seen: unknown[] = [];
      (window as unknown as { __contextoMessages: unknown[] }).__contextoMessages = seen;
      window.addEventListener('message', (e) => seen.push(e.data));
    });
    await page.goto(server.url('/pages/quiet.html'));
    const { cdp, contexts } = await isolatedWorlds(page);
    const topId = await topFrameId(cdp, contexts);
    await page.waitForTimeout(1000);
    expect(await fullScriptIn(cdp, contexts, topId)).toBe(false);
    expect(
      await page.evaluate(() => (window as unknown as { __contextoMessages: unknown[] }).__contextoMessages),
    ).toEqual([]);
    await page.close();
  });
});
