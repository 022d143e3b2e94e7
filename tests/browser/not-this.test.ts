import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { dialogNames, focusedNode, waitFor, watchErrors } from './chromium';
import { collectHighlightsInPage } from './expected';
import { extensionUrl, launchExtension } from './launch';
import { useServerAndBrowser } from './use-browser';

/** The extension API inside `worker.evaluate` callbacks (they run in the service worker). */
declare const chrome: typeof import('wxt/browser').browser;

/** "Not this" on a card hides the term on the site, in every open tab, across reloads, until undone in options. */

const shared = useServerAndBrowser(launchExtension);

const painted = async (page: Page) => (await page.evaluate(collectHighlightsInPage)).map((h) => h.text);
const storedHidden = () =>
  shared.browser.worker.evaluate(
    async () =>
      ((await chrome.storage.sync.get('settings')).settings as { hiddenTerms?: unknown } | undefined)?.hiddenTerms,
  );

async function open(path: string): Promise<Page> {
  const page = await shared.browser.context.newPage();
  await page.goto(shared.server.url(path));
  await waitFor(async () => (await painted(page)).includes('DEA'), 'DEA painted');
  return page;
}

describe('Not this', () => {
  it('hides the term on the site in open tabs and after a reload; options undoes it', async () => {
    const other = await open('/pages/basic.html');
    const page = await open('/pages/basic.html');
    await page.bringToFront();
    const { cdp } = await watchErrors(page);

    // Open DEA's card with focus inside (what the keyboard command does), then walk to "Not this".
    await shared.browser.worker.evaluate(async () => {
      const [tab] = await chrome.tabs.query({ active: true, lastFocusedWindow: true });
      await chrome.tabs.sendMessage(tab!.id!, { type: 'reveal-mention', direction: 1, termId: 'dea' }, { frameId: 0 });
    });
    await waitFor(async () => (await dialogNames(cdp)).length === 1, 'the DEA card');
    let label = '';
    for (let i = 0; i < 15 && !label.startsWith('Not this'); i++) {
      await page.keyboard.press('Tab');
      label = (await focusedNode(cdp))?.name ?? '';
    }
    expect(label).toBe('Not this: stop underlining Drug Enforcement Administration (DEA) on 127.0.0.1');
    await page.keyboard.press('Enter');

    await waitFor(async () => !(await painted(page)).includes('DEA'), 'DEA gone in this tab');
    await waitFor(async () => !(await painted(other)).includes('DEA'), 'DEA gone in the other open tab');
    expect(await painted(page)).toContain('Sinaloa Cartel');
    expect(await storedHidden()).toEqual([
      { site: '127.0.0.1', term: 'dea', name: 'Drug Enforcement Administration (DEA)' },
    ]);

    await page.reload();
    await waitFor(async () => (await painted(page)).includes('Sinaloa Cartel'), 'the page painted again after reload');
    expect(await painted(page)).not.toContain('DEA');

    const options = await shared.browser.context.newPage();
    await options.goto(extensionUrl(shared.browser, 'options.html'));
    await options.locator('body[data-ready="true"]').waitFor({ state: 'attached' });
    const item = options.locator('#hidden-list li[data-term="dea"]');
    expect(await item.locator('.site').textContent()).toBe('Drug Enforcement Administration (DEA) on 127.0.0.1');
    await item
      .getByRole('button', { name: 'Underline Drug Enforcement Administration (DEA) on 127.0.0.1 again' })
      .click();
    await waitFor(async () => (await painted(page)).includes('DEA'), 'DEA painted again after undo');
    expect(await storedHidden()).toEqual([]);
    expect(await options.locator('#hidden-empty').isVisible()).toBe(true);
  });
});
