/**
 * Where the article is on a page, and what around it is not the article (navigation, sidebars,
 * "related stories", comments). Mentions and context words count only inside the article, so a
 * menu link or a rail headline about the ceasefire cannot make an unrelated story look related.
 */
import { composedParent } from '../dom/composed';
import { elementsNamed } from '../dom/descendants';
import { insertInOrder, precedes } from '../dom/order';

/** Elements that are never article text, whatever they contain. */
const RAIL_SELECTOR = [
  'nav', 'aside', 'footer',
  '[role="navigation" i]', '[role="complementary" i]', '[role="contentinfo" i]', '[role="banner" i]', '[role="menu" i]', '[role="search" i]',
  '[aria-label*="related" i]', '[aria-label*="recommend" i]',
].join(',');
/** Share of the surrounding text above which a soft rail is taken for a wrapper of the article. */
const WRAPPER_SHARE = 0.5;

/**
 * Class or id words that mark a rail. Matched against whole hyphen/underscore-separated parts, so
 * `related-stories` and `sidebar` count but `relatedness` and `commentary` do not.
 */
const RAIL_WORDS = new Set([
  'related', 'recommended', 'recommendations', 'recommendation', 'sidebar', 'aside', 'rail', 'comments', 'comment',
  'popular', 'trending', 'mostread', 'most-read', 'newsletter', 'promo', 'breadcrumb', 'breadcrumbs', 'share', 'sharing',
  'social', 'outbrain', 'taboola', 'readmore', 'also', 'more', 'teaser', 'teasers', 'widget', 'navbar', 'menu', 'ticker',
  'footer', 'masthead', 'advert', 'ad', 'ads', 'sponsored',
]);
/** Parts that, next to a rail word, mean it is not one ("comment" in `comment-count` is still a rail). */
const NOT_RAIL_PARTS = new Set(['body', 'content', 'text', 'main', 'article', 'story', 'post', 'entry', 'header', 'headline', 'title', 'layout', 'has', 'with', 'wrapper', 'container', 'page']);

/** Selectors that name an article body, most specific first. */
const BODY_SELECTORS = [
  '[itemprop="articleBody" i]', '[property="articleBody" i]',
  '.article-body', '.article__body', '.articleBody', '.story-body', '.entry-content', '.post-content', '.article-content', '#article-body',
];

const MIN_ARTICLE_CHARS = 200;

function railByName(el: Element): boolean {
  const words = `${el.id} ${typeof el.className === 'string' ? el.className : ''}`.toLowerCase().split(/\s+/).filter(Boolean);
  for (const word of words) {
    const parts = word.split(/[-_]+/);
    if (parts.some((p) => NOT_RAIL_PARTS.has(p))) continue;
    if (parts.some((p) => RAIL_WORDS.has(p)) || RAIL_WORDS.has(parts.join('-'))) return true;
  }
  return false;
}

/** Text lengths (and rail verdicts) measured during one look at the page (the page may change between looks). */
export type TextSizes = Map<Element, number>;

/** `el`'s text length with whitespace runs counted as one space, without copying the text. */
function textLength(el: Element, sizes?: TextSizes): number {
  let n = sizes?.get(el);
  if (n === undefined) {
    const text = el.textContent ?? '';
    n = text.length;
    WHITESPACE_RUN.lastIndex = 0;
    for (let m = WHITESPACE_RUN.exec(text); m; m = WHITESPACE_RUN.exec(text)) n -= m[0].length - 1;
    sizes?.set(el, n);
  }
  return n;
}
const WHITESPACE_RUN = /\s{2,}/g;

/**
 * Rails by tag name alone (the tag part of `RAIL_SELECTOR`); and soft rails, elements that are usually
 * not article text unless they hold most of it: ASP.NET pages wrap the whole page in a <form>, and
 * layouts name wrappers `two-col-sidebar-right` or `ad-portal` (see `railByName`).
 */
const RAIL_TAGS = new Set(['nav', 'aside', 'footer']);
const SOFT_RAIL_TAGS = new Set(['form', 'dialog', 'menu']);

/**
 * True when `el` is itself a navigation, sidebar, related-stories, comments or similar rail. Rails
 * known only by their class or id (and forms) must also hold less than half of the text of `scope`
 * (the article root, or the body): a rail is secondary by definition, a wrapper of the story is not.
 */
export function isRail(el: Element, scope?: Element | null, sizes?: TextSizes): boolean {
  const name = el.localName;
  if (RAIL_TAGS.has(name)) return true;
  // Most elements have no attributes, and then only their tag can make them a rail: skip the
  // selector engine for them (asked of every ancestor of every paragraph of a long page).
  const attributes = el.hasAttributes();
  if (attributes && el.matches(RAIL_SELECTOR)) return true;
  // A page-level <header> is navigation; an article's own <header> holds its headline.
  if (name === 'header' && !el.closest('article, main, [role="main" i], [itemprop="articleBody" i]')) return true;
  if (!SOFT_RAIL_TAGS.has(name) && !(attributes && railByName(el))) return false;
  const whole = scope ?? el.ownerDocument.body;
  if (!whole || whole === el) return true;
  return textLength(el, sizes) < WRAPPER_SHARE * textLength(whole, sizes);
}

