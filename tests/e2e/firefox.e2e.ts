/**
 * The Firefox build (.output/firefox-mv2) in real Firefox ESR: highlights and the popover on the
 * demo article, the popup for that tab with its counts and site switch, and the badge.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { launchFirefox, type FirefoxSession } from './harness/firefox';
import { startServer, type TestServer } from './harness/server';
import { SHIPPED_PACK } from '../../data/shipped-pack';
import { formatDate } from '../../lib/format';
import { axeViolations } from './harness/axe';
import { clickPainted, controlLabel, focusedControl, paintedCount, paintedOn, tabThroughMentions } from './harness/painted';
import { fingerprintInPage, firstDifference, withoutPaintAttribute } from './harness/dom-snapshot';

/**
 * axe on a Firefox page. avoid-inline-spacing is off for one reason: our UI's host element carries
 * `all: initial !important` inline so that no page CSS can restyle it (decision 004). The host holds
 * no text; the popover's text is in its shadow tree, where no inline spacing is set. Chromium's axe
 * run does not report it; Firefox expands `all` into its longhands, text spacing among them.
 */
const axe = (page: Page, include?: string) => axeViolations(page, include, ['avoid-inline-spacing']);

let firefox: FirefoxSession;
let server: TestServer;
let extensionPage: Page;

beforeAll(async () => {
  server = await startServer();
  firefox = await launchFirefox();
  // An extension page to talk to the extension's APIs from (Firefox has no handle on the background).
  extensionPage = await firefox.openExtensionPage('popup.html', 'main.popup');
});
afterAll(async () => {
  await firefox?.close();
  await server?.close();
});

/** Write the extension's settings (merged over what is stored), as the options page would. */
async function setSettings(patch: Record<string, unknown>): Promise<void> {
  await extensionPage.evaluate(async (p: Record<string, unknown>) => {
    const b = (globalThis as unknown as { browser: typeof chrome }).browser;
    const { settings } = await b.storage.sync.get('settings');
    // The version meta key stops the storage library from migrating what we wrote as if it were old.
    await b.storage.sync.set({ settings: { ...((settings as object) ?? {}), ...p }, settings$: { v: 2 } });
  }, patch);
}

type Report = { status: string; url: string; total: number; topics: Array<{ topicId: string; count: number }> };

/** The tab id and combined report of the tab showing `url`. */
async function reportFor(url: string, predicate: (r: Report) => boolean): Promise<{ tabId: number; report: Report }> {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    const found = await extensionPage.evaluate(async (u: string) => {
      const b = (globalThis as unknown as { browser: typeof chrome }).browser;
      const all = (await b.storage.session.get(null)) as Record<string, Record<string, Report>>;
      for (const [key, frames] of Object.entries(all)) {
        const top = frames['0'];
        if (!key.startsWith('tab:') || top?.url !== u) continue;
        const reports = Object.values(frames);
        const total = reports.reduce((n, r) => n + r.total, 0);
        return { tabId: Number(key.slice(4)), report: { ...top, total, status: total > 0 ? 'on' : top.status } };
      }
      return null;
    }, url);
    if (found && predicate(found.report)) return found;
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`no matching report for ${url}`);
}

