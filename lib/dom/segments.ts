/**
 * Reads a page's text as "segments": runs of text nodes that a reader sees as one piece of prose
 * (a paragraph, a heading, a list item), so a phrase split across inline elements
 * (`<em>red</em> line`) is found while text from two blocks never runs together ("...red" + "Line 5").
 *
 * Read-only: this module never changes the page. `painter.ts` is the one that paints mentions.
 */
import { OWN_TAGS } from './own';

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
  ...OWN_TAGS, '[data-factlight-ui]',
].join(',');

/** Tag names (`localName`) that are forbidden whatever their attributes: the fast path of the walk. */
const FORBIDDEN_TAGS = new Set([
  'input', 'textarea', 'select', 'option', 'button', 'label', 'script', 'style', 'noscript', 'template',
  'iframe', 'object', 'embed', 'canvas', 'video', 'audio', 'code', 'pre', 'kbd', 'samp', 'var', 'svg', 'math',
  'head', 'title', ...OWN_TAGS,
]);
const FORBIDDEN_ROLES = new Set(['button', 'link', 'textbox', 'menu', 'menubar', 'navigation']);

/**
 * `el.matches(FORBIDDEN_SELECTOR)`, without the selector engine: the walk asks this of every element
 * of the page, and `matches()` with a 30-part selector was most of the cost of reading a big page.
 * A unit test checks the two agree. `localName` may be passed by a caller that has read it already.
 */
export function isForbiddenElement(el: Element, localName: string = el.localName): boolean {
  if (FORBIDDEN_TAGS.has(localName)) return true;
  if (!el.hasAttributes()) return false;
  if (el.hasAttribute('hidden') || el.hasAttribute('inert') || el.hasAttribute('data-factlight-ui')) return true;
  const editable = el.getAttribute('contenteditable');
  if (editable !== null && editable.toLowerCase() !== 'false') return true;
  if (el.getAttribute('aria-hidden')?.toLowerCase() === 'true') return true;
  const role = el.getAttribute('role');
  if (role !== null && FORBIDDEN_ROLES.has(role.toLowerCase())) return true;
  return localName === 'a' && el.hasAttribute('href');
}

/** Elements that flow inside a line of text; everything else starts a new segment. */
const INLINE_TAGS = new Set([
  'a', 'abbr', 'b', 'bdi', 'bdo', 'cite', 'data', 'del', 'dfn', 'em', 'font', 'i', 'ins', 'mark', 'q',
  'ruby', 'rb', 'rt', 'rp', 's', 'small', 'span', 'strike', 'strong', 'sub', 'sup', 'time', 'tt', 'u',
  'nobr', 'big', 'acronym', 'wbr',
]);

