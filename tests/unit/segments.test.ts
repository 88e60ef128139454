// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { collectSegments, iterateSegments, withoutNodes } from '../../lib/dom/segments';

function segmentsOf(html: string): string[] {
  document.body.innerHTML = html;
  return collectSegments(document.body).map((s) => s.text.trim());
}

describe('collectSegments', () => {
  it('joins text split across inline elements into one segment', () => {
    expect(segmentsOf('<p>Kyiv says the <em>red</em> line holds.</p>')).toEqual(['Kyiv says the red line holds.']);
  });

  it('never runs text from two blocks together', () => {
    expect(segmentsOf('<div><p>the red</p><p>line</p></div>')).toEqual(['the red', 'line']);
    expect(segmentsOf('<p>the red<br>line</p>')).toEqual(['the red', 'line']);
    expect(segmentsOf('<div>before<p>inside</p>after</div>')).toEqual(['before', 'inside', 'after']);
  });

  it.each([
    ['<input value="ceasefire">'],
    ['<textarea>ceasefire</textarea>'],
    ['<div contenteditable="true">ceasefire</div>'],
    ['<div contenteditable>ceasefire</div>'],
    ['<script>var ceasefire</script>'],
    ['<style>.ceasefire{}</style>'],
    ['<noscript>ceasefire</noscript>'],
    ['<code>ceasefire</code>'],
    ['<pre>ceasefire</pre>'],
    ['<svg><text>ceasefire</text></svg>'],
    ['<div aria-hidden="true">ceasefire</div>'],
    ['<div hidden>ceasefire</div>'],
    ['<button>ceasefire</button>'],
    ['<a href="/x">ceasefire</a>'],
    ['<div data-factlight-ui>ceasefire</div>'],
    ['<factlight-focus>ceasefire</factlight-focus>'],
  ])('skips forbidden element %s', (html) => {
    expect(segmentsOf(`<p>before</p>${html}`)).toEqual(['before']);
  });

  it('keeps text inside contenteditable="false" islands', () => {
    expect(segmentsOf('<div contenteditable="false">ceasefire</div>')).toEqual(['ceasefire']);
  });

  it('enters open shadow roots', () => {
    document.body.innerHTML = '<p>outside</p><div id="host"></div>';
    const root = document.getElementById('host')!.attachShadow({ mode: 'open' });
    root.innerHTML = '<p>inside the <b>shadow</b></p>';
    expect(collectSegments(document.body).map((s) => s.text)).toEqual(['outside', 'inside the shadow']);
  });

  it('keeps node offsets: segment text is the concatenation of its nodes', () => {
    document.body.innerHTML = '<p>a <i>b</i> c</p>';
    const [seg] = collectSegments(document.body);
    expect(seg!.nodes.map((n) => n.data).join('')).toBe(seg!.text);
  });
});

describe('shadow roots and slots', () => {
  it('reads a shadow host as the reader sees it: its shadow tree, with slotted text in place', () => {
    document.body.innerHTML = '<div id="host"><p>light paragraph about the ceasefire</p><span slot="x">unslotted</span></div>';
    const root = document.getElementById('host')!.attachShadow({ mode: 'open' });
    root.innerHTML = '<h2>Shadow heading</h2><slot></slot>';
    const texts = collectSegments(document.body).map((s) => s.text);
    expect(texts).toEqual(['Shadow heading', 'light paragraph about the ceasefire']);
  });

  it('gives text directly under a shadow root its host as block', () => {
    document.body.innerHTML = '<div id="host"></div>';
    const root = document.getElementById('host')!.attachShadow({ mode: 'open' });
    root.append('bare text in a shadow root');
    const [seg] = collectSegments(document.body);
    expect(seg?.text).toBe('bare text in a shadow root');
    expect(seg?.block.id).toBe('host');
  });
});

describe('withoutNodes: a kept segment finds its text nodes again from its block', () => {
  const html =
    '<div id="box">Loose text about the <em>ceasefire</em><p id="p">First part on <b>Jeddah</b><br>second part, <i>red</i> lines</p>after the paragraph</div>';

  it('numbers the parts of each block as the reader meets them', () => {
    document.body.innerHTML = html;
    const parts = collectSegments(document.body).map((s) => [s.block.id, s.part, s.text]);
    expect(parts).toEqual([
      ['box', 0, 'Loose text about the ceasefire'],
      ['p', 0, 'First part on Jeddah'],
      ['p', 1, 'second part, red lines'],
      ['box', 1, 'after the paragraph'],
    ]);
  });

  it('gives back the same nodes, in order, for every part', () => {
    document.body.innerHTML = html;
    for (const segment of collectSegments(document.body)) {
      const kept = withoutNodes(segment);
      expect(kept).not.toBe(segment);
      expect(kept.nodes).toEqual(segment.nodes);
      expect(kept.nodes.every((node, i) => node === segment.nodes[i])).toBe(true);
      expect([kept.text, kept.block, kept.part]).toEqual([segment.text, segment.block, segment.part]);
    }
  });

  it('finds the nodes as the page has them now: a rewritten part no longer says what was read, a removed one is out of the page', () => {
    document.body.innerHTML = html;
    const second = withoutNodes(collectSegments(document.body)[2]!);
    document.querySelector('i')!.textContent = 'blue';
    expect(second.nodes.map((n) => n.data).join('')).toBe('second part, blue lines');
    expect(second.text).toBe('second part, red lines');
    // A block taken out of the page still holds its nodes, out of the page (the painter skips them).
    document.getElementById('p')!.remove();
    expect(second.nodes.length).toBeGreaterThan(0);
    expect(second.nodes.some((n) => n.isConnected)).toBe(false);
  });

  it('keeps the nodes of a segment the reader met from inside its block, or from a shadow tree', () => {
    document.body.innerHTML = html;
    // A rescan of one inline element: the parts of its block are not counted from the block's start.
    const [inside] = [...iterateSegments(document.querySelector('b')!)];
    expect(inside?.part).toBeUndefined();
    expect(withoutNodes(inside!)).toBe(inside);
    document.body.innerHTML = '<div id="host"></div>';
    document.getElementById('host')!.attachShadow({ mode: 'open' }).append('bare text in a shadow root about Jeddah');
    const [bare] = collectSegments(document.body);
    expect(bare?.part).toBeUndefined();
    expect(withoutNodes(bare!)).toBe(bare);
  });
});
