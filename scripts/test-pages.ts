/**
 * `npm run test:pages`: the built extension (.output/chrome-mv3) over every corpus page in
 * headless Chromium, served as UTF-8 from 127.0.0.1 with every other request blocked.
 * Per page it checks:
 * - no uncaught error, unhandled rejection or console error from the extension
 *   (stack or source URL chrome-extension://…), in the page or the service worker;
 * - the DOM after annotation equals the DOM without the extension, apart from <contexto-card>
 *   (compared with page scripts off, so the page itself does not change its DOM);
 * - the extension makes no network request (requests from chrome-extension:// frames,
 *   origins, referrers or the service worker are counted; the count must be 0);
 * - no false mentions: pages in languages other than English and Spanish must have none
 *   (none of the fact sheet's terms occurs in them: checked by reading the MANIFEST notes),
 *   and every mention on other pages is listed in the summary line.
 * And on a small page with page scripts on that names the sheet's terms 1,200 times: every mention
 * painted, and the page's own timer still firing (how often, with and without the extension, is
 * printed here and compared in the bench's longtask part: a time is not a pass/fail test).
 *
 * Then the Firefox build (.output/firefox-mv2) in headless Firefox ESR (puppeteer-core over
 * WebDriver BiDi) over at least CONTEXTO_FIREFOX_PAGES (default 12) corpus pages: the biggest
 * page of every language in the corpus, then the biggest pages overall. Per page: no error
 * or unhandled rejection from the extension (page errors and console errors located in
 * moz-extension://), `CSS.highlights` readable, the same mentions as Chromium painted on that
 * page, the DOM equal to Firefox's without the extension apart from <contexto-card>, and
 * nothing sent outside 127.0.0.1 (tab requests are aborted and counted; the whole browser,
 * extension background included, goes through a refusing proxy that must see nothing).
 *
 * The time column is the extension's own first full scan (its `contexto-scan` performance
 * measure: from the start of the scan to the last slice, gaps between slices included).
 * Exits non-zero on any failure; prints one summary line per page.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { corpusDir, corpusPages, REPO_ROOT, type CorpusPage } from './lib/corpus';
import { COLLECT_HIGHLIGHTS } from './lib/highlights-in-page';
import { startServer } from './lib/server';
import { blockOutside, launchChromium, type Blocked } from './lib/browser';
import { isBrowserServiceRequest, launchFirefox } from './lib/firefox';
import { TICKS_HTML, TICKS_PATH, ticksAfterLoad } from './lib/ticks-page';

const EXT_DIR = join(REPO_ROOT, '.output/chrome-mv3');
const FIREFOX_EXT_DIR = join(REPO_ROOT, '.output/firefox-mv2');
const FIREFOX_PAGES = Number(process.env.CONTEXTO_FIREFOX_PAGES ?? 12);
const SETTLE_MS = Number(process.env.CONTEXTO_SETTLE_MS ?? 1500);
const failures: string[] = [];

/** Texts of the extension's highlighted ranges over the whole page (scrolled through), from the page's main world. */
const mentionTexts = async (page: Page) =>
  ((await page.evaluate(COLLECT_HIGHLIGHTS)) as { text: string }[]).map((h) => h.text);

/** Self-contained (serialized into the page): the DOM without our card host. */
function serializeInPage(): string {
  const clone = document.documentElement.cloneNode(true) as Element;
  for (const el of clone.querySelectorAll('contexto-card')) el.remove();
  return clone.outerHTML;
}
const serialize = (page: Page) => page.evaluate(serializeInPage);

/** Self-contained: whether the page's main world can read `CSS.highlights`. */
function highlightsReadable(): boolean {
  return typeof CSS !== 'undefined' && !!(CSS as unknown as { highlights?: unknown }).highlights;
}

/** Self-contained: duration of the extension's first full scan (ms), or null while it has not finished. */
function scanMsInPage(): number | null {
  const m = performance.getEntriesByName('contexto-scan', 'measure')[0];
  return m ? m.duration : null;
}

