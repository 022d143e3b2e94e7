import { defineConfig } from 'vitest/config';

/** Real-browser tests (Chromium and Firefox with the built extension). Run `npm run build` first. */
export default defineConfig({
  test: {
    include: ['tests/browser/**/*.test.ts'],
    // The same preparation as every other command that needs a browser (finds or installs them).
    globalSetup: ['tests/browser/global-setup.ts'],
    fileParallelism: false,
    testTimeout: 180_000,
    hookTimeout: 180_000,
    teardownTimeout: 60_000,
  },
});
