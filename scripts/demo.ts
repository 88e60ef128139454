/**
 * `npm run demo`: opens our demo news article in Chromium with the built extension loaded.
 * With a display the browser stays open for you to explore; without one it saves screenshots of
 * the highlighted article and of an open popover and prints where they are.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { launchChromium } from '../tests/e2e/harness/chromium';
import { REPO_ROOT, startServer } from '../tests/e2e/harness/server';
import { clickPainted, paintedCount } from '../tests/e2e/harness/painted';

const headed = Boolean(process.env.DISPLAY) && !process.env.CI;
const server = await startServer();
const session = await launchChromium({ headed });
const page = await session.newPage(server.url('/demo-article.html'));
await page.waitForFunction(paintedCount, null, { timeout: 15_000 });
const count = await page.evaluate(paintedCount);
console.log(`Factlight highlighted ${count} mentions on ${page.url()}`);

if (headed) {
  console.log('The browser stays open: click a highlight to see its context. Close the window to finish.');
  await new Promise<void>((done) => session.context.on('close', () => done()));
  await server.close();
} else {
  const dir = join(REPO_ROOT, '.output/demo');
  mkdirSync(dir, { recursive: true });
  const article = join(dir, 'article.png');
  await page.screenshot({ path: article, fullPage: false });
  await clickPainted(page, 0);
  await page.getByRole('dialog').waitFor();
  await page.waitForTimeout(400); // let the fade-in finish
  const popover = join(dir, 'popover.png');
  await page.screenshot({ path: popover });
  console.log(`No display, so here are screenshots:\n  ${article}\n  ${popover}`);
  await session.close();
  await server.close();
}
