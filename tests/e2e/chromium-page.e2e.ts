/**
 * The page a reader sees, in real Chromium with the built extension: highlights, the popover,
 * turning off and on, hostile pages, frames and shadow roots, pages that change, no network.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchChromium, type ChromiumSession } from './harness/chromium';
import { startServer, type TestServer } from './harness/server';
import { fingerprint, firstDifference, withoutPaintAttribute } from './harness/dom-snapshot';
import { saveScreenshot } from './harness/screenshots';
import { axeViolations } from './harness/axe';
import { SHIPPED_PACK } from '../../data/shipped-pack';
import { clickPainted, tabThroughMentions, focusedControl, paintedOn, readPainted, withTopics } from './harness/painted';

let browser: ChromiumSession;
let server: TestServer;
const requestsFromBrowser: string[] = [];

beforeAll(async () => {
  server = await startServer();
  browser = await launchChromium();
  browser.context.on('request', (r) => requestsFromBrowser.push(r.url()));
  await browser.setSettings({ siteMode: 'news' });
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** How many mentions the page shows painted. */
const paintedCount = async (page: Page) => (await paintedOn(page)).length;
/** Wait until the painting has reached the registry (the frame after a scan's last batch). */
const waitPainted = (page: Page, atLeast = 1, timeout = 10_000) =>
  page.waitForFunction((n) => [...CSS.highlights.keys()].filter((k) => k.startsWith('factlight-')).reduce((sum, k) => sum + CSS.highlights.get(k)!.size, 0) >= n, atLeast, { timeout });

async function openArticle(path: string, expectHighlights = true): Promise<Page> {
  const page = await browser.newPage(server.url(path));
  await browser.waitForReport(page, (r) => (expectHighlights ? r.status === 'on' : r.status !== undefined));
  if (expectHighlights) await waitPainted(page);
  return page;
}

