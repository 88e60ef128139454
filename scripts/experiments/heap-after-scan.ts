/**
 * Experiment for issue 14: how much the extension adds to the page's heaps once its scan is done.
 * The bench's scroll meets the page's own major garbage collection, whose final pause grows with the
 * DOM heap; this reads V8's heap and the embedder's (the DOM's) after a forced collection, 6 s after
 * the load event, with the built extension on (every mention) and paused. PAGE=live (default) or
 * sectioned.
 *   npm run build && npx tsx scripts/experiments/heap-after-scan.ts [loads]
 */
import { liveBlog, sectionedArticle } from '../../tests/bench/pages';
import { eachLoad } from './each-load';

const loads = Number(process.argv[2] ?? 2);
const html = process.env.PAGE === 'sectioned' ? sectionedArticle() : liveBlog();
const mb = (bytes: number | undefined) => ((bytes ?? 0) / 1e6).toFixed(1);
await eachLoad(['on', 'paused'], loads, html, async ({ page, url, mode, n, session }) => {
  await page.goto(url, { waitUntil: 'load' });
  await page.waitForTimeout(6000);
  const cdp = await session.context.newCDPSession(page);
  await cdp.send('HeapProfiler.enable');
  await cdp.send('HeapProfiler.collectGarbage');
  const heap = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number; embedderHeapUsedSize?: number };
  console.log(`${mode} load ${n}: V8 heap ${mb(heap.usedSize)} MB, embedder (DOM) heap ${mb(heap.embedderHeapUsedSize)} MB`);
});
