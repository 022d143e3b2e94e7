/**
 * Content-script start-up with a large imported sheet, in headless Chromium with the built
 * extension (docs/benchmarks-history.md, "Content-script start-up with a large imported sheet").
 *
 *   tsx scripts/measure-startup.ts [--extension .output/chrome-mv3] [--entries 4800] [--runs 9]
 *
 * Loads the sample article `runs` times without an imported sheet, imports a generated sheet
 * of `entries` entries (4 aliases each, near the validator's limits) through the options page,
 * and loads the article `runs` times again. Per load it reads the content script's
 * `contexto-scan` measure: its start is when the frame's index was ready (settings and sheets
 * read, matcher compiled), its end when the first scan was painted, both from navigation start.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { BrowserContext } from 'playwright-core';
import { launchChromium } from './lib/browser';
import { startServer } from './lib/server';

const { values } = parseArgs({
  options: {
    extension: { type: 'string', default: '.output/chrome-mv3' },
    entries: { type: 'string', default: '4800' },
    runs: { type: 'string', default: '9' },
  },
  strict: true,
});
const extensionDir = resolve(values.extension);
const entryCount = Number(values.entries);
const runs = Number(values.runs);

/** A valid imported sheet of made-up terms that never occur on the page. */
export function largeSheet(n: number): { name: string; entries: unknown[] } {
  const fact = (i: number, k: number) => ({
    text: `Made-up fact ${k} about term ${i}.`,
    asOf: `2025-01-0${k + 1}`,
    source: { publisher: 'Bench Desk', title: `Note ${i}-${k}`, date: `2025-01-0${k + 1}` },
  });
  const entries = [];
  for (let i = 0; i < n; i++) {
    const w = `Qzx${i.toString(36)}`;
    entries.push({
      id: `zz-bench-${i}`,
      name: `${w} Harbor Authority`,
      kind: 'agency',
      aliases: [
        { text: `${w} Harbor Authority` },
        { text: `${w} Port Board` },
        { text: `${w}HA`, caseSensitive: true },
        { text: `Autoridad Portuaria ${w}`, lang: 'es' },
      ],
      summary: `A made-up port regulator number ${i}, generated for the start-up measurement.`,
      facts: [fact(i, 0), fact(i, 1)],
      related: [],
    });
  }
  return { name: 'Start-up bench sheet', entries };
}

async function readyAndScanned(context: BrowserContext, url: string): Promise<{ ready: number; scanned: number }> {
  const page = await context.newPage();
  if (process.env.DEBUG_STARTUP) page.on('console', (m) => console.log('page:', m.text()));
  try {
    await page.goto(url);
    const m = await page.waitForFunction(
      () => {
        const e = performance.getEntriesByName('contexto-scan', 'measure')[0];
        return e ? { ready: e.startTime, scanned: e.startTime + e.duration } : null;
      },
      undefined,
      { timeout: 60_000, polling: 50 },
    );
    return (await m.jsonValue()) as { ready: number; scanned: number };
  } finally {
    await page.close();
  }
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
};

async function series(context: BrowserContext, url: string, label: string): Promise<void> {
  await readyAndScanned(context, url); // warm-up
  const ready: number[] = [];
  const scanned: number[] = [];
  for (let i = 0; i < runs; i++) {
    const r = await readyAndScanned(context, url);
    ready.push(r.ready);
    scanned.push(r.scanned);
  }
  console.log(
    `${label}: index ready ${median(ready).toFixed(0)} ms (min ${Math.min(...ready).toFixed(0)}), first scan painted ${median(scanned).toFixed(0)} ms (min ${Math.min(...scanned).toFixed(0)}) after navigation start; median of ${runs}`,
  );
}

const server = await startServer(resolve('tests/fixtures'));
server.put('/article.html', {
  type: 'text/html; charset=utf-8',
  body: readFileSync('tests/fixtures/sample-article.html'),
});
const browser = await launchChromium({ extensionDir });
try {
  const { context } = browser;
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const extensionId = new URL(worker.url()).host;
  const url = `${server.origin}/article.html`;
  console.log(`extension ${extensionDir}; sheet of ${entryCount} entries`);
  await series(context, url, 'no imported sheet');

  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  await options.locator('body[data-ready="true"]').waitFor({ state: 'attached' });
  const t0 = Date.now();
  await options.locator('#sheet-file').setInputFiles({
    name: 'bench.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(largeSheet(entryCount))),
  });
  await options.locator('input[name="mode"][value="add"]').check();
  await options.locator('#import-button').click();
  await options.locator('#sheets-list li.sheet').first().waitFor({ timeout: 120_000 });
  console.log(`import (validate once, store): ${Date.now() - t0} ms`);
  await options.close();

  await series(context, url, `imported sheet of ${entryCount} entries`);
} finally {
  await browser.close();
  await server.close();
}
