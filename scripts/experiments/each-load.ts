/**
 * The experiments' usual loop: for each setup of the built extension ("on": every mention
 * highlighted; "first": the first mention of each section, the shipped default; "paused": loaded,
 * painting nothing), a fresh Chromium, then `loads` fresh pages of one generated page in it.
 */
import { chromium, type BrowserContext, type CDPSession, type Page } from 'playwright-core';
import { chromiumPath, launchChromium, QUIET_CHROMIUM_ARGS, type ChromiumSession } from '../../tests/e2e/harness/chromium';
import { highlightEverything } from '../../tests/bench/dateless';
import { serveHtml } from './serve-html';

/** A Chromium with the built extension in a setup: "on" (every mention), "first" (the shipped default) or "paused". */
export async function launchWithUs(mode: string): Promise<ChromiumSession> {
  const session = await launchChromium();
  await highlightEverything(session);
  if (mode === 'paused') await session.setSettings({ paused: true });
  if (mode === 'first') await session.setSettings({ highlightMode: 'first-per-section' });
  return session;
}

/** A browser context for a setup of {@link launchWithUs}, or "none" (a plain Chromium, no extension), and how to close it. */
export async function openSetup(mode: string): Promise<{ context: BrowserContext; close: () => Promise<void> }> {
  if (mode !== 'none') return launchWithUs(mode);
  const browser = await chromium.launch({ executablePath: chromiumPath(), headless: true, args: QUIET_CHROMIUM_ARGS });
  return { context: await browser.newContext({ viewport: { width: 1280, height: 900 } }), close: () => browser.close() };
}

/** One page load of {@link eachLoad}: the page, its address (not yet visited), the setup and the load's number from 1. */
export interface ExperimentLoad {
  page: Page;
  url: string;
  mode: string;
  n: number;
  session: ChromiumSession;
}

/** Runs `visit` on `loads` fresh pages serving `html`, in each of `modes` ("on", "first" or "paused"); closes each page after its visit. */
export async function eachLoad(modes: readonly string[], loads: number, html: string, visit: (load: ExperimentLoad) => Promise<void>): Promise<void> {
  for (const mode of modes) {
    const session = await launchWithUs(mode);
    try {
      for (let n = 1; n <= loads; n++) {
        const page = await session.context.newPage();
        try {
          await visit({ page, url: await serveHtml(page, html), mode, n, session });
        } finally {
          await page.close();
        }
      }
    } finally {
      await session.close();
    }
  }
}

/**
 * Loads `url`, waits `restMs` for the scan to end, and forces a full garbage collection: what is
 * left is what the page and the extension keep. Returns the page's DevTools session, heap profiler on.
 */
export async function collectedAfterScan({ page, url, session }: ExperimentLoad, restMs = 6000): Promise<CDPSession> {
  await page.goto(url, { waitUntil: 'load' });
  await page.waitForTimeout(restMs);
  const cdp = await session.context.newCDPSession(page);
  await cdp.send('HeapProfiler.enable');
  await cdp.send('HeapProfiler.collectGarbage');
  return cdp;
}