describe('the demo article', () => {
  let page: Page;
  beforeAll(async () => {
    page = await openArticle('/demo-article.html');
  });

  it('paints mentions of all three topics, and adds no element to the page for them', async () => {
    const painted = await paintedOn(page);
    expect([...new Set(painted.map((m) => m.topic))].sort()).toEqual(['ceasefire', 'jeddah-talks', 'red-lines']);
    expect(painted.every((m) => m.x !== null)).toBe(true);
    expect(await page.evaluate(() => document.querySelectorAll('factlight-mark, [data-factlight-topic], factlight-ui, factlight-focus').length)).toBe(0);
  });

  it('paints a mention split across inline elements ("<em>cease</em>-fire") as one', async () => {
    const split = (await paintedOn(page)).find((m) => m.text === 'cease-fire');
    expect(split?.path[0]).toBe('em');
  });

  it('never paints inside a textarea, code, navigation or the related-stories rail', async () => {
    const forbidden = (await paintedOn(page)).filter((m) => m.path.some((tag) => ['textarea', 'pre', 'code', 'nav', 'aside', 'header', 'footer', 'form'].includes(tag)));
    expect(forbidden).toEqual([]);
    expect(await page.locator('textarea').inputValue()).toBe('I doubt the ceasefire will hold.');
  });

  it('opens a popover named by the topic on a click on the mention, and Escape closes it and puts focus on the mention', async () => {
    const first = await clickPainted(page, 0);
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    const name = await dialog.getAttribute('aria-labelledby');
    expect(name).toBeTruthy();
    const title = await page.locator(`factlight-ui >> #${name}`).textContent();
    expect(title?.length).toBeGreaterThan(3);
    expect(await dialog.textContent()).toContain('In this article');
    // The timeline and quotes, which the content script does not carry: the background sent them.
    // The article is of 20 March 2025, so the story since then comes first, newest first.
    const shipped = SHIPPED_PACK.topics.find((topic) => topic.id === first.topic)!;
    const newest = shipped.timeline!.at(-1)!;
    const since = dialog.getByRole('region', { name: /since this article was published/ }).getByRole('listitem');
    expect(await since.first().textContent()).toContain(newest.text.en);
    const quotes = await dialog.getByRole('region', { name: 'What they said' }).locator('blockquote').allTextContents();
    expect(quotes.length).toBeGreaterThan(0);
    for (const quote of quotes) expect(shipped.quotes!.map((q) => q.text)).toContain(quote);
    expect(await axeViolations(page, 'factlight-ui')).toEqual([]);
    // The page's prose, painted: nothing of ours in it for axe to find wrong.
    expect(await axeViolations(page, 'article')).toEqual([]);
    // The popover points at the mention: its card starts just below the mention's line.
    const card = (await page.locator('factlight-ui >> .card').boundingBox())!;
    expect(Math.abs(card.y - first.y!)).toBeLessThan(60);
    await page.waitForTimeout(200); // let the fade-in finish for the README's picture
    await saveScreenshot(page, 'popover');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(await focusedControl(page)).toContain(first.text);
    await page.mouse.click(5, 300); // focus leaves the control: it goes away with it
    await page.waitForFunction(() => !document.querySelector('factlight-focus'));
    expect(await page.locator('factlight-ui').count()).toBe(0);
  });

  it('reaches the mentions with Tab in reading order; Enter opens the popover with focus in it, Escape returns focus', async () => {
    const painted = await paintedOn(page);
    const heard = await tabThroughMentions(page, painted.length);
    // Every painted mention in reading order, each named by its words and its topic.
    expect(heard.length).toBe(painted.length);
    heard.forEach((label, i) => expect(label.startsWith(painted[i]!.text)).toBe(true));
    // Shift+Tab goes back one mention; Enter opens its popover.
    await page.keyboard.press('Shift+Tab');
    const back = await focusedControl(page);
    expect(back?.startsWith(painted.at(-2)!.text)).toBe(true);
    const described = await page.evaluate(() => document.querySelector('factlight-focus')!.shadowRoot!.querySelector('.hint')!.textContent);
    expect(described).toBe(`Mention ${painted.length - 1} of ${painted.length}. Arrow keys move between mentions.`);
    expect(await axeViolations(page, 'factlight-focus')).toEqual([]);
    await page.keyboard.press('Enter');
    await page.getByRole('dialog').waitFor();
    expect(await page.evaluate(() => document.activeElement?.localName)).toBe('factlight-ui');
    expect(await page.evaluate(() => document.querySelector('factlight-focus')!.shadowRoot!.querySelector('button')!.getAttribute('aria-expanded'))).toBe('true');
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    expect(await focusedControl(page)).toBe(back);
    // Arrow keys move between mentions too, scrolling the page to each.
    await page.keyboard.press('ArrowDown');
    expect((await focusedControl(page))?.startsWith(painted.at(-1)!.text)).toBe(true);
    await page.keyboard.press('Home');
    expect((await focusedControl(page))?.startsWith(painted[0]!.text)).toBe(true);
    await page.waitForTimeout(800); // the smooth scroll back to the headline
    const ring = () =>
      page.evaluate(() => {
        const button = document.querySelector('factlight-focus')!.shadowRoot!.querySelector('button')!;
        return { outline: getComputedStyle(button).outlineStyle, rect: button.getBoundingClientRect().toJSON() as DOMRect };
      });
    expect((await ring()).outline).toBe('solid');
    // The focus ring sits over the mention it names (placed in the frame after the move).
    const first = (await paintedOn(page))[0]!;
    await expect.poll(async () => {
      const { rect } = await ring();
      return Math.round(Math.max(Math.abs(rect.x + rect.width / 2 - first.x!), Math.abs(rect.y + rect.height / 2 - first.y!)));
    }).toBeLessThan(4);
    await saveScreenshot(page, 'keyboard-focus');
    await page.keyboard.press('Escape');
  });

  it('keeps a popover opened from the keyboard while its mention scrolls in; when the mention scrolls away, focus goes back to it', async () => {
    await tabThroughMentions(page, 1);
    const label = await focusedControl(page);
    // The reader presses Enter while the mention is still off screen (a smooth scroll on its way).
    await page.evaluate(() => window.scrollTo({ top: document.documentElement.scrollHeight, behavior: 'instant' }));
    await page.keyboard.press('Enter');
    await page.getByRole('dialog').waitFor();
    await page.waitForTimeout(300);
    expect(await page.getByRole('dialog').count()).toBe(1);
    // It comes into view, then the reader scrolls it away: the card goes, focus does not fall to the page.
    await page.evaluate(() => window.scrollTo({ top: 0, behavior: 'instant' }));
    await page.waitForTimeout(300);
    expect(await page.getByRole('dialog').count()).toBe(1);
    await page.evaluate(() => window.scrollTo({ top: document.documentElement.scrollHeight, behavior: 'instant' }));
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    expect(await focusedControl(page)).toBe(label);
    await page.mouse.click(1, 1);
    await page.waitForFunction(() => !document.querySelector('factlight-focus'));
  });

  it('jumps from "In this article" to the place in the page', async () => {
    await page.evaluate(() => window.scrollTo(0, 0));
    await clickPainted(page, 0);
    const links = page.getByRole('dialog').getByRole('region', { name: 'In this article' }).getByRole('link');
    const count = await links.count();
    expect(count).toBeGreaterThan(0);
    await links.last().click();
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    // The target sentence is scrolled into view and its mention focused (painted) or selected.
    await page.waitForTimeout(600); // the smooth scroll
    const shown = await page.evaluate(() => {
      const control = document.activeElement?.localName === 'factlight-focus' ? document.activeElement.shadowRoot!.querySelector('button') : null;
      const sel = getSelection()?.toString() ?? '';
      const rect = (control ?? (sel ? getSelection()!.getRangeAt(0) : null))?.getBoundingClientRect();
      return { focused: !!control, sel, inView: !!rect && rect.top >= 0 && rect.bottom <= innerHeight };
    });
    expect(shown.focused || shown.sel.length > 0).toBe(true);
    expect(shown.inView).toBe(true);
  });

  it('closes on an outside click and keeps one popover at a time', async () => {
    await page.evaluate(() => window.scrollTo(0, 0));
    await clickPainted(page, 0);
    await clickPainted(page, 2);
    expect(await page.getByRole('dialog').count()).toBe(1);
    await page.mouse.click(5, 5);
    await page.getByRole('dialog').waitFor({ state: 'detached' });
  });

  it('opens the popover on a tap (touch), and a tap elsewhere closes it', async () => {
    await page.evaluate(() => window.scrollTo(0, 0));
    const cdp = await browser.context.newCDPSession(page);
    await cdp.send('Emulation.setTouchEmulationEnabled', { enabled: true, maxTouchPoints: 1 });
    const tap = async (x: number, y: number) => {
      await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x, y }] });
      await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
    };
    const m = (await paintedOn(page))[1]!;
    await tap(m.x!, m.y!);
    await page.getByRole('dialog').waitFor();
    await tap(5, 400);
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    await cdp.send('Emulation.setTouchEmulationEnabled', { enabled: false });
    await cdp.detach();
  });

  it('opens nothing when the reader drags across a mention to select text', async () => {
    await page.evaluate(() => window.scrollTo(0, 0));
    const m = (await paintedOn(page))[0]!;
    await page.mouse.move(m.x! - 40, m.y!);
    await page.mouse.down();
    await page.mouse.move(m.x! + 10, m.y!, { steps: 5 });
    await page.mouse.up();
    await page.waitForTimeout(300);
    expect(await page.getByRole('dialog').count()).toBe(0);
    expect((await page.evaluate(() => getSelection()!.toString())).length).toBeGreaterThan(0);
    await page.evaluate(() => getSelection()!.removeAllRanges());
  });

  it('is styled by us, not the page: the popover has its own font and background', async () => {
    await clickPainted(page, 0);
    const bg = await page.locator('factlight-ui >> .card').evaluate((el) => getComputedStyle(el).backgroundColor);
    expect(bg).toMatch(/rgb\((255, 255, 255|23, 25, 30)\)/);
    await page.keyboard.press('Escape');
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await saveScreenshot(page, 'article');
  });
});

