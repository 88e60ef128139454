// @vitest-environment happy-dom
/**
 * The painter: mentions painted through the CSS Custom Highlight API (a stand-in for it here, since
 * happy-dom has none; e2e tests run the real one), the page's DOM never touched, and every trace
 * of us gone after removal.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { HighlightPainter } from '../../lib/dom/painter';
import { withoutNodes, type TextSegment } from '../../lib/dom/segments';
import { compareComposedOrder, composedContains } from '../../lib/dom/composed';
import { highlightName, highlightSheet, type HighlightLook } from '../../lib/dom/highlight-style';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { installHighlightApi, paintedTexts, rangesFor, sameAs, snapshot } from './painter.helpers';

/** Builds an element; each string child becomes its own text node (so adjacent text nodes are possible). */
function h(tag: string, ...children: (Node | string)[]): HTMLElement {
  const el = document.createElement(tag);
  for (const c of children) el.appendChild(typeof c === 'string' ? document.createTextNode(c) : c);
  return el;
}

const nextFrame = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));
/**
 * What the scan does after handing over its mentions: flush; the painter then marks the mentions'
 * blocks in the next frame and registers their ranges in the one after.
 */
let flushAll: () => void = () => undefined;
const frame = async () => {
  flushAll();
  await nextFrame();
  await nextFrame();
};
const look = (topicId: string): HighlightLook => ({ color: topicId === 'topic-b' ? 'sky' : 'amber', style: 'background' });

let registry: Map<string, Set<AbstractRange>>;
let painter: HighlightPainter;
beforeEach(() => {
  document.body.innerHTML = '';
  document.adoptedStyleSheets = [];
  registry = installHighlightApi();
  painter = new HighlightPainter(document, look);
  flushAll = () => painter.flush();
});
afterEach(() => painter.removeAll());

/** The painted texts, whatever the registry names (which carry a per-page nonce). */
function texts(): string[] {
  return Object.values(paintedTexts(registry)).flat().sort();
}

interface Case {
  name: string;
  /** Fills document.body. */
  build: () => void;
  phrases: string[];
  /** How many mentions get painted. */
  mentions: number;
}

const html = (s: string) => () => {
  document.body.innerHTML = s;
};

