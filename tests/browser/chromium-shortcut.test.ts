import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { dialogNames, launchChromium, waitFor, watchErrors } from './chromium';
import { nameOf, openFixture, paintedOnce, useChromiumWithFixtures } from './chromium-fixtures';
import { expectedMentions, focusMarkInPage } from './expected';
import { startXvfb, type VirtualDisplay } from './xvfb';

/**
 * The keyboard command through the real shortcut (wxt.config.ts: Alt+Shift+K next mention,
 * Alt+Shift+J previous). Headless Chromium does not deliver extension commands, and
 * playwright's key presses go straight to the page, so this file runs Chromium headed on an
 * Xvfb display and presses the chords as X key events (xdotool): they reach Chrome's command
 * handling, then src/background/commands.ts, then the page.
 */

let x: VirtualDisplay;
useChromiumWithFixtures(async () => {
  x = await startXvfb();
  const chromium = await launchChromium(undefined, { display: x.display });
  return {
    ...chromium,
    async close() {
      await chromium.close();
      await x.close();
    },
  };
});

async function revealedBy(page: Page, chord: string, text: string): Promise<number> {
  x.key(chord);
  const mark = await waitFor(async () => {
    const m = await page.evaluate(focusMarkInPage);
    return m.texts.join() === text ? m : null;
  }, `"${text}" revealed by ${chord}`);
  expect(mark.inView).toBe(true);
  return mark.scrollY;
}

describe('Chromium: the keyboard command through the real shortcut', () => {
  it('Alt+Shift+K reveals the next mention (marked, scrolled into view, card open), Alt+Shift+J the previous', async () => {
    const page = await openFixture('/pages/far-apart.html');
    const { cdp } = await watchErrors(page);
    expect((await paintedOnce(page, 3)).map((m) => m.text)).toEqual(
      expectedMentions('pages/far-apart.html').map((m) => m.text),
    );
    expect((await page.evaluate(focusMarkInPage)).texts).toEqual([]);

    const atFirst = await revealedBy(page, 'alt+shift+k', 'DEA');
    await waitFor(async () => (await dialogNames(cdp)).join() === nameOf('dea'), 'the DEA card');
    // The next mention is screens further down: revealing it scrolls the page.
    const atSecond = await revealedBy(page, 'alt+shift+k', 'Sinaloa Cartel');
    expect(atSecond).toBeGreaterThan(atFirst + 1000);
    await waitFor(async () => (await dialogNames(cdp)).join() === nameOf('sinaloa-cartel'), 'the Sinaloa Cartel card');
    const back = await revealedBy(page, 'alt+shift+j', 'DEA');
    expect(back).toBeLessThan(atSecond - 1000);
    await waitFor(async () => (await dialogNames(cdp)).join() === nameOf('dea'), 'the DEA card again');
    await page.close();
  });
});