/** Verdicts of `inRail` per scope, kept with the `sizes` of one look at the page. */
const railVerdicts = new WeakMap<TextSizes, Map<Element | null, Map<Element, boolean>>>();

function verdictsFor(sizes: TextSizes, root: Element | null): Map<Element, boolean> {
  let byRoot = railVerdicts.get(sizes);
  if (!byRoot) railVerdicts.set(sizes, (byRoot = new Map()));
  let verdicts = byRoot.get(root);
  if (!verdicts) byRoot.set(root, (verdicts = new Map()));
  return verdicts;
}

/**
 * True when `el` or an ancestor below `root` is a rail. With `sizes`, each ancestor's verdict is
 * remembered, so the paragraphs of one container share the walk up from it. `el`'s own is not: a
 * page node used as a key stays in the content script's world for as long as the node lives, and
 * every later garbage collection of the page goes through it (on the 2 MB live blog, each of its
 * 8,400 paragraphs); and each block is asked about once or twice.
 */
export function inRail(el: Element, root: Element | null, sizes?: TextSizes): boolean {
  const verdicts = sizes && verdictsFor(sizes, root);
  const path: Element[] = [];
  let verdict = false;
  for (let node: Element | null = el; node && node !== root; node = node.parentElement) {
    const known = verdicts?.get(node);
    if (known !== undefined) {
      verdict = known;
      break;
    }
    path.push(node);
    if (isRail(node, root, sizes)) {
      verdict = true;
      break;
    }
  }
  // Below a rail everything is in it; above the first rail found nothing on the path was one.
  if (verdicts) for (let i = 1; i < path.length; i++) verdicts.set(path[i]!, verdict);
  return verdict;
}

/**
 * Paragraph text past which an `<article>` counts as a full story whatever its length: comparing
 * stories beyond it changes nothing, and measuring every paragraph of a 10 MB page took half a second.
 */
const ENOUGH_PARAGRAPH_CHARS = 100_000;

function paragraphChars(el: Element, sizes: TextSizes): number {
  let n = 0;
  // Paragraphs found as they are asked for, so stopping early saves the rest (`querySelectorAll`
  // finds every paragraph of the page first: 25 ms on a 10 MB page), and nothing is left on the
  // element (`getElementsByTagName` leaves a collection on it for its lifetime).
  for (const p of elementsNamed(el, 'p')) {
    if (n >= ENOUGH_PARAGRAPH_CHARS) break;
    if (!inRail(p, el, sizes)) n += textLength(p);
  }
  return n;
}

/** Paragraphs weighed per step of {@link densestBlockSteps}: each asks whether it sits in a rail. */
const PARAGRAPHS_PER_STEP = 400;

/**
 * The element whose own paragraphs hold the most text: the heuristic for pages without markup. In
 * steps, since a long page without an <article> has tens of thousands of paragraphs to weigh.
 */
function* densestBlockSteps(doc: Document, sizes: TextSizes): Generator<void, Element | undefined, void> {
  const scores = new Map<Element, number>();
  const paragraphs = doc.body?.querySelectorAll('p') ?? [];
  yield;
  for (let i = 0; i < paragraphs.length; i++) {
    if (i > 0 && i % PARAGRAPHS_PER_STEP === 0) yield;
    const p = paragraphs[i]!;
    if (inRail(p, null, sizes)) continue;
    const parent = p.parentElement;
    if (!parent) continue;
    const length = textLength(p);
    scores.set(parent, (scores.get(parent) ?? 0) + length);
    // Half to the grandparent, so a body split into many small blocks (live-blog posts, paragraphs
    // wrapped one by one) adds up in the element that holds them all.
    const grand = parent.parentElement;
    if (grand && grand !== doc.body) scores.set(grand, (scores.get(grand) ?? 0) + length / 2);
  }
  let best: Element | undefined;
  let bestScore = MIN_ARTICLE_CHARS;
  for (const [el, score] of scores) if (score > bestScore) [best, bestScore] = [el, score];
  return best;
}

/** The first element of a live collection that passes `test`, asking for no more of it than needed. */
function firstOf(collection: HTMLCollectionOf<Element>, test: (el: Element) => boolean): Element | undefined {
  for (let i = 0, el = collection.item(0); el; el = collection.item(++i)) if (test(el)) return el;
  return undefined;
}

/**
 * The elements of `elements` that no other of them contains. `elements` must be in document order
 * (as `querySelectorAll` gives them): then an element's container among them is always the last one
 * kept before it, so one `contains` per element answers, where comparing every pair took 160-230 ms
 * on a live blog of 1,700 `<article>` posts.
 */
export function outermost(elements: readonly Element[]): Element[] {
  const kept: Element[] = [];
  for (const el of elements) {
    const last = kept[kept.length - 1];
    if (!last || (last !== el && !last.contains(el))) kept.push(el);
  }
  return kept;
}

