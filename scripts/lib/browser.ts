/**
 * Browser launchers for the bench and the page-safety suite (playwright-core with the
 * system's Chromium and Firefox). Every request that does not go to our 127.0.0.1
 * server is aborted and counted.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, type BrowserContextOptions, chromium, type Request } from 'playwright-core';
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

/**
 * Chromium flags that keep every request off the network without routing it through this
 * process: a dead proxy for every non-loopback URL (Chromium bypasses proxies for loopback
 * itself) and no name resolution. For timing: playwright's routing queues each request,
 * the extension's own `chrome-extension://` imports included, behind the page's (a dynamic
 * import then landed seconds late on long pages); it cannot say who asked, so parts that
 * count the extension's requests still use `blockOutside`.
 */
export const OFFLINE_ARGS = [
  '--proxy-server=http://127.0.0.1:9',
  '--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1',
];

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

interface ChromiumOptions {
  /** Loads this unpacked extension (in a persistent profile, as Chromium requires). */
  extensionDir?: string;
  javaScriptEnabled?: boolean;
  extraArgs?: string[];
  /** Every request outside loopback fails in the browser itself (OFFLINE_ARGS), with no routing. */
  offline?: boolean;
  /** Context options over the defaults (1280 × 900, JavaScript on): viewport, touch, locale… */
  context?: BrowserContextOptions;
  /** The browser's environment (default: this process's). */
  env?: Record<string, string | undefined>;
  /** Off only with a display to show the window on (DISPLAY in `env`). */
  headless?: boolean;
}

/**
 * The one Chromium launcher (the bench, the page-safety suite and, through tests/browser/chromium.ts,
 * the browser tests and the demo): a context; with `extensionDir`, a persistent profile with the
 * unpacked extension loaded.
 */
export async function launchChromium(
  opts: ChromiumOptions = {},
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
    ...(opts.offline ? OFFLINE_ARGS : []),
    ...(opts.extraArgs ?? []),
  ];
  const launch = { executablePath: CHROMIUM, headless: opts.headless ?? true, ...(opts.env ? { env: opts.env } : {}) };
  const contextOptions: BrowserContextOptions = {
    javaScriptEnabled: opts.javaScriptEnabled ?? true,
    viewport: { width: 1280, height: 900 },
    ...opts.context,
  };
  if (opts.extensionDir) {
    const profile = mkdtempSync(join(tmpdir(), 'contexto-profile-'));
    const context = await chromium.launchPersistentContext(profile, {
      ...launch,
      ...contextOptions,
      args: [...args, `--disable-extensions-except=${opts.extensionDir}`, `--load-extension=${opts.extensionDir}`],
      ignoreDefaultArgs: ['--disable-extensions'],
    });
    return {
      context,
      close: async () => {
        await context.close().catch(() => {}); // already gone when the browser crashed
        rmSync(profile, { recursive: true, force: true });
      },
    };
  }
  const browser = await chromium.launch({ ...launch, args });
  const context = await browser.newContext(contextOptions);
  return {
    context,
    close: async () => {
      await context.close();
      await browser.close();
    },
  };
}
