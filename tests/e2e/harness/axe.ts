/** axe-core in a real page: the accessibility check every extension page's suite runs. */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

/** axe-core's browser build, to evaluate in a page (Playwright's here; Firefox's suite has its own runner). */
export const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/**
 * Serious and critical axe-core violations on `page` (or only under the `include` selector), as
 * `rule-id (node count)`.
 * axe is evaluated through the DevTools protocol rather than added as a `<script>`: extension pages'
 * CSP (`script-src 'self'`) blocks inline scripts, and it must not be loosened for a test.
 */
export async function axeViolations(page: Page, include?: string): Promise<string[]> {
  await page.evaluate(axeSource);
  const result = await page.evaluate(async (only) => {
    const axe = (window as unknown as { axe: { run(c?: unknown, o?: unknown): Promise<{ violations: Array<{ id: string; impact: string; nodes: unknown[] }> }> } }).axe;
    // `include` limits the check to our own UI on a page we did not write (its shadow tree included).
    return axe.run(only ? { include: [[only]] } : document, { resultTypes: ['violations'] });
  }, include ?? null);
  return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} (${v.nodes.length})`);
}