/**
 * The elements that hold the article body, in document order: the page's `<article>` elements that
 * carry real text (not teaser cards), else a marked-up article body, else `<main>`, else the block
 * with the most paragraph text, else `<body>`. The page's main headline (`h1`) is added when it sits
 * outside them, since headlines name the story. Rails inside the roots are left to `inRail`.
 */
export function findArticleRoots(doc: Document): Element[] {
  const steps = articleRootSteps(doc);
  for (let step = steps.next(); ; step = steps.next()) if (step.done) return step.value;
}

/**
 * `<article>` elements measured per step of {@link articleRootSteps}: a millisecond or two. 150 made
 * steps of 10-15 ms on the bench's live blog, and a slice that ran two of them past its budget
 * reached 50-80 ms on a slower machine.
 */
const ARTICLES_PER_STEP = 40;

/**
 * {@link findArticleRoots} in steps: it yields between groups of `<article>` elements measured, so
 * a live blog of 1,700 posts (50 ms in one go) is read in slices; the return value is the roots.
 */
export function* articleRootSteps(doc: Document): Generator<void, Element[], void> {
  const body = doc.body;
  if (!body) return doc.documentElement ? [doc.documentElement] : [];
  const sizes: TextSizes = new Map();
  // Only rails by tag or role disqualify a candidate: an <article> inside a wrapper named
  // `ad-portal` or `widget Blog` is still the story (teaser cards are dropped by size below).
  const usable = (el: Element) => !el.closest(`${RAIL_SELECTOR}, header:not(article header, main header)`);

  // Articles with real text; of those, the ones comparable to the largest, so a long teaser card in
  // a list is not taken for the story (several full stories stay: infinite scroll appends them).
  const all = [...body.querySelectorAll('article')];
  // Finding the <article> elements walks the whole page (15 ms on a 10 MB page): a step of its own.
  yield;
  const articles: Array<{ a: Element; chars: number }> = [];
  for (let i = 0; i < all.length; i++) {
    const a = all[i]!;
    if (usable(a)) articles.push({ a, chars: paragraphChars(a, sizes) });
    if ((i + 1) % ARTICLES_PER_STEP === 0 && i + 1 < all.length) yield;
  }
  const longest = Math.max(0, ...articles.map((x) => x.chars));
  let roots = outermost(articles.filter((x) => x.chars >= Math.max(MIN_ARTICLE_CHARS, longest * 0.4)).map((x) => x.a));
  // Each fallback below walks the whole page once, in a step of its own.
  if (!roots.length) {
    yield;
    // One walk for all the body selectors; the most specific one that any element matches wins.
    const marked = [...body.querySelectorAll(BODY_SELECTORS.join(','))].filter(usable);
    for (const selector of BODY_SELECTORS) {
      roots = outermost(marked.filter((el) => el.matches(selector)));
      if (roots.length) break;
    }
  }
  if (!roots.length) {
    yield;
    roots = [...body.querySelectorAll('main, [role="main" i]')].filter(usable).slice(0, 1);
  }
  if (!roots.length) {
    const dense = yield* densestBlockSteps(doc, sizes);
    if (dense) roots = [dense];
  }
  if (!roots.length) return [body];
  // The headline search below walks the whole page too when every <h1> is inside the roots.
  yield;

  // The headline often sits in a header above the body; only navigation and rails disqualify it.
  const headline = firstOf(body.getElementsByTagName('h1'), (h) => !h.closest(RAIL_SELECTOR) && !roots.some((r) => r.contains(h)));
  // Put in its place by binary search: sorting the 1,701 roots of a live blog took 20 ms.
  return headline ? insertInOrder(roots, [headline], precedes) : roots;
}

/**
 * True when `el` is article text: inside one of `roots` and not in a rail inside it (the first of
 * `roots`, in their order, that holds it). Pass one `sizes` map to a series of calls over an
 * unchanged page to measure each element's text once (without one, nothing is remembered).
 * `roots` is read as unchanged between calls with the same array.
 */
export function isInArticle(el: Element, roots: readonly Element[], sizes?: TextSizes): boolean {
  const order = rootOrder(roots);
  // Walked up from `el`, one step per ancestor, rather than one `contains` per root: a live blog
  // has an <article> root per post (1,701 on the bench's), and asking each of them for each
  // candidate took 1.5 s and left the DOM heap's sweeper a 35-50 ms step.
  let first = -1;
  for (let node: Node | null = el; node; node = composedParent(node)) {
    const i = order.get(node);
    if (i !== undefined && (first < 0 || i < first)) first = i;
  }
  return first >= 0 && !inRail(el, roots[first]!, sizes);
}

/** Each root's place in its list, kept per list with the list's length (rebuilt if that changed). */
const rootOrders = new WeakMap<readonly Element[], { length: number; order: Map<Node, number> }>();

function rootOrder(roots: readonly Element[]): Map<Node, number> {
  const kept = rootOrders.get(roots);
  if (kept && kept.length === roots.length) return kept.order;
  const order = new Map<Node, number>();
  // The first place wins, as a scan of the list in order would find it.
  roots.forEach((root, i) => order.has(root) || order.set(root, i));
  rootOrders.set(roots, { length: roots.length, order });
  return order;
}
