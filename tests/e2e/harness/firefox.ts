/**
 * Starts Debian's Firefox ESR through puppeteer-core (WebDriver BiDi) and installs the built add-on
 * (.output/firefox-mv2) with a fixed internal UUID, so moz-extension:// URLs are known in advance.
 */
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './server';
import { GECKO_ID } from '../../../wxt.config';

export const FIREFOX_BUILD = join(REPO_ROOT, '.output/firefox-mv2');
export const FIREFOX_UUID = '6f1c2f0e-4a53-4f7e-9f57-5a8e6a2b7c11';

export function firefoxPath(): string {
  const found = [process.env.FIREFOX_PATH, '/usr/bin/firefox-esr', '/usr/bin/firefox'].find((c) => c && existsSync(c));
  if (!found) throw new Error('No Firefox found: install Debian\'s "firefox-esr" package or set FIREFOX_PATH');
  return found;
}

export interface FirefoxSession {
  browser: Browser;
  extensionUrl(path: string): string;
  newPage(url?: string): Promise<Page>;
  /** Open an extension page; its navigation never resolves in Firefox, so wait for a selector instead. */
  openExtensionPage(path: string, readySelector: string): Promise<Page>;
  close(): Promise<void>;
}

/**
 * Firefox's locale for an interface language of ours (Debian's language packs are `es-ES`, not `es`).
 * The pack is Debian's `firefox-esr-l10n-<code>`, installed beside Firefox as an app-scope add-on.
 */
const FIREFOX_LOCALES: Record<string, string> = { es: 'es-ES' };

/** Launch Firefox ESR with the add-on installed; `lang` is its interface language (default en-US). */
export async function launchFirefox(options: { lang?: string } = {}): Promise<FirefoxSession> {
  if (!existsSync(join(FIREFOX_BUILD, 'manifest.json'))) throw new Error('Build first: npm run build');
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: firefoxPath(),
    headless: true,
    args: ['--remote-allow-system-access'],
    extraPrefsFirefox: {
      'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: FIREFOX_UUID }),
      'intl.locale.requested': options.lang ? (FIREFOX_LOCALES[options.lang] ?? options.lang) : 'en-US',
      // Debian's language packs live beside Firefox (the app scope), which a new profile would
      // otherwise leave disabled.
      ...(options.lang && { 'extensions.autoDisableScopes': 0, 'extensions.enabledScopes': 15 }),
    },
  });
  await browser.installExtension(FIREFOX_BUILD);
  const extensionUrl = (path: string) => `moz-extension://${FIREFOX_UUID}/${path}`;
  return {
    browser,
    extensionUrl,
    async newPage(url) {
      const page = await browser.newPage();
      if (url) await page.goto(url);
      return page;
    },
    async openExtensionPage(path, readySelector) {
      const page = await browser.newPage();
      void page.goto(extensionUrl(path)).catch(() => undefined);
      // While an extension page is still loading, Firefox's WebDriver BiDi can fail a script
      // evaluation with a protocol error (seen once in CI): that says nothing about the page, so
      // wait again until the deadline instead of failing the suite.
      const deadline = Date.now() + 15_000;
      for (;;) {
        try {
          await page.waitForSelector(readySelector, { timeout: Math.max(1000, deadline - Date.now()) });
          return page;
        } catch (error) {
          // The protocol error may come wrapped ("Waiting for selector failed", caused by it).
          const chain = [error, (error as { cause?: unknown })?.cause, ((error as { cause?: { cause?: unknown } })?.cause)?.cause].map(String).join(' ');
          if (Date.now() >= deadline || !/Protocol error/i.test(chain)) throw error;
          await new Promise((r) => setTimeout(r, 200));
        }
      }
    },
    close: () => browser.close(),
  };
}
