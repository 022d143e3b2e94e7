import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Page } from 'playwright-core';
import { focusMarkInPage } from './expected';
import { extensionUrl, launchExtension, launchExtensionInLanguage, tabIdOf } from './launch';
import { useServerAndBrowser } from './use-browser';

/** The extension API inside `worker.evaluate` callbacks (they run in the service worker). */
declare const chrome: typeof import('wxt/browser').browser;

/**
 * The toolbar popup, opened as a page (`popup.html?tab=<id>` points it at the fixture
 * tab, since an extension page in a tab is itself the active tab), and the
 * selection lookup driven through the service worker.
 */

let article: Page;
let articleTab: number;

/** Names of the `contexto-*` highlights painted in a page, with their range counts (main world). */
function paintedHighlights(page: Page): Promise<Record<string, number>> {
  return page.evaluate(() => {
    const out: Record<string, number> = {};
    CSS.highlights.forEach((h, name) => {
      if (name.startsWith('contexto') && h.size) out[name] = h.size;
    });
    return out;
  });
}

async function openPopup(query = ''): Promise<Page> {
  const page = await shared.browser.context.newPage();
  await page.goto(extensionUrl(shared.browser, `popup.html?tab=${articleTab}${query}`));
  await page.locator('#results [role="option"], #results .group-empty').first().waitFor({ state: 'attached' });
  return page;
}

const optionLabels = (page: Page) => page.locator('#results [role="option"] .option-label').allTextContents();

const shared = useServerAndBrowser(launchExtension);

beforeAll(async () => {
  await shared.browser.worker.evaluate(() => chrome.storage.sync.clear());
  article = await shared.browser.context.newPage();
  await article.goto(shared.server.url('/sample-article.html'));
  await vi.waitFor(async () => expect(await paintedHighlights(article)).not.toEqual({}), {
    timeout: 15_000,
    interval: 100,
  });
  articleTab = await tabIdOf(shared.browser.worker, article);
});

// Each test starts from default settings, so one failure does not leave Contexto off for the next.
beforeEach(async () => {
  await shared.browser.worker.evaluate(() => chrome.storage.sync.clear());
  await vi.waitFor(async () => expect(await paintedHighlights(article)).not.toEqual({}), {
    timeout: 15_000,
    interval: 100,
  });
});

describe('popup search', () => {
  it('opens with the search box focused and finds the right entry despite typos', async () => {
    const popup = await openPopup();
    expect(await popup.evaluate(() => document.activeElement?.id)).toBe('search');
    await popup.keyboard.type('fentanil');
    await expect.poll(() => optionLabels(popup)).toContain('Fentanyl');
    expect((await optionLabels(popup))[0]).toBe('Fentanyl');

    await popup.locator('#search').fill('lopez obrador');
    await expect.poll(async () => (await optionLabels(popup))[0]).toBe('Andrés Manuel López Obrador');
    await popup.close();
  });

  it('arrow keys move through results, Enter opens the full card inline, Escape goes back and then clears', async () => {
    const popup = await openPopup();
    await popup.keyboard.type('cartel');
    await expect.poll(async () => (await optionLabels(popup)).length).toBeGreaterThan(1);
    const labels = await optionLabels(popup);
    const active = () => popup.locator('#results [role="option"][aria-selected="true"] .option-label').textContent();
    expect(await active()).toBe(labels[0]);
    await popup.keyboard.press('ArrowDown');
    expect(await active()).toBe(labels[1]);
    expect(await popup.locator('#search').getAttribute('aria-activedescendant')).toBe(
      await popup.locator('#results [aria-selected="true"]').getAttribute('id'),
    );
    await popup.keyboard.press('ArrowUp');
    await popup.keyboard.press('ArrowUp');
    expect(await active()).toBe(labels.at(-1));
    await popup.keyboard.press('ArrowDown');

    await popup.keyboard.press('Enter');
    const card = popup.locator('#card-view .card');
    await expect.poll(() => card.isVisible()).toBe(true);
    expect(await card.locator('.name').textContent()).toBe(labels[0]);
    expect(await card.locator('.fact').count()).toBeGreaterThanOrEqual(2);
    expect(await card.locator('.fact-source').first().textContent()).toMatch(/\S/);

    await popup.keyboard.press('Escape');
    await expect.poll(() => popup.locator('#card-view').isHidden()).toBe(true);
    expect(await popup.locator('#search').inputValue()).toBe('cartel');
    await popup.keyboard.press('Escape');
    expect(await popup.locator('#search').inputValue()).toBe('');
    await popup.close();
  });

  it('prefills the search from ?q= and opens a card from ?term=', async () => {
    const q = await openPopup(`&q=${encodeURIComponent('guardia nacional')}`);
    expect(await q.locator('#search').inputValue()).toBe('guardia nacional');
    await expect.poll(async () => (await optionLabels(q))[0]).toMatch(/National Guard/);
    await q.close();

    const term = await openPopup('&term=cjng');
    await expect.poll(() => term.locator('#card-view .card').getAttribute('data-term')).toBe('cjng');
    await term.close();
  });

  it('says when nothing matches', async () => {
    const popup = await openPopup('&q=xqzv');
    await expect.poll(() => popup.locator('#results .group-empty').textContent()).toContain('xqzv');
    await popup.close();
  });
});

