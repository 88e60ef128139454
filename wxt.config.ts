import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';
import { localeLanguages, mergeLocale } from './lib/locales';
import { leanTopicsPlugin } from './data/lean-pack-plugin';

/** Fixed add-on id so Firefox storage and tests see the same extension every run. */
export const GECKO_ID = 'factlight@factlight.example';

// See docs/permissions.md for why each permission is here.
export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  srcDir: '.',
  entrypointsDir: 'entrypoints',
  publicDir: 'public',
  imports: false,
  hooks: {
    // _locales is generated from locales/<lang>/*.json (one file per area): see lib/locales.ts.
    'build:publicAssets': (_wxt, assets) => {
      for (const lang of localeLanguages('locales')) {
        assets.push({
          relativeDest: `_locales/${lang}/messages.json`,
          contents: JSON.stringify(mergeLocale(`locales/${lang}`), null, 2),
        });
      }
    },
  },
  vite: () => ({
    plugins: [preact(), leanTopicsPlugin()],
    build: { sourcemap: false, minify: process.env.FACTLIGHT_NO_MINIFY ? false : undefined },
  }),
  manifest: ({ browser, manifestVersion }) => ({
    name: '__MSG_extName__',
    short_name: 'Factlight',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    permissions: ['storage', 'contextMenus', 'activeTab'],
    icons: { 16: 'icon/16.png', 32: 'icon/32.png', 48: 'icon/48.png', 96: 'icon/96.png', 128: 'icon/128.png' },
    action: { default_title: '__MSG_actionTitle__', default_icon: { 16: 'icon/16.png', 32: 'icon/32.png' } },
    commands: {
      'toggle-highlights': {
        suggested_key: { default: 'Alt+Shift+F' },
        description: '__MSG_commandToggle__',
      },
      'next-mention': {
        suggested_key: { default: 'Alt+Shift+J' },
        description: '__MSG_commandNext__',
      },
      [manifestVersion === 2 ? '_execute_browser_action' : '_execute_action']: {
        suggested_key: { default: 'Alt+Shift+L' },
      },
    },
    content_security_policy:
      manifestVersion === 3
        ? { extension_pages: "script-src 'self'; object-src 'self'" }
        : "script-src 'self'; object-src 'self'",
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: GECKO_ID,
              strict_min_version: '140.0',
              data_collection_permissions: { required: ['none'] },
            },
            // Firefox for Android reads `data_collection_permissions` from 142 on; its minimum is a
            // key of its own (web-ext lint warns without it).
            gecko_android: { strict_min_version: '142.0' },
          },
        }
      : {}),
  }),
});
