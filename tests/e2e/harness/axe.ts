/** axe-core in a real page: the accessibility check every extension page's suite runs. */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

/** axe-core's browser build, to evaluate in a page. */
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** What axe needs of a page: Playwright's and puppeteer's pages both have it. */
export interface EvaluatingPage {
  evaluate(script: string): Promise<unknown>;
  evaluate<A, R>(fn: (arg: A) => Promise<R>, arg: A): Promise<R>;
}

/** Rules of axe to leave out of a run, each with its reason where it is passed. */
export type AxeRulesOff = readonly string[];

/**
 * Serious and critical axe-core violations on `page` (or only under the `include` selector), as
 * `rule-id (node count)`. Works on Playwright's pages (Chromium) and puppeteer's (Firefox).
 * axe is evaluated through the DevTools protocol rather than added as a `<script>`: extension pages'
 * CSP (`script-src 'self'`) blocks inline scripts, and it must not be loosened for a test.
 */
export async function axeViolations(page: EvaluatingPage, include?: string, rulesOff: AxeRulesOff = []): Promise<string[]> {
  await page.evaluate(axeSource);
  const result = await page.evaluate(
    async ({ only, off }: { only: string | null; off: string[] }) => {
      const axe = (window as unknown as { axe: { run(c?: unknown, o?: unknown): Promise<{ violations: Array<{ id: string; impact: string; nodes: unknown[] }> }> } }).axe;
      const rules = Object.fromEntries(off.map((id) => [id, { enabled: false }]));
      // `include` limits the check to our own UI on a page we did not write (its shadow tree included).
      return axe.run(only ? { include: [[only]] } : document, { resultTypes: ['violations'], rules });
    },
    { only: include ?? null, off: [...rulesOff] },
  );
  return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} (${v.nodes.length})`);
}