const cases: Case[] = [
  { name: 'plain text', build: html('<p>the ceasefire holds</p>'), phrases: ['ceasefire'], mentions: 1 },
  { name: 'match at the start of a node', build: html('<p>ceasefire holds</p>'), phrases: ['ceasefire'], mentions: 1 },
  { name: 'match at the end of a node', build: html('<p>the ceasefire</p>'), phrases: ['ceasefire'], mentions: 1 },
  { name: 'match is the whole node', build: html('<p>ceasefire</p>'), phrases: ['ceasefire'], mentions: 1 },
  { name: 'across <em>red</em> line', build: html('<p>Kyiv says the <em>red</em> line holds.</p>'), phrases: ['red line'], mentions: 1 },
  { name: 'several matches in one node', build: html('<p>red line, red line and red line</p>'), phrases: ['red line'], mentions: 3 },
  { name: 'adjacent matches with nothing between', build: html('<p>ceasefireceasefire</p>'), phrases: ['ceasefire'], mentions: 2 },
  { name: 'two topics in one node', build: html('<p>the ceasefire and the Jeddah talks</p>'), phrases: ['ceasefire', 'Jeddah talks'], mentions: 2 },
  {
    name: "adjacent page text nodes are not merged",
    build: () => document.body.append(h('p', 'the cease', 'fire holds', ' and ', 'the ceasefire')),
    phrases: ['ceasefire'],
    mentions: 2,
  },
  {
    name: 'empty page text nodes are kept',
    build: () => document.body.append(h('p', '', 'the cease', '', 'fire', '', ' holds', '')),
    phrases: ['ceasefire'],
    mentions: 1,
  },
  {
    name: 'match ends exactly at a text node boundary',
    build: () => document.body.append(h('p', 'the ceasefire', ' holds')),
    phrases: ['ceasefire'],
    mentions: 1,
  },
  { name: 'nested inline elements', build: html('<p>the <b><i>cease</i>fi</b>re <span><u>holds</u></span></p>'), phrases: ['ceasefire', 'holds'], mentions: 2 },
  { name: 'inside inline formatting', build: html('<p><strong>the ceasefire</strong> holds</p>'), phrases: ['ceasefire'], mentions: 1 },
  { name: 'comment between text nodes', build: html('<p>the cease<!-- ad -->fire holds</p>'), phrases: ['ceasefire'], mentions: 1 },
  { name: 'entities', build: html('<p>Jeddah &amp; Kyiv &lt;talks&gt;&nbsp;ceasefire</p>'), phrases: ['Jeddah & Kyiv', '<talks>', '\u00a0ceasefire'], mentions: 3 },
  { name: 'whitespace runs and newlines', build: html('<p>  the\n   red\tline  </p>'), phrases: ['the\n   ', 'red\tline'], mentions: 2 },
  { name: 'line break splits segments', build: html('<p>ceasefire<br>ceasefire</p>'), phrases: ['ceasefire'], mentions: 2 },
  { name: 'list items and table cells', build: html('<ul><li>red line</li><li>the red line</li></ul><table><tbody><tr><td>red line</td><td>x</td></tr></tbody></table>'), phrases: ['red line'], mentions: 3 },
  { name: 'non-BMP and non-Latin text', build: html('<p>Україна 🇺🇦 каже: лінія 😀 red line</p>'), phrases: ['Україна', 'red line', '🇺🇦'], mentions: 3 },
  { name: 'text directly in body next to blocks', build: html('ceasefire<div>ceasefire</div>ceasefire'), phrases: ['ceasefire'], mentions: 3 },
  {
    name: 'open shadow root',
    build: () => {
      document.body.innerHTML = '<p>the ceasefire</p><div id="host"></div>';
      const root = document.getElementById('host')!.attachShadow({ mode: 'open' });
      root.innerHTML = '<p>inside the <b>cease</b>fire</p>';
    },
    phrases: ['ceasefire'],
    mentions: 2,
  },
];

