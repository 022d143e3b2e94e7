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
 * And on a small page with page scripts on: a page counting its own timer ticks sees the
 * same count with and without the extension (within 15%).
 * Exits non-zero on any failure; prints one summary line per page.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { corpusDir, corpusPages, REPO_ROOT } from './lib/corpus';
import { startServer } from './lib/server';
import { blockOutside, launchChromium, type Blocked } from './lib/browser';

const EXT_DIR = join(REPO_ROOT, '.output/chrome-mv3');
const SETTLE_MS = Number(process.env.CONTEXTO_SETTLE_MS ?? 1500);
const failures: string[] = [];

/** Texts of the extension's highlighted ranges, read from the page's main world. */
const mentionTexts = (page: Page) =>
  page.evaluate(() => {
    const out: string[] = [];
    for (const [name, h] of CSS.highlights as unknown as Map<string, Set<Range>>) {
      if (name.startsWith('contexto') && name !== 'contexto-focus') for (const r of h) out.push(r.toString());
    }
    return out;
  });

const serialize = (page: Page) =>
  page.evaluate(() => {
    const clone = document.documentElement.cloneNode(true) as Element;
    for (const el of clone.querySelectorAll('contexto-card')) el.remove();
    return clone.outerHTML;
  });

function collectErrors(context: BrowserContext, errors: string[]): void {
  const fromExtension = (s: string) => /chrome-extension:\/\//.test(s);
  context.on('page', (page) => {
    page.on('pageerror', (e) => {
      if (fromExtension(`${e.stack ?? ''} ${e.message}`)) errors.push(`pageerror: ${e.message}`);
    });
    page.on('console', (m) => {
      if ((m.type() === 'error' || m.type() === 'warning') && fromExtension(`${m.location().url} ${m.text()}`)) errors.push(`console.${m.type()}: ${m.text()}`);
    });
  });
  const watchWorker = (w: { url(): string; on(ev: 'console', cb: (m: { type(): string; text(): string }) => void): void }) => {
    w.on('console', (m) => {
      if (m.type() === 'error') errors.push(`service worker console.error: ${m.text()}`);
    });
  };
  context.on('serviceworker', watchWorker);
  for (const w of context.serviceWorkers()) watchWorker(w);
}

async function main(): Promise<void> {
  const pages = corpusPages();
  if (!existsSync(join(EXT_DIR, 'manifest.json'))) throw new Error(`No Chrome build in ${EXT_DIR}: run npm run build first.`);
  const server = await startServer(corpusDir());
  server.put('/ticks.html', {
    type: 'text/html; charset=utf-8',
    body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Ticks</title></head><body><article>${'<p>The Sinaloa Cartel and the DEA, the Mérida Initiative and fentanyl. </p>'.repeat(300)}</article><script>window.ticks=0;setInterval(()=>window.ticks++,10);</script></body></html>`,
  });
  const blocked: Blocked[] = [];
  const errors: string[] = [];
  const ext = await launchChromium({ extensionDir: EXT_DIR });
  const plain = await launchChromium({});
  try {
    collectErrors(ext.context, errors);
    await blockOutside(ext.context, server.origin, blocked);
    await blockOutside(plain.context, server.origin, []);
    ext.context.on('request', (r) => {
      // Requests the route does not see (e.g. from the service worker) are counted here too.
      const url = r.url();
      if (!url.startsWith(server.origin) && !url.startsWith('chrome-extension:') && !url.startsWith('data:') && r.serviceWorker()) blocked.push({ url, fromExtension: true });
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
      const t0 = Date.now();
      await pageB.goto(url, { waitUntil: 'load', timeout: 60_000 });
      await pageB.waitForTimeout(SETTLE_MS);
      const domWith = await serialize(pageB);
      const mentions = await mentionTexts(pageB);
      const ms = Date.now() - t0;
      if (domWith !== domWithout) pageFailures.push(`DOM differs (${domWithout.length} vs ${domWith.length} chars)`);
      const extErrors = errors.slice(errorsBefore);
      if (extErrors.length) pageFailures.push(`${extErrors.length} extension errors: ${extErrors.slice(0, 3).join(' | ')}`);
      const extRequests = blocked.slice(blockedBefore).filter((b) => b.fromExtension);
      if (extRequests.length) pageFailures.push(`extension requests: ${extRequests.map((b) => b.url).join(', ')}`);
      const base = p.lang.toLowerCase().split('-')[0] ?? '';
      // liberation-1 says lang="en" but is French (MANIFEST notes): the notes decide.
      const spoken = /text is French/.test(p.notes) ? 'fr' : base;
      if (spoken !== 'en' && spoken !== 'es' && mentions.length) pageFailures.push(`false mentions on a ${spoken} page: ${mentions.join(', ')}`);
      const pageBlocked = blocked.length - blockedBefore;
      console.log(`${pageFailures.length ? 'FAIL' : 'ok  '} ${p.file.padEnd(28)} lang ${spoken.padEnd(3)} mentions ${String(mentions.length).padStart(3)}${mentions.length ? ` [${[...new Set(mentions)].join('; ')}]` : ''}  load+settle ${ms} ms  errors ${extErrors.length}  blocked(page) ${pageBlocked}${pageFailures.length ? '\n     ' + pageFailures.join('\n     ') : ''}`);
      failures.push(...pageFailures.map((f) => `${p.file}: ${f}`));
    }
    // The page's own timers keep running.
    const ticks = async (page: Page) => {
      await page.goto(`${server.origin}/ticks.html`, { waitUntil: 'load' });
      const start = (await page.evaluate(() => (window as unknown as { ticks: number }).ticks)) as number;
      await page.waitForTimeout(2000);
      return ((await page.evaluate(() => (window as unknown as { ticks: number }).ticks)) as number) - start;
    };
    const [a, b] = [await ticks(pageA), await ticks(pageB)];
    const ok = b >= a * 0.85;
    console.log(`${ok ? 'ok  ' : 'FAIL'} timer ticks in 2 s: without extension ${a}, with ${b}; mentions on that page ${(await mentionTexts(pageB)).length}`);
    if (!ok) failures.push(`timer ticks: ${b} with the extension vs ${a} without`);
    if ((await mentionTexts(pageB)).length === 0) failures.push('the extension painted nothing on the ticks page: is the content script running?');
  } finally {
    await ext.close();
    await plain.close();
    await server.close();
  }
  console.log(failures.length ? `\n${failures.length} failures:\n  ${failures.join('\n  ')}` : '\nall page checks passed');
  process.exit(failures.length ? 1 : 0);
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
