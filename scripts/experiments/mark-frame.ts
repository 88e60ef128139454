/**
 * Experiment for issue 14: what our marking frames are made of, on the sectioned 10 MB article.
 * Our `::highlight()` rules are in the page from the start (as the manifest injects them); DELAY ms
 * (600) after the page's first idle callback after load, one animation frame does one of the
 * ACTIONS, timed in the page from the callback to a task posted from it:
 * - `floor`: an attribute no rule uses, on one block;
 * - `attribute`: our attribute on N blocks; `ranges`: N ranges registered; `both`: the two at once;
 * - `registered`: N ranges far down the article registered a second before, then `floor`;
 * - `cleared` (with ON=1): the registry emptied a second before, then `floor`; `cleared-attribute`:
 *   then `attribute`.
 * EXTENSION=1 takes the rules from the built extension, loaded and paused, instead of a page
 * `<style>`; with ON=1 it is on (every mention) and the frame's blocks are the article's last N.
 * SECTIONS sets the article's size (8,000 sections, 10 MB). SPANS=1 makes the article's links spans; FLAGS adds Chromium flags.
 * Results: decision 013, "Scrolled at the same age; the long task that is left".
 *   npm run build && npx tsx scripts/experiments/mark-frame.ts [runs] [N]
 */
import { chromium } from 'playwright-core';
import { chromiumPath, launchChromium, QUIET_CHROMIUM_ARGS } from '../../tests/e2e/harness/chromium';
import { sectionedArticle } from '../../tests/bench/pages';
import { highlightEverything } from '../../tests/bench/dateless';
import { highlightName, highlightSheet, PAINT_ATTRIBUTE } from '../../lib/dom/highlight-style';
import { serveHtml } from './serve-html';

const runs = Number(process.argv[2] ?? 2);
const N = Number(process.argv[3] ?? 200);
// EXTENSION=1: no page <style>; the rules come from the built extension's manifest, in a browser
// where the extension is loaded and paused (it paints nothing, its CSS is injected all the same).
const EXTENSION = !!process.env.EXTENSION;
/** SECTIONS: the article's size, 8,000 sections (10 MB) unless set. */
const SECTIONS = Number(process.env.SECTIONS ?? 8_000);
const links = EXTENSION ? sectionedArticle(SECTIONS) : sectionedArticle(SECTIONS).replace('</head>', `<style>${highlightSheet()}</style></head>`);
// SPANS=1: the article's links made spans (is the frame's cost Chromium measuring every link?).
const html = process.env.SPANS ? links.replace(/<a href="[^"]*">([^<]*)<\/a>/g, '<span>$1</span>') : links;
const DELAY = Number(process.env.DELAY ?? 600);
const FLAGS = process.env.FLAGS ? process.env.FLAGS.split(' ') : [];
const ACTIONS = process.env.ACTIONS ? process.env.ACTIONS.split(',') : ['floor', 'attribute', 'ranges', 'both'];
const session = EXTENSION ? await launchChromium() : null;
// ON=1 (with EXTENSION=1): the extension on, every mention: our scan and first paint are done
// before the frame, which then changes the last N blocks of the article, far from our registered window.
if (session && process.env.ON) await highlightEverything(session);
else if (session) await session.setSettings({ paused: true });
const browser = session ? null : await chromium.launch({ executablePath: chromiumPath(), headless: true, args: [...QUIET_CHROMIUM_ARGS, ...FLAGS] });
const results = new Map<string, number[]>(ACTIONS.map((a) => [a, []]));
for (let r = 0; r < runs; r++) {
  for (const action of ACTIONS) {
    const context = session ? null : await browser!.newContext({ viewport: { width: 1280, height: 900 } });
    const page = context ? await context.newPage() : await session!.context.newPage();
    const url = await serveHtml(page, html);
    await page.addInitScript(({ action, n, attr, name, d, fromEnd }) => {
      addEventListener('load', () =>
        requestIdleCallback(() =>
          setTimeout(() => {
            const blocks = [...document.querySelectorAll('p')].filter((p) => /Jeddah|ceasefire|red line|truce/.test(p.textContent!)).slice(fromEnd ? -n : 0, fromEnd ? undefined : n);
            const ranges = blocks.map((p) => { const t = p.firstChild!; return new StaticRange({ startContainer: t, startOffset: 0, endContainer: t, endOffset: Math.min(6, t.textContent!.length) }); });
            // `registered`: N ranges far down the article registered (and their blocks marked) a second
            // before; then the frame only changes an attribute no rule uses, on one other block.
            if (action === 'registered') {
              const far = [...document.querySelectorAll('p')].filter((p) => /Jeddah|ceasefire|red line|truce/.test(p.textContent!)).slice(-n);
              for (const b of far) b.setAttribute(attr, '');
              CSS.highlights.set(name, new Highlight(...far.map((p) => new StaticRange({ startContainer: p.firstChild!, startOffset: 0, endContainer: p.firstChild!, endOffset: 6 }))));
            }
            // `cleared` (with ON=1): the registry emptied a second before the frame of `floor`.
            // `cleared-attribute` (with ON=1): the registry emptied, then the frame of `attribute`.
            if (action === 'cleared' || action === 'cleared-attribute') CSS.highlights.clear();
            setTimeout(() => requestAnimationFrame(() => {
              const t0 = performance.now();
              if (action === 'registered' || action === 'cleared') blocks[0]!.setAttribute('data-x', '1');
              if (action === 'floor') blocks[0]!.setAttribute('data-x', '1');
              if (action === 'attribute' || action === 'both' || action === 'cleared-attribute') for (const b of blocks) b.setAttribute(attr, '');
              if (action === 'ranges' || action === 'both') CSS.highlights.set(name, new Highlight(...ranges));
              const ch = new MessageChannel();
              ch.port1.onmessage = () => ((window as never as { __frame: unknown }).__frame = performance.now() - t0);
              ch.port2.postMessage(0);
            }), action === 'registered' || action.startsWith('cleared') ? 1000 : 0);
          }, d),
        ),
      );
    }, { action, n: N, d: DELAY, fromEnd: !!process.env.ON, attr: PAINT_ATTRIBUTE, name: highlightName({ color: 'amber', style: 'background' } as never) });
    await page.goto(url, { waitUntil: 'load', timeout: 120_000 });
    const ms = (await page.waitForFunction(() => (window as never as { __frame: unknown }).__frame, null, { timeout: 60_000 }).then((h) => h.jsonValue())) as number;
    results.get(action)!.push(Math.round(ms));
    await (context ? context.close() : page.close());
  }
}
for (const [a, v] of results) console.log(`${a.padEnd(10)} ${N} blocks: frame ${v.join(', ')} ms`);
await (session ? session.close() : browser!.close());
