// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HighlightPainter } from '../../lib/dom/painter';
import { FOCUS_TAG } from '../../lib/dom/own';
import { ChurnGuard, watchPage, type PageWatcher, type WatchOptions } from '../../lib/dom/watch';
import { iterateSegments } from '../../lib/dom/segments';
import { installHighlightApi, rangesFor } from './painter.helpers';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const DELAY = 20;

let controller: AbortController;
let reports: Element[][];
let navigations: string[];
let watcher: PageWatcher;

function start(extra: Partial<WatchOptions> = {}): PageWatcher {
  watcher = watchPage({
    root: document.body,
    signal: controller.signal,
    delayMs: DELAY,
    onChange: (roots) => reports.push(roots),
    onNavigate: (url) => navigations.push(url),
    ...extra,
  });
  return watcher;
}

function p(text: string): HTMLParagraphElement {
  const el = document.createElement('p');
  el.textContent = text;
  return el;
}

beforeEach(() => {
  document.body.innerHTML = '<main id="feed"><p id="first">the ceasefire holds</p></main>';
  controller = new AbortController();
  reports = [];
  navigations = [];
});
afterEach(() => controller.abort());

describe('watchPage: what it reports', () => {
  it('coalesces changes made over several tasks into one report of the new blocks', async () => {
    start();
    const feed = document.getElementById('feed')!;
    const added = [p('one'), p('two'), p('three')];
    for (const el of added) {
      feed.append(el);
      await sleep(2);
    }
    await sleep(DELAY * 3);
    expect(reports).toEqual([added]);
  });

  it('reports the default-delay change within 300 ms', async () => {
    start({ delayMs: undefined });
    const t0 = performance.now();
    document.getElementById('feed')!.append(p('late news'));
    while (reports.length === 0 && performance.now() - t0 < 1000) await sleep(10);
    expect(reports).toHaveLength(1);
    expect(performance.now() - t0).toBeLessThan(300 + 50);
  });

  it('drops roots nested in another reported root', async () => {
    start();
    const section = document.createElement('section');
    document.getElementById('feed')!.append(section);
    const inner = p('inside');
    section.append(inner);
    inner.append(document.createTextNode(' more'));
    await sleep(DELAY * 3);
    expect(reports).toEqual([[section]]);
  });

  it('reports the block when text or inline elements change inside it', async () => {
    start();
    const first = document.getElementById('first')!;
    const em = document.createElement('em');
    em.textContent = 'red';
    first.append(' and the ', em);
    em.append(' line');
    await sleep(DELAY * 3);
    expect(reports).toEqual([[first]]);

    (first.firstChild as Text).data = 'the truce holds';
    await sleep(DELAY * 3);
    expect(reports[1]).toEqual([first]);
  });

  it('reports a block revealed by removing hidden, not one whose block child was removed', async () => {
    document.getElementById('feed')!.insertAdjacentHTML('beforeend', '<div id="more" hidden><p>ceasefire</p></div>');
    start();
    document.getElementById('more')!.removeAttribute('hidden');
    await sleep(DELAY * 3);
    expect(reports).toEqual([[document.getElementById('more')]]);
    document.getElementById('first')!.remove();
    await sleep(DELAY * 3);
    expect(reports).toHaveLength(1);
  });

  it('ignores forbidden places (editors, code) and our own UI', async () => {
    document.body.insertAdjacentHTML('beforeend', '<div contenteditable="true" id="ed"><p>x</p></div><textarea id="ta"></textarea>');
    start();
    document.querySelector('#ed p')!.append(' typing ceasefire');
    document.getElementById('ta')!.append('ceasefire');
    const ui = document.createElement('div');
    ui.setAttribute('data-factlight-ui', '');
    document.body.append(ui);
    ui.append(p('popover text'));
    await sleep(DELAY * 3);
    expect(reports).toEqual([]);
  });

  it('sees changes inside open shadow roots, present at start or added later', async () => {
    document.body.insertAdjacentHTML('beforeend', '<div id="host"></div>');
    const shadow = document.getElementById('host')!.attachShadow({ mode: 'open' });
    shadow.innerHTML = '<p>inside</p>';
    start();
    const inShadow = p('shadow news');
    shadow.append(inShadow);
    await sleep(DELAY * 3);
    expect(reports).toEqual([[inShadow]]);

    // A host added later: reported, then its shadow root is watched too.
    const late = document.createElement('div');
    const lateShadow = late.attachShadow({ mode: 'open' });
    document.body.append(late);
    await sleep(DELAY * 3);
    expect(reports[1]).toEqual([late]);
    const deep = p('deep news');
    lateShadow.append(deep);
    await sleep(DELAY * 3);
    expect(reports[2]).toEqual([deep]);
  });

  it('leaves finding the shadow roots present at start to the reader when asked (findShadowRoots: false)', async () => {
    document.body.insertAdjacentHTML('beforeend', '<div id="host"></div>');
    const shadow = document.getElementById('host')!.attachShadow({ mode: 'open' });
    start({ findShadowRoots: false });
    shadow.append(p('unseen'));
    await sleep(DELAY * 3);
    expect(reports).toEqual([]);
    // The content script's reader enters the shadow root and hands it over.
    for (const segment of iterateSegments(document.body, { onShadowRoot: (root) => watcher.observe(root) })) void segment;
    const seen = p('shadow news');
    shadow.append(seen);
    await sleep(DELAY * 3);
    expect(reports).toEqual([[seen]]);
  });
});