describe('Firefox: the demo article', () => {
  let article: Page;
  let tabId: number;
  let total: number;

  beforeAll(async () => {
    article = await firefox.newPage(server.url('/demo-article.html'));
    ({ tabId, report: { total } } = await reportFor(server.url('/demo-article.html'), (r) => r.status === 'on'));
    await article.waitForFunction(paintedCount);
  });

  it('paints mentions of the three topics, adding no element to the page, none in a forbidden place', async () => {
    const painted = await paintedOn(article);
    expect([...new Set(painted.map((m) => m.topic))].sort()).toEqual(['ceasefire', 'jeddah-talks', 'red-lines']);
    expect(total).toBeGreaterThan(3);
    expect(painted.every((m) => m.x !== null)).toBe(true);
    expect(painted.find((m) => m.text === 'cease-fire')?.path[0]).toBe('em');
    expect(painted.filter((m) => m.path.some((tag) => ['textarea', 'pre', 'code', 'nav', 'aside', 'header', 'footer', 'form'].includes(tag)))).toEqual([]);
    expect(await article.evaluate(() => document.querySelectorAll('factlight-mark, [data-factlight-topic], factlight-focus').length)).toBe(0);
    // Painted in the topic's colour by the manifest's rules, which Firefox applies to highlights too.
    const paint = await article.evaluate(() => {
      const range = [...CSS.highlights.get('factlight-amber')!][0]!;
      return getComputedStyle(range.startContainer.parentElement!, '::highlight(factlight-amber)').backgroundColor;
    });
    expect(paint).toBe('rgb(253, 230, 138)');
  });

  it('opens the popover on click, with the timeline and quotes from the background, and closes it with Escape', async () => {
    const { topic: topicId } = await clickPainted(article, 0);
    await article.waitForSelector('factlight-ui >>> [role="dialog"]');
    const shipped = SHIPPED_PACK.topics.find((topic) => topic.id === topicId)!;
    // A March 2025 article: what came since, newest first, then what led up to it.
    const since = await article.$$eval('factlight-ui >>> section.since li', (els) => els.map((el) => el.textContent ?? ''));
    const count = shipped.timeline!.filter((e) => e.date > '2025-03-20').length;
    expect(since).toHaveLength(Math.min(3, count));
    expect(since[0]).toContain(shipped.timeline!.at(-1)!.text.en);
    const heading = await article.$eval('factlight-ui >>> section.since h3', (el) => el.textContent ?? '');
    expect(heading).toBe(`${count} development${count === 1 ? '' : 's'} since this article was published (${formatDate('2025-03-20', 'en-US')})`);
    const quotes = await article.$$eval('factlight-ui >>> blockquote', (els) => els.map((el) => el.textContent ?? ''));
    expect(quotes.length).toBeGreaterThan(0);
    for (const quote of quotes) expect(shipped.quotes!.map((q) => q.text)).toContain(quote);
    expect(await axe(article, 'factlight-ui')).toEqual([]);
    await article.keyboard.press('Escape');
    await article.waitForFunction(() => !document.querySelector('factlight-ui'));
    // Focus went to our control over the mention the popover was for.
    expect(await focusedControl(article)).toBeTruthy();
    await article.mouse.click(1, 1);
    await article.waitForFunction(() => !document.querySelector('factlight-focus'));
  });

  it('opens the popover on a tap (touch)', async () => {
    await article.evaluate(() => window.scrollTo(0, 0));
    const m = (await paintedOn(article))[1]!;
    await article.touchscreen.tap(m.x!, m.y!);
    await article.waitForSelector('factlight-ui >>> [role="dialog"]');
    await article.keyboard.press('Escape');
    await article.waitForFunction(() => !document.querySelector('factlight-ui'));
    await article.mouse.click(1, 1);
    await article.waitForFunction(() => !document.querySelector('factlight-focus'));
  });

  it('reaches the mentions with Tab; Enter opens the popover with focus in it; Escape returns focus; arrows move on', async () => {
    const painted = await paintedOn(article);
    const heard = await tabThroughMentions(article, painted.length);
    expect(heard.length).toBe(painted.length);
    heard.forEach((label, i) => expect(label.startsWith(painted[i]!.text)).toBe(true));
    expect(await axe(article, 'factlight-focus')).toEqual([]);
    expect(await article.evaluate(controlLabel)).toBe(heard.at(-1));
    // Enter right after the last Tab: the smooth scroll to that mention may still be on its way
    // (this once closed the card at once, as scrolled away, and dropped focus to the page).
    await article.keyboard.press('Enter');
    await article.waitForSelector('factlight-ui >>> [role="dialog"]');
    expect(await article.evaluate(() => document.activeElement?.localName)).toBe('factlight-ui');
    await article.keyboard.press('Escape');
    await article.waitForFunction(() => !document.querySelector('factlight-ui'));
    expect(await article.evaluate(controlLabel)).toBe(heard.at(-1));
    await article.keyboard.press('Home');
    expect((await article.evaluate(controlLabel)).startsWith(painted[0]!.text)).toBe(true);
    await article.keyboard.press('ArrowRight');
    expect((await article.evaluate(controlLabel)).startsWith(painted[1]!.text)).toBe(true);
    await article.mouse.click(1, 1); // focus leaves the control: it leaves the page
    await article.waitForFunction(() => !document.querySelector('factlight-focus'));
  });

  it('opens the whole story on the timeline page from the popover; its sources are links, and axe is clean', async () => {
    await article.evaluate(() => window.scrollTo(0, 0));
    await clickPainted(article, { topic: 'ceasefire' });
    await article.waitForSelector('factlight-ui >>> [role="dialog"]');
    await article.click('factlight-ui >>> .more button');
    // The background opens the tab beside the article. Firefox's WebDriver BiDi reports a tab an
    // extension opened as about:blank, so the tab is found through the extension's own API, and its
    // page is then read where puppeteer can see it: opened at the same address.
    const expected = firefox.extensionUrl('timeline.html?published=2025-03-20#ceasefire');
    const tabUrls = () => extensionPage.evaluate(async () => (await (globalThis as unknown as { browser: typeof chrome }).browser.tabs.query({})).map((tab) => tab.url ?? ''));
    await expect.poll(tabUrls, { timeout: 15_000 }).toContain(expected);
    const page = await firefox.openExtensionPage('timeline.html?published=2025-03-20#ceasefire', 'ol.timeline > li');
    const ceasefire = SHIPPED_PACK.topics.find((t) => t.id === 'ceasefire')!;
    expect(await page.$eval('h1', (el) => el.textContent)).toBe(ceasefire.title.en);
    const hrefs = await page.$$eval('ol.timeline > li:not(.marker)', (els) => els.map((li) => [...li.querySelectorAll('.sources a')].map((a) => a.getAttribute('href'))));
    expect(hrefs).toEqual(ceasefire.timeline!.map((e) => e.sources.map((s) => s.url)));
    expect(await axe(page)).toEqual([]);
    await page.close();
    await article.keyboard.press('Escape');
  });

  it('shows the count on the badge', async () => {
    const text = await extensionPage.evaluate(
      (id: number) => (globalThis as unknown as { browser: { browserAction: { getBadgeText(d: { tabId: number }): Promise<string> } } }).browser.browserAction.getBadgeText({ tabId: id }),
      tabId,
    );
    expect(text).toBe(String(total));
  });

  it('the popup for the tab lists the topics and its site switch turns highlights off live', async () => {
    const popup = await firefox.openExtensionPage(`popup.html?tab=${tabId}`, 'ul.topics li');
    const rows = await popup.$$eval('ul.topics li', (els) => els.map((e) => e.getAttribute('data-topic')).sort());
    expect(rows).toEqual(['ceasefire', 'jeddah-talks', 'red-lines']);
    // Nothing of ours on the page but the painting: no popover, no keyboard control.
    await article.bringToFront();
    await article.mouse.click(1, 1);
    await article.waitForFunction(() => !document.querySelector('factlight-focus, factlight-ui'));
    // Taken with highlights on: the page's DOM but for our attribute on the blocks painted in.
    const before = withoutPaintAttribute(await article.evaluate(fingerprintInPage));
    await article.evaluate(() => {
      window.scrollTo(0, 300);
      getSelection()!.selectAllChildren(document.querySelectorAll('article p')[1]!);
    });
    const selected = await article.evaluate(() => getSelection()!.toString());
    await popup.click('#site-switch');
    await article.waitForFunction(() => ![...CSS.highlights.keys()].some((name) => name.startsWith('factlight-')));
    // Off: the page exactly as it was, the reader's selection and scroll untouched.
    expect(firstDifference(before, await article.evaluate(fingerprintInPage))).toBe('equal');
    expect(await article.evaluate(() => getSelection()!.toString())).toBe(selected);
    expect(await article.evaluate(() => window.scrollY)).toBe(300);
    await popup.click('#site-switch');
    await article.waitForFunction(paintedCount);
    expect(firstDifference(before, withoutPaintAttribute(await article.evaluate(fingerprintInPage)))).toBe('equal');
    await popup.close();
  });
});

