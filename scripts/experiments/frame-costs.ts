/**
 * Experiment for issue 14: what one frame costs on the flat 10 MB article (no extension) after
 * each kind of change the painter makes, from a Chromium trace of the page's main thread.
 *   npx tsx scripts/experiments/frame-costs.ts
 *   DEVTOOLS_TIMELINE=1 npx tsx scripts/...   also the category the bench traces (and what it costs)
 */
import { chromium } from 'playwright-core';
import { startServer } from '../../tests/e2e/harness/server';

const server = await startServer();
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
const STEPS: Record<string, string> = {
  raf: 'requestAnimationFrame(() => {})',
  rects: 'requestAnimationFrame(() => { const ps = document.querySelectorAll("p"); for (let i = 0; i < 20; i++) ps[i * 1000].getBoundingClientRect(); })',
  attribute: 'requestAnimationFrame(() => { const ps = document.querySelectorAll("p"); for (let i = 0; i < 100; i++) ps[i * 50].setAttribute("data-x", ""); })',
  paintAttribute: 'requestAnimationFrame(() => { const ps = document.querySelectorAll("p"); for (let i = 0; i < 100; i++) ps[i * 50 + 7].setAttribute("data-factlight-paint", ""); })',
  highlight: `requestAnimationFrame(() => { const ps = document.querySelectorAll("p"); const rs = []; for (let i = 0; i < 100; i++) { const t = ps[i * 50].firstChild; rs.push(new StaticRange({ startContainer: t, startOffset: 0, endContainer: t, endOffset: 5 })); } CSS.highlights.set("x", new Highlight(...rs)); })`,
  highlightAgain: `requestAnimationFrame(() => { const ps = document.querySelectorAll("p"); const rs = []; for (let i = 100; i < 200; i++) { const t = ps[i * 50].firstChild; rs.push(new StaticRange({ startContainer: t, startOffset: 0, endContainer: t, endOffset: 5 })); } CSS.highlights.set("x", new Highlight(...rs)); })`,
  idle: 'requestIdleCallback(() => { let x = 0; for (let i = 0; i < 1e6; i++) x += i; })',
};
for (const order of [['raf', 'raf', 'rects', 'attribute', 'paintAttribute', 'highlight', 'highlightAgain', 'idle', 'raf']]) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(server.url('/generated/article.html?bytes=10000000'), { waitUntil: 'load', timeout: 120_000 });
  await page.addStyleTag({ content: '[data-factlight-paint]::highlight(x), [data-factlight-paint] *::highlight(x) { background: yellow !important; }' }).catch(() => undefined);
  await page.waitForTimeout(4000);
  for (const step of order) {
    const cdp = await context.newCDPSession(page);
    const events: { name: string; ph: string; ts: number; dur?: number; args?: { src_func?: string } }[] = [];
    cdp.on('Tracing.dataCollected', (e) => events.push(...(e.value as never[])));
    const complete = new Promise((ok) => cdp.once('Tracing.tracingComplete', ok));
    await cdp.send('Tracing.start', { traceConfig: { includedCategories: ['devtools.timeline', 'toplevel', ...(process.env.DEVTOOLS_TIMELINE ? ['disabled-by-default-devtools.timeline'] : [])] }, transferMode: 'ReportEvents' } as never);
    await page.waitForTimeout(300);
    await page.evaluate(STEPS[step]!);
    await page.waitForTimeout(1500);
    await cdp.send('Tracing.end');
    await complete;
    const phases = (t: { ts: number; dur?: number }) =>
      events
        .filter((c) => c.ts >= t.ts && c.ts < t.ts + (t.dur ?? 0) && /^(UpdateLayoutTree|Layout|PrePaint|Paint|Commit|HitTest|FunctionCall)$/.test(c.name) && (c.dur ?? 0) > 1000)
        .map((c) => `${c.name} ${((c.dur ?? 0) / 1000).toFixed(0)}${c.name === 'UpdateLayoutTree' ? ` (${(c.args as { beginData?: { elementCount?: number } } | undefined)?.beginData?.elementCount ?? '?'} el)` : ''}`)
        .join(', ');
    const long = events.filter((e) => e.name === 'ThreadControllerImpl::RunTask' && (e.dur ?? 0) > 10_000).map((e) => `${((e.dur ?? 0) / 1000).toFixed(1)} ms ${e.args?.src_func ?? ''}: ${phases(e)}`);
    console.log(step.padEnd(16), long.join(' | ') || '(no task over 10 ms)');
    await cdp.detach();
  }
  await context.close();
}
await browser.close();
await server.close();
