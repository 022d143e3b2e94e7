/** What the bench's parts share: the built extensions, logging, summaries, the extension's highlights. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { REPO_ROOT } from '../lib/corpus';

export type Log = (...xs: unknown[]) => void;

export const median = (xs: readonly number[]): number => {
  if (!xs.length) return -1;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

/** The p-th percentile (0–100) by nearest rank. */
export const percentile = (xs: readonly number[], p: number): number => {
  if (!xs.length) return -1;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))]!;
};

export const round = (x: number, digits = 2): number => +x.toFixed(digits);

/** The built extension for `browser` (CONTEXTO_EXTENSION_DIR / CONTEXTO_FIREFOX_EXTENSION_DIR for another build). */
export function extensionDir(browser: 'chromium' | 'firefox' = 'chromium'): string {
  const dir =
    browser === 'chromium'
      ? (process.env.CONTEXTO_EXTENSION_DIR ?? join(REPO_ROOT, '.output/chrome-mv3'))
      : (process.env.CONTEXTO_FIREFOX_EXTENSION_DIR ?? join(REPO_ROOT, '.output/firefox-mv2'));
  if (!existsSync(join(dir, 'manifest.json')) || !existsSync(join(dir, 'content-scripts/content.js')))
    throw new Error(`no ${browser} build in ${dir}: run npm run build first`);
  return dir;
}

/**
 * Runs in the page's main world (which sees the extension's `CSS.highlights`): the number of
 * registered ranges of the extension's highlights. With only near-viewport ranges registered,
 * this is what is painted, not every mention.
 */
export const REGISTERED_RANGES = (): number => {
  let n = 0;
  for (const [name, h] of CSS.highlights as unknown as Map<string, Set<unknown>>)
    if (name.startsWith('contexto') && name !== 'contexto-focus') n += h.size;
  return n;
};

/** Main world: the duration of the content script's first-scan measure (`contexto-scan`), or 0 before it. */
export const SCAN_DONE = (): number => performance.getEntriesByName('contexto-scan')[0]?.duration ?? 0;

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** How many cards the page has measured (`contexto-card`) so far. */
export const cardsSoFar = (page: Page): Promise<number> =>
  page.evaluate(() => performance.getEntriesByName('contexto-card').length);

/** The duration of the first card measured after `before` of them, or null after `timeoutMs`. */
export function nextCardMs(page: Page, before: number, timeoutMs: number): Promise<number | null> {
  return page
    .waitForFunction(
      (b) => {
        const e = performance.getEntriesByName('contexto-card');
        return e.length > b ? e[e.length - 1]!.duration : false;
      },
      before,
      { timeout: timeoutMs, polling: 20 },
    )
    .then((h) => h.jsonValue() as Promise<number>)
    .catch(() => null);
}
