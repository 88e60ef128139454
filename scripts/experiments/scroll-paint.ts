/**
 * Experiment for issue 14: what a scroll frame costs on the flat 10 MB article (no extension) with
 * and without registered highlights, attributes on blocks, and the like.
 *   npx tsx scripts/experiments/scroll-paint.ts
 */
import { chromium } from 'playwright-core';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from '../../tests/e2e/harness/server';
import { QUIET_CHROMIUM_ARGS } from '../../tests/e2e/harness/chromium';

const server = await startServer();
const ARGS = [...QUIET_CHROMIUM_ARGS, '--lang=en-US'];
// MODE=persistent: a persistent profile, as the bench's browser with the extension is launched.
const persistent = process.env.MODE === 'persistent';
const browser = persistent ? null : await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ARGS });
const SETUPS: Record<string, string> = {
  none: '0',
  emptyHighlight: 'CSS.highlights.set("x", new Highlight())',
  highlightTop: `(() => { const ps = document.querySelectorAll("p"); const rs = []; for (let i = 0; i < 200; i++) { const t = ps[i * 5].firstChild; rs.push(new StaticRange({ startContainer: t, startOffset: 0, endContainer: t, endOffset: 5 })); } CSS.highlights.set("x", new Highlight(...rs)); })()`,
  attributes: `(() => { const ps = document.querySelectorAll("p"); for (let i = 0; i < 1500; i++) ps[i].setAttribute("data-factlight-paint", ""); })()`,
};
const order = (process.argv[2] ?? 'none,highlightTop,none,emptyHighlight,attributes,highlightTop').split(',');
for (const setup of order) {
  const context = browser
    ? await browser.newContext({ viewport: { width: 1280, height: 900 } })
    : await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'scroll-paint-')), { executablePath: '/usr/bin/chromium', headless: true, viewport: { width: 1280, height: 900 }, args: ARGS });
  const page = await context.newPage();
  await page.goto(server.url('/generated/article.html?bytes=10000000'), { waitUntil: 'load', timeout: 120_000 });
  await page.addStyleTag({ content: '[data-factlight-paint]::highlight(x), [data-factlight-paint] *::highlight(x) { background: yellow !important; }' });
  await page.waitForTimeout(3000);
  await page.evaluate(SETUPS[setup]!);
  await page.waitForTimeout(1000);
  const cdp = await context.newCDPSession(page);
  const events: { name: string; ph: string; ts: number; dur?: number }[] = [];
  cdp.on('Tracing.dataCollected', (e) => events.push(...(e.value as never[])));
  const complete = new Promise((ok) => cdp.once('Tracing.tracingComplete', ok));
  await cdp.send('Tracing.start', { traceConfig: { includedCategories: ['devtools.timeline', 'toplevel'] }, transferMode: 'ReportEvents' } as never);
  await page.evaluate(`(async () => { for (let i = 0; i < 60; i++) { scrollBy(0, 21217); await new Promise((r) => setTimeout(r, 100)); } })()`);
  await cdp.send('Tracing.end');
  await complete;
  const sum = (name: string) => events.filter((e) => e.name === name).reduce((a, e) => a + (e.dur ?? 0) / 1000, 0);
  const tasks = events.filter((e) => e.name === 'ThreadControllerImpl::RunTask' && (e.dur ?? 0) > 20_000).map((e) => (e.dur ?? 0) / 1000);
  const median = [...tasks].sort((a, b) => a - b)[tasks.length >> 1] ?? 0;
  console.log(setup.padEnd(16), `paint ${sum('Paint').toFixed(0)} ms, frames over 20 ms ${tasks.length}, median ${median.toFixed(1)} ms, over 50 ms ${tasks.filter((t) => t > 50).length}`);
  await cdp.detach();
  await context.close();
}
await browser?.close();
await server.close();
