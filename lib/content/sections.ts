/**
 * Sections of an article, for "highlight the first mention of each topic per section": a section
 * starts at a heading. Read-only DOM work, cached per block.
 */

const HEADING = /^H[1-6]$/;

/** The heading that opens the section holding `block`, or the document when none precedes it. */
export function sectionOf(block: Element, cache: Map<Element, Node> = new Map()): Node {
  const cached = cache.get(block);
  if (cached) return cached;
  let found: Node = block.ownerDocument;
  search: for (let el: Element | null = block; el; el = el.parentElement) {
    if (HEADING.test(el.tagName)) {
      found = el;
      break;
    }
    for (let prev = el.previousElementSibling; prev; prev = prev.previousElementSibling) {
      if (HEADING.test(prev.tagName)) {
        found = prev;
        break search;
      }
      const headings = prev.querySelectorAll('h1,h2,h3,h4,h5,h6');
      if (headings.length) {
        found = headings[headings.length - 1]!;
        break search;
      }
    }
  }
  cache.set(block, found);
  return found;
}

/**
 * The mentions to highlight: all of them, or the first of each topic in each section (less noise
 * on long articles: the default). Input and output in document order.
 */
export function chooseHighlights<M extends { topicId: string; segment: { block: Element } }>(
  mentions: readonly M[],
  mode: 'every' | 'first-per-section',
): M[] {
  if (mode === 'every') return [...mentions];
  const cache = new Map<Element, Node>();
  const seen = new Map<Node, Set<string>>();
  return mentions.filter((m) => {
    const section = sectionOf(m.segment.block, cache);
    const topics = seen.get(section) ?? new Set<string>();
    seen.set(section, topics);
    if (topics.has(m.topicId)) return false;
    topics.add(m.topicId);
    return true;
  });
}