describe('On this page', () => {
  it('lists the terms found in the tab with counts, most mentioned first, then all entries by kind', async () => {
    const popup = await openPopup();
    const pageGroup = popup.locator('#results .group').first();
    expect(await pageGroup.locator('.group-heading').textContent()).toBe('On this page');
    await expect.poll(() => pageGroup.locator('[role="option"]').count(), { timeout: 10_000 }).toBeGreaterThan(5);
    const counts = (await pageGroup.locator('.option-badge').allTextContents()).map(Number);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
    const names = await pageGroup.locator('.option-label').allTextContents();
    expect(names).toContain('Andrés Manuel López Obrador');
    expect(names).toContain('Fentanyl');
    expect(names).not.toContain('Ayotzinapa');
    const headings = await popup.locator('#results .group-heading').allTextContents();
    expect(headings.slice(1)).toEqual(expect.arrayContaining(['People', 'Criminal groups', 'Policies']));
    await popup.close();
  });

  it('follows the tab while it is open: its list empties and fills in as the tab reports', async () => {
    const popup = await openPopup();
    const pageGroup = popup.locator('#results .group').first();
    expect(await pageGroup.locator('.group-heading').textContent()).toBe('On this page');
    await expect.poll(() => pageGroup.locator('[role="option"]').count(), { timeout: 10_000 }).toBeGreaterThan(5);
    // Off on this site from another popup: the tab reports nothing, and this one's list follows.
    const switcher = await openPopup();
    await switcher.locator('#site-switch').uncheck();
    await expect.poll(() => pageGroup.locator('[role="option"]').count(), { timeout: 10_000 }).toBe(0);
    // Back on: the tab scans and reports again, and the open popup catches up without being reopened.
    await switcher.locator('#site-switch').check();
    await expect.poll(() => pageGroup.locator('[role="option"]').count(), { timeout: 10_000 }).toBeGreaterThan(5);
    await switcher.close();
    await popup.close();
  });

  it('choosing a term reveals its next mention in the tab', async () => {
    const popup = await openPopup();
    const item = popup.locator('#results .group').first().locator('[role="option"]', { hasText: 'Fentanyl' });
    await item.waitFor();
    await item.click();
    await expect.poll(async () => (await article.evaluate(focusMarkInPage)).texts.length).toBeGreaterThan(0);
    await popup.close();
  });
});

describe('switches', () => {
  it('"Highlight on this site" clears the highlights in the tab and brings them back', async () => {
    const popup = await openPopup();
    const siteSwitch = popup.locator('#site-switch');
    expect(await popup.locator('#site-name').textContent()).toBe('127.0.0.1');
    expect(await siteSwitch.isChecked()).toBe(true);
    await siteSwitch.uncheck();
    await expect.poll(() => paintedHighlights(article)).toEqual({});
    expect(
      await shared.browser.worker.evaluate(
        async () => ((await chrome.storage.sync.get('settings')).settings as { disabledSites: string[] }).disabledSites,
      ),
    ).toEqual(['127.0.0.1']);
    await siteSwitch.check();
    await expect.poll(() => paintedHighlights(article)).not.toEqual({});
    await popup.close();
  });

  it('the global switch turns Contexto off and on everywhere', async () => {
    const popup = await openPopup();
    await popup.locator('#global-switch').uncheck();
    await expect.poll(() => paintedHighlights(article)).toEqual({});
    expect(await popup.locator('#site-switch').isDisabled()).toBe(true);
    await popup.locator('#global-switch').check();
    await expect.poll(() => paintedHighlights(article)).not.toEqual({});
    await popup.close();
  });
});

