import { describe, expect, it } from 'vitest';
import { browser, nameOf, openFixture, paintedOnce, useChromiumWithFixtures } from './chromium-fixtures';
import { dialogNames, focusedNode, waitFor, watchErrors } from './chromium';
import { expectedMentions, focusMarkInPage } from './expected';

/** The extension API inside `worker.evaluate` callbacks (they run in the service worker). */
declare const chrome: typeof import('wxt/browser').browser;

/** The built Chromium extension: the keyboard command: next/previous mention, focus into the card and back. */

useChromiumWithFixtures();

/**
 * What the command handler (src/background/commands.ts) sends to the active tab, sent from the
 * service worker: headless Chromium does not deliver the shortcut itself, which
 * chromium-shortcut.test.ts presses for real in a headed Chromium.
 */
const reveal = (direction: 1 | -1) =>
  browser.worker.evaluate(async (d) => {
    const [tab] = await chrome.tabs.query({ active: true, lastFocusedWindow: true });
    await chrome.tabs.sendMessage(tab!.id!, { type: 'reveal-mention', direction: d }, { frameId: 0 });
  }, direction);

describe('Chromium: keyboard command', () => {
  it('opens the card of the next mention and moves focus into it; Escape returns focus', async () => {
    const page = await openFixture('/pages/basic.html');
    const { cdp } = await watchErrors(page);
    await paintedOnce(page, expectedMentions('pages/basic.html').length);
    await page.evaluate(() => {
      const a = document.querySelector('a');
      a?.focus();
    });
    await reveal(1);
    await waitFor(async () => (await dialogNames(cdp)).join() === nameOf('dea'), 'the first mention (DEA) card');
    // Focus is inside the card (the host is the page's active element) and the mention is marked.
    expect(await page.evaluate(() => document.activeElement?.localName)).toBe('contexto-card');
    expect((await page.evaluate(focusMarkInPage)).texts).toEqual(['DEA']);
    // Tab moves through the card's controls (close, related terms, "Open in Contexto").
    const controls: string[] = [];
    for (let i = 0; i < 3; i++) {
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement?.localName)).toBe('contexto-card');
      const node = await focusedNode(cdp);
      controls.push(`${node?.role}:${node?.name}`);
    }
    expect(new Set(controls).size).toBe(3);
    for (const c of controls) expect(c).toMatch(/^(button|link):./);
    await page.keyboard.press('Escape');
    await waitFor(async () => (await dialogNames(cdp)).length === 0, 'the card to close');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('href'))).toBe('#x');
    // Repeated use moves on: DEA → Claudia Sheinbaum → Mérida Initiative; the Shift variant goes back.
    await reveal(1);
    await waitFor(
      async () => (await dialogNames(cdp)).join() === nameOf('claudia-sheinbaum'),
      'the second mention card',
    );
    await reveal(1);
    await waitFor(
      async () => (await dialogNames(cdp)).join() === nameOf('merida-initiative'),
      'the third mention card',
    );
    await reveal(-1);
    await waitFor(
      async () => (await dialogNames(cdp)).join() === nameOf('claudia-sheinbaum'),
      'the second mention card again',
    );
    await reveal(-1);
    await reveal(-1);
    await waitFor(
      async () => (await dialogNames(cdp)).join() === nameOf('el-chapo'),
      'the last mention card (cycling)',
    );
    await page.close();
  });

  it("a related term's button opens its card, though the page never names it (its entry is fetched then)", async () => {
    const page = await openFixture('/pages/basic.html');
    const { cdp } = await watchErrors(page);
    await paintedOnce(page, expectedMentions('pages/basic.html').length);
    await page.evaluate(() => document.querySelector('a')?.focus());
    // Sent to this page's tab by its address: the active-tab query can name a tab an earlier test left.
    await browser.worker.evaluate(async (url) => {
      const [tab] = await chrome.tabs.query({ url });
      await chrome.tabs.sendMessage(tab!.id!, { type: 'reveal-mention', direction: 1 }, { frameId: 0 });
    }, page.url());
    await waitFor(async () => (await dialogNames(cdp)).join() === nameOf('dea'), 'the first mention (DEA) card');
    // DEA's related terms include Rafael Caro Quintero, whom basic.html does not name.
    const target = nameOf('rafael-caro-quintero');
    const seen: string[] = [];
    for (let i = 0; i < 8 && !seen.includes(`button:${target}`); i++) {
      await page.keyboard.press('Tab');
      const node = await focusedNode(cdp);
      seen.push(`${node?.role}:${node?.name}`);
    }
    expect(seen).toContain(`button:${target}`);
    await page.keyboard.press('Enter');
    await waitFor(async () => (await dialogNames(cdp)).join() === target, 'the related term card');
    await page.close();
  });
});
