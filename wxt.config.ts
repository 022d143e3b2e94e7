import { resolve } from 'node:path';
import { defineConfig } from 'wxt';
import { factSheetPlugin } from './src/factsheet/vite-plugin';

export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  imports: false,
  manifest: ({ browser }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    permissions: ['storage', 'contextMenus'],
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
  vite: () => ({
    plugins: [factSheetPlugin(resolve('data/terms'))],
  }),
});
