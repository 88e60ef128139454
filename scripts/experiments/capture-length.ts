/**
 * Experiment for issue 14: is Chrome's capture of the page's text (`CapturePageText`, decision 007,
 * addendum 4) longer with us, and is it our scan or our mere presence? Loads the flat 10 MB article
 * (PAGE=sectioned: the sectioned one)
 * in turn in a browser with no extension (`none`), with ours paused (`paused`: the content script
 * and our stylesheet load, nothing is read or painted) and on (`on`: every mention), one load of
 * each per round, and prints each capture's wall and thread time. BENCH_CATEGORIES=1 traces the
 * bench's categories, not the `renderer` one alone.
 *   npm run build && npx tsx scripts/experiments/capture-length.ts [rounds]
 */
import { startServer } from '../../tests/e2e/harness/server';
import { openSetup } from './each-load';
import { sectionedArticle } from '../../tests/bench/pages';
import { serveHtml } from './serve-html';

interface Event {
  name: string;
  ph: string;
  dur?: number;
  tdur?: number;
}

// PAGE=sectioned: the 10 MB sectioned article; else a path of the test server (the flat 10 MB article).
const PAGE = process.env.PAGE ?? '/generated/article.html?bytes=10000000';
const sectioned = PAGE === 'sectioned' ? sectionedArticle() : null;
// BENCH_CATEGORIES=1: the bench's trace categories (scripts/bench.ts), not the `renderer` one alone.
const CATEGORIES = process.env.BENCH_CATEGORIES ? ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink.user_timing', 'v8.execute', 'renderer'] : ['renderer'];
const rounds = Number(process.argv[2] ?? 4);
const modes = ['none', 'paused', 'on'] as const;

const server = await startServer();
const browsers = await Promise.all(modes.map(openSetup));
const found = new Map<string, string[]>(modes.map((m) => [m, []]));
try {
  for (let round = 0; round < rounds; round++) {
    for (const [i, mode] of modes.entries()) {
      const page = await browsers[i]!.context.newPage();
      const cdp = await browsers[i]!.context.newCDPSession(page);
      const events: Event[] = [];
      cdp.on('Tracing.dataCollected', ({ value }) => events.push(...(value as unknown as Event[])));
      const done = new Promise((ok) => cdp.once('Tracing.tracingComplete', ok));
      await cdp.send('Tracing.start', { traceConfig: { includedCategories: CATEGORIES, recordMode: 'recordAsMuchAsPossible' }, transferMode: 'ReportEvents' } as never);
      await page.goto(sectioned ? await serveHtml(page, sectioned) : server.url(PAGE), { waitUntil: 'load', timeout: 120_000 });
      await page.waitForTimeout(3000);
      await cdp.send('Tracing.end');
      await done;
      const captures = events.filter((e) => e.name === 'ChromeRenderFrameObserver::CapturePageText' && e.ph === 'X' && (e.dur ?? 0) > 20_000);
      const line = captures.map((c) => `${((c.dur ?? 0) / 1000).toFixed(0)} (${c.tdur == null ? '?' : (c.tdur / 1000).toFixed(0)})`).join(', ');
      found.get(mode)!.push(line);
      console.log(`round ${round + 1}, ${mode}: captures over 20 ms, wall (thread) ms: ${line || 'none'}`);
      await page.close();
    }
  }
} finally {
  await Promise.all(browsers.map((b) => b.close()));
  await server.close();
}
