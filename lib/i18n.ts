/**
 * Interface strings through the browser's i18n (`_locales`), chosen by the browser's language.
 * Keys live in `locales/<lang>/<area>.json`; a unit test fails when a key used here or in the code is
 * missing from any language.
 */
import { browser } from 'wxt/browser';

/** The message for `key`, with `$1`-style substitutions; the key itself when missing (visible, never blank). */
export function t(key: string, substitutions?: string | string[]): string {
  try {
    // WXT types keys from public/_locales; ours are generated at build time from locales/, and a
    // unit test (tests/unit/i18n.test.ts) checks every key used exists in every language.
    const getMessage = browser.i18n.getMessage as (key: string, substitutions?: string | string[]) => string;
    return getMessage(key, substitutions) || key;
  } catch {
    return key;
  }
}

/**
 * The language of the interface strings in use (`en`, `uk`, `de`, ...): the pages' `lang` attribute
 * and the plural rules of counted phrases. Each locale names itself (`uiLanguage`), so a browser in a
 * language we have no strings for (say Portuguese) gets `en`, the language it falls back to and shows,
 * not `pt` over English words.
 */
export function uiLanguage(): string {
  const own = t('uiLanguage');
  if (own && own !== 'uiLanguage') return own;
  try {
    return browser.i18n.getUILanguage().split('-')[0] || 'en';
  } catch {
    return 'en';
  }
}
