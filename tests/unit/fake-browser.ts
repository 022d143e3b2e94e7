import { vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';

// @wxt-dev/storage reads the global `browser` when it is first imported: install WXT's fake
// browser before any test file's imports run.
vi.stubGlobal('browser', fakeBrowser);
vi.stubGlobal('chrome', fakeBrowser);