describe('HighlightPainter: paints without touching the page, and removes every trace', () => {
  it.each(cases)('$name', async ({ build, phrases, mentions }) => {
    build();
    const before = snapshot(document.body);
    const ranges = rangesFor(document.body, phrases);
    expect(painter.add(ranges)).toHaveLength(mentions);
    await frame();
    // Not a node added, split or moved: the page's nodes are the same objects, and the only change
    // is our attribute on the blocks painted in.
    const during = snapshot(document.body);
    expect(during.nodes).toEqual(before.nodes);
    expect(during.html.replaceAll(' data-factlight-paint=""', '')).toBe(before.html);
    const marked = new Set(ranges.map((r) => r.segment.block));
    expect(document.querySelectorAll('[data-factlight-paint]').length + [...marked].filter((b) => b.getRootNode() !== document).length).toBe(marked.size);
    expect(texts()).toEqual(ranges.map((r) => r.segment.text.slice(r.start, r.end)).sort());
    expect(painter.mentions().map((m) => m.id)).toEqual(ranges.map((r) => r.id));
    painter.removeAll();
    expect(registry.size).toBe(0);
    expect(document.adoptedStyleSheets).toHaveLength(0);
    expect(sameAs(document.body, before)).toBe(true); // the attribute gone too
  });

  it('registers one highlight per look in use, under the look\'s name, and adds no stylesheet to the document', async () => {
    const pageSheet = new CSSStyleSheet();
    document.adoptedStyleSheets = [pageSheet];
    document.body.innerHTML = '<p>the ceasefire and the Jeddah talks</p>';
    painter.add([...rangesFor(document.body, ['ceasefire'], 'topic-a'), ...rangesFor(document.body, ['Jeddah talks'], 'topic-b').map((r) => ({ ...r, id: 'b0' }))]);
    await frame();
    expect(paintedTexts(registry)).toEqual({ 'factlight-amber': ['ceasefire'], 'factlight-sky': ['Jeddah talks'] });
    // The document's rules come from the manifest (highlights.css): adding a sheet to a built page
    // would make the browser restyle every element.
    expect(document.adoptedStyleSheets).toEqual([pageSheet]);
    painter.removeAll();
    expect(registry.size).toBe(0);
    expect(document.adoptedStyleSheets).toEqual([pageSheet]);
  });

  it('leaves highlights of the same look that are not its own alone', async () => {
    document.body.innerHTML = '<p>the ceasefire</p>';
    const other = new Set<AbstractRange>();
    registry.set('someone-else', other);
    painter.add(rangesFor(document.body, ['ceasefire']));
    await frame();
    painter.removeAll();
    expect([...registry.keys()]).toEqual(['someone-else']);
  });

  it('moves a topic\'s ranges to its new look when the reader changes its colour or style', async () => {
    document.body.innerHTML = '<p>the ceasefire and the red line</p>';
    const looks: Record<string, HighlightLook> = { 'topic-a': { color: 'amber', style: 'background' }, 'topic-b': { color: 'amber', style: 'background' } };
    painter = new HighlightPainter(document, (id) => looks[id]!);
    painter.add([...rangesFor(document.body, ['ceasefire'], 'topic-a'), ...rangesFor(document.body, ['red line'], 'topic-b').map((r) => ({ ...r, id: 'b0' }))]);
    await frame();
    expect(paintedTexts(registry)).toEqual({ 'factlight-amber': ['ceasefire', 'red line'] });
    looks['topic-b'] = { color: 'rose', style: 'underline' };
    painter.restyle();
    await frame();
    expect(paintedTexts(registry)).toEqual({ 'factlight-amber': ['ceasefire'], 'factlight-rose-underline': ['red line'] });
  });

  it('ships every look\'s rule in the manifest\'s stylesheet (entrypoints/content/highlights.css)', () => {
    const file = readFileSync(resolve(import.meta.dirname, '../../entrypoints/content/highlights.css'), 'utf8');
    // If this fails after a change to the presets, write highlightSheet()'s output to that file.
    expect(file.replace(/^\/\*.*\*\/\n/, '')).toBe(highlightSheet());
    expect(highlightSheet()).toContain(`::highlight(${highlightName({ color: 'violet', style: 'underline' })})`);
  });

  it('adopts its sheet into an open shadow root it paints in, and takes it out again', async () => {
    document.body.innerHTML = '<div id="host"></div>';
    const root = document.getElementById('host')!.attachShadow({ mode: 'open' });
    root.innerHTML = '<p>inside the ceasefire</p>';
    painter.add(rangesFor(document.body, ['ceasefire']));
    await frame();
    expect(root.adoptedStyleSheets).toHaveLength(1);
    expect(document.adoptedStyleSheets).toHaveLength(0);
    expect(texts()).toEqual(['ceasefire']);
    painter.removeAll();
    expect(root.adoptedStyleSheets).toHaveLength(0);
  });

  it('registers nothing while the scan may still add mentions on screen, and all of them in one change after', async () => {
    document.body.innerHTML = '<p>the ceasefire</p><p>the ceasefire again</p>';
    const ranges = rangesFor(document.body, ['ceasefire']);
    painter.add(ranges.slice(0, 1));
    await nextFrame();
    expect(registry.size).toBe(0);
    painter.add(ranges.slice(1));
    painter.flush();
    // The blocks are marked in one frame, the ranges registered in the next: on a huge page the
    // restyle of the one and the repaint of the other cost 15-40 ms each, a long task together.
    await nextFrame();
    expect(document.querySelectorAll('[data-factlight-paint]')).toHaveLength(2);
    expect(registry.size).toBe(0);
    await nextFrame();
    expect(texts()).toEqual(['ceasefire', 'ceasefire']);
  });

  it.each(cases)('$name, from segments kept without their nodes (as the scan keeps them)', async ({ build, phrases, mentions }) => {
    build();
    const before = snapshot(document.body);
    const keep = new Map<TextSegment, TextSegment>();
    const ranges = rangesFor(document.body, phrases).map((r) => {
      if (!keep.has(r.segment)) keep.set(r.segment, withoutNodes(r.segment));
      return { ...r, segment: keep.get(r.segment)! };
    });
    expect(painter.add(ranges)).toHaveLength(mentions);
    await frame();
    expect(texts()).toEqual(ranges.map((r) => r.segment.text.slice(r.start, r.end)).sort());
    painter.removeAll();
    expect(sameAs(document.body, before)).toBe(true);
  });

  it('skips a kept segment the page rewrote after it was read', async () => {
    document.body.innerHTML = '<p>the ceasefire</p><p>a <em>red</em> line</p>';
    const ranges = [...rangesFor(document.body, ['ceasefire']), ...rangesFor(document.body, ['red line'])].map((r) => ({ ...r, segment: withoutNodes(r.segment) }));
    document.querySelector('em')!.textContent = 'blue'; // the page rewrote it
    expect(painter.add(ranges).map((m) => m.segment.text)).toEqual(['the ceasefire']);
    await frame();
    expect(texts()).toEqual(['ceasefire']);
  });

  it('skips stale segments, bad offsets and ids it already paints', async () => {
    document.body.innerHTML = '<p>the ceasefire</p><p>a red line</p>';
    const [cease, red] = [rangesFor(document.body, ['ceasefire']), rangesFor(document.body, ['red line'])];
    document.querySelectorAll('p')[1]!.firstChild!.textContent = 'a blue line'; // the page rewrote it
    const bad = { ...cease[0]!, id: 'bad', start: 5, end: 99 };
    expect(painter.add([...cease, ...red.map((r) => ({ ...r, id: 'r' })), bad])).toHaveLength(1);
    expect(painter.add(cease)).toHaveLength(0);
    await frame();
    expect(texts()).toEqual(['ceasefire']);
  });

  it('forgets the mentions inside a part the page re-renders', async () => {
    document.body.innerHTML = '<p id="a">the ceasefire</p><p id="b">the ceasefire again</p>';
    painter.add(rangesFor(document.body, ['ceasefire']));
    await frame();
    painter.removeWithin(document.getElementById('b')!);
    await frame();
    expect(painter.mentions().map((m) => m.segment.block.id)).toEqual(['a']);
    expect(texts()).toEqual(['ceasefire']);
  });

  it('hit-tests a point against the boxes of the mentions in the block the event went through', async () => {
    document.body.innerHTML = '<p>the <em>cease</em>fire and the red line</p>';
    const [m] = painter.add([...rangesFor(document.body, ['ceasefire'])]);
    const boxes = vi.spyOn(Range.prototype, 'getClientRects').mockImplementation(function (this: Range) {
      const at = this.startContainer === m!.range.startContainer ? 40 : 500;
      return [new DOMRect(at, 10, 60, 20)] as unknown as DOMRectList;
    });
    const p = document.querySelector('p')!;
    const em = document.querySelector('em')!;
    expect(painter.hitTest([em, p, document.body], 50, 20)?.id).toBe(m!.id);
    expect(painter.hitTest([p, document.body], 300, 20)).toBeNull();
    expect(painter.hitTest([document.body], 50, 20)).toBeNull();
    boxes.mockRestore();
  });
});

