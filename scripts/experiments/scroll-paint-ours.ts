/**
 * Experiment for issue 14: does a scroll frame of the flat 10 MB article cost more while our
 * highlights are on? One browser with the built extension, one page: scroll it with highlights on,
 * then paused (everything of ours removed), then on again, and so on, tracing each scroll. The same
 * browser and page on both sides, minutes apart at most, unlike the bench's two browsers.
 *   npm run build && npx tsx scripts/experiments/scroll-paint-ours.ts [rounds]
 */
import { launchChromium } from '../../tests/e2e/harness/chromium';
import { startServer } from '../../tests/e2e/harness/server';
import { highlightEverything } from '../../tests/bench/dateless';

const rounds = Number(process.argv[2] ?? 3);
const server = await startServer();
const session = await launchChromium();
await highlightEverything(session);
const page = await session.context.newPage();
await page.goto(server.url('/generated/article.html?bytes=10000000'), { waitUntil: 'load', timeout: 120_000 });
await page.waitForFunction(() => performance.getEntriesByType('measure').some((m) => m.name.startsWith('factlight:scan ')), null, { timeout: 120_000 });
await page.waitForTimeout(2000);

async function scroll(label: string): Promise<void> {
  await page.evaluate(() => scrollTo(0, 0));
  await page.waitForTimeout(1500);
  const highlights = await page.evaluate(() => [...CSS.highlights.values()].reduce((n, h) => n + h.size, 0));
  const cdp = await session.context.newCDPSession(page);
  const events: { name: string; ts: number; dur?: number }[] = [];
  cdp.on('Tracing.dataCollected', (e) => events.push(...(e.value as never[])));
  const complete = new Promise((ok) => cdp.once('Tracing.tracingComplete', ok));
  await cdp.send('Tracing.start', { traceConfig: { includedCategories: ['devtools.timeline', 'toplevel'] }, transferMode: 'ReportEvents' } as never);
  await page.evaluate(async () => {
    for (let i = 0; i < 60; i++) {
      scrollBy(0, 21217);
      await new Promise((r) => setTimeout(r, 100));
    }
  });
  await cdp.send('Tracing.end');
  await complete;
  await cdp.detach();
  const sum = (name: string) => events.filter((e) => e.name === name).reduce((a, e) => a + (e.dur ?? 0) / 1000, 0);
  const frames = events.filter((e) => e.name === 'ThreadControllerImpl::RunTask' && (e.dur ?? 0) > 20_000).map((e) => (e.dur ?? 0) / 1000).sort((a, b) => a - b);
  console.log(
    `${label.padEnd(4)} ${String(highlights).padStart(4)} ranges: paint ${sum('Paint').toFixed(0)} ms, style ${sum('UpdateLayoutTree').toFixed(0)} ms, ` +
      `median frame ${frames[frames.length >> 1]?.toFixed(1) ?? '-'} ms, over 50 ms ${frames.filter((t) => t > 50).length} of ${frames.length}`,
  );
}

for (let i = 0; i < rounds; i++) {
  await session.setSettings({ paused: false });
  await page.waitForFunction(() => CSS.highlights.size > 0, null, { timeout: 120_000 });
  await page.waitForTimeout(3000);
  await scroll('on');
  await session.setSettings({ paused: true });
  await page.waitForFunction(() => CSS.highlights.size === 0, null, { timeout: 60_000 });
  await page.waitForTimeout(1000);
  await scroll('off');
}
await session.close();
await server.close();