/** One piece of prose: its text nodes in order, whose data concatenate to `text`. */
export interface TextSegment {
  /** Found again from `block` and `part` on each read, in a segment from {@link withoutNodes}. */
  readonly nodes: readonly Text[];
  text: string;
  /** The nearest block-level ancestor, used for sections, visibility and scrolling. */
  block: Element;
  /**
   * Its place among the segments of its block, as the reader met them (0, 1, ...): text before and
   * after a `<br>` or a nested block are two parts of one block.
   */
  part?: number;
  /**
   * Its place in the whole read (0, 1, 2, ...), set by a reader that keeps only some segments, so
   * the analysis knows which kept segments were neighbours on the page.
   */
  ordinal?: number;
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

/** The block a node's text belongs to: its nearest non-inline ancestor (a shadow root's host for text directly in one). */
function nearestBlock(node: Node): Element | null {
  // Text directly in a shadow root has no parent element: its block is the shadow host's.
  const parent =
    node.nodeType === 1
      ? (node as Element)
      : node.nodeType === 11
        ? ((node as ShadowRoot).host ?? null)
        : (node.parentElement ?? ((node.parentNode as ShadowRoot | null)?.host ?? null));
  if (!parent) return null;
  let el: Element = parent;
  while (isInlineElement(el) && el.parentElement) el = el.parentElement;
  return el;
}

/** Whitespace-only text is never a segment of its own. */
const NOT_BLANK = /\S/;

/**
 * Collects the text segments under `root` in document order, skipping forbidden elements and
 * entering open shadow roots (a TreeWalker does not). `root` itself is not checked against the
 * forbidden list; callers choose roots that are allowed.
 */
export function collectSegments(root: Node): TextSegment[] {
  return [...iterateSegments(root)];
}

/** Options of {@link iterateSegments}. */
export interface SegmentOptions {
  /** Called for each open shadow root the reader enters (the page watcher observes them). */
  onShadowRoot?: (root: ShadowRoot) => void;
  /**
   * Asked before the reader enters a block-level element (not forbidden, not a shadow host or slot).
   * False reads it; true skips it (the reader yields nothing from inside it); `{ until }` skips it
   * and its following siblings up to `until` (a later sibling; null: to the end of its parent).
   */
  skip?: (el: Element) => boolean | { until: Node | null };
}

/**
 * The same segments, one at a time, so a caller can read a 10 MB page across idle slices: each
 * `next()` does a bounded amount of work past the previous segment. Segments are yielded complete,
 * in the order a reader meets them (a shadow host's shadow tree, with slotted content in its
 * slots, instead of its light children). Whitespace-only segments are skipped.
 *
 * Built to be cheap on a huge page: the current block is tracked on a stack as the walk enters and
 * leaves elements (no lookup per text node, no cache that would keep every element alive), and a
 * one-node segment reuses the node's string. A caller that drops the segments it does not need
 * keeps almost nothing alive: on a page with a large DOM, every object kept makes each garbage
 * collection slower, which measured as most of the cost of reading such a page.
 */
export function* iterateSegments(root: Node, options: SegmentOptions = {}): Generator<TextSegment, void, undefined> {
  let nodes: Text[] = [];
  let text = '';
  let blank = true;
  // The block of text met now, and those of the elements we are inside (restored on the way out).
  let block = nearestBlock(root);
  // The parts of `block` read so far, counted only where the walk met the block's start: not in the
  // block around a `root` inside it, nor in a shadow host's block read from its shadow tree.
  let part: number | undefined = block === root ? 0 : undefined;
  const outer: (Element | null)[] = [];
  const outerParts: (number | undefined)[] = [];
  const take = (): TextSegment | null => {
    const segment = blank || !block ? null : { nodes, text, block, part };
    if (segment && part !== undefined) part++;
    nodes = [];
    text = '';
    blank = true;
    return segment;
  };
  // Each DOM call that returns a node costs a wrapper lookup, and in a content script's isolated
  // world that lookup is a hash-table search: the walk asks each node for one child or sibling only.
  let node: Node | null = root.firstChild;
  while (node) {
    let child: Node | null = null;
    let jump: { until: Node | null } | null = null;
    const type = node.nodeType;
    if (type === 3) {
      const data = (node as Text).data;
      text = nodes.length ? text + data : data;
      nodes.push(node as Text);
      if (blank && NOT_BLANK.test(data)) blank = false;
    } else if (type === 1) {
      const el = node as Element;
      const name = el.localName;
      if (!isForbiddenElement(el, name)) {
        const shadow = el.shadowRoot;
        if (shadow || !INLINE_TAGS.has(name)) {
          // A block (or <br>, or a shadow host, or another tree) ends the running segment.
          if (nodes.length) {
            const done = take();
            if (done) yield done;
          }
          if (shadow) {
            options.onShadowRoot?.(shadow);
            yield* iterateSegments(shadow, options);
          } else if (name === 'slot') {
            yield* slotted(el as HTMLSlotElement, options);
          } else {
            const verdict = options.skip?.(el) ?? false;
            if (verdict === false) {
              child = el.firstChild;
              if (child) {
                outer.push(block);
                outerParts.push(part);
                block = el;
                part = 0;
              }
            } else if (verdict !== true) {
              jump = verdict;
            }
          }
        } else {
          child = el.firstChild;
        }
      }
    }
    if (child) {
      node = child;
      continue;
    }
    let next: Node | null = jump ? jump.until : node.nextSibling;
    while (!next) {
      node = node.parentNode;
      if (!node || node === root) break;
      if (node === block) {
        // Leaving a block: its last segment is complete.
        if (nodes.length) {
          const done = take();
          if (done) yield done;
        }
        block = outer.pop() ?? null;
        part = outerParts.pop();
      }
      next = node.nextSibling;
    }
    node = next;
  }
  if (nodes.length) {
    const done = take();
    if (done) yield done;
  }
}

/** What a <slot> shows: its assigned nodes, or its own fallback content when nothing is assigned. */
function* slotted(slot: HTMLSlotElement, options: SegmentOptions): Generator<TextSegment, void, undefined> {
  const assigned = typeof slot.assignedNodes === 'function' ? slot.assignedNodes({ flatten: true }) : [];
  if (!assigned.length) {
    yield* iterateSegments(slot, options);
    return;
  }
  for (const node of assigned) {
    if (node.nodeType === 3) {
      const block = nearestBlock(node);
      if (block && /\S/.test((node as Text).data)) yield { nodes: [node as Text], text: (node as Text).data, block };
    } else if (node.nodeType === 1 && !isForbiddenElement(node as Element)) {
      const wrapper = node as Element;
      // The assigned element itself may be a paragraph: read it as a tree of its own.
      yield* iterateSegments(wrapper, options);
    }
  }
}

/**
 * The text nodes of the `part`-th segment of `block` (see {@link TextSegment.part}), read again
 * from the block: nested blocks are passed over, not read. Null when the block has fewer parts now.
 */
export function nodesOfPart(block: Element, part: number): Text[] | null {
  let n = 0;
  for (const segment of iterateSegments(block, { skip: () => true })) {
    if (segment.block !== block) continue;
    if (n++ === part) return segment.nodes as Text[];
  }
  return null;
}

/**
 * `segment` without its text nodes, for a segment kept after the slice that read it: its `nodes`
 * are found again from its block whenever they are asked for (a mention painted, a jump to it).
 * If the page changed the block since, they may differ from those read: callers that need the same
 * text compare it (the painter does, and skips a mention whose text changed).
 *
 * Why: a content script's wrapper of a page node that it holds for a while (past a garbage
 * collection or two) is kept by the browser for as long as the node lives, whether or not the
 * script still holds it, and every later full collection of the page goes through each one. On the
 * 2 MB live blog, the text nodes of the segments kept for judging were 18,000 such wrappers.
 * Decision 007, addendum 5.
 *
 * A segment without a `part` (read from inside its block, or slotted into a shadow tree) is returned
 * as it is: holding its nodes is then the only way to find them again.
 */
export function withoutNodes(segment: TextSegment): TextSegment {
  const { block, part, text, ordinal } = segment;
  return part === undefined ? segment : new SegmentWithoutNodes(text, block, part, ordinal);
}

/** A segment that finds its text nodes again from its block when asked (one class: small objects, one shape). */
class SegmentWithoutNodes implements TextSegment {
  constructor(
    public text: string,
    public block: Element,
    public part: number,
    public ordinal: number | undefined,
  ) {}

  get nodes(): readonly Text[] {
    return nodesOfPart(this.block, this.part) ?? [];
  }
}
