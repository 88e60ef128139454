/**
 * Every real saved page in ../shared/corpus (pages nobody here wrote), in real Chromium: the
 * extension forced on for all sites, then off. After "off" each page's DOM equals its DOM with the
 * extension never on; no error from our code; no highlight in a forbidden element; and, since none
 * of these pages is about the March 2025 talks, no mention of the shipped topics at all.
 *
 * So that "on then off" really wraps and unwraps text on every page, a stress topic (common English
 * words, no context rule) is added as the reader's own topic: it lights up hundreds of words per page.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readdirSync, statSync, existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { launchChromium, type ChromiumSession } from './harness/chromium';
import { CORPUS_DIR, hasCorpus, startServer, type TestServer } from './harness/server';
import { fingerprint, firstDifference } from './harness/dom-snapshot';
import { readPainted } from './harness/painted';

function corpusPages(): string[] {
  if (!hasCorpus) return [];
  const out: string[] = [];
  for (const dir of readdirSync(CORPUS_DIR)) {
    const full = join(CORPUS_DIR, dir);
    if (!statSync(full).isDirectory()) continue;
    for (const entry of readdirSync(full)) {
      const path = join(full, entry);
      if (statSync(path).isDirectory() && existsSync(join(path, 'source.html'))) out.push(join(path, 'source.html'));
      else if (/\.html?$/.test(entry)) out.push(path);
    }
  }
  return out.sort();
}

const SHIPPED = new Set(['jeddah-talks', 'ceasefire', 'red-lines']);
const STRESS_TOPIC = {
  id: 'stress-common-words',
  title: { en: 'Common words (test)' },
  summary: { en: 'A test topic that matches common words so every page gets highlights.' },
  asOf: '2025-01-01',
  // Words most English pages use a few dozen times: enough to wrap text on every page, not thousands.
  aliases: { en: ['because', 'between', 'however', 'although', 'during', 'without', 'people', 'years'] },
};

const pages = corpusPages();
if (!hasCorpus) console.warn(`\n*** SKIPPED: real-page corpus not found at ${CORPUS_DIR} ***\n`);

describe.skipIf(!hasCorpus)(`real pages from the corpus (${pages.length})`, () => {
  let browser: ChromiumSession;
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer();
    browser = await launchChromium();
    await browser.setSettings({ siteMode: 'all', paused: true, highlightMode: 'every' });
    await (await browser.worker()).evaluate((topic) => chrome.storage.local.set({ userTopics: [topic], userTopics$: { v: 1 } }), STRESS_TOPIC);
  });
  const painted: number[] = [];
  afterAll(async () => {
    console.log(`corpus: ${painted.length} pages, ${painted.reduce((a, b) => a + b, 0)} mentions painted and removed, ${painted.filter((n) => n > 0).length} pages with highlights`);
    await browser?.close();
    await server?.close();
  });

  it.each(pages.map((p) => [relative(CORPUS_DIR, p)]))('%s: on then off restores the DOM; no false mention; no error', async (rel) => {
    const page = await browser.context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e.stack ?? e)));
    page.on('console', (m) => m.text().includes('[Factlight]') && m.type() === 'error' && errors.push(m.text()));
    // The pages' own scripts (saved with them, or fetched from a network we do not have) are blocked
    // by a CSP header, so the page holds still and any DOM change is ours. Content scripts are not
    // bound by the page's CSP, so Factlight runs as it would on the live page.
    // Only our own server is ever asked: a saved page's iframes (ads, social widgets) are documents too,
    // and must never become requests to the internet.
    await page.route('**/*', async (route) => {
      const request = route.request();
      if (request.resourceType() !== 'document' || !request.url().startsWith(server.origin)) return route.abort();
      const response = await route.fetch();
      return route.fulfill({ response, headers: { ...response.headers(), 'content-security-policy': "script-src 'none'" } });
    });
    await page.goto(server.url(`/corpus/${rel}`), { waitUntil: 'load', timeout: 60_000 });
    await browser.waitForReport(page, (r) => r.status === 'paused', 30_000);
    const never = await fingerprint(page);
    await browser.setSettings({ paused: false });
    const { report } = await browser.waitForReport(page, (r) => r.status !== 'paused', 30_000);
    const falseMentions = report.topics.filter((t) => SHIPPED.has(t.topicId));
    expect(falseMentions, `false mentions on ${rel}`).toEqual([]);
    const seen = await page.evaluate(readPainted);
    painted.push(seen.length);
    const forbidden = seen.filter((m) => m.path.some((tag) => ['input', 'textarea', 'select', 'script', 'style', 'noscript', 'template', 'code', 'pre', 'svg', 'math'].includes(tag)));
    expect(forbidden).toEqual([]);
    await browser.setSettings({ paused: true });
    await browser.waitForReport(page, (r) => r.status === 'paused', 30_000);
    const after = await fingerprint(page);
    expect(firstDifference(never, after)).toBe('equal');
    expect(errors.filter((e) => /factlight|chrome-extension:/i.test(e))).toEqual([]);
    await page.close();
  });
});
