/**
 * The experiments' way to load a generated page without a server: `page` answers requests for a
 * made-up address with `html`.
 */
import type { Page } from 'playwright-core';

/** Makes `page` answer for `html` at a made-up address, and returns that address. */
export async function serveHtml(page: Page, html: string): Promise<string> {
  await page.route('http://bench.test/**', (route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html }));
  return 'http://bench.test/page.html';
}
