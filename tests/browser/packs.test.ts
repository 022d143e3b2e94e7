import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packMain } from '../../src/cli/pack';
import { dialogNames, fullAXTree, launchChromium, waitFor, type ChromiumWithExtension } from './chromium';
import { collectHighlightsInPage, mentionBoxInPage } from './expected';
import { launchFirefox, type FirefoxWithExtension } from './firefox';
import { EXTENSION_DIR } from './launch';

/**
 * Subscribed packs end to end, in Chromium and Firefox, with the pack served on 127.0.0.1
 * and built by `contexto pack build`: subscribe (the origin's permission asked at the click),
 * preview, accept, the new term painted in an already open tab; revision 2 applied by
 * "Check for updates" (the card shows the changed fact); a tampered revision 3 and a
 * rollback to revision 1 both refused with nothing changed; unsubscribe removes the term live.
 */

const TERM = 'Zanzibar Lumen Council';
const FACT_1 = 'It was set up for a browser test.';
const FACT_2 = 'It now also keeps the harbour lights.';
const PAGE = `<!doctype html><meta charset="utf-8"><title>Pack page</title><article><p>The ${TERM} met on Monday.</p><p>Officials of the ${TERM} said little.</p></article>`;

const work = mkdtempSync(join(tmpdir(), 'contexto-packs-browser-'));
const termsDir = join(work, 'terms');
const packFile = join(work, 'news.json');
const quiet = { stdout: () => {}, stderr: () => {}, readStdin: () => '' };

const lumen = (fact: string) => ({
  id: 'zz-lumen-council',
  name: TERM,
  kind: 'agency',
  aliases: [{ text: TERM }],
  summary: 'A made-up council used by the pack tests.',
  facts: [fact, 'It regulates nothing.'].map((text) => ({
    text,
    asOf: '2026-01-01',
    source: { publisher: 'Test Desk', title: 'Notes', date: '2026-01-01' },
  })),
  related: [],
});

/** Builds the next revision with the CLI and returns the pack file's text. */
async function publish(fact: string): Promise<string> {
  writeFileSync(join(termsDir, 'lumen.json'), JSON.stringify(lumen(fact)));
  const code = await packMain(
    [
      'build',
      '--key',
      join(work, 'desk.key'),
      '--out',
      packFile,
      '--name',
      'Test Desk extras',
      '--publisher',
      'Test Desk',
      termsDir,
    ],
    quiet,
  );
  if (code !== 0) throw new Error('contexto pack build failed');
  return readFileSync(packFile, 'utf8');
}

/** 127.0.0.1: the article at /article.html and whatever `served` holds at /packs/news.json (no CORS headers: the host permission is what allows the fetch). */
const served = { pack: '' };
const packRequests: { credentials: boolean }[] = [];
let server: Server;
let origin = '';

