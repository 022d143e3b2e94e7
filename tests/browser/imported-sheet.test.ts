import type { Frame, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { dialogNames, launchChromium, waitFor } from './chromium';
import { collectHighlightsInPage, mentionBoxInPage } from './expected';
import { harborSheet as sheet } from './test-sheet';
import { useServerAndBrowser } from './use-browser';

/** A sheet imported on the options page takes part in matching and cards in an already open tab, without reload. */

let page: Page;

const painted = () => page.evaluate(collectHighlightsInPage).then((list) => list.map((h) => h.text));

const shared = useServerAndBrowser(() => launchChromium());

beforeAll(async () => {
  page = await shared.browser.context.newPage();
  await page.goto(shared.server.url('pages/imported.html'));
});

describe('imported fact sheets in open tabs', () => {
  it('paints and explains imported terms as soon as the sheet is imported, and stops when it is disabled', async () => {
    await waitFor(async () => (await painted()).length === 1, 'the bundled mention');
    expect(await painted()).toEqual(['fentanyl']);

    const options = await shared.browser.context.newPage();
    await options.goto(`chrome-extension://${shared.browser.extensionId}/options.html`);
    await options.locator('body[data-ready="true"]').waitFor({ state: 'attached' });
    await options
      .locator('#sheet-file')
      .setInputFiles({ name: 'harbor.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(sheet)) });
    await options.locator('input[name="mode"][value="add"]').check();
    await options.locator('#import-button').click();
    await expect.poll(() => options.locator('#sheets-list li.sheet').count()).toBe(1);

    await page.bringToFront();
    await waitFor(async () => (await painted()).length === 3, 'the imported mentions');
    expect(await painted()).toEqual(['Qwerty Harbor Authority', 'fentanyl', 'QHA']);

    // The card of an imported term comes from the background's active entries.
    const { tap: point } = await waitFor(
      () => page.evaluate(mentionBoxInPage, 'Qwerty Harbor Authority'),
      'a painted imported mention',
    );
    await page.mouse.move(point.x - 20, point.y + 40);
    await page.mouse.move(point.x, point.y, { steps: 4 });
    const cdp = await shared.browser.context.newCDPSession(page);
    await waitFor(async () => (await dialogNames(cdp)).includes('Qwerty Harbor Authority'), 'the imported term’s card');

    await options.bringToFront();
    await options.locator('#sheets-list li.sheet .sheet-enabled').uncheck();
    await page.bringToFront();
    await waitFor(async () => (await painted()).length === 1, 'only the bundled mention again');
    expect(await painted()).toEqual(['fentanyl']);
    await options.close();
  });

  it('paints a page and its frame that name only imported terms once the sheet is imported (they waited with nothing to find)', async () => {
    const quiet = await shared.browser.context.newPage();
    await quiet.goto(shared.server.url('pages/imported-only.html'));
    const frame = () => quiet.frames().find((f) => f.url().endsWith('/imported-only-frame.html'))!;
    const paintedIn = (target: Page | Frame) =>
      target.evaluate(collectHighlightsInPage).then((list) => list.map((h) => h.text));
    // Both looked at their text and found nothing of the active sheet (the import above was disabled).
    await waitFor(
      () => quiet.evaluate(() => performance.getEntriesByName('contexto-scan').length > 0),
      'the top frame’s first look',
    );
    await waitFor(
      () => frame().evaluate(() => performance.getEntriesByName('contexto-scan').length > 0),
      'the frame’s first look',
    );
    expect(await paintedIn(quiet)).toEqual([]);
    expect(await paintedIn(frame())).toEqual([]);

    const options = await shared.browser.context.newPage();
    await options.goto(`chrome-extension://${shared.browser.extensionId}/options.html`);
    await options.locator('body[data-ready="true"]').waitFor({ state: 'attached' });
    await options.locator('#sheets-list li.sheet .sheet-enabled').check();
    await quiet.bringToFront();
    await waitFor(async () => (await paintedIn(quiet)).length === 1, 'the imported term in the top frame');
    expect(await paintedIn(quiet)).toEqual(['Qwerty Harbor Authority']);
    await waitFor(async () => (await paintedIn(frame())).length === 1, 'the imported term in the frame');
    expect(await paintedIn(frame())).toEqual(['QHA']);
    await options.close();
    await quiet.close();
  });
});
