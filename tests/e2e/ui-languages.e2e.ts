/**
 * Issue 15: the popup and the options page in each interface language, in real Chromium started in
 * that language (`--lang` and LANGUAGE; Debian's chromium-l10n supplies the browser's own strings).
 * For each language: the browser reports it, the pages carry `<html lang>` and the words of that
 * locale (headings, status, counted phrases in the right plural form, the badge's tooltip), axe finds
 * nothing serious, and docs/screenshots/ui-<lang>-popup.png and ui-<lang>-options.png are saved.
 * One browser per language, a few seconds each.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { launchChromium, type ChromiumSession } from './harness/chromium';
import { startServer, type TestServer } from './harness/server';
import { axeViolations } from './harness/axe';
import { SCREENSHOT_DIR } from './harness/screenshots';
import { PopupPage } from './objects/popup';
import { OptionsPage } from './objects/options';
import { localeLanguages } from '../../lib/locales';

const UI_LANGUAGES = ['en', 'uk', 'ru', 'de', 'fr', 'pl', 'es', 'it', 'lt'];
/** The popup's size in the toolbar (its CSS keeps it at least 320 px wide). */
const POPUP_SIZE = { width: 360, height: 560 };

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
});
afterAll(async () => {
  await server?.close();
});

it('covers every language the extension ships strings for', () => {
  expect([...UI_LANGUAGES].sort()).toEqual(localeLanguages('locales'));
});

describe.each(UI_LANGUAGES)('interface in %s', (lang) => {
  let browser: ChromiumSession;

  beforeAll(async () => {
    browser = await launchChromium({ lang });
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('the popup speaks the language, counts in its plural forms, and passes axe', async () => {
    const article = await browser.newPage(server.url('/demo-article.html'));
    const { tabId, report } = await browser.waitForReport(article, (r) => r.status === 'on' && r.topics.length > 0);

    const page = await browser.context.newPage();
    await page.setViewportSize(POPUP_SIZE);
    await page.goto(browser.extensionUrl(`popup.html?tab=${tabId}`));
    const popup = new PopupPage(page, lang);
    const { say, count } = popup.words;
    await popup.foundHeading.waitFor();

    // The browser runs in this language, and the extension chose this locale's strings.
    expect((await page.evaluate(() => chrome.i18n.getUILanguage())).split('-')[0]).toBe(lang);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe(lang);
    expect(await popup.status.textContent()).toBe(say('popup_statusOn'));
    expect(await popup.siteSwitch.isVisible()).toBe(true);
    expect(await popup.optionsLink.isVisible()).toBe(true);

    // Counted phrases: each topic's spoken count and the badge's tooltip, in this language's form.
    const topics = await popup.topics();
    expect(topics.length).toBe(report.topics.length);
    expect(await popup.countLabels()).toEqual(topics.map((t) => count('popup_mentions', t.count)));
    const title = await (await browser.worker()).evaluate((id) => chrome.action.getTitle({ tabId: id }), tabId);
    expect(title).toBe(count('badge_title', report.total));

    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: join(SCREENSHOT_DIR, `ui-${lang}-popup.png`) });
    await page.close();
    await article.close();
  });

  it('the options page speaks the language and passes axe', async () => {
    const page = await browser.context.newPage();
    await page.setViewportSize({ width: 1024, height: 900 });
    await page.goto(browser.extensionUrl('options.html'));
    const options = new OptionsPage(page, lang);
    const { say } = options.words;
    await options.waitReady();

    expect(await page.evaluate(() => document.documentElement.lang)).toBe(lang);
    expect(await options.heading.isVisible()).toBe(true);
    expect(await page.title()).toBe(say('options_title'));
    for (const key of ['options_sites_heading', 'options_popover_heading', 'options_appearance_heading', 'options_import_heading']) {
      expect(await page.getByRole('heading', { level: 2, name: say(key), exact: true }).count(), key).toBe(1);
    }
    // A form control named in this language.
    expect(await page.getByRole('group', { name: say('options_sites_mode') }).getByRole('radio', { name: say('options_sites_mode_news'), exact: true }).isChecked()).toBe(true);

    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: join(SCREENSHOT_DIR, `ui-${lang}-options.png`) });
    await page.close();
  });
});
