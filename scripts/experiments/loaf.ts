/**
 * Experiment for issue 14: the frames over 50 ms after the load event of the sectioned 10 MB
 * article, seen untraced, through the page's Long Animation Frames API, with the built extension on
 * (every mention) or paused. The bench sees them in a trace, and tracing has a cost of its own; this
 * asks whether our first marking frame is long without it. Prints each long animation frame after
 * the load event: when, how long, its style-and-layout part, and whose scripts ran in it (those of
 * 5 ms or more: our marking callback takes about 1 ms, so it is not named). A main-world poll of
 * `CSS.highlights` from an init script never saw our registration here, so when our marking frame
 * fell in an untraced load is not known from this experiment.
 * CONTROL=1 adds a frame known to be long, 2 s after the load event. MODES=on,paused picks the setups; TRACE=categories traces each load with them, as the bench does.
 *   npm run build && npx tsx scripts/experiments/loaf.ts [loads]
 */
import { sectionedArticle } from '../../tests/bench/pages';
import { eachLoad } from './each-load';

interface Frame {
  at: number;
  ms: number;
  styleAndLayoutMs: number;
  scripts: string[];
}

const loads = Number(process.argv[2] ?? 3);
const html = sectionedArticle(Number(process.env.SECTIONS ?? 8_000));
await eachLoad((process.env.MODES ?? 'on,paused').split(','), loads, html, async ({ page, url, mode, n, session }) => {
  await page.addInitScript(() => {
    const frames: unknown[] = ((window as never as { __loaf: unknown[] }).__loaf = []);
    new PerformanceObserver((list) => {
      for (const e of list.getEntries() as (PerformanceEntry & { styleAndLayoutStart: number; scripts: { sourceURL: string; invoker: string }[] })[]) {
        frames.push({
          at: Math.round(e.startTime),
          ms: Math.round(e.duration),
          styleAndLayoutMs: Math.round(e.startTime + e.duration - e.styleAndLayoutStart),
          scripts: e.scripts.map((s) => `${s.invoker} ${s.sourceURL.replace(/^chrome-extension:\/\/[^/]+/, 'ext:')}`),
        });
      }
    }).observe({ type: 'long-animation-frame', buffered: true });
  });
  // TRACE=cat1,cat2: the load traced with these categories, as the bench traces it.
  const cdp = process.env.TRACE ? await session.context.newCDPSession(page) : null;
  const traced = cdp ? new Promise((ok) => cdp.once('Tracing.tracingComplete', ok)) : null;
  await cdp?.send('Tracing.start', { traceConfig: { includedCategories: process.env.TRACE!.split(',') }, transferMode: 'ReportEvents' } as never);
  await page.goto(url, { waitUntil: 'load', timeout: 120_000 });
  // CONTROL=1: a frame known to be long, to check that the API sees one made of rendering only:
  // our attribute on 2,000 blocks in an animation frame, 2 s after the load event.
  if (process.env.CONTROL) await page.evaluate(() => setTimeout(() => requestAnimationFrame(() => { for (const p of [...document.querySelectorAll('p')].slice(0, 2000)) p.setAttribute('data-factlight-paint', ''); }), 2000));
  await page.waitForTimeout(8000);
  if (cdp) {
    await cdp.send('Tracing.end');
    await traced;
    await cdp.detach();
  }
  const { frames, loadAt, marked } = await page.evaluate(() => ({
    frames: (window as never as { __loaf: Frame[] }).__loaf,
    loadAt: Math.round(performance.getEntriesByType('navigation')[0]!.toJSON().loadEventEnd as number),
    marked: document.querySelectorAll('[data-factlight-paint]').length,
  }));
  const after = frames.filter((f) => f.at + f.ms > loadAt);
  console.log(`${mode} load ${n} (load at ${loadAt} ms, ${marked} blocks marked): ` + (after.map((f) => `${f.ms} ms at load+${f.at - loadAt} (style/layout ${f.styleAndLayoutMs}; ${f.scripts.join(', ') || 'no script'})`).join(' | ') || 'no long frame after load'));
});
