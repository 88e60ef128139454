/**
 * Issue 15 in real Chromium and Firefox: pages in languages whose terms the content script does not
 * carry (German, Polish) get highlights once it has asked the background for them, including a
 * Polish article whose template says `lang="en"`; a popover opens on them and speaks the page's
 * language: the topic's title and summary from the pack, its own words from our locales.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, type ChromiumSession } from './harness/chromium';
import { launchFirefox, type FirefoxSession } from './harness/firefox';
import { startServer, type TestServer } from './harness/server';
import { saveScreenshot } from './harness/screenshots';
import { SHIPPED_PACK } from '../../data/shipped-pack';
import { formatDate, pick } from '../../lib/format';
import { mergeLocale } from '../../lib/locales';
import { clickPainted, paintedCount, paintedOn } from './harness/painted';
import { axeViolations } from './harness/axe';

/** The popover's own words the reader should see on a page in `lang` (locales/<lang>/popover.json). */
const popoverWords = (lang: string, asOf: string) => [
  mergeLocale(`locales/${lang}`).popover_contextUpTo!.message.replace('$1', formatDate(asOf, lang)),
  mergeLocale(`locales/${lang}`).popover_fullStory!.message,
];

let server: TestServer;

beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server?.close();
});

const topic = (id: string) => SHIPPED_PACK.topics.find((t) => t.id === id)!;

const ARTICLES = [
  { lang: 'de', path: '/de-article.html', topics: ['ceasefire', 'jeddah-talks', 'red-lines'], first: 'Dschidda' },
  // The template around it says lang="en": the article's own language decides.
  { lang: 'pl', path: '/pl-article-en-template.html', topics: ['ceasefire', 'jeddah-talks', 'red-lines'], first: 'Dżuddzie' },
];

describe('Chromium', () => {
  let browser: ChromiumSession;
  beforeAll(async () => {
    browser = await launchChromium();
    await browser.setSettings({ siteMode: 'news' });
  });
  afterAll(async () => {
    await browser?.close();
  });

  it.each(ARTICLES)('a $lang article gets highlights of every topic it names, and a popover that names the topic', async ({ lang, path, topics, first }) => {
    const page = await browser.newPage(server.url(path));
    const { report } = await browser.waitForReport(page, (r) => r.status === 'on');
    expect(report.topics.map((t) => t.topicId).sort()).toEqual(topics);
    await page.waitForFunction(paintedCount);
    const painted = await paintedOn(page);
    expect(painted.some((m) => m.topic === 'jeddah-talks')).toBe(true);
    expect(painted.map((m) => m.text)).toContain(first);
    await clickPainted(page, { topic: 'jeddah-talks' });
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    const jeddah = topic('jeddah-talks');
    // The popover speaks the page's language: the topic's title and summary, and its own words.
    const text = (await dialog.textContent()) ?? '';
    expect(pick(jeddah.title, lang)).not.toBe(jeddah.title.en);
    expect(text).toContain(pick(jeddah.title, lang));
    expect(text).toContain(pick(jeddah.summary, lang));
    for (const words of popoverWords(lang, jeddah.asOf)) expect(text).toContain(words);
    expect(await page.locator('factlight-ui [role="dialog"]').getAttribute('lang')).toBe(lang);
    expect(await axeViolations(page, 'factlight-ui')).toEqual([]);
    // What the page's language cost: one message to the background for its terms, and a compile.
    const scans = await page.evaluate(() => performance.getEntriesByType('measure').map((m) => m.name).filter((n) => n.startsWith('factlight:scan')));
    console.info(`[languages] ${lang}: ${scans.at(-1)}`);
    expect(scans.at(-1)).toMatch(/ termsWait=\d/);
    await page.waitForTimeout(200);
    await saveScreenshot(page, `popover-${lang}`);
    await page.close();
  });
});

describe('Firefox', () => {
  let firefox: FirefoxSession;
  beforeAll(async () => {
    firefox = await launchFirefox();
  });
  afterAll(async () => {
    await firefox?.close();
  });

  it.each(ARTICLES)('a $lang article gets highlights of every topic it names, and a popover that names the topic', async ({ lang, path, topics, first }) => {
    const page = await firefox.newPage(server.url(path));
    await page.waitForFunction(() => CSS.highlights.has('factlight-amber'), { timeout: 20_000 });
    const painted = await paintedOn(page);
    expect([...new Set(painted.map((m) => m.topic))].sort()).toEqual(topics);
    expect(painted.map((m) => m.text)).toContain(first);
    await clickPainted(page, { topic: 'jeddah-talks' });
    await page.waitForSelector('factlight-ui >>> [role="dialog"]');
    const text = await page.$eval('factlight-ui >>> [role="dialog"]', (el) => el.textContent ?? '');
    const jeddah = topic('jeddah-talks');
    expect(text).toContain(pick(jeddah.title, lang));
    expect(text).toContain(pick(jeddah.summary, lang));
    for (const words of popoverWords(lang, jeddah.asOf)) expect(text).toContain(words);
    await page.close();
  });
});