describe('dark theme', () => {
  it('draws the popover dark, with AA contrast, when the reader picks the dark theme', async () => {
    await browser.setSettings({ theme: 'dark' });
    const page = await openArticle('/demo-article.html');
    await clickPainted(page, 0);
    await page.getByRole('dialog').waitFor();
    const colours = await page.locator('factlight-ui >> .card').evaluate((el) => {
      const cs = getComputedStyle(el);
      return { bg: cs.backgroundColor, fg: cs.color };
    });
    expect(colours.bg).toBe('rgb(23, 25, 30)');
    expect(colours.fg).toBe('rgb(236, 239, 244)');
    expect(await axeViolations(page, 'factlight-ui')).toEqual([]);
    await page.waitForTimeout(200);
    await saveScreenshot(page, 'popover-dark');
    await browser.setSettings({ theme: 'auto' });
    await page.close();
  });
});

describe('turning highlights off and on', () => {
  it('restores the DOM exactly, keeps scroll and selection, and works again when turned back on', async () => {
    await browser.setSettings({ paused: true });
    const page = await browser.newPage(server.url('/demo-article.html'));
    await browser.waitForReport(page, (r) => r.status === 'paused');
    const before = await fingerprint(page);
    await page.evaluate(() => window.scrollTo(0, 300));
    await browser.setSettings({ paused: false });
    await browser.waitForReport(page, (r) => r.status === 'on');
    await waitPainted(page, 4);
    expect(await paintedCount(page)).toBeGreaterThan(3);
    // Painting added, split or moved no node: the one change is our attribute on painted blocks.
    expect(await page.locator('[data-factlight-paint]').count()).toBeGreaterThan(0);
    expect(firstDifference(before, withoutPaintAttribute(await fingerprint(page)))).toBe('equal');
    // Select some text across a highlight, then turn off.
    await page.evaluate(() => {
      const p = document.querySelectorAll('article p')[1]!;
      getSelection()!.selectAllChildren(p);
    });
    const selected = await page.evaluate(() => getSelection()!.toString());
    await browser.setSettings({ paused: true });
    await browser.waitForReport(page, (r) => r.status === 'paused');
    expect(await paintedCount(page)).toBe(0);
    // No highlight left in the registry, no stylesheet of ours left adopted.
    expect(await page.evaluate(() => ({ highlights: CSS.highlights.size, sheets: document.adoptedStyleSheets.length }))).toEqual({ highlights: 0, sheets: 0 });
    const after = await fingerprint(page);
    expect(firstDifference(before, after)).toBe('equal');
    expect(await page.evaluate(() => getSelection()!.toString())).toBe(selected);
    expect(await page.evaluate(() => window.scrollY)).toBe(300);
    await browser.setSettings({ paused: false });
    await browser.waitForReport(page, (r) => r.status === 'on');
    await waitPainted(page, 4);
    await page.close();
  });
});

