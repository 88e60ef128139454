/**
 * Experiment for issue 14: how much the extension adds to the page's heaps once its scan is done.
 * The bench's scroll meets the page's own major garbage collection, whose final pause grows with the
 * DOM heap; this reads V8's heap and the embedder's (the DOM's) after a forced collection, 6 s after
 * the load event, and times 5 more forced full collections, with the built extension on (every
 * mention) and paused (MODES=on,paused by default). PAGE=live (default) or sectioned.
 *   npm run build && npx tsx scripts/experiments/heap-after-scan.ts [loads]
 */
import { liveBlog, sectionedArticle } from '../../tests/bench/pages';
import { collectedAfterScan, eachLoad } from './each-load';

const loads = Number(process.argv[2] ?? 2);
const html = process.env.PAGE === 'sectioned' ? sectionedArticle() : liveBlog();
const mb = (bytes: number | undefined) => ((bytes ?? 0) / 1e6).toFixed(1);
await eachLoad((process.env.MODES ?? 'on,paused').split(','), loads, html, async (load) => {
  const { mode, n } = load;
  const cdp = await collectedAfterScan(load);
  // The length of a full collection of these heaps: a forced one is not incremental, so its wall
  // time is the whole marking and sweeping, a steadier figure than the page's own collections.
  const times: number[] = [];
  for (let i = 0; i < 5; i++) {
    const start = performance.now();
    await cdp.send('HeapProfiler.collectGarbage');
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const heap = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number; embedderHeapUsedSize?: number };
  console.log(`${mode} load ${n}: V8 heap ${mb(heap.usedSize)} MB, embedder (DOM) heap ${mb(heap.embedderHeapUsedSize)} MB; a forced full collection ${times.map((t) => t.toFixed(0)).join(', ')} ms`);
});
