/**
 * Headless Firefox (ESR) through puppeteer-core over WebDriver BiDi, optionally with a built
 * extension installed (temporarily, like `about:debugging`). Used by `npm run test:pages` and
 * by the browser tests (tests/browser/firefox.ts).
 *
 * Nothing may leave the machine. Two layers:
 * - each tab made by `newPage()` intercepts its requests (BiDi `network.addIntercept`) and
 *   aborts every one that is not for 127.0.0.1, counting it as the page's;
 * - the whole browser (extension background page included, which tab interception does not
 *   see) goes through an HTTP "proxy" on 127.0.0.1 that answers 403 to everything and records
 *   each request it gets. 127.0.0.1 itself is never proxied. Whatever reaches that proxy got
 *   past the tab interception: with the tabs' requests aborted there, it came from the
 *   browser or the extension, and `outside` lists it.
 */
import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { requireBrowser } from './browser-paths';

export interface LaunchedFirefox {
  browser: Browser;
  /** The installed extension's id, or null without an extension. */
  extensionId: string | null;
  /** `moz-extension://<uuid>` of the installed extension (its pages: popup.html, options.html), or null. */
  extensionOrigin: string | null;
  /**
   * A new tab in which every request not to 127.0.0.1 (or moz-extension:, data:, about:) is aborted and pushed to `blocked`.
   * `intercept: false`: no per-tab interception (the refusing proxy still keeps the browser off the network), for timings:
   * intercepted requests wait for this process one at a time, the extension's own moz-extension: import among them.
   */
  newPage(blocked?: string[], options?: { intercept?: boolean }): Promise<Page>;
  /** Requests that reached the blocking proxy (request line, e.g. "CONNECT example.com:443"). */
  outside: string[];
  close(): Promise<void>;
}

/** An HTTP proxy on 127.0.0.1 that refuses everything and remembers what it was asked. */
async function startRefusingProxy(): Promise<{ port: number; seen: string[]; close(): Promise<void> }> {
  const seen: string[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {});
    let head = '';
    socket.on('data', (chunk) => {
      if (head.includes('\n')) return;
      head += chunk.toString('latin1');
      const line = head.split(/\r?\n/)[0];
      if (head.includes('\n') && line) {
        seen.push(line.replace(/ HTTP\/[\d.]+$/, ''));
        socket.end('HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\nConnection: close\r\n\r\n');
      }
    });
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    seen,
    close: () =>
      new Promise<void>((ok) => {
        for (const s of sockets) s.destroy();
        server.close(() => ok());
      }),
  };
}

/**
 * True for a proxied request line that is Firefox's own service traffic (remote settings,
 * telemetry, add-on and update checks at mozilla.com / mozilla.net / mozilla.org), which an
 * extension does not make. It is blocked all the same; callers count it apart.
 */
export function isBrowserServiceRequest(line: string): boolean {
  const target = line.split(' ')[1] ?? '';
  let host = '';
  try {
    host = target.includes('://') ? new URL(target).hostname : (target.split(':')[0] ?? '');
  } catch {
    return false;
  }
  return /(^|\.)(mozilla\.(com|net|org)|firefox\.com|mozaws\.net)$/.test(host);
}

/** The internal UUID we give the extension unless `prefs` say otherwise, so tests can open its pages. */
export const EXTENSION_UUID = '6f1c2d3e-4b5a-4c6d-8e7f-0a1b2c3d4e5f';

/** The gecko id in a built extension's manifest, or null. */
function geckoId(extensionDir: string): string | null {
  try {
    const manifest = JSON.parse(readFileSync(join(extensionDir, 'manifest.json'), 'utf8')) as {
      browser_specific_settings?: { gecko?: { id?: string } };
    };
    return manifest.browser_specific_settings?.gecko?.id ?? null;
  } catch {
    return null;
  }
}

export async function launchFirefox(
  opts: { extensionDir?: string; viewport?: { width: number; height: number }; prefs?: Record<string, unknown> } = {},
): Promise<LaunchedFirefox> {
  const id = opts.extensionDir ? geckoId(opts.extensionDir) : null;
  // A fixed moz-extension:// host (Firefox picks a random one otherwise); a test's own prefs may set another.
  const uuids = {
    ...(id ? { [id]: EXTENSION_UUID } : {}),
    ...(JSON.parse(String(opts.prefs?.['extensions.webextensions.uuids'] ?? '{}')) as Record<string, string>),
  };
  const proxy = await startRefusingProxy();
  let browser: Browser;
  try {
    browser = await puppeteer.launch({
      browser: 'firefox',
      executablePath: requireBrowser('firefox'),
      protocol: 'webDriverBiDi',
      headless: true,
      // Firefox honours `services.settings.server` only with this set.
      env: { ...process.env, MOZ_REMOTE_SETTINGS_DEVTOOLS: '1' },
      defaultViewport: opts.viewport ?? { width: 1100, height: 800 },
      extraPrefsFirefox: {
        // Every protocol through the refusing proxy, except 127.0.0.1 / localhost.
        'network.proxy.type': 1,
        'network.proxy.http': '127.0.0.1',
        'network.proxy.http_port': proxy.port,
        'network.proxy.ssl': '127.0.0.1',
        'network.proxy.ssl_port': proxy.port,
        'network.proxy.share_proxy_settings': true,
        'network.proxy.no_proxies_on': '127.0.0.1,localhost',
        'network.proxy.allow_hijacking_localhost': false,
        'network.proxy.socks_remote_dns': true,
        'network.dns.disablePrefetch': true,
        'network.prefetch-next': false,
        'network.http.speculative-parallel-limit': 0,
        // Browser chatter that would otherwise reach the proxy (remote settings, captive
        // portal and connectivity checks, push): off, so that `outside` shows only real leaks.
        'services.settings.server': 'http://127.0.0.1:9/v1',
        'network.captive-portal-service.enabled': false,
        'network.connectivity-service.enabled': false,
        'dom.push.connection.enabled': false,
        'browser.safebrowsing.malware.enabled': false,
        'browser.safebrowsing.phishing.enabled': false,
        'extensions.update.enabled': false,
        'app.update.enabled': false,
        ...(id ? { 'extensions.webextensions.uuids': JSON.stringify(uuids) } : {}),
        // Extra prefs of one test (e.g. the packs test: a fixed moz-extension UUID, no permission doorhanger).
        ...opts.prefs,
      },
    });
  } catch (e) {
    await proxy.close();
    throw e;
  }
  const extensionId = opts.extensionDir ? await browser.installExtension(opts.extensionDir) : null;
  return {
    browser,
    extensionId,
    extensionOrigin: extensionId && uuids[extensionId] ? `moz-extension://${uuids[extensionId]}` : null,
    outside: proxy.seen,
    async newPage(blocked: string[] = [], { intercept = true } = {}) {
      const page = await browser.newPage();
      if (!intercept) return page;
      await page.setRequestInterception(true);
      page.on('request', (request) => {
        if (request.isInterceptResolutionHandled()) return;
        const url = new URL(request.url());
        if (
          url.hostname === '127.0.0.1' ||
          url.protocol === 'moz-extension:' ||
          url.protocol === 'data:' ||
          url.protocol === 'about:' ||
          url.protocol === 'blob:'
        ) {
          void request.continue().catch(() => {});
        } else {
          blocked.push(request.url());
          void request.abort('blockedbyclient').catch(() => {});
        }
      });
      return page;
    },
    async close() {
      await browser.close().catch(() => {});
      await proxy.close();
    },
  };
}
