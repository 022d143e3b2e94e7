import type { CDPSession } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browser, nameOf, server, useChromiumWithFixtures } from './chromium-fixtures';
import { dialogNames, waitFor } from './chromium';
import {
  collectHighlightsInPage,
  expectedMentions,
  mentionBoxInPage,
  type MentionBox,
  type PaintedText,
} from './expected';

/**
 * A page whose JavaScript the reader blocked. Chrome then refuses the loader's import() of the
 * full script and runs no setTimeout callback, content scripts' included; Contexto must still
 * paint and open cards there (src/background/inject-content-main.ts, src/page/timer.ts).
 */

useChromiumWithFixtures();

/** Runs `fn(arg)` in our isolated world (the page's own world runs no callback there). */
async function inOurWorld<T>(
  cdp: CDPSession,
  contextId: number,
  fn: (arg?: string) => T,
  arg?: string,
): Promise<Awaited<T>> {
  const { result, exceptionDetails } = await cdp.send('Runtime.evaluate', {
    expression: `(${fn.toString()})(${JSON.stringify(arg)})`,
    contextId,
    awaitPromise: true,
    returnByValue: true,
  });
  if (exceptionDetails) throw new Error(exceptionDetails.exception?.description ?? exceptionDetails.text);
  return result.value as Awaited<T>;
}

describe('Chromium: a page with JavaScript blocked', () => {
  it('paints every mention and opens and closes the hover card', async () => {
    const page = await browser.context.newPage();
    const cdp = await browser.context.newCDPSession(page);
    let ourWorld: number | undefined;
    cdp.on('Runtime.executionContextCreated', ({ context }) => {
      const aux = context.auxData as { type?: string; isDefault?: boolean } | undefined;
      if (aux?.type === 'isolated' && context.origin.startsWith('chrome-extension://')) ourWorld = context.id;
    });
    await cdp.send('Runtime.enable');
    // What the site setting "JavaScript: not allowed" sets for the page.
    await cdp.send('Emulation.setScriptExecutionDisabled', { value: true });
    await page.goto(server.url('/pages/basic.html'));
    await page.bringToFront();
    const expected = expectedMentions('pages/basic.html');
    const painted = await waitFor(async () => {
      if (ourWorld === undefined) return null;
      const p: PaintedText[] = await inOurWorld(cdp, ourWorld, collectHighlightsInPage);
      return p.length === expected.length ? p : null;
    }, `${expected.length} highlights`);
    expect(painted).toEqual(expected);
    const box = (await inOurWorld(cdp, ourWorld!, mentionBoxInPage as (t?: string) => MentionBox | null, 'CJNG'))!;
    await page.mouse.move(box.tap.x - 30, box.tap.y + 40);
    await page.mouse.move(box.tap.x, box.tap.y, { steps: 4 });
    await waitFor(async () => (await dialogNames(cdp)).join() === nameOf('cjng'), 'the CJNG card');
    // Closing after the pointer leaves runs on a timer too.
    await page.mouse.move(5, 5, { steps: 3 });
    await waitFor(async () => (await dialogNames(cdp)).length === 0, 'the card to hide after the pointer left');
    await page.close();
  });
});
