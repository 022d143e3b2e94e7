/**
 * The Chromium pair most extension parts compare: one context with the built extension loaded
 * and one without, both on the one launcher of scripts/lib/browser.ts, every request outside
 * our 127.0.0.1 server failing in the browser (OFFLINE_ARGS); with `countBlocked`, both contexts also
 * route them, to count those the extension made (routing delays every request).
 */
import type { BrowserContext } from 'playwright-core';
import { blockOutside, launchChromium, type Blocked } from '../lib/browser';
import type { LocalServer } from '../lib/server';
import { extensionDir, sleep } from './common';

export interface ChromiumPair {
  ext: BrowserContext;
  plain: BrowserContext;
  /** Requests the extension made outside 127.0.0.1 (aborted). */
  blockedFromExtension(): number;
  close(): Promise<void>;
}

export async function chromiumPair(
  server: LocalServer,
  opts: { javaScriptEnabled?: boolean; extraArgs?: string[]; countBlocked?: boolean } = {},
): Promise<ChromiumPair> {
  const blocked: Blocked[] = [];
  const launch = { javaScriptEnabled: opts.javaScriptEnabled, extraArgs: opts.extraArgs, offline: true };
  const ext = await launchChromium({ ...launch, extensionDir: extensionDir() });
  const plain = await launchChromium(launch).catch(async (e) => {
    await ext.close();
    throw e;
  });
  if (opts.countBlocked) {
    await blockOutside(ext.context, server.origin, blocked);
    await blockOutside(plain.context, server.origin, []);
  }
  // Give the service worker a moment to start.
  await sleep(1000);
  return {
    ext: ext.context,
    plain: plain.context,
    blockedFromExtension: () => blocked.filter((b) => b.fromExtension).length,
    close: async () => {
      await ext.close();
      await plain.close();
    },
  };
}