describe('watchPage: our own changes', () => {
  it('never reports painting, restyling, removing, or our keyboard control coming and going', async () => {
    installHighlightApi();
    start();
    const painter = new HighlightPainter(document, () => ({ color: 'amber', style: 'background' }), { guard: watcher.mute });
    painter.add(rangesFor(document.body, ['ceasefire']));
    await new Promise((r) => requestAnimationFrame(r));
    painter.restyle();
    const control = document.createElement(FOCUS_TAG);
    document.getElementById('first')!.prepend(control); // ours, even unmuted
    await sleep(DELAY * 3);
    watcher.mute(() => control.remove());
    painter.removeAll();
    await sleep(DELAY * 3);
    expect(reports).toEqual([]);
  });

  it('keeps page changes made just before our muted write', async () => {
    start();
    const news = p('breaking ceasefire');
    document.getElementById('feed')!.append(news); // record pending, not yet delivered
    watcher.mute(() => document.getElementById('first')!.append(document.createElement('b')));
    await sleep(DELAY * 3);
    expect(reports).toEqual([[news]]);
  });

  it('mute returns the value of the write', () => {
    start();
    expect(watcher.mute(() => 42)).toBe(42);
  });
});

describe('watchPage: churn guard', () => {
  /** The caller's loop: rescan each reported root (forget what was painted there, paint again). */
  function rescanLoop(painter: HighlightPainter) {
    return (roots: Element[]) => {
      reports.push(roots);
      for (const root of roots) {
        painter.removeWithin(root);
        painter.add(rangesFor(root, ['ceasefire']).map((r) => ({ ...r, id: `${r.id}-${reports.length}` })));
      }
    };
  }

  it('gives a page that reacts to foreign nodes nothing to react to: painting adds none', async () => {
    installHighlightApi();
    const first = document.getElementById('first')!;
    let rerenders = 0;
    // The page "re-renders" its paragraph whenever it sees an element it did not make in it.
    const page = new MutationObserver(() => {
      if (first.children.length) {
        rerenders++;
        first.textContent = 'the ceasefire holds';
      }
    });
    page.observe(first, { childList: true, subtree: true });
    const loop = {} as { painter: HighlightPainter };
    start({ onChange: (roots) => rescanLoop(loop.painter)(roots) });
    loop.painter = new HighlightPainter(document, () => ({ color: 'amber', style: 'background' }), { guard: watcher.mute });
    loop.painter.add(rangesFor(document.body, ['ceasefire']));
    await sleep(DELAY * 10);
    expect(rerenders).toBe(0);
    expect(reports).toEqual([]);
    expect(loop.painter.mentions()).toHaveLength(1);
    page.disconnect();
  });

  it('stops re-reading a block the page rewrites over and over', async () => {
    installHighlightApi();
    const first = document.getElementById('first')!;
    const timer = setInterval(() => (first.textContent = `the ceasefire holds ${Date.now()}`), DELAY / 2);
    const loop = {} as { painter: HighlightPainter };
    start({ onChange: (roots) => rescanLoop(loop.painter)(roots), churn: { maxAttempts: 3, windowMs: 10_000 } });
    loop.painter = new HighlightPainter(document, () => ({ color: 'amber', style: 'background' }), { guard: watcher.mute });
    loop.painter.add(rangesFor(document.body, ['ceasefire']));
    await sleep(DELAY * 20);
    const count = reports.length;
    expect(count).toBeGreaterThan(0);
    expect(count).toBeLessThanOrEqual(3);
    expect(watcher.isQuarantined(first)).toBe(true);
    await sleep(DELAY * 10);
    expect(reports.length).toBe(count); // stopped for good
    clearInterval(timer);
  });

  it('caps roots per second over the page; the rest come in the next second', () => {
    let t = 0;
    start({ delayMs: 60_000, now: () => t, churn: { maxRootsPerSecond: 5 } });
    const feed = document.getElementById('feed')!;
    for (let i = 0; i < 12; i++) feed.append(p(`item ${i}`));
    watcher.flush();
    t += 1000;
    watcher.flush();
    t += 1000;
    watcher.flush();
    expect(reports.map((r) => r.length)).toEqual([5, 5, 2]);
    expect(reports.flat().map((e) => e.textContent)).toEqual(Array.from({ length: 12 }, (_, i) => `item ${i}`));
  });

  it('ChurnGuard forgets attempts older than the window', () => {
    let t = 0;
    const guard = new ChurnGuard({ maxAttempts: 2, windowMs: 1000 }, () => t);
    const el = document.createElement('p');
    expect([guard.attempt(el), guard.attempt(el)]).toEqual([true, true]);
    t = 1500;
    expect(guard.attempt(el)).toBe(true); // the first two are outside the window
    expect(guard.attempt(el)).toBe(true);
    expect(guard.attempt(el)).toBe(false);
    expect(guard.isQuarantined(el)).toBe(true);
    const child = el.appendChild(document.createElement('span'));
    expect(guard.isQuarantined(child)).toBe(true);
    guard.reset();
    expect(guard.isQuarantined(el)).toBe(false);
  });
});

describe('watchPage: navigation and abort', () => {
  it('reports a single-page-app navigation on popstate and drops pending roots', async () => {
    start();
    const before = location.href;
    history.pushState({}, '', '/next-article');
    document.getElementById('feed')!.append(p('new article text'));
    await sleep(DELAY * 3);
    expect(navigations).toEqual([location.href]);
    expect(reports).toEqual([]);
    history.pushState({}, '', before);
  });

  it('does not count a hash change as navigation', async () => {
    start();
    history.pushState({}, '', '#section-2');
    window.dispatchEvent(new PopStateEvent('popstate'));
    document.getElementById('feed')!.append(p('x'));
    await sleep(DELAY * 3);
    expect(navigations).toEqual([]);
    expect(reports).toHaveLength(1);
  });

  it('stops everything when aborted, including a pending report', async () => {
    start();
    document.getElementById('feed')!.append(p('pending'));
    controller.abort();
    await sleep(DELAY * 3);
    document.getElementById('feed')!.append(p('after'));
    history.pushState({}, '', '/elsewhere');
    window.dispatchEvent(new PopStateEvent('popstate'));
    await sleep(DELAY * 3);
    watcher.flush();
    expect(reports).toEqual([]);
    expect(navigations).toEqual([]);
  });
});
