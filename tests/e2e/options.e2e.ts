/**
 * The options page as a reader uses it in real Chromium, with article tabs open beside it: topics
 * switched off and recoloured live, where to highlight, the "never on" list, import (good and bad
 * files) and export, "Track this phrase" through to a highlight, the theme, and an accessibility
 * check in light and dark with the README's screenshots.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { launchChromium, type ChromiumSession } from './harness/chromium';
import { PAGES_DIR, startServer, type TestServer } from './harness/server';
import { axeViolations } from './harness/axe';
import { saveScreenshot } from './harness/screenshots';
import { OptionsPage } from './objects/options';
import { paintedOn, readPainted } from './harness/painted';

let browser: ChromiumSession;
let server: TestServer;
/** Pages a test opened, closed after it so tab reports never mix two tabs of one URL. */
let opened: Page[] = [];

const DEMO_HTML = readFileSync(join(PAGES_DIR, 'demo-article.html'), 'utf8');
/** A page with mentions that is not a news article (no article metadata, no byline, no date). */
const NOTES_HTML = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>My notes</title></head>
<body><h1>Things to read about</h1>
<p>Ukraine and the United States met in Jeddah; Kyiv accepted a 30-day ceasefire there, and Zelenskyy
repeated that recognising occupied territories as Russian is a red line for Ukraine.</p></body></html>`;
/** Hosts served by the test itself (playwright answers the request: nothing goes to the network). */
const ROUTED = {
  notes: 'http://notes.example.net/notes.html',
  www: 'http://www.example.com/world/jeddah.html',
  sub: 'http://news.example.com/world/jeddah.html',
};

beforeAll(async () => {
  server = await startServer();
  browser = await launchChromium();
  // A predicate, not a RegExp: vitest runs this file in its own realm, where playwright's
  // `instanceof RegExp` check does not recognise our RegExp.
  await browser.context.route((url) => /(^|\.)example\.(com|net)$/.test(url.hostname), (route) =>
    route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: route.request().url().includes('notes') ? NOTES_HTML : DEMO_HTML }),
  );
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

beforeEach(async () => {
  // Every test starts from a fresh install's storage.
  await (await browser.worker()).evaluate(async () => {
    await chrome.storage.sync.clear();
    await chrome.storage.local.clear();
  });
});
afterEach(async () => {
  await Promise.all(opened.map((p) => p.close().catch(() => undefined)));
  opened = [];
});

async function open(url: string): Promise<Page> {
  const page = await browser.newPage(url);
  opened.push(page);
  return page;
}
async function openOptions(query = ''): Promise<OptionsPage> {
  const options = new OptionsPage(await open(browser.extensionUrl(`options.html${query}`)));
  await options.waitReady();
  return options;
}
/** An article tab, once its content script has highlighted it. */
async function openArticle(url = server.url('/demo-article.html')): Promise<Page> {
  const page = await open(url);
  await browser.waitForReport(page, (r) => r.status === 'on');
  return page;
}
/** How many mentions of `topic` (all when null) `page` shows painted, told by the topic's default look. */
async function countPainted(page: Page, topic: string | null): Promise<number> {
  return (await paintedOn(page)).filter((m) => topic === null || m.topic === topic).length;
}
/** Wait until `page` shows none or some painted mentions of `topic` (all topics when null). */
async function waitForHighlights(page: Page, topic: string | null, test: 'none' | 'some'): Promise<number> {
  await expect.poll(async () => (await countPainted(page, topic)) > 0, { timeout: 10_000 }).toBe(test === 'some');
  return countPainted(page, topic);
}
type StoredSettings = { siteMode: string; neverOn: string[]; alwaysOn: string[]; topics: Record<string, { enabled: boolean; color: string }> };
async function storedSettings(): Promise<StoredSettings> {
  return (await browser.storage('sync')).settings as StoredSettings;
}
async function storedUserTopics(): Promise<Array<{ id: string; aliases: Record<string, string[]> }>> {
  return ((await browser.storage('local')).userTopics ?? []) as Array<{ id: string; aliases: Record<string, string[]> }>;
}

const CEASEFIRE = 'The 30-day ceasefire proposal';
const JEDDAH = 'The Jeddah talks (US–Ukraine, 11 March 2025)';

describe('topics, live in open tabs', () => {
  it('turning a topic off removes its highlights from an open article at once, and on brings them back', async () => {
    const article = await openArticle();
    expect(await waitForHighlights(article, 'ceasefire', 'some')).toBeGreaterThan(0);
    const others = await countPainted(article, 'red-lines');
    const options = await openOptions();

    await options.topicEnabled(CEASEFIRE).uncheck();
    await waitForHighlights(article, 'ceasefire', 'none');
    // The page is read again without the topic; the other topics' highlights come back as they were.
    await browser.waitForReport(article, (r) => r.status === 'on' && !r.topics.some((t) => t.topicId === 'ceasefire'));
    await expect.poll(() => countPainted(article, 'red-lines')).toBe(others);
    expect((await storedSettings()).topics.ceasefire?.enabled).toBe(false);
    await expect.poll(() => options.status.textContent()).toBe('Saved.');

    await options.topicEnabled(CEASEFIRE).check();
    expect(await waitForHighlights(article, 'ceasefire', 'some')).toBeGreaterThan(0);
  });

  it('changing a topic\u2019s colour repaints its open highlights in the new colour', async () => {
    const article = await openArticle();
    const jeddah = (await paintedOn(article)).filter((m) => m.topic === 'jeddah-talks');
    expect(jeddah.length).toBeGreaterThan(0);
    /** The colours the first Jeddah mention is painted in: its look, and that look's background where it is. */
    const painted = () =>
      article.evaluate((text) => {
        for (const [name, highlight] of CSS.highlights as unknown as Map<string, Set<AbstractRange>>) {
          for (const r of highlight) {
            if (!name.startsWith('factlight-') || !r.startContainer.textContent!.slice(r.startOffset).startsWith(text)) continue;
            return { name, background: getComputedStyle(r.startContainer.parentElement!, `::highlight(${name})`).backgroundColor };
          }
        }
        return null;
      }, jeddah[0]!.text);
    expect(await painted()).toEqual({ name: 'factlight-amber', background: 'rgb(253, 230, 138)' }); // amber, the first topic's default
    const options = await openOptions();
    await options.topicColour(JEDDAH, 'Violet').check();
    await expect.poll(painted).toEqual({ name: 'factlight-violet', background: 'rgb(221, 214, 254)' });
    // Repainted, not read again: the same mentions, and the page's text untouched.
    expect((await article.evaluate(readPainted)).filter((m) => m.look === 'violet').map((m) => m.text)).toEqual(jeddah.map((m) => m.text));
    expect((await storedSettings()).topics['jeddah-talks']?.color).toBe('violet');
  });
});

describe('sites', () => {
  it('"All sites" and "Only sites I list" change what open tabs show', async () => {
    const article = await openArticle();
    const notes = await open(ROUTED.notes);
    await browser.waitForReport(notes, (r) => r.status === 'not-news');
    expect(await countPainted(notes, null)).toBe(0);
    const options = await openOptions();
    expect(await options.siteMode('News pages').isChecked()).toBe(true);

    await options.siteMode('All sites').check();
    await browser.waitForReport(notes, (r) => r.status === 'on');
    await waitForHighlights(notes, null, 'some');

    await options.siteMode('Only sites I list').check();
    await browser.waitForReport(article, (r) => r.status === 'site-off');
    await waitForHighlights(article, null, 'none');
    await browser.waitForReport(notes, (r) => r.status === 'site-off');
    expect((await storedSettings()).siteMode).toBe('listed');

    await options.addSite('Always on', '127.0.0.1');
    expect(await options.sites('Always on')).toEqual(['127.0.0.1']);
    await waitForHighlights(article, null, 'some');
    expect(await countPainted(notes, null)).toBe(0);
  });

  it('"*.example.com" in "Never on" turns off the site and its subdomains, and only them', async () => {
    const www = await openArticle(ROUTED.www);
    const sub = await openArticle(ROUTED.sub);
    const local = await openArticle();
    const options = await openOptions();

    await options.addSite('Never on', 'not a site!');
    await expect.poll(() => options.page.locator('.field-error').allTextContents()).toContain('“not a site!” is not a site. Write example.com or *.example.com.');
    await options.addSite('Never on', '*.Example.COM');
    await expect.poll(() => options.sites('Never on')).toEqual(['*.example.com']);
    await options.addSite('Never on', 'https://www.kyivindependent.com/news/');
    await expect.poll(() => options.sites('Never on')).toEqual(['*.example.com', 'www.kyivindependent.com']);
    expect((await storedSettings()).neverOn).toEqual(['*.example.com', 'www.kyivindependent.com']);

    await waitForHighlights(www, null, 'none');
    await waitForHighlights(sub, null, 'none');
    await browser.waitForReport(sub, (r) => r.status === 'site-off');
    expect(await countPainted(local, null)).toBeGreaterThan(0);

    await options.removeSite('*.example.com').click();
    await waitForHighlights(sub, null, 'some');
    expect(await options.sites('Never on')).toEqual(['www.kyivindependent.com']);
  });
});

describe('import and export', () => {
  const SANCTIONS = {
    format: 'factlight-topic-pack',
    version: 1,
    id: 'friends-pack',
    name: 'A friend\u2019s pack',
    asOf: '2025-04-01',
    topics: [
      {
        id: 'us-assistance',
        title: { en: 'US security assistance' },
        summary: { en: 'Weapons and intelligence the United States gives Ukraine, paused and resumed in March 2025.' },
        asOf: '2025-04-01',
        aliases: { en: ['security assistance', 'intelligence sharing'] },
        context: { anchors: ['United States', 'Ukrain*', 'Kyiv'] },
      },
    ],
  };

  it('a good pack shows a preview, changes nothing until confirmed, then adds the topic (and its highlights)', async () => {
    const article = await openArticle();
    const options = await openOptions();
    await options.chooseImportFile('friend.json', JSON.stringify(SANCTIONS));
    await expect.poll(() => options.importPreview.getAttribute('aria-labelledby')).toBeTruthy();
    expect(await options.importPreview.getByRole('heading').textContent()).toBe('Preview of “A friend’s pack” (friend.json)');
    expect(await options.importPreview.textContent()).toContain('Will add 1 topic:US security assistance (us-assistance)');
    expect(await storedUserTopics()).toEqual([]);

    await options.confirmImport.click();
    await expect.poll(() => options.status.textContent()).toBe('Imported: 1 topic added, 0 topics replaced.');
    expect((await storedUserTopics()).map((t) => t.id)).toEqual(['us-assistance']);
    await options.topicCard('US security assistance').waitFor();
    expect(await options.topicCard('US security assistance').getByText('Yours').count()).toBe(1);
    // Found on the open article, and painted in a look of its own (none of the shipped topics').
    await browser.waitForReport(article, (r) => r.topics.some((t) => t.topicId === 'us-assistance'));
    await expect.poll(async () => (await paintedOn(article)).some((m) => m.topic === null)).toBe(true);
  });

  it('a file that is not JSON, and one of 6 MB, get a clear message and change nothing', async () => {
    const options = await openOptions();
    const before = { sync: await browser.storage('sync'), local: await browser.storage('local') };

    await options.chooseImportFile('notes.json', 'These are my notes, not a topic pack.');
    await options.importErrors.waitFor();
    expect(await options.importErrors.textContent()).toBe(
      'notes.json was not imported, and nothing was changed:The file is not valid JSON: the first error is at line 1, column 1.',
    );

    const big = Buffer.alloc(6 * 1024 * 1024, 0x20);
    await options.chooseImportFile('big.json', big);
    await expect
      .poll(() => options.importErrors.textContent())
      .toBe('big.json was not imported, and nothing was changed:The file is 6.0 MB; a topic pack can be at most 5.0 MB.');
    expect(await options.importPreview.count()).toBe(0);
    expect({ sync: await browser.storage('sync'), local: await browser.storage('local') }).toEqual(before);
    // Focus went to the message, so a screen reader reads it.
    expect(await options.page.evaluate(() => document.activeElement?.className)).toBe('import-result');
  });

  it('export downloads a JSON pack that imports again', async () => {
    const options = await openOptions();
    await options.chooseImportFile('friend.json', JSON.stringify(SANCTIONS));
    await options.confirmImport.click();
    await options.topicCard('US security assistance').waitFor();

    await options.exportScope('All topics, as you have them now').check();
    const { download, text } = await options.export();
    expect(download.suggestedFilename()).toMatch(/^factlight-topics-\d{4}-\d{2}-\d{2}\.json$/);
    const pack = JSON.parse(text) as { format: string; name: string; topics: Array<{ id: string }> };
    expect(pack.format).toBe('factlight-topic-pack');
    expect(pack.name).toBe('My Factlight topics');
    expect(pack.topics.map((t) => t.id)).toEqual(['jeddah-talks', 'ceasefire', 'red-lines', 'us-assistance']);

    // Lose the topic, then bring it back from the exported file.
    await (await browser.worker()).evaluate(() => chrome.storage.local.clear());
    await options.topicCard('US security assistance').waitFor({ state: 'detached' });
    await options.chooseImportFile(download.suggestedFilename(), text);
    await expect.poll(() => options.importPreview.textContent()).toContain('Will add 1 topic:US security assistance (us-assistance)');
    expect(await options.importPreview.textContent()).toContain('3 topics are already the same here.');
    await options.confirmImport.click();
    await options.topicCard('US security assistance').waitFor();
    expect((await storedUserTopics()).map((t) => t.id)).toEqual(['us-assistance']);
  });
});

describe('"Track this phrase"', () => {
  const phrase = 'intelligence sharing';
  const topicId = 'us-intelligence-for-ukraine';

  /**
   * Opens the options page the way the context menu does, names the phrase's topic and saves it.
   * The menu's click handler (entrypoints/background.ts) opens
   * `${runtime.getURL('/options.html')}?track=${encodeURIComponent(phrase)}#topics`. Playwright cannot
   * click a chrome.contextMenus entry (it is browser UI, not a page, and no API dispatches its
   * onClicked), so the test opens the URL that handler builds, built the same way in the extension's
   * own service worker. tests/unit/options-track.test.tsx runs the handler itself.
   */
  async function trackPhrase(): Promise<OptionsPage> {
    const url = await (await browser.worker()).evaluate((p) => `${chrome.runtime.getURL('/options.html')}?track=${encodeURIComponent(p)}#topics`, phrase);
    const options = new OptionsPage(await open(url));
    await options.waitReady();
    await expect.poll(() => options.page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.labels?.[0]?.textContent)).toBe('Title');
    expect(await options.addTopicAliases('English').inputValue()).toBe(phrase);
    expect(await options.addTopicForm.locator('.track-intro').textContent()).toContain(`You chose “${phrase}” on a page to track`);
    // Typed straight into the focused field, as the reader would.
    await options.page.keyboard.type('US intelligence for Ukraine');
    expect(await options.addTopicTitle.inputValue()).toBe('US intelligence for Ukraine');
    await options.addTopic('US intelligence for Ukraine', 'The United States paused intelligence sharing with Kyiv in March 2025 and resumed it after Jeddah.');
    await expect.poll(() => options.status.textContent()).toBe('“US intelligence for Ukraine” added.');
    return options;
  }

  it('opens the form with the phrase, focus in the title; naming and saving stores a valid topic', async () => {
    const options = await trackPhrase();
    const [topic] = await storedUserTopics();
    expect(topic).toMatchObject({ id: topicId, title: { en: 'US intelligence for Ukraine' }, aliases: { en: [phrase] } });
    await options.topicCard('US intelligence for Ukraine').waitFor();
    // Done: the address no longer asks to track, so a reload does not start the topic again.
    expect(new URL(options.page.url()).search).toBe('');
    expect(await options.addTopicForm.locator('.track-intro').count()).toBe(0);
  });

  // A tracked phrase has no context words: the matcher accepts it on its alias alone ('alias-only').
  it('then an article containing the phrase (siteMode "all") highlights it with the new topic', async () => {
    await browser.setSettings({ siteMode: 'all' });
    await trackPhrase();
    const article = await open(server.url('/demo-article.html'));
    const { report } = await browser.waitForReport(article, (r) => r.status === 'on');
    expect(report.topics.map((t) => t.topicId)).toContain(topicId);
    // Painted in the new topic's own look (the fourth topic's default colour).
    await expect.poll(async () => (await paintedOn(article)).filter((m) => m.text.toLowerCase() === phrase).map((m) => m.look)).toEqual(['lime']);
  });
});