/** Polls until `check` gives a non-null value (a wait, not a timed assertion: null after `timeoutMs`). */
async function poll<T>(check: () => Promise<T | null>, timeoutMs = 30_000): Promise<T | null> {
  const start = Date.now();
  for (;;) {
    const v = await check();
    if (v !== null || Date.now() - start > timeoutMs) return v;
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The language a page is written in (liberation-1 says lang="en" but is French: the MANIFEST notes decide). */
function spokenLanguage(p: CorpusPage): string {
  return /text is French/.test(p.notes) ? 'fr' : (p.lang.toLowerCase().split('-')[0] ?? '');
}

/** The biggest page of every language, then the biggest others, `count` pages in all, biggest first. */
function pickFirefoxPages(pages: CorpusPage[], count: number): CorpusPage[] {
  const bySize = [...pages].sort((a, b) => b.bytes - a.bytes);
  const picked = new Set<CorpusPage>();
  const langs = new Set<string>();
  for (const p of bySize) {
    const lang = spokenLanguage(p);
    if (!langs.has(lang)) {
      langs.add(lang);
      picked.add(p);
    }
  }
  for (const p of bySize) if (picked.size < count) picked.add(p);
  return bySize.filter((p) => picked.has(p));
}

const TICKS: CorpusPage & { url: string } = {
  file: 'ticks.html',
  path: '',
  bytes: Buffer.byteLength(TICKS_HTML),
  lang: 'en',
  notes: '',
  url: TICKS_PATH,
};

const fmtMs = (ms: number | null) => (ms === null ? 'scan -' : `scan ${Math.round(ms)} ms`);

function collectErrors(context: BrowserContext, errors: string[]): void {
  const fromExtension = (s: string) => /chrome-extension:\/\//.test(s);
  context.on('page', (page) => {
    page.on('pageerror', (e) => {
      if (fromExtension(`${e.stack ?? ''} ${e.message}`)) errors.push(`pageerror: ${e.message}`);
    });
    page.on('console', (m) => {
      if ((m.type() === 'error' || m.type() === 'warning') && fromExtension(`${m.location().url} ${m.text()}`))
        errors.push(`console.${m.type()}: ${m.text()}`);
    });
  });
  const watchWorker = (w: {
    url(): string;
    on(ev: 'console', cb: (m: { type(): string; text(): string }) => void): void;
  }) => {
    w.on('console', (m) => {
      if (m.type() === 'error') errors.push(`service worker console.error: ${m.text()}`);
    });
  };
  context.on('serviceworker', watchWorker);
  for (const w of context.serviceWorkers()) watchWorker(w);
}

async function main(): Promise<void> {
  const pages = corpusPages();
  if (!existsSync(join(EXT_DIR, 'manifest.json')))
    throw new Error(`No Chrome build in ${EXT_DIR}: run npm run build first.`);
  const server = await startServer(corpusDir());
  server.put(TICKS_PATH, {
    type: 'text/html; charset=utf-8',
    body: TICKS_HTML,
  });
  const blocked: Blocked[] = [];
  const errors: string[] = [];
  const chromiumMentions = new Map<string, string[]>();
  const ext = await launchChromium({ extensionDir: EXT_DIR });
  const plain = await launchChromium({});
  try {
    collectErrors(ext.context, errors);
    await blockOutside(ext.context, server.origin, blocked);
    await blockOutside(plain.context, server.origin, []);
    ext.context.on('request', (r) => {
      // Requests the route does not see (e.g. from the service worker) are counted here too.
      const url = r.url();
      if (
        !url.startsWith(server.origin) &&
        !url.startsWith('chrome-extension:') &&
        !url.startsWith('data:') &&
        r.serviceWorker()
      )
        blocked.push({ url, fromExtension: true });
    });
    await new Promise((r) => setTimeout(r, 1000));
    const pageA = await plain.context.newPage();
    const pageB = await ext.context.newPage();
    console.log(`test:pages: ${pages.length} pages from ${corpusDir()}, extension ${EXT_DIR}`);
    for (const p of pages) {
      const pageFailures: string[] = [];
      const errorsBefore = errors.length;
      const blockedBefore = blocked.length;
      const url = `${server.origin}/static/${p.file}`;
      await pageA.goto(url, { waitUntil: 'load', timeout: 60_000 });
      const domWithout = await serialize(pageA);
      await pageB.goto(url, { waitUntil: 'load', timeout: 60_000 });
      const loaded = Date.now();
      const scanMs = await poll(() => pageB.evaluate(scanMsInPage));
      // Then settle (late errors, requests, live rescans) for SETTLE_MS after load in all.
      await pageB.waitForTimeout(Math.max(0, SETTLE_MS - (Date.now() - loaded)));
      const domWith = await serialize(pageB);
      const mentions = await mentionTexts(pageB);
      chromiumMentions.set(p.file, mentions);
      if (scanMs === null)
        pageFailures.push('the extension recorded no finished scan (contexto-scan measure) within 30 s');
      if (domWith !== domWithout) pageFailures.push(`DOM differs (${domWithout.length} vs ${domWith.length} chars)`);
      const extErrors = errors.slice(errorsBefore);
      if (extErrors.length)
        pageFailures.push(`${extErrors.length} extension errors: ${extErrors.slice(0, 3).join(' | ')}`);
      const extRequests = blocked.slice(blockedBefore).filter((b) => b.fromExtension);
      if (extRequests.length) pageFailures.push(`extension requests: ${extRequests.map((b) => b.url).join(', ')}`);
      const spoken = spokenLanguage(p);
      if (spoken !== 'en' && spoken !== 'es' && mentions.length)
        pageFailures.push(`false mentions on a ${spoken} page: ${mentions.join(', ')}`);
      const pageBlocked = blocked.length - blockedBefore;
      console.log(
        `${pageFailures.length ? 'FAIL' : 'ok  '} ${p.file.padEnd(28)} lang ${spoken.padEnd(3)} mentions ${String(mentions.length).padStart(3)}${mentions.length ? ` [${[...new Set(mentions)].join('; ')}]` : ''}  ${fmtMs(scanMs)}  errors ${extErrors.length}  blocked(page) ${pageBlocked}${pageFailures.length ? `\n     ${pageFailures.join('\n     ')}` : ''}`,
      );
      failures.push(...pageFailures.map((f) => `${p.file}: ${f}`));
    }
    // The page's own timers keep running (a page the extension hung would count none).
    const [a, b] = [await ticksAfterLoad(pageA, server.origin), await ticksAfterLoad(pageB, server.origin)];
    console.log(
      `${b > 0 ? 'ok  ' : 'FAIL'} timer ticks in 2 s: without extension ${a}, with ${b}; mentions on that page ${(await mentionTexts(pageB)).length}`,
    );
    if (b === 0) failures.push(`timer ticks: the page's timer never fired with the extension (${a} without)`);
    const ticksMentions = await mentionTexts(pageB);
    chromiumMentions.set(TICKS.file, ticksMentions);
    if (ticksMentions.length === 0)
      failures.push('the extension painted nothing on the ticks page: is the content script running?');
  } finally {
    await ext.close();
    await plain.close();
  }
  try {
    // The corpus pages mention none of the sheet's terms: the ticks page (1,200 mentions) makes
    // the Firefox-vs-Chromium mention comparison bite.
    await firefoxPass([...pickFirefoxPages(pages, FIREFOX_PAGES), TICKS], server.origin, chromiumMentions);
  } finally {
    await server.close();
  }
  console.log(
    failures.length ? `\n${failures.length} failures:\n  ${failures.join('\n  ')}` : '\nall page checks passed',
  );
  process.exit(failures.length ? 1 : 0);
}

/** The Firefox build over `pages`, compared with Firefox without the extension and with Chromium's mentions. */
async function firefoxPass(
  pages: (CorpusPage & { url?: string })[],
  origin: string,
  chromiumMentions: Map<string, string[]>,
): Promise<void> {
  if (!existsSync(join(FIREFOX_EXT_DIR, 'manifest.json')))
    throw new Error(`No Firefox build in ${FIREFOX_EXT_DIR}: run npm run build first.`);
  const langs = [...new Set(pages.map(spokenLanguage))].sort();
  console.log(`\n[firefox] ${pages.length} pages (languages ${langs.join(', ')}), extension ${FIREFOX_EXT_DIR}`);
  const plain = await launchFirefox({ viewport: { width: 1280, height: 900 } });
  const ext = await launchFirefox({ extensionDir: FIREFOX_EXT_DIR, viewport: { width: 1280, height: 900 } });
  try {
    const blocked: string[] = [];
    const errors: string[] = [];
    const pageA = await plain.newPage();
    const pageB = await ext.newPage(blocked);
    const fromExtension = (s: string) => s.includes('moz-extension://');
    pageB.on('pageerror', (e) => {
      const text = `${e instanceof Error ? `${e.message}\n${e.stack ?? ''}` : String(e)}`;
      if (fromExtension(text)) errors.push(`pageerror: ${text.split('\n')[0]}`);
    });
    pageB.on('console', (m) => {
      if (m.type() !== 'error' && m.type() !== 'warn') return;
      const where = [m.location().url ?? '', ...m.stackTrace().map((f) => f.url ?? '')].join(' ');
      if (fromExtension(`${where} ${m.text()}`)) errors.push(`console.${m.type()}: ${m.text()}`);
    });
    for (const p of pages) {
      const pageFailures: string[] = [];
      const errorsBefore = errors.length;
      const blockedBefore = blocked.length;
      const outsideBefore = ext.outside.length;
      const url = origin + (p.url ?? `/static/${p.file}`);
      await pageA.goto(url, { waitUntil: 'load', timeout: 60_000 });
      const domWithout = await pageA.evaluate(serializeInPage);
      await pageB.goto(url, { waitUntil: 'load', timeout: 60_000 });
      const loaded = Date.now();
      const scanMs = await poll(() => pageB.evaluate(scanMsInPage));
      if (scanMs === null)
        pageFailures.push('the extension recorded no finished scan (contexto-scan measure) within 30 s');
      await new Promise((r) => setTimeout(r, Math.max(0, SETTLE_MS - (Date.now() - loaded))));
      const domWith = await pageB.evaluate(serializeInPage);
      const mentions = (await pageB.evaluate(highlightsReadable))
        ? ((await pageB.evaluate(COLLECT_HIGHLIGHTS)) as { text: string }[]).map((h) => h.text)
        : null;
      if (mentions === null) pageFailures.push('CSS.highlights cannot be read in the page');
      const inChromium = chromiumMentions.get(p.file);
      if (!inChromium) throw new Error(`no Chromium result for ${p.file}`);
      const sorted = (l: string[]) => [...l].sort().join(' | ');
      if (mentions && sorted(mentions) !== sorted(inChromium))
        pageFailures.push(
          `mentions differ from Chromium's: firefox [${sorted(mentions)}] vs chromium [${sorted(inChromium)}]`,
        );
      if (domWith !== domWithout)
        pageFailures.push(
          `DOM differs from Firefox without the extension (${domWithout.length} vs ${domWith.length} chars)`,
        );
      const extErrors = errors.slice(errorsBefore);
      if (extErrors.length)
        pageFailures.push(`${extErrors.length} extension errors: ${extErrors.slice(0, 3).join(' | ')}`);
      const leaked = ext.outside.slice(outsideBefore).filter((l) => !isBrowserServiceRequest(l));
      if (leaked.length)
        pageFailures.push(
          `requests got past the tab's blocking (not Firefox's own services, so possibly the extension): ${leaked.join(', ')}`,
        );
      const n = mentions?.length ?? 0;
      console.log(
        `${pageFailures.length ? 'FAIL' : 'ok  '} [firefox] ${p.file.padEnd(28)} lang ${spokenLanguage(p).padEnd(3)} ${String(Math.round(p.bytes / 1024)).padStart(5)} KB  mentions ${String(n).padStart(3)} (chromium ${inChromium.length})  ${fmtMs(scanMs)}  errors ${extErrors.length}  blocked(page) ${blocked.length - blockedBefore}${pageFailures.length ? `\n     ${pageFailures.join('\n     ')}` : ''}`,
      );
      failures.push(...pageFailures.map((f) => `[firefox] ${p.file}: ${f}`));
    }
    // Anything that reached the refusing proxy outside the page loop (e.g. at start-up) counts too.
    // Firefox's own service traffic (to mozilla hosts) is blocked as well, and only reported.
    const service = ext.outside.filter(isBrowserServiceRequest);
    const other = ext.outside.filter((l) => !isBrowserServiceRequest(l));
    console.log(
      `${other.length ? 'FAIL' : 'ok  '} [firefox] requests past the tabs' blocking, whole run: ${other.length} not from Firefox's own services${other.length ? ` (${other.join(', ')})` : ''}; Firefox's own services, blocked by the proxy: ${service.length}${service.length ? ` (${[...new Set(service)].join(', ')})` : ''}`,
    );
    if (other.length)
      failures.push(`[firefox] requests outside 127.0.0.1, not from Firefox's own services: ${other.join(', ')}`);
  } finally {
    await ext.close();
    await plain.close();
  }
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
