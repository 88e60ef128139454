/**
 * Experiment for issue 14: what our first marking frame is made of, on the sectioned 10 MB article
 * with no extension. Our `::highlight()` rules are in the page from the start (as the manifest
 * injects them); DELAY ms (600) after the page's first idle callback after load, one animation
 * frame does one of the ACTIONS: `floor` (one attribute no rule uses, on one block), `attribute`
 * (our attribute on N blocks), `ranges` (N ranges registered) or `both` (what the painter does, in
 * two frames, done here in one). The frame's rendering is timed in the page, from the callback to a
 * task posted from it. SPANS=1 makes the article's links spans; FLAGS adds Chromium flags.
 * Results: decision 013, "The long tasks left, traced again".
 *   npx tsx scripts/experiments/mark-frame.ts [runs] [N]
 */
import { chromium } from 'playwright-core';
import { chromiumPath } from '../../tests/e2e/harness/chromium';
import { sectionedArticle } from '../../tests/bench/pages';
import { highlightName, highlightSheet, PAINT_ATTRIBUTE } from '../../lib/dom/highlight-style';

const runs = Number(process.argv[2] ?? 2);
const N = Number(process.argv[3] ?? 200);
const links = sectionedArticle(8_000).replace('</head>', `<style>${highlightSheet()}</style></head>`);
// SPANS=1: the article's links made spans (is the frame's cost Chromium measuring every link?).
const html = process.env.SPANS ? links.replace(/<a href="[^"]*">([^<]*)<\/a>/g, '<span>$1</span>') : links;
const DELAY = Number(process.env.DELAY ?? 600);
const FLAGS = process.env.FLAGS ? process.env.FLAGS.split(' ') : [];
const ACTIONS = process.env.ACTIONS ? process.env.ACTIONS.split(',') : ['floor', 'attribute', 'ranges', 'both'];
const browser = await chromium.launch({ executablePath: chromiumPath(), headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-features=Translate,MediaRouter', ...FLAGS] });
const results = new Map<string, number[]>(ACTIONS.map((a) => [a, []]));
for (let r = 0; r < runs; r++) {
  for (const action of ACTIONS) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.route('http://bench.test/**', (route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html }));
    await page.addInitScript(({ action, n, attr, name, d }) => {
      addEventListener('load', () =>
        requestIdleCallback(() =>
          setTimeout(() => {
            const blocks = [...document.querySelectorAll('p')].filter((p) => /Jeddah|ceasefire|red line|truce/.test(p.textContent!)).slice(0, n);
            const ranges = blocks.map((p) => { const t = p.firstChild!; return new StaticRange({ startContainer: t, startOffset: 0, endContainer: t, endOffset: Math.min(6, t.textContent!.length) }); });
            requestAnimationFrame(() => {
              const t0 = performance.now();
              if (action === 'floor') blocks[0]!.setAttribute('data-x', '1');
              if (action === 'attribute' || action === 'both') for (const b of blocks) b.setAttribute(attr, '');
              if (action === 'ranges' || action === 'both') CSS.highlights.set(name, new Highlight(...ranges));
              const ch = new MessageChannel();
              ch.port1.onmessage = () => ((window as never as { __frame: unknown }).__frame = performance.now() - t0);
              ch.port2.postMessage(0);
            });
          }, d),
        ),
      );
    }, { action, n: N, d: DELAY, attr: PAINT_ATTRIBUTE, name: highlightName({ color: 'amber', style: 'background' } as never) });
    await page.goto('http://bench.test/page.html', { waitUntil: 'load', timeout: 120_000 });
    const ms = (await page.waitForFunction(() => (window as never as { __frame: unknown }).__frame, null, { timeout: 60_000 }).then((h) => h.jsonValue())) as number;
    results.get(action)!.push(Math.round(ms));
    await context.close();
  }
}
for (const [a, v] of results) console.log(`${a.padEnd(10)} ${N} blocks: frame ${v.join(', ')} ms`);
await browser.close();