describe('Firefox: the reader\'s colours and theme', () => {
  it('paints a topic in the colour and style chosen in the options, and draws the popover dark', async () => {
    await setSettings({ theme: 'dark', topics: { 'jeddah-talks': { enabled: true, color: 'violet', style: 'underline' } } });
    const page = await firefox.newPage(server.url('/demo-article.html'));
    await page.waitForFunction(() => CSS.highlights.has('factlight-violet-underline'), { timeout: 20_000 });
    const look = await page.evaluate(() => {
      const range = [...CSS.highlights.get('factlight-violet-underline')!][0]!;
      const style = getComputedStyle(range.startContainer.parentElement!, '::highlight(factlight-violet-underline)');
      return { text: range.startContainer.textContent!.slice(range.startOffset, range.endOffset), line: style.textDecorationLine, colour: style.textDecorationColor };
    });
    expect(look).toEqual({ text: 'Jeddah', line: 'underline', colour: 'rgb(109, 40, 217)' });
    await clickPainted(page, 0);
    await page.waitForSelector('factlight-ui >>> [role="dialog"]');
    const card = await page.$eval('factlight-ui >>> .card', (el) => ({ bg: getComputedStyle(el).backgroundColor, fg: getComputedStyle(el).color }));
    expect(card).toEqual({ bg: 'rgb(23, 25, 30)', fg: 'rgb(236, 239, 244)' });
    expect(await axe(page, 'factlight-ui')).toEqual([]);
    await setSettings({ theme: 'auto', topics: {} });
    await page.waitForFunction(() => !CSS.highlights.has('factlight-violet-underline') && CSS.highlights.has('factlight-amber'));
    await page.close();
  });
});

