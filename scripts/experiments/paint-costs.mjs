/* global CSS, Highlight, IntersectionObserver, NodeFilter, StaticRange, innerHeight, performance, requestAnimationFrame, scrollBy -- page-side code run by page.evaluate */
/**
 * Experiment for issue 14 (decision 013, proposed): what painting 48,000 mentions in a 9 MB article
 * costs the page's main thread, by design, measured from a Chromium trace (whole main thread:
 * script, style, layout, pre-paint, paint), including a scripted scroll through the page.
 *   node scripts/experiments/paint-costs.mjs            every mode
 *   MODES=none,chunk SECTIONS=2000 node scripts/...     some modes, a smaller page
 * Modes: none (no highlights), wrap (an element per mention, in 16 ms slices, as wrappers do),
 * highlight (Custom Highlight API, every range at once), inc (ranges added to one Highlight in
 * slices), chunk (ranges made in slices, registered once), groups (a Highlight per 4,000 ranges),
 * lazy / lazyhl (wrappers or ranges only for blocks an IntersectionObserver sees near the viewport).
 * It does not load the extension: it isolates the cost of each way of painting.
 */
import { chromium } from 'playwright-core';
import http from 'node:http';
const sections = Number(process.env.SECTIONS ?? 8000);
function page() {
  const parts = ['<!doctype html><html><head><meta charset=utf-8><style>::highlight(fl),::highlight(fl2),::highlight(fl3),::highlight(fl4),::highlight(fl5),::highlight(fl6),::highlight(fl7),::highlight(fl8),::highlight(fl9),::highlight(fl10),::highlight(fl11),::highlight(fl12),::highlight(fl13){background:#fde68a}</style></head><body><article>'];
  for (let i = 0; i < sections; i++) {
    parts.push(`<h2>Section ${i}</h2>`);
    for (let j = 0; j < 6; j++) parts.push(`<p>Officials in Kyiv said the <em>ceasefire</em> talks with Russia would resume after the Jeddah meeting, and that the red lines of Ukraine had not changed at all in paragraph ${j} of ${i}.</p>`);
  }
  parts.push('</article></body></html>');
  return parts.join('\n');
}
const html = page();
console.log('bytes', html.length);
const server = http.createServer((q, r) => { r.setHeader('content-type', 'text/html'); r.end(html); }).listen(0);
const url = `http://127.0.0.1:${server.address().port}/`;
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
async function run(mode) {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const p = await ctx.newPage();
  await p.goto(url, { waitUntil: 'load' });
  await p.waitForTimeout(1500);
  const cdp = await ctx.newCDPSession(p);
  const events = [];
  cdp.on('Tracing.dataCollected', (e) => events.push(...e.value));
  await cdp.send('Tracing.start', { categories: 'devtools.timeline,disabled-by-default-devtools.timeline', transferMode: 'ReportEvents' });
  const t = await p.evaluate(async (mode) => {
    const t0 = performance.now();
    const nodes = [];
    const w = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = w.nextNode(); n; n = w.nextNode()) { const i = n.data.indexOf('ceasefire'); if (i >= 0) nodes.push([n, i]); }
    const idle = () => new Promise((r) => setTimeout(r, 0));
    if (mode === 'wrap') {
      for (let k = 0; k < nodes.length; ) {
        const s = performance.now();
        while (k < nodes.length && performance.now() - s < 16) {
          const [n, i] = nodes[k++];
          const r = document.createRange(); r.setStart(n, i); r.setEnd(n, i + 9);
          const m = document.createElement('factlight-mark'); m.style.background = '#fde68a'; r.surroundContents(m);
        }
        await idle();
      }
    } else if (mode === 'inc') {
      const hl = new Highlight(); CSS.highlights.set('fl', hl);
      for (let k = 0; k < nodes.length; ) {
        const s = performance.now();
        while (k < nodes.length && performance.now() - s < 8) { const [n, i] = nodes[k++]; hl.add(new StaticRange({ startContainer: n, startOffset: i, endContainer: n, endOffset: i + 9 })); }
        await idle();
      }
    } else if (mode === 'lazy' || mode === 'lazyhl') {
      const byBlock = new Map();
      for (const [n, i] of nodes) { const b = n.parentElement.closest('p,h2') ?? n.parentElement; (byBlock.get(b) ?? byBlock.set(b, []).get(b)).push([n, i]); }
      const hl = new Highlight(); CSS.highlights.set('fl', hl);
      const done = new Set();
      const io = new IntersectionObserver((entries) => {
        for (const e of entries) {
          if (!e.isIntersecting || done.has(e.target)) continue;
          done.add(e.target);
          for (const [n, i] of byBlock.get(e.target)) {
            if (mode === 'lazy') { const r = document.createRange(); r.setStart(n, i); r.setEnd(n, i + 9); const m = document.createElement('factlight-mark'); m.style.background = '#fde68a'; r.surroundContents(m); }
            else hl.add(new StaticRange({ startContainer: n, startOffset: i, endContainer: n, endOffset: i + 9 }));
          }
        }
      }, { rootMargin: '100% 0px' });
      let k = 0; const blocks = [...byBlock.keys()];
      while (k < blocks.length) { const s = performance.now(); while (k < blocks.length && performance.now() - s < 8) io.observe(blocks[k++]); await idle(); }
      window.__io = io;
    } else if (mode === 'chunk' || mode === 'groups') {
      const ranges = []; let k = 0;
      let g = 0;
      while (k < nodes.length) {
        const s = performance.now();
        while (k < nodes.length && performance.now() - s < 8) { const [n, i] = nodes[k++]; ranges.push(new StaticRange({ startContainer: n, startOffset: i, endContainer: n, endOffset: i + 9 })); }
        if (mode === 'groups' && (ranges.length >= 4000 || k === nodes.length)) { CSS.highlights.set('fl' + (g++ ? g : ''), new Highlight(...ranges.splice(0))); }
        await idle();
      }
      if (mode === 'chunk') { const s = performance.now(); CSS.highlights.set('fl', new Highlight(...ranges)); window.__setms = performance.now() - s; }
    } else if (mode === 'none') {
      // Nothing painted: the page's own cost, scroll included.
    } else {
      const ranges = [];
      for (const [n, i] of nodes) ranges.push(new StaticRange({ startContainer: n, startOffset: i, endContainer: n, endOffset: i + 9 }));
      CSS.highlights.set('fl', new Highlight(...ranges));
    }
    await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 50)));
    return { ms: performance.now() - t0, n: nodes.length, set: window.__setms };
  }, mode);
  // Scroll through the page, as a reader skimming it would.
  await p.evaluate(async () => { for (let y = 0; y < 40; y++) { scrollBy(0, innerHeight * 25); await new Promise((r) => setTimeout(r, 100)); } });
  await p.waitForTimeout(500);
  const done = new Promise((r) => cdp.once('Tracing.tracingComplete', r));
  await cdp.send('Tracing.end');
  await done;
  const main = events.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  const tasks = events.filter((e) => e.ph === 'X' && e.name === 'RunTask' && e.pid === main?.pid && e.tid === main?.tid).map((e) => e.dur / 1000);
  const sum = tasks.reduce((a, b) => a + b, 0);
  const long = tasks.filter((d) => d > 50);
  const byName = {};
  for (const e of events) if (e.ph === 'X' && e.pid === main?.pid && e.tid === main?.tid && ['Layout', 'UpdateLayoutTree', 'PrePaint', 'Paint', 'UpdateLayer', 'Layerize', 'FunctionCall', 'UpdateLayoutTree'].includes(e.name)) byName[e.name] = (byName[e.name] ?? 0) + e.dur / 1000;
  console.log(mode, JSON.stringify(t), 'busy', sum.toFixed(0), 'long', long.length, 'tbt', long.reduce((a, b) => a + b - 50, 0).toFixed(0), 'max', Math.max(...tasks).toFixed(0), JSON.stringify(Object.fromEntries(Object.entries(byName).map(([k, v]) => [k, Math.round(v)]))));
  await ctx.close();
}
for (const mode of (process.env.MODES ?? 'none,highlight,wrap').split(',')) await run(mode);
await browser.close(); server.close();