describe('HighlightPainter: a bounded set registered on a huge page', () => {
  it('registers only the mentions near the viewport, in one change, and follows the reader once scrolling settles', async () => {
    const n = 5000;
    document.body.innerHTML = Array.from({ length: n }, (_, i) => `<p data-i="${i}">ceasefire ${i}</p>`).join('');
    // Each paragraph 20 px high, one after another; the window is 800 px high.
    let scrollY = 0;
    const rect = vi.spyOn(HTMLElement.prototype, 'getBoundingClientRect').mockImplementation(function (this: HTMLElement) {
      const i = Number(this.dataset.i ?? 0);
      return new DOMRect(0, i * 20 - scrollY, 600, 20);
    });
    Object.defineProperty(window, 'innerHeight', { value: 800, configurable: true });
    const added = painter.add(rangesFor(document.body, ['ceasefire']));
    expect(added).toHaveLength(n);
    await frame();
    const registered = () => [...registry.values()].reduce((sum, set) => sum + set.size, 0);
    const top = registered();
    expect(top).toBeGreaterThan(100);
    expect(top).toBeLessThan(500);
    const firstRegistered = () => Math.min(...[...[...registry.values()][0]!].map((r) => Number((r.startContainer.parentNode as HTMLElement).dataset.i)));
    expect(firstRegistered()).toBe(0);
    // Scroll to the middle of the page: the registered set moves along.
    scrollY = n * 10;
    window.dispatchEvent(new Event('scroll'));
    // Not while the reader is scrolling: once the scroll has settled.
    await nextFrame();
    expect(firstRegistered()).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 200));
    await nextFrame(); // the new blocks marked
    await nextFrame(); // their ranges registered
    const middle = firstRegistered();
    expect(middle).toBeGreaterThan(n / 2 - 500);
    expect(middle).toBeLessThan(n / 2);
    expect(registered()).toBeLessThan(500);
    // Every registered mention's block carries the attribute our rules need; blocks the window
    // left keep it for a while (taking it off costs a restyle too), up to a bound.
    const blocksOf = () => [...registry.values()].flatMap((set) => [...set].map((r) => r.startContainer.parentElement!));
    expect(blocksOf().every((b) => b.hasAttribute('data-factlight-paint'))).toBe(true);
    expect(document.querySelectorAll('[data-factlight-paint]').length).toBeGreaterThan(registered());
    expect(document.querySelectorAll('[data-factlight-paint]').length).toBeLessThanOrEqual(1500);
    rect.mockRestore();
  });
});

