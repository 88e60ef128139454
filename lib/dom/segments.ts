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

/** Elements that flow inside a line of text; everything else starts a new segment. */
const INLINE_TAGS = new Set([
  'A', 'ABBR', 'B', 'BDI', 'BDO', 'CITE', 'DATA', 'DEL', 'DFN', 'EM', 'FONT', 'I', 'INS', 'MARK', 'Q',
  'RUBY', 'RB', 'RT', 'RP', 'S', 'SMALL', 'SPAN', 'STRIKE', 'STRONG', 'SUB', 'SUP', 'TIME', 'TT', 'U',
  'NOBR', 'BIG', 'ACRONYM', 'WBR', 'FACTLIGHT-MARK',
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
  return INLINE_TAGS.has(el.tagName.toUpperCase());
}

/** True when `node` or an ancestor (up to `root`) is forbidden for highlights. */
export function isInForbiddenElement(node: Node, root: Node | null = null): boolean {
  for (let el = node.nodeType === 1 ? (node as Element) : node.parentElement; el && el !== root; el = el.parentElement) {
    if (el.matches(FORBIDDEN_SELECTOR)) return true;
  }
  return false;
}

function nearestBlock(node: Node, cache: Map<Element, Element>): Element | null {
  const parent = node.parentElement;
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
  const segments: TextSegment[] = [];
  const blockCache = new Map<Element, Element>();
  walk(root, segments, blockCache);
  return segments.filter((s) => /\S/.test(s.text));
}

function walk(root: Node, out: TextSegment[], blockCache: Map<Element, Element>): void {
  const doc = root.ownerDocument ?? (root as Document);
  const walker = doc.createTreeWalker(root, 0x1 | 0x4 /* SHOW_ELEMENT | SHOW_TEXT */, {
    acceptNode: (node) =>
      node.nodeType === 1 && (node as Element).matches(FORBIDDEN_SELECTOR) ? 2 /* REJECT */ : 1 /* ACCEPT */,
  });
  let current: TextSegment | null = null;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (node.nodeType === 1) {
      const el = node as Element;
      if (!isInlineElement(el)) current = null; // a block (or <br>) ends the running segment
      if (el.shadowRoot) {
        current = null;
        walk(el.shadowRoot, out, blockCache);
      }
      continue;
    }
    const text = node as Text;
    const block = nearestBlock(text, blockCache);
    if (!block) continue;
    if (!current || current.block !== block) {
      current = { nodes: [], text: '', block };
      out.push(current);
    }
    current.nodes.push(text);
    current.text += text.data;
  }
}
