import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing';
import { vitePlugins } from './wxt.config';

export default defineConfig({
  // WXT's own plugins (aliases such as #i18n, the fake `wxt/browser`) and ours, as in the build.
  plugins: [WxtVitest(), ...vitePlugins()],
  test: {
    include: ['tests/unit/**/*.test.ts'],
    setupFiles: ['tests/unit/fake-browser.ts'],
    // Bundled with the tests (not loaded by Node once per worker), so they see this file's fake browser.
    server: { deps: { inline: ['@wxt-dev/i18n', '@wxt-dev/browser'] } },
    testTimeout: 60_000,
  },
});
