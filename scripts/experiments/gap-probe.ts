/**
 * Experiment for issue 14: is the sectioned 10 MB article's first marking frame long without a
 * tracer? The trace names 60-69 ms of it as ours; the page's Long Animation Frames API does not see
 * it. This times the main thread's gaps from inside the page, untraced: a timer every 5 ms, started
 * by `page.evaluate` once the load event has passed, records each gap between its firings over
 * 30 ms. A main-world MutationObserver records when our attribute first lands on a block, so the gap
 * that holds our marking frame is known. CONTROL=1 adds, 2 s after the load event, a frame known to
 * be long (the attribute on 2,000 paragraphs), to check that the probe sees one. MODES=on,paused.
 * PAGE_MARK=delay,blocks[,skip[,attribute]] has the page itself put `attribute` on `blocks`
 * paragraphs from the `skip`th, in an animation frame `delay` ms after the load event (run it with
 * MODES=paused; blocks 0 makes an empty frame); PAGE_MARK2 a second such frame. TRACE=categories
 * traces each load, TRACE_OUT=prefix saves each trace. Decision 007, addendum 4, has its figures.
 *   npm run build && npx tsx scripts/experiments/gap-probe.ts [loads]
 */
import { writeFileSync } from 'node:fs';
import { sectionedArticle } from '../../tests/bench/pages';
import { eachLoad } from './each-load';

interface Probe {
  gaps: [at: number, ms: number][];
  firstMark: number | null;
  marks: number;
  ticks: number;
}

const loads = Number(process.argv[2] ?? 3);
const html = sectionedArticle(Number(process.env.SECTIONS ?? 8_000));
// The page's own frames, each "delay,blocks,skip,attribute" (see above).
const pageFrames = [process.env.CONTROL ? '2000,2000' : '', process.env.PAGE_MARK ?? '', process.env.PAGE_MARK2 ?? ''].filter(Boolean);
await eachLoad((process.env.MODES ?? 'on,paused').split(','), loads, html, async ({ page, url, mode, n, session }) => {
  const cdp = process.env.TRACE ? await session.context.newCDPSession(page) : null;
  const traced = cdp ? new Promise((ok) => cdp.once('Tracing.tracingComplete', ok)) : null;
  const events: unknown[] = [];
  cdp?.on('Tracing.dataCollected', ({ value }) => events.push(...value));
  await cdp?.send('Tracing.start', { traceConfig: { includedCategories: process.env.TRACE!.split(',') }, transferMode: 'ReportEvents' } as never);
  await page.goto(url, { waitUntil: 'load', timeout: 120_000 });
  // A string, not a function: tsx wraps named functions in a helper the page does not have
  // (`__name`), which is why earlier probes from init scripts threw and recorded nothing.
  await page.evaluate(`(() => {
    const probe = (window.__probe = { gaps: [], firstMark: null, marks: 0, ticks: 0 });
    let last = performance.now();
    function tick() {
      const now = performance.now();
      if (now - last > 30) probe.gaps.push([Math.round(last), Math.round(now - last)]);
      last = now;
      probe.ticks++;
      setTimeout(tick, 5);
    }
    setTimeout(tick, 5);
    new MutationObserver((records) => {
      probe.firstMark ??= Math.round(performance.now());
      probe.marks += records.length;
    }).observe(document.documentElement, { subtree: true, attributes: true, attributeFilter: ['data-factlight-paint', 'data-other'] });
    for (const spec of ${JSON.stringify(pageFrames)}) {
      const [delay, blocks, skip = 0, attribute = 'data-factlight-paint'] = spec.split(',');
      setTimeout(() => requestAnimationFrame(() => {
        for (const p of [...document.querySelectorAll('p')].slice(+skip, +skip + +blocks)) p.setAttribute(attribute, '');
      }), +delay);
    }
  })()`);
  await page.waitForTimeout(8000);
  if (cdp) {
    await cdp.send('Tracing.end');
    await traced;
    await cdp.detach();
    // TRACE_OUT=prefix: each load's trace, as prefix-mode-N.json.
    if (process.env.TRACE_OUT) writeFileSync(`${process.env.TRACE_OUT}-${mode}-${n}.json`, JSON.stringify({ traceEvents: events }));
  }
  const { probe, loadAt, marked } = await page.evaluate(() => ({
    probe: (window as never as { __probe: Probe }).__probe,
    loadAt: Math.round(performance.getEntriesByType('navigation')[0]!.toJSON().loadEventEnd as number),
    marked: document.querySelectorAll('[data-factlight-paint]').length,
  }));
  const holdsFirstMark = (at: number, ms: number) => probe.firstMark !== null && probe.firstMark >= at && probe.firstMark <= at + ms;
  const gaps = probe.gaps.map(([at, ms]) => `${ms} ms at load+${at - loadAt}${holdsFirstMark(at, ms) ? ' (first mark)' : ''}`);
  console.log(
    `${mode} load ${n}: load at ${loadAt} ms, ${probe.ticks} ticks, ${marked} blocks marked, first mark at ${probe.firstMark === null ? '–' : `load+${probe.firstMark - loadAt}`} (${probe.marks} records); ` +
      `gaps over 30 ms: ${gaps.join(' | ') || 'none'}`,
  );
});