describe('Firefox: hostile and changing pages, shadow roots', () => {
  it('a page that reverts foreign nodes in its text has nothing to revert', async () => {
    const page = await firefox.newPage(server.url('/hostile-mutating.html'));
    await reportFor(server.url('/hostile-mutating.html'), (r) => r.status === 'on');
    await page.waitForFunction(paintedCount);
    await new Promise((r) => setTimeout(r, 1500));
    expect(await page.evaluate(() => (window as unknown as { reverts: number }).reverts)).toBe(0);
    await page.close();
  });

  it('paints inside a web component\'s open shadow root, in the topic\'s colour, and opens its popover', async () => {
    const page = await firefox.newPage(server.url('/shadow-story.html'));
    await reportFor(server.url('/shadow-story.html'), (r) => r.status === 'on');
    await page.waitForFunction(paintedCount);
    const inShadow = (await paintedOn(page)).filter((m) => m.tree === 'news-story');
    expect(inShadow.length).toBeGreaterThan(0);
    const paint = await page.evaluate((look) => {
      const name = `factlight-${look}`;
      const range = [...CSS.highlights.get(name)!].find((r) => (r.startContainer.getRootNode() as ShadowRoot).host)!;
      return getComputedStyle(range.startContainer.parentElement!, `::highlight(${name})`).backgroundColor;
    }, inShadow[0]!.look);
    expect(paint).not.toBe('rgba(0, 0, 0, 0)');
    const all = await paintedOn(page);
    await clickPainted(page, all.findIndex((m) => m.tree === 'news-story'));
    await page.waitForSelector('factlight-ui >>> [role="dialog"]');
    await page.close();
  });

  it('follows a live page: new posts are painted within a second', async () => {
    const page = await firefox.newPage(server.url('/live.html'));
    await reportFor(server.url('/live.html'), (r) => r.status === 'on');
    await page.waitForFunction(paintedCount);
    const before = await page.evaluate(paintedCount);
    await page.click('#more');
    await page.waitForFunction((n: number) => {
      let count = 0;
      for (const [name, h] of CSS.highlights as unknown as Map<string, Set<AbstractRange>>) if (name.startsWith('factlight-')) count += h.size;
      return count > n;
    }, { timeout: 1000 }, before);
    await page.close();
  });
});

describe('Firefox: the popover knows when the article was written', () => {
  const ceasefire = SHIPPED_PACK.topics.find((t) => t.id === 'ceasefire')!;

  /** The section headings and their entries' texts of the ceasefire popover on `path`. */
  async function storyOn(path: string): Promise<Array<{ heading: string; items: string[] }>> {
    const page = await firefox.newPage(server.url(path));
    await reportFor(server.url(path), (r) => r.status === 'on');
    await page.waitForFunction(paintedCount);
    await clickPainted(page, { topic: 'ceasefire' });
    await page.waitForSelector('factlight-ui >>> [role="dialog"]');
    const sections = await page.$$eval('factlight-ui >>> section', (els) =>
      els.map((el) => ({ heading: el.querySelector('h3')?.textContent ?? '', items: [...el.querySelectorAll('ol.timeline > li')].map((li) => li.textContent ?? '') })),
    );
    expect(await axe(page, 'factlight-ui')).toEqual([]);
    await page.close();
    return sections;
  }

  it('on a December 2025 article: both what came since and what came before', async () => {
    const sections = await storyOn('/december-article.html');
    const since = ceasefire.timeline!.filter((e) => e.date > '2025-12-16');
    const sinceSection = sections.find((x) => x.heading.includes('since this article was published'))!;
    expect(sinceSection.heading).toMatch(new RegExp(`^${since.length} developments? since`));
    expect(sinceSection.items[0]).toContain(since.at(-1)!.text.en);
    const before = sections.find((x) => x.heading.startsWith('Before this article'))!;
    expect(before.items.at(-1)).toContain(ceasefire.timeline!.filter((e) => e.date <= '2025-12-16').at(-1)!.text.en);
  });

  it('on an undated article: the latest entries first', async () => {
    const sections = await storyOn('/undated-article.html');
    const latest = sections.find((x) => x.heading === 'Latest developments')!;
    expect(latest.items[0]).toContain(ceasefire.timeline!.at(-1)!.text.en);
    expect(sections.some((x) => x.heading.includes('since this article'))).toBe(false);
  });
});
