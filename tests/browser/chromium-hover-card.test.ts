import { describe, expect, it } from 'vitest';
import {
  dialogBorderQuad,
  hover,
  nameOf,
  openFixture,
  paintedOnce,
  server,
  useChromiumWithFixtures,
} from './chromium-fixtures';
import { dialogNames, waitFor, watchErrors } from './chromium';
import { expectedMentions } from './expected';

/** The built Chromium extension: the hover card: opening, closing, placement, strict CSP. */

useChromiumWithFixtures();

describe('Chromium: hover card', () => {
  it('shows a dialog named after the hovered term; Escape hides it', async () => {
    const page = await openFixture('/pages/basic.html');
    const { cdp, errors } = await watchErrors(page);
    await paintedOnce(page, expectedMentions('pages/basic.html').length);
    expect(await dialogNames(cdp)).toEqual([]);
    await hover(page, 'CJNG');
    const names = await waitFor(async () => {
      const n = await dialogNames(cdp);
      return n.length ? n : null;
    }, 'a dialog');
    expect(names).toEqual([nameOf('cjng')]);
    // The adjacent mention's card replaces this one.
    await hover(page, 'Sinaloa Cartel');
    await waitFor(async () => (await dialogNames(cdp)).join() === nameOf('sinaloa-cartel'), 'the Sinaloa Cartel card');
    await page.keyboard.press('Escape');
    await waitFor(async () => (await dialogNames(cdp)).length === 0, 'the card to close');
    // Moving away closes a hover card after a short delay.
    await hover(page, 'Culiacán');
    await waitFor(async () => (await dialogNames(cdp)).join() === nameOf('culiacan'), 'the Culiacán card');
    await page.mouse.move(5, 5, { steps: 3 });
    await waitFor(async () => (await dialogNames(cdp)).length === 0, 'the card to hide after the pointer left');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('positions a card for a mention that wraps across lines inside the viewport', async () => {
    const page = await openFixture('/pages/basic.html');
    await paintedOnce(page, expectedMentions('pages/basic.html').length);
    const lines = await page.evaluate(() => {
      let count = 0;
      for (const h of (CSS as unknown as { highlights: Map<string, Set<Range>> }).highlights.values()) {
        for (const r of h) if (r.toString().startsWith('Bureau')) count = r.getClientRects().length;
      }
      return count;
    });
    expect(lines).toBeGreaterThan(1);
    await hover(page, 'Bureau of Alcohol, Tobacco, Firearms and Explosives');
    const cdp = await page.context().newCDPSession(page);
    await waitFor(async () => (await dialogNames(cdp)).join() === nameOf('atf'), 'the ATF card');
    // The dialog's box, from the accessibility/DOM domain, lies in the viewport.
    const box = await dialogBorderQuad(cdp);
    const xs = box.filter((_, i) => i % 2 === 0);
    const ys = box.filter((_, i) => i % 2 === 1);
    const viewport = page.viewportSize()!;
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThanOrEqual(viewport.width);
    expect(Math.min(...ys)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...ys)).toBeLessThanOrEqual(viewport.height);
    await page.close();
  });

  it('works under a strict Content-Security-Policy', async () => {
    const page = await openFixture('/pages/csp.html');
    const response = await page.request.get(server.url('/pages/csp.html'));
    expect(response.headers()['content-security-policy']).toBe("default-src 'none'");
    const { cdp } = await watchErrors(page);
    await paintedOnce(page, expectedMentions('pages/csp.html').length);
    await hover(page, 'DEA');
    await waitFor(async () => (await dialogNames(cdp)).join() === nameOf('dea'), 'the DEA card');
    // The card's styles applied inside the closed root (a blocked <style> would leave a full-width, unstyled box).
    const quad = await dialogBorderQuad(cdp);
    expect(Math.round(quad[2]! - quad[0]!)).toBe(380);
    await page.close();
  });
});
