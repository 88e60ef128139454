/**
 * Reads a page's text as "segments": runs of text nodes that a reader sees as one piece of prose
 * (a paragraph, a heading, a list item), so a phrase split across inline elements
 * (`<em>red</em> line`) is found while text from two blocks never runs together ("...red" + "Line 5").
 *
 * Read-only: this module never changes the page. `highlighter.ts` is the one that does.
 */

/**
 * Elements whose text is never highlighted: form fields and editable text, code, scripts and
 * styles, graphics, hidden text, interactive controls (a click there must keep doing what the page
 * wants) and our own UI.
 */
export const FORBIDDEN_SELECTOR = [
  'input', 'textarea', 'select', 'option', 'button', 'label',
  '[contenteditable]:not([contenteditable="false" i])',
  'script', 'style', 'noscript', 'template', 'iframe', 'object', 'embed', 'canvas', 'video', 'audio',
  'code', 'pre', 'kbd', 'samp', 'var',
  'svg', 'math',
  'head', 'title',
  '[hidden]', '[aria-hidden="true" i]', '[inert]',
  'a[href]', '[role="button" i]', '[role="link" i]', '[role="textbox" i]', '[role="menu" i]', '[role="menubar" i]', '[role="navigation" i]',
  'factlight-mark', '[data-factlight-ui]',
].join(',');

/** Tag names (`localName`) that are forbidden whatever their attributes: the fast path of the walk. */
const FORBIDDEN_TAGS = new Set([
  'input', 'textarea', 'select', 'option', 'button', 'label', 'script', 'style', 'noscript', 'template',
  'iframe', 'object', 'embed', 'canvas', 'video', 'audio', 'code', 'pre', 'kbd', 'samp', 'var', 'svg', 'math',
  'head', 'title', 'factlight-mark',
]);
const FORBIDDEN_ROLES = new Set(['button', 'link', 'textbox', 'menu', 'menubar', 'navigation']);

/**
 * `el.matches(FORBIDDEN_SELECTOR)`, without the selector engine: the walk asks this of every element
 * of the page, and `matches()` with a 30-part selector was most of the cost of reading a big page.
 * A unit test checks the two agree.
 */
export function isForbiddenElement(el: Element): boolean {
  if (FORBIDDEN_TAGS.has(el.localName)) return true;
  if (!el.hasAttributes()) return false;
  if (el.hasAttribute('hidden') || el.hasAttribute('inert') || el.hasAttribute('data-factlight-ui')) return true;
  const editable = el.getAttribute('contenteditable');
  if (editable !== null && editable.toLowerCase() !== 'false') return true;
  if (el.getAttribute('aria-hidden')?.toLowerCase() === 'true') return true;
  const role = el.getAttribute('role');
  if (role !== null && FORBIDDEN_ROLES.has(role.toLowerCase())) return true;
  return el.localName === 'a' && el.hasAttribute('href');
}

/** Elements that flow inside a line of text; everything else starts a new segment. */
const INLINE_TAGS = new Set([
  'a', 'abbr', 'b', 'bdi', 'bdo', 'cite', 'data', 'del', 'dfn', 'em', 'font', 'i', 'ins', 'mark', 'q',
  'ruby', 'rb', 'rt', 'rp', 's', 'small', 'span', 'strike', 'strong', 'sub', 'sup', 'time', 'tt', 'u',
  'nobr', 'big', 'acronym', 'wbr', 'factlight-mark',
]);

/** One piece of prose: its text nodes in order, whose data concatenate to `text`. */
export interface TextSegment {
  nodes: Text[];
  text: string;
  /** The nearest block-level ancestor, used for sections, visibility and scrolling. */
  block: Element;
}

/** True when `el` is inline for the purpose of joining text into one segment. */
export function isInlineElement(el: Element): boolean {
  // Custom elements (`<my-widget>`) render inline by default, but pages use them as blocks far
  // more often than as inline words, so only the known inline tags join text.
  return INLINE_TAGS.has(el.localName);
}

