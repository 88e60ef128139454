/**
 * Experiment for issue 14: the DOM heap's sweep after the page's own memory-reducing collection.
 * In the bench's scroll of the 2 MB live blog, with us only, an Oilpan (cppgc) incremental sweep
 * step of 43.6 ms followed that collection; without us no step took over 2 ms. This loads the live
 * blog, traces the main thread with V8's and cppgc's categories from 20 s to 40 s after navigation
 * (the memory reducer collects at about 30 s), and prints the major collections and the sweep tasks
 * of each load. MODES picks the setups: on (every mention), first (the first mention of each
 * section, the shipped default), paused. PAGE=quiet takes the topic words out of the blog,
 * PAGE=few out of all but its first 50 posts. REGISTER=N has the page paint N ranges itself, as we
 * do; FRAMES=M then makes M frames that each change one attribute no rule uses. Decision 007,
 * addendum 4, has the figures and the cause found with it (`isInArticle`, fixed).
 *   npm run build && npx tsx scripts/experiments/sweep-after-gc.ts [loads]
 */
import { liveBlog } from '../../tests/bench/pages';
import { eachLoad } from './each-load';

interface Event {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  tid: number;
  args?: { src_file?: string };
}

const loads = Number(process.argv[2] ?? 2);
// PAGE=quiet: the same blog with its topic words replaced, so the scan reads it all and finds nothing;
// PAGE=few: the same, but the first 50 posts keep theirs (about 100 mentions).
const TOPIC_WORDS = /Jeddah|Jiddah|cease-?fire|truce|<em>red line<\/em>|<b>red<\/b> <i>lines<\/i>/gi;
const quiet = (part: string) => part.replace(TOPIC_WORDS, 'harvest');
const blog = liveBlog();
const fiftieth = blog.indexOf('<article class="post" id="p50">');
const html = process.env.PAGE === 'quiet' ? quiet(blog) : process.env.PAGE === 'few' ? blog.slice(0, fiftieth) + quiet(blog.slice(fiftieth)) : blog;
const modes = (process.env.MODES ?? 'on,first,paused').split(',');
await eachLoad(modes, loads, html, async ({ page, url, mode, n, session }) => {
    await page.goto(url, { waitUntil: 'load' });
    // REGISTER=N: the page itself paints as we do, N ranges over its first paragraphs' first words
    // (marked blocks, one registered highlight), 3 s after the load event (run it with MODES=paused).
    if (process.env.REGISTER) {
      await page.waitForTimeout(3000);
      await page.evaluate(`(() => {
        const ranges = [];
        for (const p of document.querySelectorAll('p')) {
          const text = p.firstChild;
          if (ranges.length >= ${Number(process.env.REGISTER)} || !text || text.nodeType !== 3 || text.data.length < 10) continue;
          p.setAttribute('data-factlight-paint', '');
          ranges.push(new StaticRange({ startContainer: text, startOffset: 0, endContainer: text, endOffset: 8 }));
        }
        CSS.highlights.set('factlight-violet-underline', new Highlight(...ranges));
        // FRAMES=N: then N frames that each change one attribute no rule uses, as the page's own
        // style changes would (each makes Chromium revisit its highlight markers).
        let frames = ${Number(process.env.FRAMES ?? 0)};
        const other = document.querySelector('h1');
        const step = () => { if (frames-- <= 0) return; other.toggleAttribute('data-other'); requestAnimationFrame(step); };
        requestAnimationFrame(step);
      })()`);
    }
    await page.waitForTimeout(process.env.REGISTER ? 17_000 : 20_000);
    const cdp = await session.context.newCDPSession(page);
    const events: Event[] = [];
    cdp.on('Tracing.dataCollected', ({ value }) => events.push(...(value as unknown as Event[])));
    const done = new Promise((ok) => cdp.once('Tracing.tracingComplete', ok));
    await cdp.send('Tracing.start', { traceConfig: { includedCategories: ['toplevel', 'v8', 'disabled-by-default-v8.gc', 'cppgc', 'disabled-by-default-cppgc'] }, transferMode: 'ReportEvents' } as never);
    await page.waitForTimeout(20_000);
    await cdp.send('Tracing.end');
    await done;
    const main = events.filter((e) => e.name === 'ThreadControllerImpl::RunTask' && e.ph === 'X');
    const sweeps = main.filter((e) => /sweeper/.test(e.args?.src_file ?? '')).map((e) => (e.dur ?? 0) / 1000);
    const majors = events.filter((e) => e.name === 'MajorGC' && e.ph === 'X').map((e) => ((e.dur ?? 0) / 1000).toFixed(0));
    const total = sweeps.reduce((a, b) => a + b, 0);
    const marked = await page.evaluate(() => document.querySelectorAll('[data-factlight-paint]').length);
    console.log(`${mode} load ${n} (${marked} blocks marked): major collections ${majors.join(', ') || 'none'} ms; main-thread sweep tasks ${sweeps.length}, ${total.toFixed(0)} ms in all, longest ${Math.max(0, ...sweeps).toFixed(1)} ms`);
});
