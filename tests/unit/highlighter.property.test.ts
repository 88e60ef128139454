// @vitest-environment jsdom
/**
 * Property: for any page and any ranges, highlighting then removing leaves the page exactly as it
 * was (same HTML, same structure, same node objects). Runs under jsdom; the table tests in
 * highlighter.test.ts run under happy-dom, so both DOM implementations are covered.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HIGHLIGHT_TAG, Highlighter, type HighlightRange } from '../../lib/dom/highlighter';
import { collectSegments, type TextSegment } from '../../lib/dom/segments';
import { sameAs, snapshot } from './highlighter.helpers';

type Tree = { text: string } | { tag: string; children: Tree[] };

// Inline and block tags, plus a few forbidden ones (their text is never in a segment).
const TAGS = ['p', 'div', 'li', 'em', 'b', 'span', 'i', 'strong', 'br', 'code', 'a', 'section', 'td'];
// Small alphabet so phrases repeat; whitespace runs, a non-Latin letter and a surrogate pair.
const text = fc.string({ unit: fc.constantFrom('a', 'b', 'c', ' ', ' ', '\n', 'é', 'я', '😀', '&', '<'), maxLength: 12 });

const { tree } = fc.letrec<{ tree: Tree }>((tie) => ({
  tree: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.record({ text }),
    fc.record({ tag: fc.constantFrom(...TAGS), children: fc.array(tie('tree'), { maxLength: 5 }) }),
  ),
}));

function build(parent: Node, t: Tree): void {
  const doc = parent.ownerDocument ?? (parent as Document);
  if ('text' in t) {
    parent.appendChild(doc.createTextNode(t.text)); // adjacent and empty text nodes are kept as such
    return;
  }
  const el = doc.createElement(t.tag);
  if (t.tag === 'a') el.setAttribute('href', '#x');
  if (t.tag !== 'br') for (const c of t.children) build(el, c);
  parent.appendChild(el);
}

/** A pick becomes a range in some segment: indexes are reduced modulo what exists. */
const pick = fc.record({ seg: fc.nat(), at: fc.nat(), len: fc.integer({ min: 1, max: 15 }) });

function toRanges(segments: TextSegment[], picks: { seg: number; at: number; len: number }[], prefix: string): HighlightRange[] {
  if (segments.length === 0) return [];
  return picks.map((p, i) => {
    const segment = segments[p.seg % segments.length]!;
    const start = p.at % segment.text.length;
    const end = Math.min(segment.text.length, start + p.len);
    return { segment, start, end, topicId: `t${i % 3}`, id: `${prefix}${i}`, label: 'x' };
  });
}

const page = fc.array(tree, { minLength: 1, maxLength: 6 });

describe('Highlighter property: add then remove is the identity on the DOM', () => {
  it('removeAll restores any page after one pass of any ranges', () => {
    fc.assert(
      fc.property(page, fc.array(pick, { maxLength: 12 }), (trees, picks) => {
        document.body.textContent = '';
        for (const t of trees) build(document.body, t);
        const before = snapshot(document.body);
        const reading = document.body.textContent;
        const segments = collectSegments(document.body);
        const ranges = toRanges(segments, picks, 'm');
        const hl = new Highlighter(() => 'background-color: yellow !important;');
        hl.add(ranges);

        expect(document.body.textContent).toBe(reading);
        // Each wrapped mention's pieces spell exactly its range.
        const spelled = new Map<string, string>();
        for (const m of document.body.querySelectorAll<HTMLElement>(HIGHLIGHT_TAG)) {
          expect(m.closest('code, a')).toBeNull();
          spelled.set(m.dataset.factlightId!, (spelled.get(m.dataset.factlightId!) ?? '') + m.textContent);
        }
        for (const r of ranges) if (spelled.has(r.id)) expect(spelled.get(r.id)).toBe(r.segment.text.slice(r.start, r.end));

        hl.removeAll();
        expect(sameAs(document.body, before)).toBe(true);
        expect(document.body.querySelector(HIGHLIGHT_TAG)).toBeNull();
      }),
      { numRuns: 300 },
    );
  });

  it('removeWithin a random element, a second pass over the highlighted page, then removeAll restores it', () => {
    fc.assert(
      fc.property(page, fc.array(pick, { maxLength: 10 }), fc.array(pick, { maxLength: 6 }), fc.nat(), (trees, first, second, which) => {
        document.body.textContent = '';
        for (const t of trees) build(document.body, t);
        const before = snapshot(document.body);
        const hl = new Highlighter(() => 'background-color: yellow !important;');
        hl.add(toRanges(collectSegments(document.body), first, 'a'));

        const elements = [...document.body.querySelectorAll('*')].filter((e) => e.localName !== HIGHLIGHT_TAG);
        if (elements.length > 0) {
          const root = elements[which % elements.length]!;
          hl.removeWithin(root);
          expect(root.querySelector(HIGHLIGHT_TAG)).toBeNull();
        }
        // Segments read from the highlighted page (marks skipped): a later, overlapping pass.
        hl.add(toRanges(collectSegments(document.body), second, 'b'));

        hl.removeAll();
        expect(sameAs(document.body, before)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