/** True when `node` or an ancestor (up to `root`) is forbidden for highlights. */
export function isInForbiddenElement(node: Node, root: Node | null = null): boolean {
  for (let el = node.nodeType === 1 ? (node as Element) : node.parentElement; el && el !== root; el = el.parentElement) {
    if (isForbiddenElement(el)) return true;
  }
  return false;
}

function nearestBlock(node: Node, cache: Map<Element, Element>): Element | null {
  // Text directly in a shadow root has no parent element: its block is the shadow host's.
  const parent = node.parentElement ?? ((node.parentNode as ShadowRoot | null)?.host ?? null);
  if (!parent) return null;
  const cached = cache.get(parent);
  if (cached) return cached;
  let el: Element = parent;
  while (isInlineElement(el) && el.parentElement) el = el.parentElement;
  cache.set(parent, el);
  return el;
}

/**
 * Collects the text segments under `root` in document order, skipping forbidden elements and
 * entering open shadow roots (a TreeWalker does not). `root` itself is not checked against the
 * forbidden list; callers choose roots that are allowed.
 */
export function collectSegments(root: Node): TextSegment[] {
  return [...iterateSegments(root)];
}

/**
 * The same segments, one at a time, so a caller can read a 10 MB page across idle slices: each
 * `next()` does a bounded amount of work past the previous segment. Segments are yielded complete,
 * in the order a reader meets them (a shadow host's shadow tree, with slotted content in its
 * slots, instead of its light children). Whitespace-only segments are skipped.
 */
export function* iterateSegments(root: Node, blockCache: Map<Element, Element> = new Map()): Generator<TextSegment, void, undefined> {
  let current: TextSegment | null = null;
  let node: Node | null = root.firstChild;
  while (node) {
    let descend = false;
    if (node.nodeType === 3) {
      const text = node as Text;
      const block = nearestBlock(text, blockCache);
      if (block) {
        if (!current || current.block !== block) {
          if (current && /\S/.test(current.text)) yield current;
          current = { nodes: [], text: '', block };
        }
        current.nodes.push(text);
        current.text += text.data;
      }
    } else if (node.nodeType === 1) {
      const el = node as Element;
      if (!isForbiddenElement(el)) {
        const inline = isInlineElement(el);
        if (!inline || el.shadowRoot || el.localName === 'slot') {
          // A block (or <br>, or another tree) ends the running segment.
          if (current && /\S/.test(current.text)) yield current;
          current = null;
        }
        if (el.shadowRoot) yield* iterateSegments(el.shadowRoot, blockCache);
        else if (el.localName === 'slot') yield* slotted(el as HTMLSlotElement, blockCache);
        else descend = el.firstChild !== null;
      }
    }
    if (descend) node = node.firstChild;
    else {
      while (node && node !== root && !node.nextSibling) node = node.parentNode;
      node = node && node !== root ? node.nextSibling : null;
    }
  }
  if (current && /\S/.test(current.text)) yield current;
}

/** What a <slot> shows: its assigned nodes, or its own fallback content when nothing is assigned. */
function* slotted(slot: HTMLSlotElement, blockCache: Map<Element, Element>): Generator<TextSegment, void, undefined> {
  const assigned = typeof slot.assignedNodes === 'function' ? slot.assignedNodes({ flatten: true }) : [];
  if (!assigned.length) {
    yield* iterateSegments(slot, blockCache);
    return;
  }
  for (const node of assigned) {
    if (node.nodeType === 3) {
      const block = nearestBlock(node, blockCache);
      if (block && /\S/.test((node as Text).data)) yield { nodes: [node as Text], text: (node as Text).data, block };
    } else if (node.nodeType === 1 && !isForbiddenElement(node as Element)) {
      const wrapper = node as Element;
      // The assigned element itself may be a paragraph: read it as a tree of its own.
      yield* iterateSegments(wrapper, blockCache);
    }
  }
}
