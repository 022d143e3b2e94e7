import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { ChromiumWithExtension } from './chromium';
import { extensionUrl, launchExtension } from './launch';
import { fact, harborSheet } from './test-sheet';

/** The extension API inside `worker.evaluate` callbacks (they run in the service worker). */
declare const chrome: typeof import('wxt/browser').browser;

/** The options page: settings saved to storage.sync, and custom fact sheets imported into storage.local. */

let ext: ChromiumWithExtension;
let options: Page;

const validSheet = harborSheet;
const invalidSheet = {
  name: 'Broken',
  entries: [
    {
      id: 'Bad Id',
      name: 'Broken',
      kind: 'wizard',
      aliases: [{ text: 'Sinaloa Cartel' }],
      summary: 'x',
      facts: [fact('only one')],
      related: [],
    },
  ],
};

const file = (name: string, data: unknown) => ({
  name,
  mimeType: 'application/json',
  buffer: Buffer.from(JSON.stringify(data)),
});
const storedSettings = () =>
  ext.worker.evaluate(
    async () => (await chrome.storage.sync.get('settings')).settings as Record<string, unknown> | undefined,
  );
const storedLocal = () => ext.worker.evaluate(() => chrome.storage.local.get(null));

async function importFile(name: string, data: unknown, mode: 'add' | 'replace' = 'add'): Promise<void> {
  await options.locator('#sheet-file').setInputFiles(file(name, data));
  await options.locator(`input[name="mode"][value="${mode}"]`).check();
  await options.locator('#import-button').click();
}

beforeAll(async () => {
  ext = await launchExtension();
  options = await ext.context.newPage();
  await options.goto(extensionUrl(ext, 'options.html'));
  await options.locator('body[data-ready="true"]').waitFor({ state: 'attached' });
});

afterAll(async () => {
  await ext?.close();
});

describe('settings', () => {
  it('shows the defaults and saves each change to storage.sync', async () => {
    expect(await options.locator('h1').textContent()).toBe('Contexto options');
    expect(await options.locator('input[name="style"][value="dotted"]').isChecked()).toBe(true);
    expect(await options.locator('input[name="kind"]').count()).toBe(10);
    expect(await options.locator('input[name="kind"]:checked').count()).toBe(10);

    await options.locator('input[name="style"][value="background"]').check();
    await expect.poll(async () => (await storedSettings())?.highlightStyle).toBe('background');
    await options.locator('input[name="kind"][value="place"]').uncheck();
    await expect.poll(async () => (await storedSettings())?.kinds).not.toContain('place');
    await options.locator('input[name="mentions"][value="first"]').check();
    await expect.poll(async () => (await storedSettings())?.firstMentionOnly).toBe(true);
    await options.locator('#delay').fill('800');
    await options.locator('#delay').press('Tab');
    await expect.poll(async () => (await storedSettings())?.showDelayMs).toBe(800);
  });

  it('refuses a delay out of range and keeps the stored one', async () => {
    await options.locator('#delay').fill('99999');
    await options.locator('#delay').press('Tab');
    expect(await options.locator('#delay-error').isVisible()).toBe(true);
    expect((await storedSettings())?.showDelayMs).toBe(800);
  });

  it('adds and removes disabled sites', async () => {
    await options.locator('#site-input').fill('https://www.Example.com/news');
    await options.locator('#site-input').press('Enter');
    await options.locator('#site-input').fill('not a site');
    await options.locator('#site-input').press('Enter');
    expect(await options.locator('#site-error').isVisible()).toBe(true);
    await options.locator('#site-input').fill('other.org');
    await options.locator('#site-form button[type="submit"]').click();
    await expect
      .poll(() => options.locator('#sites-list li .site').allTextContents())
      .toEqual(['example.com', 'other.org']);
    expect((await storedSettings())?.disabledSites).toEqual(['example.com', 'other.org']);

    await options.locator('#sites-list li[data-site="example.com"] button').click();
    await expect.poll(() => options.locator('#sites-list li .site').allTextContents()).toEqual(['other.org']);
    expect((await storedSettings())?.disabledSites).toEqual(['other.org']);
  });

  it('shows changes made elsewhere (the popup) live', async () => {
    await ext.worker.evaluate(async () => {
      const { settings } = await chrome.storage.sync.get('settings');
      await chrome.storage.sync.set({ settings: { ...(settings as object), enabled: false } });
    });
    await expect.poll(() => options.locator('#enabled').isChecked()).toBe(false);
  });

  it('resets to defaults', async () => {
    await options.locator('#reset').click();
    await expect.poll(() => options.locator('input[name="style"][value="dotted"]').isChecked()).toBe(true);
    expect(await options.locator('#enabled').isChecked()).toBe(true);
    expect(await options.locator('input[name="kind"]:checked').count()).toBe(10);
    expect(await options.locator('#delay').inputValue()).toBe('350');
    expect(await options.locator('#sites-list li').count()).toBe(0);
    expect(await storedSettings()).toBeUndefined();
  });
});

