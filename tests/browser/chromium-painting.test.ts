import { describe, expect, it } from 'vitest';
import { browser, hover, nameOf, openFixture, paintedOnce, server, useChromiumWithFixtures } from './chromium-fixtures';
import { dialogNames, waitFor } from './chromium';
import { expectedMentions, PAINTING_FIXTURES, serializeDomInPage } from './expected';

/** The built Chromium extension: painting: exactly the CLI's mentions, and the page DOM left as it was. */

useChromiumWithFixtures();

describe('Chromium: painting', () => {
  for (const fixture of PAINTING_FIXTURES) {
    it(`paints exactly the CLI's mentions on ${fixture}`, async () => {
      const expected = expectedMentions(fixture);
      expect(expected.length).toBeGreaterThan(2);
      const page = await openFixture(`/${fixture}`);
      const painted = await paintedOnce(page, expected.length);
      expect(painted).toEqual(expected);
      // Nothing else registered under our prefix: only the kind highlights.
      const names = await page.evaluate(() => [
        ...(CSS as unknown as { highlights: Map<string, unknown> }).highlights.keys(),
      ]);
      expect(names.every((n) => /^contexto-[a-z-]+$/.test(n))).toBe(true);
      await page.close();
    });
  }

  it('leaves the page DOM identical apart from the card host', async () => {
    const page = await browser.context.newPage();
    // Runs before the content script (document_idle comes after DOMContentLoaded).
    await page.addInitScript(() => {
      document.addEventListener('DOMContentLoaded', () => {
        const clone = document.documentElement.cloneNode(true) as HTMLElement;
        const parts: string[] = [];
        const walk = (node: Node, depth: number) => {
          parts.push(`${depth}:${node.nodeType}:${node.nodeName}:${node.nodeType === 3 ? (node as Text).data : ''}`);
          if (node.nodeType === 1)
            for (const attr of Array.from((node as Element).attributes))
              parts.push(`${depth}@${attr.name}=${attr.value}`);
          for (const c of node.childNodes) walk(c, depth + 1);
        };
        walk(clone, 0);
        (window as unknown as { __before: string }).__before = `${clone.outerHTML}\n----\n${parts.join('\n')}`;
      });
    });
    await page.goto(server.url('/pages/basic.html'));
    const expected = expectedMentions('pages/basic.html');
    await paintedOnce(page, expected.length);
    expect(await page.evaluate(() => document.querySelector('contexto-card'))).toBeNull();
    await hover(page, 'Sinaloa Cartel');
    const cdp = await page.context().newCDPSession(page);
    await waitFor(async () => (await dialogNames(cdp)).includes(nameOf('sinaloa-cartel')), 'the card');
    // The one node we add: a single host element, a child of <html>.
    expect(
      await page.evaluate(() => [...document.querySelectorAll('contexto-card')].map((n) => n.parentElement?.localName)),
    ).toEqual(['html']);
    const before = await page.evaluate(() => (window as unknown as { __before: string }).__before);
    const after = await page.evaluate(serializeDomInPage);
    expect(before.length).toBeGreaterThan(100);
    expect(after).toBe(before);
    await page.close();
  });
});