describe('right context only', () => {
  it('gives a Gaza ceasefire story and Chicago\'s Red Line no highlight', async () => {
    const page = await browser.newPage(server.url('/near-miss-gaza.html'));
    await browser.waitForReport(page, (r) => r.status === 'no-mentions');
    expect(await paintedCount(page)).toBe(0);
    await page.close();
  });
});

describe('hostile pages', () => {
  it('keeps highlights painted and the popover styled on a page that unsets and hides everything', async () => {
    const page = await openArticle('/hostile-css.html');
    const [m] = await paintedOn(page);
    expect(m?.x).not.toBeNull();
    // The page's rules cannot name our highlight: its painted colour is the topic's.
    const paint = await page.evaluate((name) => {
      const range = [...CSS.highlights.get(name)!][0]!;
      const parent = range.startContainer.parentElement!;
      return getComputedStyle(parent, `::highlight(${name})`).backgroundColor;
    }, m!.name);
    expect(paint).not.toBe('rgba(0, 0, 0, 0)');
    await clickPainted(page, 0);
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    const card = await page.locator('factlight-ui >> .card').boundingBox();
    expect(card && card.width > 150).toBe(true);
    await page.close();
  });

  it('gives a page that reverts foreign nodes in its text nothing to revert', async () => {
    const page = await openArticle('/hostile-mutating.html');
    await page.waitForTimeout(3000);
    const reverts = await page.evaluate(() => (window as unknown as { reverts: number }).reverts);
    // Painting puts no node in the page's text, so the page never has a reason to undo us.
    expect(reverts).toBe(0);
    expect(await paintedCount(page)).toBeGreaterThan(0);
    await page.close();
  });

  it('works under a strict Content-Security-Policy', async () => {
    const page = await openArticle('/strict-csp.html');
    expect(await paintedCount(page)).toBeGreaterThan(0);
    await clickPainted(page, 0);
    await page.getByRole('dialog').waitFor();
    const font = await page.locator('factlight-ui >> .card').evaluate((el) => getComputedStyle(el).borderRadius);
    expect(font).toBe('10px');
    await page.close();
  });

  it('highlights a 50,000-node page with 5,000 mentions', async () => {
    await browser.setSettings({ highlightMode: 'every' });
    const page = await browser.newPage(server.url('/generated/article.html?nodes=50000&mentions=5000'));
    const { report } = await browser.waitForReport(page, (r) => r.status === 'on' && r.total >= 5000, 60_000);
    expect(report.total).toBeGreaterThanOrEqual(5000);
    await browser.setSettings({ highlightMode: 'first-per-section' });
    await page.close();
  });
});

