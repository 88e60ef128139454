/**
 * Experiment for issue 14: what is the untraced work in the sectioned 10 MB article's first frames
 * after its load event, in a Chromium with no extension? Loads the page with and without Chromium's
 * navigation predictor (which measures every link of the page after a frame), and with its links
 * made spans, and prints the long tasks after DOMContentLoaded.
 *   npx tsx scripts/experiments/post-load-frame.ts [runs]
 */
import { chromium } from 'playwright-core';
import { chromiumPath, QUIET_FEATURES_OFF, QUIET_FLAGS } from '../../tests/e2e/harness/chromium';
import { sectionedArticle } from '../../tests/bench/pages';
import { serveHtml } from './serve-html';

const runs = Number(process.argv[2] ?? 2);
const withLinks = sectionedArticle(8_000);
const noLinks = withLinks.replace(/<a href="[^"]*">([^<]*)<\/a>/g, '<span>$1</span>');
const featuresOff = (...more: string[]) => `--disable-features=${[...QUIET_FEATURES_OFF, ...more].join(',')}`;
const SETUPS = [
  { label: 'links, default', html: withLinks, args: [featuresOff()] },
  { label: 'links, no predictor', html: withLinks, args: [featuresOff('NavigationPredictor')] },
  { label: 'spans, default', html: noLinks, args: [featuresOff()] },
];
for (let r = 0; r < runs; r++) {
  for (const setup of SETUPS) {
    const browser = await chromium.launch({ executablePath: chromiumPath(), headless: true, args: [...QUIET_FLAGS, ...setup.args] });
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const url = await serveHtml(page, setup.html);
    const cdp = await context.newCDPSession(page);
    const events: { name: string; ts: number; dur?: number; ph?: string; args?: { data?: Record<string, unknown> } }[] = [];
    cdp.on('Tracing.dataCollected', (e) => events.push(...(e.value as never[])));
    const complete = new Promise((ok) => cdp.once('Tracing.tracingComplete', ok));
    await cdp.send('Tracing.start', { traceConfig: { includedCategories: ['devtools.timeline', 'toplevel', 'blink.user_timing'] }, transferMode: 'ReportEvents' } as never);
    await page.goto(url, { waitUntil: 'load', timeout: 120_000 });
    await page.waitForTimeout(5000);
    await cdp.send('Tracing.end');
    await complete;
    await browser.close();
    const dcl = events.find((e) => e.name === 'MarkDOMContent')?.ts ?? 0;
    const load = events.find((e) => e.name === 'MarkLoad')?.ts ?? 0;
    const long = events
      .filter((e) => e.name === 'ThreadControllerImpl::RunTask' && (e.dur ?? 0) > 50_000 && e.ts + (e.dur ?? 0) > dcl)
      .map((e) => `${((e.dur ?? 0) / 1000).toFixed(0)} ms at load${e.ts >= load ? '+' : '−'}${(Math.abs(e.ts - load) / 1000).toFixed(0)}`);
    console.log(`${setup.label.padEnd(22)} long tasks after DCL: ${long.join(', ') || 'none'}`);
  }
}
