/**
 * The options page in the Firefox build (.output/firefox-mv2) in real Firefox ESR: it opens, and a
 * topic switched off stays off after the page is loaded again (read back from storage.sync).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { launchFirefox, type FirefoxSession } from './harness/firefox';

let firefox: FirefoxSession;

beforeAll(async () => {
  firefox = await launchFirefox();
});
afterAll(async () => {
  await firefox?.close();
});

const CEASEFIRE_SWITCH = 'Highlight “The 30-day ceasefire proposal”';

/** The checked state of the checkbox whose label reads `name`, or null when there is none. */
function checkboxState(page: Page, name: string): Promise<boolean | null> {
  return page.evaluate((label: string) => {
    const box = [...document.querySelectorAll<HTMLInputElement>('input[type="checkbox"]')].find((el) => el.closest('label')?.textContent?.trim() === label);
    return box ? box.checked : null;
  }, name);
}

describe('Firefox: the options page', () => {
  it('opens, and switching a topic off persists across a reload', async () => {
    const page = await firefox.openExtensionPage('options.html', 'h2#topics-heading');
    expect(await page.title()).toBe('Factlight settings');
    expect(await checkboxState(page, CEASEFIRE_SWITCH)).toBe(true);

    await page.evaluate((label: string) => {
      const box = [...document.querySelectorAll<HTMLInputElement>('input[type="checkbox"]')].find((el) => el.closest('label')?.textContent?.trim() === label);
      box!.click();
    }, CEASEFIRE_SWITCH);
    await page.waitForFunction(() => document.querySelector('p.status')?.textContent === 'Saved.');

    // Load the page again: what it shows now comes from storage, not from the click.
    await page.evaluate(() => {
      (window as unknown as { beforeReload?: boolean }).beforeReload = true;
      location.reload();
    });
    await page.waitForFunction(() => !(window as unknown as { beforeReload?: boolean }).beforeReload && document.querySelector('h2#topics-heading') !== null);
    expect(await checkboxState(page, CEASEFIRE_SWITCH)).toBe(false);
    const stored = await page.evaluate(async () => {
      const b = (globalThis as unknown as { browser: typeof chrome }).browser;
      return ((await b.storage.sync.get('settings')).settings as { topics: Record<string, { enabled: boolean }> }).topics;
    });
    expect(stored.ceasefire?.enabled).toBe(false);
  });
});
