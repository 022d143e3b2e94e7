import { describe, expect, it } from 'vitest';
import { browser, nameOf, openFixture, paintedOnce, useChromiumWithFixtures } from './chromium-fixtures';
import { dialogNames, focusedNode, waitFor, watchErrors } from './chromium';
import { expectedMentions } from './expected';

/** The built Chromium extension: the keyboard command: next/previous mention, focus into the card and back. */

useChromiumWithFixtures();

describe('Chromium: keyboard command', () => {
  it('opens the card of the next mention and moves focus into it; Escape returns focus', async () => {
    const page = await openFixture('/pages/basic.html');
    const { cdp } = await watchErrors(page);
    await paintedOnce(page, expectedMentions('pages/basic.html').length);
    await page.evaluate(() => {
      const a = document.querySelector('a');
      a?.focus();
    });
    // First the real shortcut (Alt+Shift+K). Headless Chromium usually does not route
    // browser-level shortcuts to extension commands, so if no card opens we send the
    // exact message the command handler sends (src/background/commands.ts) from the
    // service worker to the active tab.
    await page.keyboard.press('Alt+Shift+K');
    let viaShortcut = true;
    try {
      await waitFor(async () => (await dialogNames(cdp)).length > 0, 'a card from the shortcut', 2000);
    } catch {
      viaShortcut = false;
      await browser.worker.evaluate(async () => {
        const c = (
          globalThis as unknown as {
            chrome: {
              tabs: {
                query(q: object): Promise<{ id: number }[]>;
                sendMessage(id: number, m: object, o: object): Promise<unknown>;
              };
            };
          }
        ).chrome;
        const [tab] = await c.tabs.query({ active: true, lastFocusedWindow: true });
        await c.tabs.sendMessage(tab!.id, { type: 'reveal-mention', direction: 1 }, { frameId: 0 });
      });
    }
    console.log(`keyboard command reached the page via ${viaShortcut ? 'the real shortcut' : 'the command message'}`);
    await waitFor(async () => (await dialogNames(cdp)).join() === nameOf('dea'), 'the first mention (DEA) card');
    // Focus is inside the card (the host is the page's active element) and the mention is marked.
    expect(await page.evaluate(() => document.activeElement?.localName)).toBe('contexto-card');
    expect(
      await page.evaluate(() =>
        [...((CSS as unknown as { highlights: Map<string, Set<Range>> }).highlights.get('contexto-focus') ?? [])].map(
          (r) => r.toString(),
        ),
      ),
    ).toEqual(['DEA']);
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
    const reveal = (direction: 1 | -1) =>
      browser.worker.evaluate(async (d) => {
        const c = (
          globalThis as unknown as {
            chrome: {
              tabs: {
                query(q: object): Promise<{ id: number }[]>;
                sendMessage(id: number, m: object, o: object): Promise<unknown>;
              };
            };
          }
        ).chrome;
        const [tab] = await c.tabs.query({ active: true, lastFocusedWindow: true });
        await c.tabs.sendMessage(tab!.id, { type: 'reveal-mention', direction: d }, { frameId: 0 });
      }, direction);
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
});