describe('custom fact sheets', () => {
  it('rejects an invalid file with a list of problems (entry, field, why) and changes nothing', async () => {
    const before = await storedLocal();
    await importFile('broken.json', invalidSheet);
    const result = options.locator('#import-result');
    await expect
      .poll(() => result.locator('.error').textContent())
      .toContain('“broken.json” was not imported; nothing changed.');
    expect(await result.locator('th').allTextContents()).toEqual(['Entry', 'Field', 'Why']);
    const rows = await result
      .locator('tr.problem')
      .evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent)));
    const fields = rows.map((r) => r[1]);
    expect(fields).toEqual(expect.arrayContaining(['id', 'kind', 'facts']));
    expect(rows.every((r) => r[0] === 'Bad Id')).toBe(true);
    expect(rows.find((r) => r[1] === 'kind')?.[2]).toMatch(/^must be one of/);
    expect(await options.locator('#sheets-list li').count()).toBe(0);
    expect(await storedLocal()).toEqual(before);
  });

  it('rejects a file that is not JSON, and an alias the bundled sheet already claims', async () => {
    await options
      .locator('#sheet-file')
      .setInputFiles({ name: 'junk.json', mimeType: 'application/json', buffer: Buffer.from('{"entries": [') });
    await options.locator('#import-button').click();
    await expect
      .poll(() => options.locator('#import-result tr.problem td').allTextContents())
      .toEqual(expect.arrayContaining(['(file)', '(json)']));

    const clash = { ...validSheet, entries: [{ ...validSheet.entries[0]!, aliases: [{ text: 'sinaloa cartel' }] }] };
    await importFile('clash.json', clash);
    await expect
      .poll(() => options.locator('#import-result tr.problem').first().textContent())
      .toContain('already claimed by entry "sinaloa-cartel"');
    expect(await options.locator('#sheets-list li').count()).toBe(0);
  });

  it('imports a valid file beside the bundled sheet; it is used by search at once', async () => {
    await importFile('extras.json', validSheet);
    await expect
      .poll(() => options.locator('#import-result .success').textContent())
      .toContain('Imported “Newsroom extras”: 1 entry.');
    const item = options.locator('#sheets-list li.sheet');
    await expect.poll(() => item.count()).toBe(1);
    expect(await item.locator('.sheet-name').textContent()).toBe('Newsroom extras');
    // Counts in their plural form: one imported entry, the bundled sheet's many.
    expect(await item.locator('.sheet-meta').textContent()).toMatch(/^1 entry · beside the bundled sheet · imported /);
    expect(await options.locator('#bundled-count').textContent()).toMatch(/^Bundled fact sheet: \d+ entries\.$/);
    expect(await item.locator('.sheet-enabled').isChecked()).toBe(true);
    const stored = (await storedLocal()) as {
      sheets?: { sheets: { name: string; mode: string; entries: { id: string }[] }[] };
    };
    expect(stored.sheets?.sheets.map((s) => [s.name, s.mode, s.entries.map((e) => e.id)])).toEqual([
      ['Newsroom extras', 'add', ['zz-harbor-authority']],
    ]);

    const popup = await ext.context.newPage();
    await popup.goto(extensionUrl(ext, 'popup.html?q=qwerty+harbor'));
    await expect
      .poll(async () => (await popup.locator('#results [role="option"] .option-label').allTextContents())[0])
      .toBe('Qwerty Harbor Authority');
    // Bundled entries are still there beside it.
    await popup.locator('#search').fill('fentanil');
    await expect
      .poll(async () => (await popup.locator('#results [role="option"] .option-label').allTextContents())[0])
      .toBe('Fentanyl');
    await popup.close();
  });

  it('disables and enables an imported sheet', async () => {
    const toggle = options.locator('#sheets-list li.sheet .sheet-enabled');
    await toggle.uncheck();
    await expect
      .poll(
        async () => ((await storedLocal()) as { sheets: { sheets: { enabled: boolean }[] } }).sheets.sheets[0]?.enabled,
      )
      .toBe(false);
    await options.locator('#sheets-list li.sheet .sheet-enabled').check();
    await expect
      .poll(
        async () => ((await storedLocal()) as { sheets: { sheets: { enabled: boolean }[] } }).sheets.sheets[0]?.enabled,
      )
      .toBe(true);
  });

  it('exports a sheet as a JSON download in the import format', async () => {
    const download = options.waitForEvent('download');
    await options.locator('#sheets-list li.sheet .sheet-export').click();
    const file = await download;
    expect(file.suggestedFilename()).toBe('extras.json');
    const path = await file.path();
    expect(JSON.parse(await readFile(path, 'utf8'))).toEqual(validSheet);
  });

  it('a replacing sheet takes the bundled sheet out of search', async () => {
    const replacement = {
      name: 'Only mine',
      entries: [
        {
          ...validSheet.entries[0]!,
          id: 'zz-only',
          name: 'Zyxw Only Entry',
          aliases: [{ text: 'Zyxw Only Entry' }],
          related: [],
        },
      ],
    };
    // Beside the enabled "extras" sheet, its related id "dea" would be unknown once the bundled sheet is gone.
    await importFile(
      'only.json',
      { ...replacement, entries: [{ ...replacement.entries[0]!, related: ['dea'] }] },
      'replace',
    );
    await expect
      .poll(() => options.locator('#import-result tr.problem').first().textContent())
      .toContain('unknown id "dea"');
    await options.locator('#sheets-list li.sheet .sheet-remove').click();
    await expect.poll(() => options.locator('#sheets-list li.sheet').count()).toBe(0);

    await importFile('only.json', replacement, 'replace');
    await expect.poll(() => options.locator('#sheets-list li.sheet').count()).toBe(1);
    const popup = await ext.context.newPage();
    await popup.goto(extensionUrl(ext, 'popup.html?q=fentanyl'));
    await expect.poll(() => popup.locator('#results .group-empty').textContent()).toContain('fentanyl');
    await popup.locator('#search').fill('');
    await expect
      .poll(() => popup.locator('#results [role="option"] .option-label').allTextContents())
      .toEqual(['Zyxw Only Entry']);
    await popup.close();
  });

  it('removes a sheet', async () => {
    await options.locator('#sheets-list li.sheet .sheet-remove').click();
    await expect.poll(() => options.locator('#sheets-list li.sheet').count()).toBe(0);
    expect(await options.locator('#sheets-empty').isVisible()).toBe(true);
    expect(((await storedLocal()) as { sheets: { sheets: unknown[] } }).sheets.sheets).toEqual([]);
  });
});
