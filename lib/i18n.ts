/**
 * Interface strings through the browser's i18n (`_locales`), chosen by the browser's language.
 * Keys live in `locales/<lang>/<area>.json`; a unit test fails when a key used here or in the code is
 * missing from any language.
 */
import { browser } from 'wxt/browser';

/** The message for `key`, with `$1`-style substitutions; the key itself when missing (visible, never blank). */
export function t(key: string, substitutions?: string | string[]): string {
  try {
    return browser.i18n.getMessage(key, substitutions) || key;
  } catch {
    return key;
  }
}

/** The interface language the browser picked (`en`, `uk`, ...). */
export function uiLanguage(): string {
  try {
    return browser.i18n.getUILanguage().split('-')[0] ?? 'en';
  } catch {
    return 'en';
  }
}
