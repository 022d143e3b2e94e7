import { resolve } from 'node:path';
import type { Plugin } from 'vite';
import { defineConfig } from 'wxt';
import { factSheetPlugin } from './src/factsheet/vite-plugin';
import { bundledPackPlugin } from './src/packs/vite-plugin';
import { highlightCssPlugin } from './src/page/vite-plugin';
import { ACTION_ICON_SIZES, ICON_SIZES, iconMap } from './scripts/lib/release';

/**
 * Where subscribed packs may come from (docs/permissions.md): one origin is requested at a
 * time, when the reader subscribes. https anywhere; http only on this computer.
 */
const PACK_ORIGINS = ['https://*/*', 'http://127.0.0.1/*', 'http://localhost/*'];

/** Our Vite plugins: for the extension build (per browser) and for the unit tests (vitest.config.ts). */
export function vitePlugins(browser?: string) {
  return [
    factSheetPlugin(resolve('data/terms')),
    bundledPackPlugin(resolve('data/pack.json'), resolve('data/terms')),
    highlightCssPlugin(browser),
  ];
}

/**
 * WXT's content-script context (in the loader every frame runs, src/page/loader.ts) reads only
 * `browser.runtime.id`: it gets the browser's own `browser`/`chrome`, not webextension-polyfill,
 * which only the full content script needs.
 */
function plainBrowserForWxtUtils(): Plugin {
  return {
    name: 'contexto:plain-browser-for-wxt-utils',
    enforce: 'pre',
    resolveId(id, importer, options) {
      if (id !== 'wxt/browser' && id !== '@wxt-dev/webextension-polyfill/browser') return undefined;
      if (!importer?.includes('/node_modules/wxt/dist/utils/')) return undefined;
      return this.resolve('@wxt-dev/browser', importer, { ...options, skipSelf: true });
    },
  };
}

/**
 * The loader's WXT wrapper (entrypoints/content.ts) constructs src/page/loader-context.ts in place
 * of WXT's ContentScriptContext, which costs every frame a window message and a listener; the
 * full content script still gets WXT's.
 */
function loaderContext(): Plugin {
  return {
    name: 'contexto:loader-context',
    enforce: 'pre',
    resolveId(id, importer) {
      if (id !== 'wxt/utils/content-script-context') return undefined;
      if (!importer?.includes('virtual:wxt-content-script-isolated-world-entrypoint?')) return undefined;
      if (!importer.endsWith('/entrypoints/content.ts')) return undefined;
      return resolve('src/page/loader-context.ts');
    },
  };
}

/** Where the content script runs (entrypoints/content.ts): web pages. */
const CONTENT_MATCHES = ['http://*/*', 'https://*/*'];

/** The full content script the loader imports, and the card's view it imports on a card's first use (src/page/handoff.ts): the web-accessible resources. */
const CONTENT_SCRIPT_FILES = ['content-main.js', 'card-view.js'];

export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill', '@wxt-dev/i18n/module'],
  imports: false,
  manifest: ({ browser }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    // public/icon/*.png, exported from design/icon.svg by `npm run icons`; the toolbar gets the 16 and 32 px ones.
    icons: iconMap(ICON_SIZES),
    // MV3 `action`; for Firefox MV2 WXT fills `browser_action` from the popup, so name that key there.
    ...(browser === 'firefox'
      ? { browser_action: { default_icon: iconMap(ACTION_ICON_SIZES) } }
      : { action: { default_icon: iconMap(ACTION_ICON_SIZES) } }),
    // Only for the content script's import() of its own two files (docs/permissions.md); Chrome
    // serves it under a per-session URL, so a page cannot probe for the extension by a fixed one.
    web_accessible_resources:
      browser === 'firefox'
        ? CONTENT_SCRIPT_FILES
        : [{ resources: CONTENT_SCRIPT_FILES, matches: CONTENT_MATCHES, use_dynamic_url: true }],
    // alarms: the optional daily pack update check (off by default, docs/permissions.md).
    // `scripting` and the content script's own hosts, only to run the full content script in a page
    // (src/background/inject-script.ts): in the top frame while the page parses, sooner than the
    // loader's import() then; in Chrome where a blocked site's JavaScript makes that import fail. MV2 lists hosts in `permissions`.
    ...(browser === 'firefox'
      ? { permissions: ['storage', 'contextMenus', 'alarms', 'scripting', ...CONTENT_MATCHES] }
      : { permissions: ['storage', 'contextMenus', 'alarms', 'scripting'], host_permissions: CONTENT_MATCHES }),
    // Firefox MV2 has no optional_host_permissions: origins go in optional_permissions.
    ...(browser === 'firefox' ? { optional_permissions: PACK_ORIGINS } : { optional_host_permissions: PACK_ORIGINS }),
    commands: {
      'next-mention': {
        suggested_key: { default: 'Alt+Shift+K' },
        description: '__MSG_commandNextMention__',
      },
      'previous-mention': {
        suggested_key: { default: 'Alt+Shift+J' },
        description: '__MSG_commandPreviousMention__',
      },
    },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'contexto@contexto.example',
              // data_collection_permissions needs Firefox 140 (142 on Android); web-ext lint warns below that.
              strict_min_version: '140.0',
              data_collection_permissions: { required: ['none'] },
            },
            gecko_android: { strict_min_version: '142.0' },
          },
        }
      : {}),
  }),
  vite: ({ browser }) => ({
    plugins: [...vitePlugins(browser), plainBrowserForWxtUtils(), loaderContext()],
    // Readable names in a profile (scripts/bench/startup-cost.ts --profile): CONTEXTO_NO_MINIFY=1 npm run build.
    ...(process.env.CONTEXTO_NO_MINIFY ? { build: { minify: false } } : {}),
  }),
});
