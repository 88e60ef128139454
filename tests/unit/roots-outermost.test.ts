import { JSDOM } from 'jsdom';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { insertInOrder as insertAll } from '../../lib/dom/order';
import { articleRootSteps, findArticleRoots, outermost } from '../../lib/page/roots';

/** The headline's insertion, as `articleRootSteps` makes it. */
const insertInOrder = (roots: readonly Element[], el: Element) => insertAll(roots, [el], (a, b) => (a.compareDocumentPosition(b) & 4) !== 0);

/** A random tree of <article>/<div>/<section> elements, at most `depth` deep, as nested HTML. */
function tree(depth: number): fc.Arbitrary<string> {
  const tag = fc.constantFrom('article', 'div', 'section');
  if (depth === 0) return tag.map((t) => `<${t}></${t}>`);
  return fc.tuple(tag, fc.array(tree(depth - 1), { maxLength: 3 })).map(([t, children]) => `<${t}>${children.join('')}</${t}>`);
}

describe('outermost (article roots)', () => {
  it('keeps exactly the elements no other of them contains, for any nesting', () => {
    fc.assert(
      fc.property(fc.array(tree(4), { minLength: 1, maxLength: 4 }), fc.integer({ min: 0, max: 1000 }), (trees, seed) => {
        const doc = new JSDOM(`<body>${trees.join('')}</body>`).window.document;
        // A document-ordered subset, as querySelectorAll and a filter give.
        const all = [...doc.body.querySelectorAll('*')].filter((_, i) => (i * 7919 + seed) % 3 !== 0);
        const byDefinition = all.filter((el) => !all.some((other) => other !== el && other.contains(el)));
        expect(outermost(all)).toEqual(byDefinition);
      }),
      { numRuns: 300 },
    );
  });

  it('asks one contains() per element: a live blog of 1,700 posts is 1,700 questions, not 2.9 million', () => {
    const doc = new JSDOM(`<body><main>${'<article><p>post</p></article>'.repeat(1700)}</main></body>`).window.document;
    const articles = [...doc.querySelectorAll('article')];
    let calls = 0;
    const contains = doc.defaultView!.Node.prototype.contains;
    doc.defaultView!.Node.prototype.contains = function (this: Node, other: Node | null) {
      calls++;
      return contains.call(this, other);
    };
    expect(outermost(articles)).toHaveLength(1700);
    expect(calls).toBeLessThanOrEqual(1700);
  });
});

describe('articleRootSteps', () => {
  it('measures a live blog\'s posts a group at a time and finds the same roots as in one go', () => {
    const { document } = new JSDOM('<!doctype html><body></body>').window;
    document.body.innerHTML = Array.from({ length: 400 }, (_, i) => `<article><h2>Post ${i}</h2><p>${'The talks went on into the night. '.repeat(8)}</p></article>`).join('');
    const steps = articleRootSteps(document);
    let yields = 0;
    let step = steps.next();
    for (; !step.done; step = steps.next()) yields++;
    // Finding the posts, then 40 posts a step (9 breaks between 10 groups), then the headline.
    expect(yields).toBe(11);
    expect(step.value).toEqual(findArticleRoots(document));
    expect(step.value).toHaveLength(400);
  });

  it('puts a headline outside the posts in its place among them', () => {
    const { document } = new JSDOM('<!doctype html><body></body>').window;
    const post = (i: number) => `<article id="p${i}"><p>${'The talks went on into the night. '.repeat(8)}</p></article>`;
    document.body.innerHTML = `<main>${post(0)}${post(1)}<header><h1>Live: the talks</h1></header>${post(2)}${post(3)}${post(4)}</main>`;
    expect(findArticleRoots(document).map((el) => el.id || el.localName)).toEqual(['p0', 'p1', 'h1', 'p2', 'p3', 'p4']);
  });
});

describe('insertInOrder', () => {
  const { document } = new JSDOM('<!doctype html><body></body>').window;
  document.body.innerHTML = Array.from({ length: 9 }, (_, i) => `<div id="d${i}"></div>`).join('');
  const all = [...document.body.children];
  it('finds the place by document order, at the start, the middle and the end', () => {
    for (let i = 0; i < all.length; i++) {
      const others = all.filter((_, j) => j !== i);
      expect(insertInOrder(others, all[i]!)).toEqual(all);
    }
  });
  it('leaves the roots it was given as they were', () => {
    const others = all.slice(1);
    insertInOrder(others, all[0]!);
    expect(others).toHaveLength(8);
  });
});
