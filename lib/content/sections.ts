/**
 * Sections of an article, for "highlight the first mention of each topic per section": a section
 * starts at a heading. Read-only DOM work, cached per block.
 */

const HEADING = /^H[1-6]$/;

const HEADINGS = 'h1,h2,h3,h4,h5,h6';

/**
 * The heading that opens the section holding `block`, or the document when none precedes it: the
 * last heading that starts before `block` (or `block` itself, if it is one).
 *
 * Every element the search passes is remembered in `cache` with the same answer, since no heading
 * starts between them and `block`: over one article's mentions, asked in document order, each
 * element is looked at once. (Without that, each mention of a long page without headings walked
 * back over every paragraph before it: 9 seconds for 500 mentions in 20,000 paragraphs.)
 */
export function sectionOf(block: Element, cache: Map<Element, Node> = new Map()): Node {
  const passed: Element[] = [];
  let found: Node = block.ownerDocument;
  for (let el: Element | null = block; el; ) {
    const known = cache.get(el);
    if (known) {
      found = known;
      break;
    }
    passed.push(el);
    if (HEADING.test(el.tagName)) {
      found = el;
      break;
    }
    const prev: Element | null = el.previousElementSibling;
    if (!prev) {
      el = el.parentElement;
      continue;
    }
    // A heading inside the previous sibling starts after it: that sibling's own section is not
    // `block`'s then, so it is not remembered.
    const inner = lastHeadingIn(prev);
    if (inner) {
      found = inner;
      break;
    }
    el = prev;
  }
  for (const el of passed) cache.set(el, found);
  return found;
}

/** The last heading inside `el`, if any (most blocks have no element children: no query then). */
function lastHeadingIn(el: Element): Element | null {
  if (!el.firstElementChild || !el.querySelector(HEADINGS)) return null;
  const headings = el.querySelectorAll(HEADINGS);
  return headings[headings.length - 1] ?? null;
}

/**
 * A filter for mentions given one at a time in document order: true for those to highlight. All
 * of them, or the first of each topic in each section (less noise on long articles: the default).
 * One filter per scan: it remembers the sections and topics seen.
 */
export function highlightChooser<M extends { topicId: string; segment: { block: Element } }>(
  mode: 'every' | 'first-per-section',
): (mention: M) => boolean {
  if (mode === 'every') return () => true;
  const cache = new Map<Element, Node>();
  const seen = new Map<Node, Set<string>>();
  return (m) => {
    const section = sectionOf(m.segment.block, cache);
    let topics = seen.get(section);
    if (!topics) seen.set(section, (topics = new Set()));
    if (topics.has(m.topicId)) return false;
    topics.add(m.topicId);
    return true;
  };
}

/** {@link highlightChooser} over a whole list. Input and output in document order. */
export function chooseHighlights<M extends { topicId: string; segment: { block: Element } }>(
  mentions: readonly M[],
  mode: 'every' | 'first-per-section',
): M[] {
  return mentions.filter(highlightChooser<M>(mode));
}