describe('pages where content scripts cannot run', () => {
  it('shows a clear line, hides the site switch, and search still works', async () => {
    const blank = await shared.browser.context.newPage();
    await blank.goto('chrome://version');
    const restricted = await tabIdOf(shared.browser.worker, blank);
    const popup = await shared.browser.context.newPage();
    await popup.goto(extensionUrl(shared.browser, `popup.html?tab=${restricted}`));
    await expect.poll(() => popup.locator('#page-status').textContent()).toContain('can’t read this page');
    expect(await popup.locator('#page-status').isVisible()).toBe(true);
    expect(await popup.locator('#site-switch').isVisible()).toBe(false);
    expect(await popup.locator('#results .group-heading').first().textContent()).not.toBe('On this page');
    await popup.locator('#search').fill('sheinbaum');
    await expect.poll(async () => (await optionLabels(popup))[0]).toBe('Claudia Sheinbaum');
    await popup.close();
    await blank.close();
  });
});

describe('selection lookup (context menu)', () => {
  type Outcome = { result: string; termId?: string; query?: string };
  const lookUp = (text: string, tabId: number) =>
    shared.browser.worker.evaluate(
      ([t, id]) =>
        (
          globalThis as unknown as {
            contextoLookUpSelection: (s: string, tab: { id: number }, frameId: number) => Promise<unknown>;
          }
        ).contextoLookUpSelection(t, { id }, 0),
      [text, tabId] as const,
    ) as Promise<Outcome>;

  it('registers the menu item for selected text', async () => {
    // contextMenus has no getter; creating the same id again fails only if it exists.
    const duplicate = await shared.browser.worker.evaluate(
      () =>
        new Promise<string>((resolve) =>
          chrome.contextMenus.create({ id: 'contexto-look-up-selection', title: 'x', contexts: ['selection'] }, () =>
            resolve(chrome.runtime.lastError?.message ?? ''),
          ),
        ),
    );
    expect(duplicate).toMatch(/duplicate|exists/i);
  });

  it('opens the card of the best match next to the selection', async () => {
    await article.bringToFront();
    await article.evaluate(() => {
      // The phrase is the text of its own element (marked lang="es" in the article).
      const p = [...document.querySelectorAll('p')].find((el) => el.textContent?.includes('Guardia Nacional'))!;
      const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
      let text = walker.nextNode()!;
      while (!text.textContent!.includes('Guardia Nacional')) text = walker.nextNode()!;
      const start = text.textContent!.indexOf('Guardia Nacional');
      const range = document.createRange();
      range.setStart(text, start);
      range.setEnd(text, start + 'Guardia Nacional'.length);
      getSelection()!.removeAllRanges();
      getSelection()!.addRange(range);
    });
    const outcome = await lookUp('Guardia Nacional', articleTab);
    expect(outcome).toEqual({ result: 'card-on-page', termId: 'national-guard-mx' });
    await expect.poll(() => article.locator('contexto-card').count()).toBe(1);
    // The card lives in a closed shadow root: look for it on screen just below or above the selection.
    const cardNextToSelection = () =>
      article.evaluate(() => {
        const rect = getSelection()!.getRangeAt(0).getBoundingClientRect();
        const x = rect.left + Math.min(rect.width, 40) / 2;
        for (let dy = 12; dy < 120; dy += 12) {
          for (const y of [rect.bottom + dy, rect.top - dy])
            if (document.elementFromPoint(x, y)?.localName === 'contexto-card') return true;
        }
        return false;
      });
    await expect.poll(cardNextToSelection).toBe(true);
    await article.keyboard.press('Escape');
  });

  it('when nothing matches, says so in a window that offers the search', async () => {
    const opened = shared.browser.context.waitForEvent('page');
    const outcome = await lookUp('xqzv blorp', articleTab);
    expect(outcome).toEqual({ result: 'search-in-window', query: 'xqzv blorp' });
    const win = await opened;
    await win.waitForLoadState();
    expect(win.url()).toContain('popup.html?q=xqzv+blorp');
    await expect
      .poll(() => win.locator('#results .group-empty').textContent())
      .toBe('Nothing in Contexto matches “xqzv blorp”.');
    expect(await win.locator('#search').inputValue()).toBe('xqzv blorp');
    await win.close();
  });
});

describe('Spanish UI', () => {
  it('shows the popup in Spanish when the browser is in Spanish', async () => {
    const es = await launchExtensionInLanguage('es');
    try {
      const popup = await es.context.newPage();
      await popup.goto(extensionUrl(es, 'popup.html'));
      await expect
        .poll(() => popup.locator('#search').getAttribute('placeholder'))
        .toBe('Busca personas, grupos, políticas…');
      expect(await popup.locator('#options-link').textContent()).toBe('Opciones y fichas propias');
      await popup.locator('#search').fill('guardia nacional');
      await expect
        .poll(async () => (await popup.locator('#results [role="option"] .option-label').allTextContents())[0])
        .toBe('Guardia Nacional');
    } finally {
      await es.close();
    }
  });
});
