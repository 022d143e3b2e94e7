/** What scan-ab.ts and scan-profile.ts share: the pages named on the command line, served locally, and one tab to evaluate bundles in. */
import { loadFactSheetDir } from '../../src/factsheet/load-files';
import { launchChromium } from '../lib/browser';
import { corpusDir, corpusPages } from '../lib/corpus';
import { launchFirefox } from '../lib/firefox';
import { type LocalServer, startServer } from '../lib/server';
import { QUICK_PAGES } from './options';
import { syntheticPage } from './synthetic';

/** The pages `wanted` (default: the quick pages and the 5 MB page) as URLs on a local server (corpus pages without their scripts). */
export async function scanPages(wanted: readonly string[]): Promise<{
  server: LocalServer;
  urls: (readonly [string, string])[];
}> {
  const names = wanted.length ? wanted : [...QUICK_PAGES, 'synthetic-5mb'];
  const server = await startServer(corpusDir());
  server.put('/synthetic.html', { type: 'text/html; charset=utf-8', body: syntheticPage(loadFactSheetDir()).html });
  const urls = names.map((n) => {
    if (n === 'synthetic-5mb') return [n, `${server.origin}/synthetic.html`] as const;
    const p = corpusPages().find((c) => c.file.includes(n));
    if (!p) throw new Error(`no page ${n}`);
    return [n, `${server.origin}/static/${p.file}`] as const;
  });
  return { server, urls };
}

export interface ScanTab {
  goto(url: string): Promise<unknown>;
  evaluate(fn: string): Promise<unknown>;
  close(): Promise<void>;
}

/** A tab without the extension, off the network, in Firefox ESR or Chromium (`chromiumArgs` added). */
export async function openScanTab(firefox: boolean, chromiumArgs: string[] = []): Promise<ScanTab> {
  if (firefox) {
    const ff = await launchFirefox({
      viewport: { width: 1280, height: 900 },
      prefs: { 'privacy.reduceTimerPrecision': false },
    });
    const page = await ff.newPage();
    return {
      goto: (u) => page.goto(u, { waitUntil: 'load', timeout: 120_000 }),
      evaluate: (f) => page.evaluate(f),
      close: () => ff.close(),
    };
  }
  const c = await launchChromium({ offline: true, extraArgs: chromiumArgs });
  const page = await c.context.newPage();
  return {
    goto: (u) => page.goto(u, { waitUntil: 'load', timeout: 120_000 }),
    evaluate: (f) => page.evaluate(f),
    close: () => c.close(),
  };
}
