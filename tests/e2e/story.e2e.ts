/**
 * Issue 13 in real Chromium: the popover knows when the article was written. On a March 2025
 * article it says how many developments came since and lists the latest; on a December 2025 article
 * it shows both "since" and "before"; on an undated one the latest come first. The whole story opens
 * from the popover on the timeline page, whose sources are links. axe is clean on both.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchChromium, type ChromiumSession } from './harness/chromium';
import { startServer, type TestServer } from './harness/server';
import { saveScreenshot } from './harness/screenshots';
import { axeViolations } from './harness/axe';
import { SHIPPED_PACK } from '../../data/shipped-pack';
import { formatDate } from '../../lib/format';
import { quoteRole } from '../../lib/pack/people';
import { clickPainted, paintedCount } from './harness/painted';

let browser: ChromiumSession;
let server: TestServer;

beforeAll(async () => {
  server = await startServer();
  browser = await launchChromium();
  await browser.setSettings({ siteMode: 'news' });
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const ceasefire = SHIPPED_PACK.topics.find((t) => t.id === 'ceasefire')!;
const entriesAfter = (day: string) => ceasefire.timeline!.filter((e) => e.date > day);
const entriesUpTo = (day: string) => ceasefire.timeline!.filter((e) => e.date <= day);
const date = (iso: string) => formatDate(iso, 'en-US');

/** Open `path` and the popover of its first ceasefire highlight. */
async function openCeasefirePopover(path: string): Promise<Page> {
  const page = await browser.newPage(server.url(path));
  await browser.waitForReport(page, (r) => r.status === 'on');
  await page.waitForFunction(paintedCount);
  await clickPainted(page, { topic: 'ceasefire' });
  await page.getByRole('dialog').waitFor();
  return page;
}

describe('a popover that knows when the article was written', () => {
  it('on a March 2025 article: how many developments came since, the latest first, then what led up to it', async () => {
    const page = await openCeasefirePopover('/demo-article.html');
    const dialog = page.getByRole('dialog');
    const since = entriesAfter('2025-03-20');
    expect(since.length).toBeGreaterThan(10);
    const heading = `${since.length} developments since this article was published (${date('2025-03-20')})`;
    const sinceRegion = dialog.getByRole('region', { name: heading });
    const listed = await sinceRegion.getByRole('listitem').allTextContents();
    expect(listed).toHaveLength(3);
    const newestFirst = [...since].reverse();
    listed.forEach((text, i) => {
      expect(text).toContain(date(newestFirst[i]!.date));
      expect(text).toContain(newestFirst[i]!.text.en);
    });
    // Each entry names its source, as a link a reader can open.
    expect(await sinceRegion.getByRole('link').count()).toBeGreaterThanOrEqual(3);
    const before = await dialog.getByRole('region', { name: `Before this article (${date('2025-03-20')})` }).getByRole('listitem').allTextContents();
    expect(before.at(-1)).toContain(entriesUpTo('2025-03-20').at(-1)!.text.en);
    expect(await dialog.textContent()).toContain(`Context up to ${date(ceasefire.asOf)}`);
    expect(await axeViolations(page, 'factlight-ui')).toEqual([]);
    await page.waitForTimeout(200);
    await saveScreenshot(page, 'popover-since');
    await page.close();
  });

  it('on a December 2025 article: both what came since and what came before', async () => {
    const page = await openCeasefirePopover('/december-article.html');
    const dialog = page.getByRole('dialog');
    const since = entriesAfter('2025-12-16');
    expect(since.length).toBeGreaterThan(0);
    const heading = new RegExp(`^${since.length} developments? since this article was published \\(${date('2025-12-16')}\\)$`);
    const sinceItems = await dialog.getByRole('region', { name: heading }).getByRole('listitem').allTextContents();
    expect(sinceItems[0]).toContain(since.at(-1)!.text.en);
    const before = await dialog.getByRole('region', { name: `Before this article (${date('2025-12-16')})` }).getByRole('listitem').allTextContents();
    expect(before).toHaveLength(3);
    expect(before.at(-1)).toContain(entriesUpTo('2025-12-16').at(-1)!.text.en);
    expect(await axeViolations(page, 'factlight-ui')).toEqual([]);
    await page.close();
  });

  it('on an undated article: the latest entries first', async () => {
    const page = await openCeasefirePopover('/undated-article.html');
    const items = await page.getByRole('dialog').getByRole('region', { name: 'Latest developments' }).getByRole('listitem').allTextContents();
    const newestFirst = [...ceasefire.timeline!].reverse();
    expect(items.length).toBe(4);
    items.forEach((text, i) => expect(text).toContain(newestFirst[i]!.text.en));
    expect(await page.getByRole('dialog').getByText(/since this article/).count()).toBe(0);
    await page.close();
  });
});

