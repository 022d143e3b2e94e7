import { describe, expect, it } from 'vitest';
import { KINDS } from '../../src/model';
import {
  browser,
  hover,
  nameOf,
  openFixture,
  paintedOnce,
  resetSettings,
  setSettings,
  useChromiumWithFixtures,
} from './chromium-fixtures';
import { dialogNames, waitFor, watchErrors } from './chromium';
import { collectHighlightsInPage, expectedMentions } from './expected';

/** The built Chromium extension: settings followed live, and the per-tab results (badge, get-tab-mentions). */

useChromiumWithFixtures();

describe('Chromium: settings and per-tab results', () => {
  it('shows the number of distinct terms as the badge and answers get-tab-mentions', async () => {
    const page = await openFixture('/pages/basic.html');
    const expected = expectedMentions('pages/basic.html');
    await paintedOnce(page, expected.length);
    await page.bringToFront();
    const result = await waitFor(
      () =>
        browser.worker.evaluate(async () => {
          const c = (
            globalThis as unknown as {
              chrome: {
                tabs: { query(q: object): Promise<{ id: number }[]> };
                action: { getBadgeText(d: object): Promise<string> };
              };
            }
          ).chrome;
          const [tab] = await c.tabs.query({ active: true, lastFocusedWindow: true });
          if (!tab) return null;
          const badge = await c.action.getBadgeText({ tabId: tab.id });
          return badge ? { badge, tabId: tab.id } : null;
        }),
      'the badge',
    );
    const distinctTerms = new Set(expectedMentions('pages/basic.html').map((m) => m.text.toLowerCase())).size;
    expect(result.badge).toBe(String(distinctTerms));
    // The popup's request, from an extension page.
    const ext = await browser.context.newPage();
    await ext.goto(`chrome-extension://${browser.extensionId}/popup.html`);
    const answer = await ext.evaluate(
      (tabId) =>
        (
          globalThis as unknown as {
            chrome: { runtime: { sendMessage(m: object): Promise<{ counts: Record<string, number> }> } };
          }
        ).chrome.runtime.sendMessage({ type: 'get-tab-mentions', tabId }),
      result.tabId,
    );
    expect(Object.values(answer.counts).reduce((a, b) => a + b, 0)).toBe(expected.length);
    expect(answer.counts.fentanyl).toBe(2);
    await ext.close();
    await page.close();
  });

  it('follows settings live: first mention only, kinds, and disabling the site clears everything', async () => {
    const page = await openFixture('/pages/basic.html');
    const { cdp } = await watchErrors(page);
    const expected = expectedMentions('pages/basic.html');
    await paintedOnce(page, expected.length);
    try {
      await setSettings({ firstMentionOnly: true });
      await paintedOnce(page, expected.length - 1); // the second "fentanyl" goes
      await setSettings({ firstMentionOnly: false, kinds: ['place'] });
      const places = await paintedOnce(page, 2);
      expect(places.map((p) => p.text)).toEqual(['Culiacán', 'Guerrero']);
      await setSettings({ kinds: [...KINDS], highlightStyle: 'background' });
      const restyled = await paintedOnce(page, expected.length);
      expect(restyled.every((p) => p.name.endsWith('-background'))).toBe(true);
      await setSettings({ highlightStyle: 'dotted' });
      // Open a card, then turn Contexto off for this site: highlights and card go at once.
      await hover(page, 'Morena');
      await waitFor(async () => (await dialogNames(cdp)).join() === nameOf('morena'), 'the Morena card');
      await setSettings({ disabledSites: ['127.0.0.1'] });
      await waitFor(async () => (await page.evaluate(collectHighlightsInPage)).length === 0, 'the highlights to go');
      await waitFor(async () => (await dialogNames(cdp)).length === 0, 'the card to go');
      expect(
        await page.evaluate(() => [...(CSS as unknown as { highlights: Map<string, unknown> }).highlights.keys()]),
      ).toEqual([]);
      expect(await page.evaluate(() => document.querySelector('contexto-card'))).toBeNull();
      // Hovering does nothing now.
      await page.mouse.move(10, 10);
      await page.mouse.move(200, 200, { steps: 3 });
      await page.waitForTimeout(800);
      expect(await dialogNames(cdp)).toEqual([]);
      // And back on without a reload.
      await setSettings({ disabledSites: [] });
      await paintedOnce(page, expected.length);
    } finally {
      await resetSettings();
      await page.close();
    }
  });
});
