/**
 * Browser launchers for the bench and the page-safety suite (playwright-core with the
 * system's Chromium and Firefox). Every request that does not go to our 127.0.0.1
 * server is aborted and counted.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Request } from 'playwright-core';
import { browserPathOrEmpty, missingLine } from './browser-paths';

/** The Chromium found on this machine (scripts/lib/browser-paths.ts), '' when missing. */
export const CHROMIUM = browserPathOrEmpty('chromium');

export interface Blocked {
  url: string;
  /** Who asked: the page, or an extension (chrome-extension:// / moz-extension:// frame or worker). */
  fromExtension: boolean;
}

export function requireExecutable(path: string, what: string): void {
  if (!path) throw new Error(missingLine(what === 'Firefox' ? 'firefox' : 'chromium', process.platform));
  if (!existsSync(path)) throw new Error(`${what} not found at ${path} (set CONTEXTO_CHROMIUM / CONTEXTO_FIREFOX)`);
}

/** Aborts every request that is not for `origin`; records what was blocked. */
export async function blockOutside(context: BrowserContext, origin: string, blocked: Blocked[]): Promise<void> {
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (
      url.startsWith(`${origin}/`) ||
      url.startsWith('data:') ||
      url.startsWith('blob:') ||
      url.startsWith('chrome-extension:') ||
      url.startsWith('moz-extension:')
    ) {
      return route.continue();
    }
    blocked.push({ url, fromExtension: isExtensionRequest(route.request()) });
    return route.abort('blockedbyclient');
  });
}

export function isExtensionRequest(request: Request): boolean {
  const ext = /^(chrome|moz)-extension:/;
  const headers = request.headers();
  const frameUrl = (() => {
    try {
      return request.frame().url();
    } catch {
      return ''; // service-worker requests have no frame
    }
  })();
  return (
    ext.test(frameUrl) ||
    ext.test(headers.origin ?? '') ||
    ext.test(headers.referer ?? '') ||
    request.serviceWorker() !== null
  );
}

/** A Chromium context; with `extensionDir`, a persistent profile with the unpacked extension loaded. */
export async function launchChromium(
  opts: { extensionDir?: string; javaScriptEnabled?: boolean; extraArgs?: string[] } = {},
): Promise<{ context: BrowserContext; close(): Promise<void> }> {
  requireExecutable(CHROMIUM, 'Chromium');
  const args = [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-dev-shm-usage',
    '--no-first-run',
    '--no-default-browser-check',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--metrics-recording-only',
    '--enable-precise-memory-info',
    ...(opts.extraArgs ?? []),
  ];
  if (opts.extensionDir) {
    const profile = mkdtempSync(join(tmpdir(), 'contexto-profile-'));
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: [...args, `--disable-extensions-except=${opts.extensionDir}`, `--load-extension=${opts.extensionDir}`],
      ignoreDefaultArgs: ['--disable-extensions'],
      javaScriptEnabled: opts.javaScriptEnabled ?? true,
      viewport: { width: 1280, height: 900 },
    });
    return {
      context,
      close: async () => {
        await context.close();
        rmSync(profile, { recursive: true, force: true });
      },
    };
  }
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args });
  const context = await browser.newContext({
    javaScriptEnabled: opts.javaScriptEnabled ?? true,
    viewport: { width: 1280, height: 900 },
  });
  return {
    context,
    close: async () => {
      await context.close();
      await browser.close();
    },
  };
}