describe('the timeline page', () => {
  let timeline: Page;

  it('opens from the popover in a tab of its own, with the whole dated story and every source a link', async () => {
    const article = await openCeasefirePopover('/demo-article.html');
    const opened = browser.context.waitForEvent('page');
    await article.getByRole('dialog').getByRole('button', { name: /full timeline/i }).click();
    timeline = await opened;
    await timeline.waitForLoadState();
    expect(timeline.url()).toBe(browser.extensionUrl('timeline.html?published=2025-03-20#ceasefire'));
    await timeline.getByRole('heading', { level: 1, name: ceasefire.title.en }).waitFor();
    const entries = timeline.getByRole('region', { name: `${ceasefire.timeline!.length} dated entries` }).locator('ol.timeline > li:not(.marker)');
    expect(await entries.count()).toBe(ceasefire.timeline!.length);
    for (let i = 0; i < ceasefire.timeline!.length; i++) {
      const entry = ceasefire.timeline![i]!;
      const links = entries.nth(i).getByRole('link');
      expect(await links.count(), entry.date).toBe(entry.sources.length);
      expect(await links.first().getAttribute('href')).toBe(entry.sources[0]!.url);
    }
    // Where the reader's article falls in the story.
    const marker = timeline.locator('li.marker');
    expect(await marker.textContent()).toContain(date('2025-03-20'));
    // Every quote, with the role its speaker held that day.
    const quotes = timeline.getByRole('region', { name: 'What they said' }).locator('figure');
    expect(await quotes.count()).toBe(ceasefire.quotes!.length);
    const newest = [...ceasefire.quotes!].reverse()[0]!;
    expect(await quotes.first().textContent()).toContain(quoteRole(newest, ceasefire.people)!.en);
    expect(await axeViolations(timeline)).toEqual([]);
    await saveScreenshot(timeline, 'timeline');
    await article.close();
  });

  it('is usable from the keyboard: the skip link, then the topic menu switches topics in place', async () => {
    await timeline.keyboard.press('Tab');
    expect(await timeline.evaluate(() => document.activeElement?.textContent)).toBe('Skip to the timeline');
    const redLines = SHIPPED_PACK.topics.find((t) => t.id === 'red-lines')!;
    await timeline.getByRole('navigation', { name: 'Topics' }).getByRole('link', { name: redLines.title.en }).focus();
    await timeline.keyboard.press('Enter');
    await timeline.getByRole('heading', { level: 1, name: redLines.title.en }).waitFor();
    expect(await timeline.getByRole('link', { name: redLines.title.en }).getAttribute('aria-current')).toBe('page');
    expect(await timeline.evaluate(() => document.activeElement?.id)).toBe('story');
  });

  it('follows the dark theme, with AA contrast', async () => {
    await browser.setSettings({ theme: 'dark' });
    await timeline.waitForFunction(() => document.documentElement.dataset.theme === 'dark');
    const bg = await timeline.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(bg).toBe('rgb(23, 25, 30)');
    expect(await axeViolations(timeline)).toEqual([]);
    await saveScreenshot(timeline, 'timeline-dark');
    await browser.setSettings({ theme: 'auto' });
  });
});