describe('HighlightPainter: the first screen, while the scan reads on', () => {
  it('registers the screens around the viewport once the reading is a margin past them, without waiting for the scan to end, and keeps that slice as batches come', async () => {
    const n = 3000;
    document.body.innerHTML = Array.from({ length: n }, (_, i) => `<p data-i="${i}">ceasefire ${i}</p>`).join('');
    // 20 px paragraphs, an 800 px window: the screens around the viewport hold 80 of them.
    const rect = vi.spyOn(HTMLElement.prototype, 'getBoundingClientRect').mockImplementation(function (this: HTMLElement) {
      return new DOMRect(0, Number(this.dataset.i ?? 0) * 20, 600, 20);
    });
    Object.defineProperty(window, 'innerHeight', { value: 800, configurable: true });
    const ranges = rangesFor(document.body, ['ceasefire']);
    const registered = () => [...registry.values()].reduce((sum, set) => sum + set.size, 0);
    const settle = async () => {
      await nextFrame();
      await nextFrame();
    };
    // A first batch that ends on the second screen: nothing yet, the reading has not passed it.
    painter.add(ranges.slice(0, 60));
    await settle();
    expect(registered()).toBe(0);
    // The next batch goes well past it: registered now, though the scan goes on (no flush).
    painter.add(ranges.slice(60, 150));
    await settle();
    const first = registered();
    expect(first).toBeGreaterThan(80);
    // Later batches fall below the registered slice: no change to the registry for them.
    const before = [...registry.values()];
    painter.add(ranges.slice(150));
    await settle();
    expect([...registry.values()]).toEqual(before);
    expect(registered()).toBe(first);
    rect.mockRestore();
  });
});

describe('composed order', () => {
  it('composedContains and compareComposedOrder cross shadow boundaries', () => {
    document.body.innerHTML = '<p id="a">a</p><div id="host"></div><p id="c">c</p>';
    const shadow = document.getElementById('host')!.attachShadow({ mode: 'open' });
    shadow.innerHTML = '<p id="b">b</p>';
    const [a, host, c] = ['a', 'host', 'c'].map((id) => document.getElementById(id)!) as [HTMLElement, HTMLElement, HTMLElement];
    const b = shadow.getElementById('b')!;
    expect(composedContains(document.body, b)).toBe(true);
    expect(composedContains(host, b)).toBe(true);
    expect(composedContains(a, b)).toBe(false);
    expect([c, b, a].sort(compareComposedOrder)).toEqual([a, b, c]);
    expect(compareComposedOrder(host, b)).toBeLessThan(0);
  });
});
