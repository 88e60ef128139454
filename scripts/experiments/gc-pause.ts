/**
 * Experiment for issue 14: what a major garbage collection costs on the flat 10 MB article once a
 * script has allocated (as our scan does), with and without wrappers of every paragraph in that
 * script's world. No extension: the script runs in the page's main world.
 *   npx tsx scripts/experiments/gc-pause.ts [alloc|wrappers|none ...]
 */
import { chromium } from 'playwright-core';
import { startServer } from '../../tests/e2e/harness/server';

const server = await startServer();
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu'] });
const SETUPS: Record<string, string> = {
  none: '0',
  // 10 MB of text copied out in 7 KB pieces over 2 s, as the reading's windows do, kept nowhere.
  alloc: `(async () => { const ps = document.querySelectorAll('p'); const r = document.createRange(); let n = 0;
    for (let i = 0; i + 8 < ps.length; i += 8) { r.selectNodeContents(ps[i]); r.setEnd(ps[i + 8], 0); n += r.toString().length; if (i % 4000 === 0) await new Promise((ok) => setTimeout(ok, 10)); } return n; })()`,
  // The same, after a wrapper was made for every paragraph (a script touching each one).
  wrappers: `(async () => { const ps = [...document.querySelectorAll('p')]; for (const p of ps) p.firstChild; const r = document.createRange(); let n = 0;
    for (let i = 0; i + 8 < ps.length; i += 8) { r.selectNodeContents(ps[i]); r.setEnd(ps[i + 8], 0); n += r.toString().length; if (i % 4000 === 0) await new Promise((ok) => setTimeout(ok, 10)); } return n; })()`,
};
for (const setup of process.argv.slice(2).length ? process.argv.slice(2) : ['none', 'alloc', 'wrappers']) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(server.url('/generated/article.html?bytes=10000000'), { waitUntil: 'load', timeout: 120_000 });
  await page.waitForTimeout(3000);
  const cdp = await context.newCDPSession(page);
  const events: { name: string; ts: number; dur?: number }[] = [];
  cdp.on('Tracing.dataCollected', (e) => events.push(...(e.value as never[])));
  const complete = new Promise((ok) => cdp.once('Tracing.tracingComplete', ok));
  await cdp.send('Tracing.start', { traceConfig: { includedCategories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8', 'toplevel'] }, transferMode: 'ReportEvents' } as never);
  await page.evaluate(SETUPS[setup]!);
  await page.waitForTimeout(20_000);
  await cdp.send('Tracing.end');
  await complete;
  await cdp.detach();
  const major = events.filter((e) => e.name === 'MajorGC' || e.name === 'V8.GC_HEAP_EMBEDDER_TRACING_EPILOGUE').map((e) => `${e.name} ${((e.dur ?? 0) / 1000).toFixed(0)} ms`);
  const long = events.filter((e) => e.name === 'ThreadControllerImpl::RunTask' && (e.dur ?? 0) > 50_000).map((e) => ((e.dur ?? 0) / 1000).toFixed(0));
  console.log(setup.padEnd(9), `major collections: ${major.join(', ') || 'none'}; tasks over 50 ms: ${long.join(', ') || 'none'}`);
  await context.close();
}
await browser.close();
await server.close();
