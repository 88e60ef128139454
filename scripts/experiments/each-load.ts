/**
 * The experiments' usual loop: for each setup of the built extension ("on": every mention
 * highlighted; "first": the first mention of each section, the shipped default; "paused": loaded,
 * painting nothing), a fresh Chromium, then `loads` fresh pages of one generated page in it.
 */
import type { CDPSession, Page } from 'playwright-core';
import { launchChromium, type ChromiumSession } from '../../tests/e2e/harness/chromium';
import { highlightEverything } from '../../tests/bench/dateless';
import { serveHtml } from './serve-html';

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
    const session = await launchChromium();
    try {
      await highlightEverything(session);
      if (mode === 'paused') await session.setSettings({ paused: true });
      if (mode === 'first') await session.setSettings({ highlightMode: 'first-per-section' });
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
