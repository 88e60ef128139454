/**
 * Issue 14 ("Also"): frames inside an article take the article's judgement. A live widget, a
 * partner's feed on another origin and a `srcdoc` update carry no date or article metadata of
 * their own; inside a dated article about the talks their mentions belong to that article. The
 * same widget opened on its own still judges itself (not a news article: nothing).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Frame } from 'playwright-core';
import type { Frame as PuppeteerFrame } from 'puppeteer-core';
import { launchChromium, type ChromiumSession } from './harness/chromium';
import { launchFirefox, type FirefoxSession } from './harness/firefox';
import { startServer, type TestServer } from './harness/server';
import { paintedCount, readPainted, withTopics } from './harness/painted';

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server?.close();
});

const TEXT = 'Ukraine and the US met in Jeddah and agreed on a ceasefire proposal for Russia.';

describe('Chromium', () => {
  let browser: ChromiumSession;
  beforeAll(async () => {
    browser = await launchChromium();
    await browser.setSettings({ siteMode: 'news' });
  });
  afterAll(async () => {
    await browser?.close();
  });

  const topicsIn = async (frame: Frame) => [...new Set(withTopics(await frame.evaluate(readPainted)).map((m) => m.topic))].sort();

  it('highlights a same-origin widget, a cross-origin feed and a srcdoc update inside a dated article', async () => {
    const page = await browser.newPage(server.url('/embed-article.html'));
    const frames = () => page.frames().filter((f) => f !== page.mainFrame());
    await expect.poll(() => frames().length, { timeout: 10_000 }).toBe(3);
    for (const frame of frames()) {
      expect(await frame.evaluate(() => document.body.textContent ?? '')).toContain(TEXT.slice(0, 30));
      await expect.poll(() => topicsIn(frame), { timeout: 15_000, message: frame.url() }).toEqual(['ceasefire', 'jeddah-talks']);
    }
    // The badge counts the frames' mentions with the article's (two in each frame).
    const { report } = await browser.waitForReport(page, (r) => r.status === 'on' && r.total >= 6);
    expect(report.total).toBe(6);
    await page.close();
  });

  it('the same widget opened on its own judges itself: not a news article, no highlight', async () => {
    const page = await browser.newPage(server.url('/embed-widget.html'));
    const { report } = await browser.waitForReport(page, (r) => r.status !== undefined);
    expect(report.status).toBe('not-news');
    expect(await page.evaluate(paintedCount)).toBe(0);
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

  const topicsIn = async (frame: PuppeteerFrame) => [...new Set(withTopics(await frame.evaluate(readPainted)).map((m) => m.topic))].sort();

  it('highlights the widget, the cross-origin feed and the srcdoc update inside a dated article', async () => {
    const page = await firefox.newPage(server.url('/embed-article.html'));
    const frames = () => page.frames().filter((f) => f !== page.mainFrame());
    await expect.poll(() => frames().length, { timeout: 10_000 }).toBe(3);
    for (const frame of frames()) {
      await expect.poll(() => topicsIn(frame), { timeout: 20_000, message: frame.url() }).toEqual(['ceasefire', 'jeddah-talks']);
    }
    await page.close();
  });
});
