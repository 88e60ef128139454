// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HIGHLIGHT_TAG, Highlighter, compareComposedOrder, composedContains } from '../../lib/dom/highlighter';
import { highlightStyle } from '../../lib/dom/highlight-style';
import { collectSegments } from '../../lib/dom/segments';
import { range, rangesFor, sameAs, snapshot } from './highlighter.helpers';

const style = (topicId: string) => `background-color: ${topicId === 'topic-b' ? 'blue' : 'yellow'} !important; display: inline !important;`;

/** Builds an element; each string child becomes its own text node (so adjacent text nodes are possible). */
function h(tag: string, ...children: (Node | string)[]): HTMLElement {
  const el = document.createElement(tag);
  for (const c of children) el.appendChild(typeof c === 'string' ? document.createTextNode(c) : c);
  return el;
}

function marks(root: ParentNode = document.body): HTMLElement[] {
  return [...root.querySelectorAll<HTMLElement>(HIGHLIGHT_TAG)];
}

let hl: Highlighter;
beforeEach(() => {
  document.body.innerHTML = '';
  hl = new Highlighter(style);
});
afterEach(() => hl.removeAll());

interface Case {
  name: string;
  /** Fills document.body. */
  build: () => void;
  phrases: string[];
  /** How many mentions get wrapped. */
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

describe('Highlighter: add then removeAll restores the DOM exactly', () => {
  it.each(cases)('$name', ({ build, phrases, mentions }) => {
    build();
    const before = snapshot(document.body);
    const text = document.body.textContent;

    const made = hl.add(rangesFor(document.body, phrases));
    expect(made.size).toBe(mentions);
    expect(document.body.textContent).toBe(text); // wrapping never changes what a reader sees
    const firstAdd = document.body.innerHTML;

    hl.removeAll();
    expect(sameAs(document.body, before)).toBe(true);
    expect(hl.size).toBe(0);
    expect(hl.elements()).toEqual([]);

    // On again: identical result, and off again: identical page.
    expect(hl.add(rangesFor(document.body, phrases)).size).toBe(mentions);
    expect(document.body.innerHTML).toBe(firstAdd);
    hl.removeAll();
    expect(sameAs(document.body, before)).toBe(true);
  });
});

describe('Highlighter: wrappers', () => {
  it('gives every piece the topic and mention id, and the first piece the button semantics', () => {
    document.body.innerHTML = '<p>Kyiv says the <em>red</em> line holds.</p>';
    const made = hl.add(rangesFor(document.body, ['red line'], 'topic-b'));
    const pieces = marks();
    expect(pieces.map((p) => p.textContent)).toEqual(['red', ' line']);
    for (const p of pieces) {
      expect(p.localName).toBe('factlight-mark');
      expect(p.getAttribute('data-factlight-topic')).toBe('topic-b');
      expect(p.getAttribute('data-factlight-id')).toBe('m0');
      expect(p.getAttribute('style')).toContain('background-color: blue !important');
      expect(p.hasAttribute('data-markjs')).toBe(false);
      expect(hl.has(p)).toBe(true);
      expect(hl.infoOf(p)).toEqual({ id: 'm0', topicId: 'topic-b', first: pieces[0] });
    }
    const [first, rest] = pieces as [HTMLElement, HTMLElement];
    expect(made.get('m0')).toBe(first);
    expect(first.getAttribute('role')).toBe('button');
    expect(first.getAttribute('tabindex')).toBe('0');
    expect(first.getAttribute('aria-haspopup')).toBe('dialog');
    expect(first.getAttribute('aria-label')).toBe('About red line');
    // One button per mention: the continuation is read as the plain text it is.
    for (const attr of ['role', 'tabindex', 'aria-haspopup', 'aria-label']) expect(rest.hasAttribute(attr)).toBe(false);
    expect(hl.elements()).toEqual([first]);
  });

  it('accepts the real style helper: every declaration important, both styles', () => {
    document.body.innerHTML = '<p>ceasefire</p>';
    const styled = new Highlighter(() => highlightStyle({ color: 'sky', style: 'underline' }));
    styled.add(rangesFor(document.body, ['ceasefire']));
    const css = marks()[0]!.getAttribute('style')!;
    expect(css).toMatch(/text-decoration: underline/);
    for (const decl of css.split(';').map((d) => d.trim()).filter(Boolean)) expect(decl).toMatch(/!important$/);
    for (const decl of highlightStyle({ color: 'amber', style: 'background' }).split(';').map((d) => d.trim()).filter(Boolean)) {
      expect(decl).toMatch(/!important$/);
    }
    expect(highlightStyle({ color: 'amber', style: 'background' })).not.toMatch(/visibility:\s*visible|pointer-events/);
    styled.removeAll();
    expect(document.body.innerHTML).toBe('<p>ceasefire</p>');
  });

  it('never wraps inside forbidden elements (segments skip them)', () => {
    document.body.innerHTML =
      '<p>ceasefire <a href="/x">ceasefire</a> <code>ceasefire</code> <button>ceasefire</button></p>' +
      '<textarea>ceasefire</textarea><div contenteditable="true">ceasefire</div><pre>ceasefire</pre>' +
      '<div data-factlight-ui>ceasefire</div><svg><text>ceasefire</text></svg>';
    const before = snapshot(document.body);
    hl.add(rangesFor(document.body, ['ceasefire']));
    expect(marks()).toHaveLength(1);
    expect(marks()[0]!.parentElement!.localName).toBe('p');
    expect(document.body.querySelector(`a ${HIGHLIGHT_TAG}, code ${HIGHLIGHT_TAG}, button ${HIGHLIGHT_TAG}, [contenteditable] ${HIGHLIGHT_TAG}`)).toBeNull();
    hl.removeAll();
    expect(sameAs(document.body, before)).toBe(true);
  });

  it('restyle() re-applies the style function to every piece', () => {
    document.body.innerHTML = '<p>the <em>red</em> line and the ceasefire</p>';
    let colour = 'yellow';
    const live = new Highlighter(() => `background-color: ${colour} !important;`);
    live.add(rangesFor(document.body, ['red line', 'ceasefire']));
    colour = 'pink';
    live.restyle();
    expect(marks().map((m) => m.style.getPropertyValue('background-color'))).toEqual(['pink', 'pink', 'pink']);
    live.removeAll();
  });

  it('elements() lists first pieces in document order, shadow content at its host', () => {
    document.body.innerHTML = '<p>one ceasefire</p><div id="host"></div><p>three ceasefire</p>';
    const shadow = document.getElementById('host')!.attachShadow({ mode: 'open' });
    shadow.innerHTML = '<p>two ceasefire</p>';
    const segments = collectSegments(document.body);
    // Added in reverse order, so insertion order is not document order.
    for (const [i, seg] of [...segments.entries()].reverse()) {
      const at = seg.text.indexOf('ceasefire');
      hl.add([range(seg, at, at + 9, `id${i}`)]);
    }
    expect(hl.elements().map((e) => e.parentElement!.textContent)).toEqual(['one ceasefire', 'two ceasefire', 'three ceasefire']);
  });

  it('creates wrappers with the document of the nodes (another document)', () => {
    const other = document.implementation.createHTMLDocument('frame');
    other.body.innerHTML = '<p>the <i>red</i> line</p>';
    const before = other.body.innerHTML;
    const nodesBefore = snapshot(other.body).nodes;
    hl.add(rangesFor(other.body, ['red line']));
    const pieces = [...other.body.querySelectorAll(HIGHLIGHT_TAG)];
    expect(pieces).toHaveLength(2);
    for (const p of pieces) expect(p.ownerDocument).toBe(other);
    hl.removeAll();
    expect(other.body.innerHTML).toBe(before);
    expect(snapshot(other.body).nodes).toEqual(nodesBefore);
  });

  it('runs every DOM write through the guard', () => {
    document.body.innerHTML = '<p>the ceasefire</p>';
    const calls: string[] = [];
    let inGuard = false;
    const guarded = new Highlighter(style, {
      guard: (write) => {
        inGuard = true;
        calls.push('guard');
        write();
        inGuard = false;
      },
    });
    const observer = new MutationObserver(() => undefined);
    observer.observe(document.body, { childList: true, subtree: true, characterData: true });
    const seenOutside: boolean[] = [];
    const origSplit = Text.prototype.splitText;
    Text.prototype.splitText = function (this: Text, offset: number) {
      seenOutside.push(!inGuard);
      return origSplit.call(this, offset);
    };
    try {
      guarded.add(rangesFor(document.body, ['ceasefire']));
      guarded.restyle();
      guarded.removeAll();
    } finally {
      Text.prototype.splitText = origSplit;
      observer.disconnect();
    }
    expect(calls).toEqual(['guard', 'guard', 'guard']);
    expect(seenOutside.length).toBeGreaterThan(0);
    expect(seenOutside.every((outside) => !outside)).toBe(true);
  });
});

describe('Highlighter: defensive input', () => {
  it('skips overlapping, duplicate-id, empty, out-of-bounds and whitespace-only ranges', () => {
    document.body.innerHTML = '<p>the ceasefire holds today</p>';
    const before = snapshot(document.body);
    const [seg] = collectSegments(document.body);
    const made = hl.add([
      range(seg!, 4, 13, 'a'), // "ceasefire"
      range(seg!, 8, 18, 'b'), // overlaps a
      range(seg!, 14, 19, 'a'), // same id as a
      range(seg!, 5, 5, 'c'), // empty
      range(seg!, 20, 99, 'd'), // past the end
      range(seg!, -1, 2, 'e'), // before the start
      range(seg!, 3, 4, 'f'), // " ": whitespace only
      range(seg!, 20, 25, 'g'), // "today"
    ]);
    expect([...made.keys()].sort()).toEqual(['a', 'g']);
    expect(marks().map((m) => m.textContent)).toEqual(['ceasefire', 'today']);
    hl.removeAll();
    expect(sameAs(document.body, before)).toBe(true);
  });

  it('skips a segment whose text changed since it was collected, and one already highlighted', () => {
    document.body.innerHTML = '<p>the ceasefire holds</p><p>red line</p>';
    const before = snapshot(document.body);
    const stale = rangesFor(document.body, ['ceasefire', 'red line']);
    (document.body.firstElementChild!.firstChild as Text).data = 'the truce holds';
    const made = hl.add(stale);
    expect([...made.keys()]).toEqual(['m1']); // only the unchanged paragraph
    // The same (now split) segment again: its nodes no longer add up to its text.
    expect(hl.add(stale).size).toBe(0);
    hl.removeAll();
    (document.body.firstElementChild!.firstChild as Text).data = 'the ceasefire holds';
    expect(sameAs(document.body, before)).toBe(true);
  });

  it('skips a segment whose nodes were detached', () => {
    document.body.innerHTML = '<p>the ceasefire holds</p>';
    const ranges = rangesFor(document.body, ['ceasefire']);
    document.body.innerHTML = '';
    expect(hl.add(ranges).size).toBe(0);
    expect(() => hl.removeAll()).not.toThrow();
  });

  it('wraps ranges across a segment of hundreds of nodes (several mark.js calls) and restores it', () => {
    const p = document.createElement('p');
    for (let i = 0; i < 400; i++) {
      p.append(document.createTextNode(`w${i % 10} `));
      if (i % 7 === 0) p.append(h('b', `b${i % 10}`), '', ' ');
    }
    document.body.append(p);
    const before = snapshot(document.body);
    const [seg] = collectSegments(document.body);
    const ranges = [];
    for (let at = 1, i = 0; at + 5 < seg!.text.length; at += 6 + (i % 5), i++) ranges.push(range(seg!, at, at + 5 + (i % 4), `r${i}`));
    const made = hl.add(ranges);
    expect(made.size).toBeGreaterThan(ranges.length * 0.9); // whitespace-only ones are skipped
    const byId = new Map<string, string>();
    for (const m of marks()) byId.set(m.dataset.factlightId!, (byId.get(m.dataset.factlightId!) ?? '') + m.textContent);
    for (const r of ranges) if (byId.has(r.id)) expect(byId.get(r.id)).toBe(seg!.text.slice(r.start, r.end));
    hl.removeAll();
    expect(sameAs(document.body, before)).toBe(true);
  });
});

describe('Highlighter: selection', () => {
  it('keeps a selection inside the text it splits, through add and removeAll', () => {
    document.body.innerHTML = '<p>the ceasefire holds today</p>';
    const text = document.body.firstElementChild!.firstChild as Text;
    const sel = document.getSelection()!;
    sel.setBaseAndExtent(text, 6, text, 18); // "asefire hold"
    const selected = sel.toString();

    hl.add(rangesFor(document.body, ['ceasefire']));
    expect(sel.toString()).toBe(selected);

    hl.removeAll();
    expect(sel.anchorNode).toBe(text);
    expect(sel.anchorOffset).toBe(6);
    expect(sel.focusNode).toBe(text);
    expect(sel.focusOffset).toBe(18);
  });

  it('keeps a backwards selection across an inline element and one point outside the changes', () => {
    document.body.innerHTML = '<p>Kyiv says the <em>red</em> line holds.</p><p>other text</p>';
    const [p1, p2] = [...document.body.children] as HTMLElement[];
    const inside = p1!.firstChild as Text; // "Kyiv says the "
    const outside = p2!.firstChild as Text;
    const sel = document.getSelection()!;
    sel.setBaseAndExtent(outside, 3, inside, 5); // backwards: anchor after focus
    const selected = sel.toString();

    hl.add(rangesFor(document.body, ['says', 'red line']));
    expect(sel.toString()).toBe(selected);
    hl.removeAll();
    expect([sel.anchorNode, sel.anchorOffset, sel.focusNode, sel.focusOffset]).toEqual([outside, 3, inside, 5]);
  });

  it('keeps a caret inside a highlighted word when removing', () => {
    document.body.innerHTML = '<p>the ceasefire holds</p>';
    const text = document.body.firstElementChild!.firstChild as Text;
    hl.add(rangesFor(document.body, ['ceasefire']));
    const inner = marks()[0]!.firstChild as Text;
    document.getSelection()!.setBaseAndExtent(inner, 3, inner, 3);
    hl.removeAll();
    const sel = document.getSelection()!;
    expect([sel.anchorNode, sel.anchorOffset]).toEqual([text, 7]);
  });
});

describe('Highlighter: the page changed things meanwhile', () => {
  it('page removed a wrapper: the rest is restored, nothing throws, no wrapper left', () => {
    document.body.innerHTML = '<p>the ceasefire holds, red line</p>';
    const text = document.body.firstElementChild!.firstChild as Text;
    hl.add(rangesFor(document.body, ['ceasefire', 'red line']));
    marks()[0]!.remove();
    expect(() => hl.removeAll()).not.toThrow();
    expect(marks()).toHaveLength(0);
    // The page's removal stands; our split is merged back into the page's own node.
    expect(document.body.innerHTML).toBe('<p>the  holds, red line</p>');
    expect(document.body.firstElementChild!.firstChild).toBe(text);
    expect(document.body.firstElementChild!.childNodes).toHaveLength(1);
  });

  it('page moved a wrapper elsewhere: it is unwrapped where it now is', () => {
    document.body.innerHTML = '<p>the ceasefire holds</p><aside></aside>';
    hl.add(rangesFor(document.body, ['ceasefire']));
    document.querySelector('aside')!.append(marks()[0]!);
    hl.removeAll();
    expect(marks()).toHaveLength(0);
    expect(document.body.innerHTML).toBe('<p>the  holds</p><aside>ceasefire</aside>');
  });

  it('page moved the whole block: restored exactly where it now is', () => {
    document.body.innerHTML = '<p>the <em>red</em> line holds</p><div id="to"></div>';
    const p = document.body.firstElementChild!;
    const before = snapshot(p);
    hl.add(rangesFor(document.body, ['red line']));
    document.getElementById('to')!.append(p);
    hl.removeAll();
    expect(sameAs(p, before)).toBe(true);
  });

  it('page re-rendered the block: old wrappers are forgotten, the new block is untouched', () => {
    document.body.innerHTML = '<p>the ceasefire holds</p>';
    hl.add(rangesFor(document.body, ['ceasefire']));
    const fresh = h('p', 'the ceasefire holds');
    document.body.firstElementChild!.replaceWith(fresh);
    expect(hl.elements()).toEqual([]);
    // The rescan of the new block reuses the mention id: it is free again.
    expect([...hl.add(rangesFor(document.body, ['ceasefire'])).keys()]).toEqual(['m0']);
    expect(() => hl.removeAll()).not.toThrow();
    expect(document.body.innerHTML).toBe('<p>the ceasefire holds</p>');
    expect(hl.size).toBe(0);
  });

  it("page rewrote its text node (a framework's nodeValue update): its text wins, our stale pieces go", () => {
    document.body.innerHTML = '<p>the ceasefire holds</p>';
    const text = document.body.firstElementChild!.firstChild as Text;
    hl.add(rangesFor(document.body, ['ceasefire']));
    text.data = 'the truce is over';
    hl.removeAll();
    expect(document.body.innerHTML).toBe('<p>the truce is over</p>');
    expect(document.body.firstElementChild!.firstChild).toBe(text);
  });

  it('page inserted its own node between our pieces: it keeps its place', () => {
    document.body.innerHTML = '<p>the ceasefire holds</p>';
    hl.add(rangesFor(document.body, ['ceasefire']));
    const w = marks()[0]!;
    w.parentNode!.insertBefore(h('span', '[ad]'), w);
    hl.removeAll();
    expect(marks()).toHaveLength(0);
    expect(document.body.textContent).toBe('the [ad]ceasefire holds');
  });

  it('page put an element inside a wrapper: the wrapper is unwrapped, the element kept', () => {
    document.body.innerHTML = '<p>the ceasefire holds</p>';
    hl.add(rangesFor(document.body, ['ceasefire']));
    marks()[0]!.append(h('sup', '1'));
    hl.removeAll();
    expect(marks()).toHaveLength(0);
    expect(document.body.innerHTML).toBe('<p>the ceasefire<sup>1</sup> holds</p>');
  });

  it('wrappers highlighted over earlier highlights are undone in reverse order, exactly', () => {
    document.body.innerHTML = '<p>the ceasefire holds and the red line too</p>';
    const before = snapshot(document.body);
    hl.add(rangesFor(document.body, ['ceasefire']));
    // A later pass over the (now split) block, as a careless caller might do.
    const later = rangesFor(document.body, ['red line']).map((r) => ({ ...r, id: `later-${r.id}` }));
    expect(hl.add(later).size).toBe(1);
    hl.removeAll();
    expect(sameAs(document.body, before)).toBe(true);
  });
});

describe('Highlighter: removeWithin', () => {
  it('removes only the highlights inside the root, then the rest', () => {
    document.body.innerHTML = '<section id="a"><p>the ceasefire</p></section><section id="b"><p>the <em>red</em> line</p></section>';
    const before = snapshot(document.body);
    const a = document.getElementById('a')!;
    const aBefore = snapshot(a);
    hl.add(rangesFor(document.body, ['ceasefire', 'red line']));
    hl.removeWithin(a);
    expect(sameAs(a, aBefore)).toBe(true);
    expect(marks(document.getElementById('b')!)).toHaveLength(2);
    expect(hl.elements()).toHaveLength(1);
    // Rescan the section: on again there.
    hl.add(rangesFor(a, ['ceasefire']));
    expect(marks(a)).toHaveLength(1);
    hl.removeAll();
    expect(sameAs(document.body, before)).toBe(true);
  });

  it('reaches into shadow roots under the root', () => {
    document.body.innerHTML = '<div id="host"></div><p>outside ceasefire</p>';
    const shadow = document.getElementById('host')!.attachShadow({ mode: 'open' });
    shadow.innerHTML = '<p>inside ceasefire</p>';
    const shadowBefore = shadow.innerHTML;
    hl.add(rangesFor(document.body, ['ceasefire']));
    expect(shadow.querySelectorAll(HIGHLIGHT_TAG)).toHaveLength(1);
    hl.removeWithin(document.getElementById('host')!);
    expect(shadow.innerHTML).toBe(shadowBefore);
    expect(marks()).toHaveLength(1);
  });

  it('a root without highlights changes nothing', () => {
    document.body.innerHTML = '<p>the ceasefire</p><p id="empty">nothing</p>';
    hl.add(rangesFor(document.body, ['ceasefire']));
    const during = document.body.innerHTML;
    hl.removeWithin(document.getElementById('empty')!);
    expect(document.body.innerHTML).toBe(during);
  });

  it('prune() forgets highlights the page removed wholesale', () => {
    document.body.innerHTML = '<p>the ceasefire</p><p>the ceasefire</p>';
    hl.add(rangesFor(document.body, ['ceasefire']));
    document.body.firstElementChild!.remove();
    hl.prune();
    expect(hl.size).toBe(1);
  });
});

describe('composed tree helpers', () => {
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