describe('frames, shadow roots and pages that change', () => {
  it('highlights inside an open shadow root and same- and cross-origin iframes', async () => {
    const page = await openArticle('/frames.html');
    const inShadow = (await paintedOn(page)).filter((m) => m.tree !== 'document');
    expect(inShadow.length).toBeGreaterThan(0);
    // The shadow tree got our stylesheet too: the mention there is painted in the topic's colour.
    expect(await page.evaluate(() => document.getElementById('shadow-host')!.shadowRoot!.adoptedStyleSheets.length)).toBe(1);
    const paintedInFrame = async (id: string) => {
      const handle = await page.$(`#${id}`);
      const frame = await handle!.contentFrame();
      await frame!.waitForFunction(() => [...CSS.highlights.keys()].some((k) => k.startsWith('factlight-')), null, { timeout: 10_000 });
      return withTopics(await frame!.evaluate(readPainted));
    };
    for (const id of ['same', 'cross']) {
      try {
        expect((await paintedInFrame(id)).length).toBeGreaterThan(0);
      } catch (error) {
        // Known, and also seen with the build before this change on Chromium 156.0.8078.108: a
        // cross-origin frame whose src a script set after load sometimes runs no content script
        // at all (no scan, no report) in headless Chromium. Loading the frame again shows whether
        // the extension works there; the first miss is written to the log for the record.
        if (id !== 'cross') throw error;
        console.warn('[frames] the cross-origin frame ran no content script on its first load; loading it again');
        await page.evaluate(() => {
          const el = document.getElementById('cross') as HTMLIFrameElement;
          el.src = `${el.src.split('?')[0]}?again`;
        });
        await page.waitForTimeout(500);
        expect((await paintedInFrame(id)).length).toBeGreaterThan(0);
      }
    }
    await page.close();
  });

  it('highlights a story that lives only in a web component\'s open shadow root', async () => {
    const page = await openArticle('/shadow-story.html');
    const inShadow = (await paintedOn(page)).filter((m) => m.tree === 'news-story');
    expect(inShadow.length).toBeGreaterThan(0);
    await page.close();
  });

  it('reads an app\'s article that arrives after a first look found no topic', async () => {
    const page = await openArticle('/late-article.html', false);
    expect((await browser.reportOf(page))?.report.status).toBe('no-mentions');
    await browser.waitForReport(page, (r) => r.status === 'on', 10_000);
    await waitPainted(page);
    await page.close();
  });

  it('highlights new content of a live page within half a second, and follows SPA navigation', async () => {
    const page = await openArticle('/live.html');
    const before = await paintedCount(page);
    await page.click('#more');
    await waitPainted(page, before + 1, 1000); // the watcher's 250 ms, a scan and a frame: within a second
    await page.evaluate(() => (window as unknown as { navigateAway(): void }).navigateAway());
    await page.waitForFunction(() => !document.body.textContent!.includes('08:00'), null, { timeout: 3000 });
    // The old story's mentions gone with its text, the new one's painted where they are.
    await expect.poll(async () => {
      const painted = await paintedOn(page);
      return painted.length > 0 && painted.every((m) => m.x !== null);
    }, { timeout: 3000 }).toBe(true);
    await page.close();
  });
});

describe('after the service worker was stopped', () => {
  it('a page still gets its highlights, and a popover its timeline and quotes (the worker starts again for them)', async () => {
    // Chromium stops an idle extension worker after 30 seconds; here it is stopped at once, and
    // the browser starts it again for the next event or message that needs it.
    const page = await browser.context.newPage();
    const cdp = await browser.context.newCDPSession(page);
    const statuses: string[] = [];
    cdp.on('ServiceWorker.workerVersionUpdated', (event: { versions: { scriptURL: string; runningStatus: string }[] }) => {
      for (const version of event.versions) if (version.scriptURL.includes(browser.extensionId)) statuses.push(version.runningStatus);
    });
    await cdp.send('ServiceWorker.enable');
    await cdp.send('ServiceWorker.stopAllWorkers');
    await expect.poll(() => statuses.includes('stopped')).toBe(true);
    await page.goto(server.url('/demo-article.html'));
    await waitPainted(page);
    const { topic: topicId } = await clickPainted(page, 0);
    const shipped = SHIPPED_PACK.topics.find((topic) => topic.id === topicId)!;
    const since = page.getByRole('dialog').getByRole('region', { name: /since this article was published/ }).getByRole('listitem');
    await since.first().waitFor();
    expect(await since.first().textContent()).toContain(shipped.timeline!.at(-1)!.text.en);
    expect(statuses.slice(statuses.indexOf('stopped'))).toContain('running');
    await cdp.detach();
    await page.close();
  });
});

describe('privacy', () => {
  it('made no request outside the test server and the extension itself', () => {
    const foreign = requestsFromBrowser.filter((u) => !/^(http:\/\/(127\.0\.0\.1|localhost):\d+\/|chrome-extension:|data:|about:)/.test(u));
    expect(foreign).toEqual([]);
  });
});
