/**
 * Issue 15 in Firefox: the popup and the options page in each interface language, with Firefox
 * started in that language (Debian's firefox-esr-l10n-<code> language packs). For each: the browser
 * reports the language, the pages carry `<html lang>` and that locale's words, and axe finds
 * nothing serious. (The Chromium suite, ui-languages.e2e.ts, also checks plurals and screenshots.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchFirefox, type FirefoxSession } from './harness/firefox';
import { axeViolations as axe } from './harness/axe';
import { mergeLocale } from '../../lib/locales';

const UI_LANGUAGES = ['en', 'uk', 'ru', 'de', 'fr', 'pl', 'es', 'it', 'lt'];


describe.each(UI_LANGUAGES)('Firefox interface in %s', (lang) => {
  let firefox: FirefoxSession;
  const words = mergeLocale(`locales/${lang}`);
  beforeAll(async () => {
    firefox = await launchFirefox({ lang });
  });
  afterAll(async () => {
    await firefox?.close();
  });

  it('the popup and the options page speak the language and pass axe', async () => {
    const popup = await firefox.openExtensionPage('popup.html', 'main.popup');
    const uiLanguage = await popup.evaluate(() => (globalThis as unknown as { browser: typeof chrome }).browser.i18n.getUILanguage());
    expect(uiLanguage.split('-')[0]).toBe(lang);
    expect(await popup.evaluate(() => document.documentElement.lang)).toBe(lang);
    expect(await popup.evaluate(() => document.body.textContent ?? '')).toContain(words.popup_pauseSwitch!.message);
    expect(await axe(popup)).toEqual([]);
    await popup.close();

    const options = await firefox.openExtensionPage('options.html', 'h2');
    expect(await options.evaluate(() => document.documentElement.lang)).toBe(lang);
    expect(await options.$eval('h1', (el) => el.textContent)).toBe(words.options_title!.message);
    expect(await axe(options)).toEqual([]);
    await options.close();
  });
});
