import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browser, openFixture, paintedOnce, useChromiumWithFixtures } from './chromium-fixtures';
import { waitFor } from './chromium';
import { expectedMentions } from './expected';

/**
 * The built Chromium extension on a page many viewports tall, with a few hundred mentions: only
 * those near the viewport (and a bounded stretch ahead and behind) are registered as highlights,
 * the rest come as the reader scrolls (the page, or a scrolled box inside it), and a mention the
 * keyboard command reveals far down is painted while the top is let go.
 */

useChromiumWithFixtures();

const FIXTURE = 'pages/long.html';

/** Texts registered under our kind highlights now, without scrolling. */
const registeredNow = (page: Page) =>
  page.evaluate(() => {
    const out: string[] = [];
    (CSS as unknown as { highlights: Map<string, Set<Range>> }).highlights.forEach((h, name) => {
      if (name.startsWith('contexto') && name !== 'contexto-focus') for (const r of h) out.push(r.toString());
    });
    return out.sort();
  });

/** How many of our kind highlights' ranges lie inside the element with this id now. */
const registeredInside = (page: Page, id: string) =>
  page.evaluate((id) => {
    const el = document.getElementById(id)!;
    let n = 0;
    (CSS as unknown as { highlights: Map<string, Set<Range>> }).highlights.forEach((h, name) => {
      if (name.startsWith('contexto') && name !== 'contexto-focus')
        for (const r of h) if (el.contains(r.startContainer)) n++;
    });
    return n;
  }, id);

const firstSectionPainted = (page: Page) =>
  waitFor(async () => (await registeredInside(page, 's1')) > 0, 'the first section painted');

/** Sends the keyboard command's message (as src/background/commands.ts does) to the active tab. */
async function revealFromBackground(direction: 1 | -1): Promise<void> {
  await browser.worker.evaluate(async (d) => {
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
}

describe('Chromium: a long page', () => {
  it("registers only the mentions near the viewport; scrolled through, exactly the CLI's mentions are painted", async () => {
    const expected = expectedMentions(FIXTURE);
    const page = await openFixture(`/${FIXTURE}`);
    // The first section is near the top; the last paragraph is twenty sections (some forty viewports) down.
    await firstSectionPainted(page);
    // The stretch ahead of the reader comes in the next frames: read once it is in.
    await page.waitForTimeout(300);
    const atTop = await registeredNow(page);
    expect(atTop).not.toContain('AMLO');
    expect(atTop).not.toContain('El Chapo');
    expect(atTop.length).toBeLessThan(expected.length / 2);
    // Scrolling the page (and the scrolled box) through paints every mention, and nothing else.
    expect(await paintedOnce(page, expected.length)).toEqual(expected);
    await page.close();
  });

  it('paints a mention in a scrolled box when the box is scrolled to it', async () => {
    const page = await openFixture(`/${FIXTURE}`);
    await firstSectionPainted(page);
    // The box's deep paragraph lies between near containers only once the scan has found the section after
    // the box: before that, it is the next container after the last near one, and the range ahead takes it in.
    await waitFor(
      () => page.evaluate(() => performance.getEntriesByName('contexto-scan').length > 0),
      'the first scan done',
    );
    await page.evaluate(() => document.getElementById('scroller')!.scrollIntoView({ block: 'center' }));
    await page.waitForTimeout(300);
    expect(await registeredNow(page)).not.toContain('El Chapo');
    await page.evaluate(() => {
      const box = document.getElementById('scroller')!;
      box.scrollTop = box.scrollHeight;
    });
    await waitFor(async () => (await registeredNow(page)).includes('El Chapo'), '"El Chapo" painted in the box');
    await page.close();
  });

  it('a mention revealed far down the page (keyboard command) is painted there, and the top is let go', async () => {
    const page = await openFixture(`/${FIXTURE}`);
    await firstSectionPainted(page);
    // Previous from nothing revealed yet: the last mention of the page.
    await revealFromBackground(-1);
    const focus = () =>
      page.evaluate(() =>
        [...((CSS as unknown as { highlights: Map<string, Set<Range>> }).highlights.get('contexto-focus') ?? [])].map(
          (r) => r.toString(),
        ),
      );
    await waitFor(async () => (await focus()).join() === 'AMLO', 'the focus on the last mention');
    expect(await registeredNow(page)).toContain('AMLO');
    await waitFor(async () => (await registeredInside(page, 's1')) === 0, 'the top section let go');
    await page.close();
  });
});
