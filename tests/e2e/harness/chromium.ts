/**
 * Starts Debian's Chromium with the built extension (.output/chrome-mv3) in a fresh profile, with the
 * flags that keep it quiet on a machine with no internet (see shared/notes/browser-testing.md).
 */
import { chromium, type BrowserContext, type Page, type Worker } from 'playwright-core';
import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from './server';
import type { PageReport } from '../../../lib/messages';
import { combineReports } from '../../../lib/tab-reports';

export const CHROME_BUILD = join(REPO_ROOT, '.output/chrome-mv3');

/** The flags that keep Chromium quiet on a machine with no internet, but for the features it turns off. */
export const QUIET_FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
/** The features the harness turns off (more may be added to the same flag). */
export const QUIET_FEATURES_OFF = ['Translate', 'MediaRouter'];
/** {@link QUIET_FLAGS} with {@link QUIET_FEATURES_OFF}: every Chromium the tests, the bench and the experiments launch. */
export const QUIET_CHROMIUM_ARGS = [...QUIET_FLAGS, `--disable-features=${QUIET_FEATURES_OFF.join(',')}`];

/** Path of a Chromium or Chrome binary on this machine. */
export function chromiumPath(): string {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];
  const found = candidates.find((c) => c && existsSync(c));
  if (!found) throw new Error('No Chromium found: install Debian\'s "chromium" package or set CHROMIUM_PATH');
  return found;
}

export interface ChromiumSession {
  context: BrowserContext;
  extensionId: string;
  /** The extension's service worker (re-found if Chromium restarted it). */
  worker(): Promise<Worker>;
  /** An extension page URL, e.g. extensionUrl('popup.html?tab=3'). */
  extensionUrl(path: string): string;
  newPage(url?: string): Promise<Page>;
  /** The tab id of `page` and its combined report, once its content script has reported. */
  reportOf(page: Page): Promise<{ tabId: number; report: PageReport } | null>;
  /** Wait until `page`'s report satisfies `predicate` (the content script reports after each scan). */
  waitForReport(page: Page, predicate: (r: PageReport) => boolean, timeoutMs?: number): Promise<{ tabId: number; report: PageReport }>;
  /** Everything in the extension's storage area. */
  storage(area: 'local' | 'sync'): Promise<Record<string, unknown>>;
  /** Write the extension's settings (merged over what is stored). */
  setSettings(patch: Record<string, unknown>): Promise<void>;
  close(): Promise<void>;
}

/**
 * Launch Chromium with the extension loaded. `headed` needs a display (Xvfb in CI). `lang` is the
 * browser's interface language (`de`, `pt-BR`; default `en-US`): what `chrome.i18n` picks the
 * extension's strings by. Chromium on Linux takes it from `--lang` together with LANGUAGE, and needs
 * Debian's chromium-l10n for any language but en-US.
 */
export async function launchChromium(options: { headed?: boolean; attachToPopups?: boolean; lang?: string } = {}): Promise<ChromiumSession> {
  const lang = options.lang ?? 'en-US';
  if (!existsSync(join(CHROME_BUILD, 'manifest.json'))) throw new Error('Build first: npm run build');
  if (options.attachToPopups) process.env.PW_CHROMIUM_ATTACH_TO_OTHER = '1';
  const profile = mkdtempSync(join(tmpdir(), 'factlight-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath(),
    headless: !options.headed,
    viewport: { width: 1280, height: 900 },
    ...(options.lang ? { locale: lang, env: { ...process.env, LANGUAGE: lang.replace('-', '_') } } : {}),
    args: [
      `--disable-extensions-except=${CHROME_BUILD}`,
      `--load-extension=${CHROME_BUILD}`,
      ...QUIET_CHROMIUM_ARGS,
      `--lang=${lang}`,
    ],
  });
  const firstWorker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const extensionId = new URL(firstWorker.url()).host;
  // The live worker: Chromium stops idle service workers and starts new ones on the next event.
  let current: Worker | null = firstWorker;
  const track = (w: Worker) => {
    if (!w.url().includes(extensionId)) return;
    current = w;
    w.on('close', () => current === w && (current = null));
  };
  track(firstWorker);
  context.on('serviceworker', track);
  const worker = async (): Promise<Worker> => {
    if (current) return current;
    // Wake it the way the browser would: an extension page sends it a message.
    const next = context.waitForEvent('serviceworker', { timeout: 10_000 });
    const waker = await context.newPage();
    await waker.goto(`chrome-extension://${extensionId}/popup.html`);
    await waker.evaluate(() => chrome.runtime.sendMessage({ type: 'wake' }).catch(() => undefined));
    const woken = current ?? (await next);
    await waker.close();
    return woken;
  };
  const session: ChromiumSession = {
    context,
    extensionId,
    worker,
    extensionUrl: (path) => `chrome-extension://${extensionId}/${path}`,
    async newPage(url) {
      const page = await context.newPage();
      if (url) await page.goto(url);
      return page;
    },
    async reportOf(page) {
      const all = (await (await worker()).evaluate(() => chrome.storage.session.get(null))) as Record<string, Record<string, PageReport>>;
      for (const [key, frames] of Object.entries(all)) {
        if (!key.startsWith('tab:') || frames['0']?.url !== page.url()) continue;
        return { tabId: Number(key.slice(4)), report: combineReports(frames) };
      }
      return null;
    },
    async waitForReport(page, predicate, timeoutMs = 15_000) {
      const deadline = Date.now() + timeoutMs;
      let last: { tabId: number; report: PageReport } | null = null;
      while (Date.now() < deadline) {
        last = await session.reportOf(page);
        if (last && predicate(last.report)) return last;
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error(`report for ${page.url()} never matched; last: ${JSON.stringify(last?.report)}`);
    },
    async storage(area) {
      return (await worker()).evaluate((a) => chrome.storage[a].get(null), area);
    },
    async setSettings(patch) {
      // storage.sync allows 120 writes a minute; a suite that flips a setting on every one of 148
      // pages can go past that on a fast run. Chromium then refuses the write: wait and write again.
      for (let attempt = 0; ; attempt++) {
        try {
          await (await worker()).evaluate(async (p) => {
            const { settings } = await chrome.storage.sync.get('settings');
            // The version meta key stops @wxt-dev/storage from migrating what we wrote as if it were old.
            await chrome.storage.sync.set({ settings: { ...(settings ?? {}), ...p }, settings$: { v: 2 } });
          }, patch);
          return;
        } catch (error) {
          if (attempt >= 30 || !/MAX_WRITE_OPERATIONS_PER_MINUTE/.test(String(error))) throw error;
          await new Promise((r) => setTimeout(r, 2000));
        }
      }
    },
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
  return session;
}