beforeAll(async () => {
  mkdirSync(termsDir);
  expect(await packMain(['keygen', join(work, 'desk')], quiet)).toBe(0);
  server = createServer((req, res) => {
    if (req.url === '/article.html')
      return void res
        .writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' })
        .end(PAGE);
    if (req.url === '/packs/news.json') {
      packRequests.push({ credentials: Boolean(req.headers.cookie || req.headers.authorization) });
      return void res
        .writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' })
        .end(served.pack);
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((ok) => server?.close(ok));
  rmSync(work, { recursive: true, force: true });
});

/** What each browser's driver must do; the scenario below is the same for both. */
interface Driver {
  /** Mention texts painted in the open article tab. */
  painted(): Promise<string[]>;
  /** The changed fact as a card shows it (Chromium: the open card; Firefox: the entries the card gets from the background). */
  cardShows(text: string): Promise<boolean>;
  options: {
    setValue(selector: string, value: string): Promise<void>;
    click(selector: string): Promise<void>;
    texts(selector: string): Promise<string[]>;
    attr(selector: string, name: string): Promise<string | null>;
  };
}

async function scenario(d: Driver): Promise<void> {
  // Each browser gets a publisher starting from revision 1.
  rmSync(packFile, { force: true });
  const revision1 = await publish(FACT_1);
  served.pack = revision1;
  const publicKey = readFileSync(join(work, 'desk.pub'), 'utf8');

  await waitFor(async () => (await d.painted()).length === 0 || true, 'the article');
  expect(await d.painted()).not.toContain(TERM);
  expect(packRequests).toEqual([]); // nothing is fetched before the reader subscribes

  // The bundled sheet is a pack too: its revision is on the page.
  expect((await d.options.texts('#bundled-pack'))[0]).toMatch(/revision \d+, published/);

  await d.options.setValue('#pack-url', `${origin}/packs/news.json`);
  await d.options.setValue('#pack-key', publicKey);
  await d.options.click('#pack-subscribe');
  await waitFor(async () => (await d.options.texts('#pack-preview .pack-adds li')).length > 0, 'the preview', 20_000);
  expect(await d.options.texts('#pack-preview .pack-adds li')).toEqual([TERM]);
  expect(await d.options.texts('#pack-preview .pack-changes li')).toEqual([]);
  expect(await d.options.texts('#pack-preview .pack-removes li')).toEqual([]);
  expect(packRequests).toEqual([{ credentials: false }]);
  // Previewing changes nothing yet.
  expect(await d.options.texts('#packs-list li.pack')).toEqual([]);
  expect(await d.painted()).not.toContain(TERM);

  await d.options.click('#pack-accept');
  await waitFor(
    async () => (await d.options.attr('#packs-list li.pack', 'data-revision')) === '1',
    'the subscription',
    30_000,
  ).catch(async (e: Error) => {
    throw new Error(
      `${e.message}; options page says: ${JSON.stringify(await d.options.texts('#pack-result, #pack-preview'))}`,
    );
  });
  await waitFor(
    async () => (await d.painted()).filter((t) => t === TERM).length === 2,
    'the pack’s term painted in the open tab',
  );

  // Revision 2, built with `contexto pack build`, through "Check for updates".
  served.pack = await publish(FACT_2);
  expect(JSON.parse(served.pack).revision).toBe(2);
  await d.options.click('#packs-list li.pack .pack-check');
  await waitFor(
    async () => (await d.options.attr('#packs-list li.pack', 'data-revision')) === '2',
    'revision 2 installed',
  );
  expect((await d.options.texts('#packs-list li.pack .pack-status'))[0]).toContain(
    'Updated to revision 2: 0 added, 1 changed, 0 removed.',
  );
  expect(await d.cardShows(FACT_2)).toBe(true);

  // A tampered revision 3: refused, nothing changes.
  const revision3 = JSON.parse(await publish('A fact the publisher signed.')) as {
    entries: { facts: { text: string }[] }[];
  };
  revision3.entries[0]!.facts[0]!.text = 'A fact someone slipped in.';
  served.pack = JSON.stringify(revision3);
  await d.options.click('#packs-list li.pack .pack-check');
  await waitFor(
    async () => (await d.options.texts('#packs-list li.pack .pack-status'))[0]?.includes('signature does not match'),
    'the tampered revision refused',
  );
  expect((await d.options.texts('#packs-list li.pack .pack-status'))[0]).toContain('Update refused, nothing changed');
  expect(await d.options.attr('#packs-list li.pack', 'data-revision')).toBe('2');

  // A rollback to revision 1 (validly signed, but older): refused, nothing changes.
  served.pack = revision1;
  await d.options.click('#packs-list li.pack .pack-check');
  await waitFor(
    async () =>
      (await d.options.texts('#packs-list li.pack .pack-status'))[0]?.includes(
        'revision 1 is older than the installed revision 2',
      ),
    'the rollback refused',
  );
  expect(await d.options.attr('#packs-list li.pack', 'data-revision')).toBe('2');
  expect(await d.cardShows(FACT_2)).toBe(true);
  expect(await d.cardShows('A fact someone slipped in.')).toBe(false);
  expect((await d.painted()).filter((t) => t === TERM)).toHaveLength(2);

  // Unsubscribing removes the term from the open tab.
  await d.options.click('#packs-list li.pack .pack-unsubscribe');
  await waitFor(async () => !(await d.painted()).includes(TERM), 'the pack’s term gone from the open tab');
  // The tab repaints as soon as the sheets are stored; the options page redraws its list only after
  // the origin's permission is removed too, so the list may empty a little later.
  await waitFor(async () => (await d.options.texts('#packs-list li.pack')).length === 0, 'the pack gone from the list');
  // Every request went to the pack's URL, never with cookies or credentials.
  expect(packRequests.every((r) => !r.credentials)).toBe(true);
}

describe('subscribed packs in Chromium', () => {
  let ext: ChromiumWithExtension;
  afterAll(async () => ext?.close());

  it('subscribe, preview, accept, update, refuse tampered and older revisions, unsubscribe', async () => {
    packRequests.length = 0;
    ext = await launchChromium(EXTENSION_DIR);
    const page = await ext.context.newPage();
    await page.goto(`${origin}/article.html`);
    const options = await ext.context.newPage();
    await options.goto(`chrome-extension://${ext.extensionId}/options.html`);
    await options.locator('body[data-ready="true"]').waitFor({ state: 'attached' });
    const cdp = await ext.context.newCDPSession(page);
    await scenario({
      painted: async () => (await page.evaluate(collectHighlightsInPage)).map((h) => h.text),
      async cardShows(text) {
        await page.bringToFront();
        await page.keyboard.press('Escape');
        await page.mouse.move(5, 5);
        await new Promise((r) => setTimeout(r, 300));
        const { tap: point } = await waitFor(() => page.evaluate(mentionBoxInPage, TERM), 'a painted mention');
        await page.mouse.move(point.x - 20, point.y + 40);
        await page.mouse.move(point.x, point.y, { steps: 4 });
        await waitFor(async () => (await dialogNames(cdp)).includes(TERM), 'the card', 30_000);
        // Every frame's tree: the card is built in a frame of its own.
        const nodes = await fullAXTree(cdp);
        const shown = nodes.some((n) => String(n.name?.value ?? '').includes(text));
        await options.bringToFront();
        return shown;
      },
      options: {
        setValue: (sel, value) => options.locator(sel).fill(value),
        click: (sel) => options.locator(sel).click(),
        texts: (sel) => options.locator(sel).allTextContents(),
        attr: async (sel, name) =>
          (await options.locator(sel).count()) ? options.locator(sel).first().getAttribute(name) : null,
      },
    });
  });
});

describe('subscribed packs in Firefox', () => {
  let firefox: FirefoxWithExtension;
  afterAll(async () => firefox?.close());
  const UUID = '2f0b6a39-6d7e-4b4e-9c4f-7d2a1c3b5e80';

  it('subscribe, preview, accept, update, refuse tampered and older revisions, unsubscribe', async () => {
    packRequests.length = 0;
    // Lets WebDriver BiDi open a moz-extension: page (the options page); only for this browser.
    process.env.MOZ_REMOTE_ALLOW_SYSTEM_ACCESS = '1';
    firefox = await launchFirefox(undefined, {
      prefs: {
        // A known moz-extension: origin for the options page.
        'extensions.webextensions.uuids': JSON.stringify({ 'contexto@contexto.example': UUID }),
        // Grant optional permissions without the doorhanger a headless test cannot click; the request is still made at the click.
        'extensions.webextOptionalPermissionPrompts': false,
      },
    });
    delete process.env.MOZ_REMOTE_ALLOW_SYSTEM_ACCESS;
    const page = await firefox.newPage();
    await page.goto(`${origin}/article.html`);
    const options = await firefox.newPage();
    // The page loads, but puppeteer's BiDi navigation never sees the moz-extension: load finish: poll the page itself.
    void options.goto(`moz-extension://${UUID}/options.html`, { timeout: 10_000 }).catch(() => {});
    await waitFor(
      () => options.evaluate(() => document.body?.dataset.ready === 'true').catch(() => false),
      'the options page',
    );
    await scenario({
      painted: async () => (await page.evaluate(collectHighlightsInPage)).map((h) => h.text),
      // The card's entries come from the background (`get-entries`), as in the content script.
      cardShows: (text) =>
        options.evaluate(async (t) => {
          const entries =
            (await (
              globalThis as unknown as {
                browser: { runtime: { sendMessage(m: unknown): Promise<{ facts: { text: string }[] }[]> } };
              }
            ).browser.runtime.sendMessage({ type: 'get-entries' })) ?? [];
          return entries.some((e) => e.facts.some((f) => f.text === t));
        }, text),
      options: {
        setValue: async (sel, value) => {
          await options.$eval(sel, (el, v) => ((el as HTMLInputElement).value = v), value);
        },
        click: async (sel) => {
          await options.bringToFront();
          await options.click(sel);
        },
        texts: (sel) => options.$$eval(sel, (els) => els.map((el) => el.textContent ?? '')),
        attr: (sel, name) => options.evaluate((s, n) => document.querySelector(s)?.getAttribute(n) ?? null, sel, name),
      },
    });
    expect(firefox.outside.filter((line) => !/mozilla|firefox/.test(line))).toEqual([]);
  });
});
