// @vitest-environment happy-dom
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chooseHighlights, highlightChooser, sectionOf } from '../../lib/content/sections';
import { luminance, pageTheme } from '../../lib/content/theme';

describe('chooseHighlights', () => {
  function mentionsOf(html: string) {
    document.body.innerHTML = html;
    return [...document.querySelectorAll('[data-t]')].map((el) => ({ topicId: el.getAttribute('data-t')!, segment: { block: el }, id: el.id }));
  }

  it('keeps the first mention of each topic per heading-delimited section', () => {
    const mentions = mentionsOf(`
      <h1>Title</h1><p id="a" data-t="ceasefire"></p><p id="b" data-t="ceasefire"></p><p id="c" data-t="red-lines"></p>
      <section><h2>Next</h2><p id="d" data-t="ceasefire"></p><div><p id="e" data-t="ceasefire"></p></div></section>`);
    expect(chooseHighlights(mentions, 'first-per-section').map((m) => m.id)).toEqual(['a', 'c', 'd']);
    expect(chooseHighlights(mentions, 'every').map((m) => m.id)).toEqual(['a', 'b', 'c', 'd', 'e']);
  });

  it('treats text before any heading as one section', () => {
    const mentions = mentionsOf('<p id="a" data-t="x"></p><div><p id="b" data-t="x"></p></div>');
    expect(chooseHighlights(mentions, 'first-per-section').map((m) => m.id)).toEqual(['a']);
  });
});

describe('sectionOf', () => {
  /** The definition: the last heading that starts at or before `el` in document order. */
  function reference(el: Element): Node {
    let found: Node = el.ownerDocument;
    for (const h of el.ownerDocument.querySelectorAll('h1,h2,h3,h4,h5,h6')) {
      if (h === el || h.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING) found = h;
    }
    return found;
  }

  type Tree = { tag: string; kids: readonly Tree[] };
  const { tree } = fc.letrec<{ tree: Tree }>((tie) => ({
    tree: fc.oneof(
      { maxDepth: 4 },
      fc.record({ tag: fc.constantFrom('p', 'p', 'h2', 'li'), kids: fc.constant([]) }),
      fc.record({ tag: fc.constantFrom('div', 'section', 'p', 'h3', 'ul'), kids: fc.array(tie('tree'), { maxLength: 4 }) }),
    ),
  }));
  const html = (t: Tree): string => `<${t.tag}>${t.kids.map(html).join('')}</${t.tag}>`;

  it('remembers what it passed without changing any answer, asked in document order', () => {
    fc.assert(
      fc.property(fc.array(tree, { minLength: 1, maxLength: 6 }), fc.integer({ min: 1, max: 5 }), (trees, stride) => {
        document.body.innerHTML = trees.map(html).join('');
        const all = [...document.body.querySelectorAll('*')];
        const shared = new Map<Element, Node>();
        // Asked of every `stride`-th element, as mentions are scattered, with one cache.
        for (let i = 0; i < all.length; i += stride) expect(sectionOf(all[i]!, shared)).toBe(reference(all[i]!));
        // Everything it remembered is right too.
        for (const [el, section] of shared) expect(section).toBe(reference(el));
      }),
      { numRuns: 200 },
    );
  });

  it('looks at each element of a long section without headings about once', () => {
    document.body.innerHTML = `<h1>Title</h1><article>${'<p><em>x</em> y</p>'.repeat(2000)}</article>`;
    const paragraphs = [...document.querySelectorAll('p')];
    let queries = 0;
    const count = (el: Element) => {
      const original = el.querySelector.bind(el);
      el.querySelector = ((selector: string) => (queries++, original(selector))) as typeof el.querySelector;
    };
    paragraphs.forEach(count);
    const choose = highlightChooser<{ topicId: string; segment: { block: Element } }>('first-per-section');
    const chosen = paragraphs.filter((_, i) => i % 20 === 19).map((p) => ({ topicId: 'ceasefire', segment: { block: p } })).filter(choose);
    expect(chosen).toHaveLength(1);
    // Each paragraph before the last mention is asked for headings once, not once per later mention.
    expect(queries).toBeLessThanOrEqual(2000);
  });
});

describe('pageTheme', () => {
  it('follows an explicit preference, else the page background', () => {
    document.body.style.backgroundColor = 'rgb(20, 20, 24)';
    expect(pageTheme(document, 'auto')).toBe('dark');
    expect(pageTheme(document, 'light')).toBe('light');
    document.body.style.backgroundColor = 'rgb(250, 250, 250)';
    expect(pageTheme(document, 'auto')).toBe('light');
  });
  it('computes WCAG luminance', () => {
    expect(luminance([255, 255, 255])).toBeCloseTo(1);
    expect(luminance([0, 0, 0])).toBe(0);
  });
});