describe('appearance and accessibility', () => {
  const background = (page: Page) => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  const LIGHT = 'rgb(255, 255, 255)';
  const DARK = 'rgb(23, 25, 30)';

  it('follows the system\u2019s light or dark mode, and the Light/Dark setting overrides it', async () => {
    const options = await openOptions();
    await options.page.emulateMedia({ colorScheme: 'dark' });
    expect(await background(options.page)).toBe(DARK);
    await options.page.emulateMedia({ colorScheme: 'light' });
    expect(await background(options.page)).toBe(LIGHT);

    await options.theme('Dark').check();
    await expect.poll(() => background(options.page)).toBe(DARK);
    await options.page.emulateMedia({ colorScheme: 'dark' });
    await options.theme('Light').check();
    await expect.poll(() => background(options.page)).toBe(LIGHT);

    // A page opened later starts in the stored theme.
    const other = await openOptions();
    await other.page.emulateMedia({ colorScheme: 'dark' });
    expect(await other.page.evaluate(() => document.documentElement.dataset.theme)).toBe('light');
    expect(await background(other.page)).toBe(LIGHT);

    await options.theme('Same as the system').check();
    await expect.poll(() => background(options.page)).toBe(DARK);
  });

  it('passes axe-core in light and dark, and saves the README\u2019s screenshots', async () => {
    const options = await openOptions();
    await options.page.emulateMedia({ colorScheme: 'light' });
    expect(await background(options.page)).toBe(LIGHT);
    expect(await axeViolations(options.page)).toEqual([]);
    await saveScreenshot(options.page, 'options');

    await options.page.emulateMedia({ colorScheme: 'dark' });
    expect(await background(options.page)).toBe(DARK);
    expect(await axeViolations(options.page)).toEqual([]);
    await saveScreenshot(options.page, 'options-dark');
  });
});
