/**
 * Experiment for issue 14: is the major garbage collection that came while scrolling the flat 10 MB
 * article ours? Loads the page in a browser with no extension (`none`), with ours paused (`paused`:
 * the content script loads and paints nothing) or on (`on`: every mention), then traces the page
 * at rest with V8's collector's categories and prints each major collection: when (ms after the
 * trace began, just before navigation), how long, why (V8's `gc_reason`), and what the longest one
 * spent its time on. Answer (decision 007, addendum 3): V8's memory reducer collects the page's
 * heap about 30 s after navigation in all three, 690-800 ms.
 *   npm run build && IDLE_MS=40000 npx tsx scripts/experiments/gc-ours.ts [none|paused|on ...]
 */
import { startServer } from '../../tests/e2e/harness/server';
import { openSetup } from './each-load';

interface Event {
  name: string;
  ts: number;
  dur?: number;
  tid?: number;
  args?: { type?: string; value?: { gc_reason?: string } };
}

const PAGE = process.env.PAGE ?? '/generated/article.html?bytes=10000000';
const IDLE_MS = Number(process.env.IDLE_MS ?? 40_000);

const server = await startServer();
for (const mode of process.argv.slice(2).length ? process.argv.slice(2) : ['none', 'paused', 'on']) {
  const session = await openSetup(mode);
  const page = await session.context.newPage();
  const cdp = await session.context.newCDPSession(page);
  const events: Event[] = [];
  cdp.on('Tracing.dataCollected', (e) => events.push(...(e.value as unknown as Event[])));
  const complete = new Promise((ok) => cdp.once('Tracing.tracingComplete', ok));
  await cdp.send('Tracing.start', { traceConfig: { includedCategories: ['devtools.timeline', 'v8', 'disabled-by-default-v8.gc'] }, transferMode: 'ReportEvents' } as never);
  await page.goto(server.url(PAGE), { waitUntil: 'load', timeout: 120_000 });
  await page.waitForTimeout(IDLE_MS);
  await cdp.send('Tracing.end');
  await complete;
  await session.close();
  const t0 = events.reduce((m, e) => (e.ts > 0 && e.ts < m ? e.ts : m), Infinity);
  const ms = (us: number) => (us / 1000).toFixed(0);
  console.log(`--- ${mode}`);
  for (const e of events) {
    if (e.name === 'V8.GCIncrementalMarkingStart') console.log(`${ms(e.ts - t0).padStart(6)} ms: incremental marking starts, reason: ${e.args?.value?.gc_reason}`);
    if (e.name === 'MajorGC') console.log(`${ms(e.ts - t0).padStart(6)} ms: major collection, ${ms(e.dur ?? 0)} ms (${e.args?.type})`);
  }
  const longest = events.filter((e) => e.name === 'MajorGC').sort((a, b) => (b.dur ?? 0) - (a.dur ?? 0))[0];
  if (longest && (longest.dur ?? 0) > 100_000) {
    const inside = new Map<string, number>();
    for (const e of events) if (e.dur && e.tid === longest.tid && e.ts >= longest.ts && e.ts + e.dur <= longest.ts + longest.dur!) inside.set(e.name, (inside.get(e.name) ?? 0) + e.dur);
    const top = [...inside].filter(([n]) => n !== 'MajorGC').sort((a, b) => b[1] - a[1]).slice(0, 4);
    console.log(`  the longest: ${top.map(([n, t]) => `${n} ${ms(t)} ms`).join(', ')}`);
  }
}
await server.close();
