import { defineConfig } from 'vitest/config';
import { factSheetPlugin } from './src/factsheet/vite-plugin';

export default defineConfig({
  plugins: [factSheetPlugin()],
  test: {
    include: ['tests/unit/**/*.test.ts'],
    setupFiles: ['tests/unit/fake-browser.ts'],
    testTimeout: 60_000,
  },
});
