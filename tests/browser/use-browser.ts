import { afterAll, beforeAll } from 'vitest';
import { startFixtureServer, type FixtureServer } from './server';

/** The calling test file's fixture server and browser, set before its tests run. */
export interface ServerAndBrowser<B> {
  readonly server: FixtureServer;
  readonly browser: B;
}

/**
 * One fixture server (127.0.0.1) and one browser from `launch` for the calling test file, closed
 * after it. Hooks the file registers afterwards run after the launch and before the close.
 */
export function useServerAndBrowser<B extends { close(): Promise<void> }>(
  launch: () => Promise<B>,
): ServerAndBrowser<B> {
  const shared = {} as { server: FixtureServer; browser: B };
  beforeAll(async () => {
    shared.server = await startFixtureServer();
    shared.browser = await launch();
  });
  afterAll(async () => {
    await shared.browser?.close();
    await shared.server?.close();
  });
  return shared;
}
