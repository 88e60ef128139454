/**
 * Lets the segment reader jump over the parts of a huge page that cannot mention a topic, without
 * touching them node by node.
 *
 * A content script pays for every node it touches (a wrapper per node in its isolated world) and
 * for every string the browser hands it. On the generated 10 MB page, asking each of 91,000
 * paragraphs for its `textContent` cost more than the rest of the scan. Here, sibling blocks are
 * read in windows: one `Range` over a run of siblings gives their text in one string, and a window
 * whose text cannot hold an alias is passed over whole. Only a window that may hold one is looked at
 * element by element.
 *
 * Read-only: this module never changes the page.
 */
import type { CompiledTopics } from '../matcher/compile';
import { mayMatch, REACH } from './quick-check';
import { isInlineElement } from './segments';

/** What {@link ColdBlocks.skip} tells the reader: read the block, skip it, or go on at `until`. */
export type SkipVerdict = boolean | { until: Node | null };

/**
 * Siblings read per window. Each window costs four DOM calls, and a window that may hold an
 * alias is then judged element by element: on the 10 MB page, with a mention every 50 paragraphs,
 * 8 measured faster than 4, 16 or windows that grow over cold stretches (8 to 64).
 */
const WINDOW = 8;

/**
 * Windows read between two blocks the reader reads. The reader yields only the segments it reads,
 * and its caller checks the clock between segments: after this many windows (about half a
 * millisecond) the next block is read whatever it holds, so a long cold stretch is crossed in
 * steps of bounded cost.
 */
const WINDOWS_PER_READ = 32;

/** Windows read: since the reader last read a block, and in all. */
interface Meter {
  windows: number;
  total: number;
}

/**
 * Children below this index are found by walking from the last one found. The browser caches a
 * parent's `children` collection on it for the parent's lifetime, and every later garbage
 * collection of the page goes through each one: on the 2 MB live blog, one per post. Past this
 * index the collection is worth it: it finds a child by index without a walk, and the binary search
 * of {@link SiblingPlan.indexOf} asks for children far apart.
 */
const WALK_LIMIT = 64;

const COLD = 1;
const HOT = 2;

/** A run of whitespace, read in place (`lastIndex`) without slicing the text. */
const BLANK_RUN = /\s*/y;

/** True when `text` holds only whitespace between `from` and `to`. */
function blankBetween(text: string, from: number, to: number): boolean {
  BLANK_RUN.lastIndex = from;
  BLANK_RUN.exec(text);
  return BLANK_RUN.lastIndex >= to;
}

/**
 * What is known about the element children of one parent: for each index, whether its text (and
 * the loose text after it) may hold an alias. Filled a window at a time, in document order.
 *
 * Never asks for the number of children, nor sets a Range boundary by child offset: on a parent
 * with 91,000 children each of those is a walk over all of them (20-40 ms).
 */
class SiblingPlan {
  /** The parent's `children`, asked for only once an index of {@link WALK_LIMIT} or more is. */
  private children: HTMLCollection | null = null;
  /** The last child found by walking, and its index. */
  private cursor: Element | null = null;
  private cursorIndex = -1;
  /** The number of element children, once a window has run past the last one. */
  count = Infinity;
  private readonly state: number[] = [];
  /** Indexes below this have a state (set by {@link startAt}). */
  private evaluated = -1;
  /** The element at `evaluated`, when the last window found it. */
  private nextElement: Element | null = null;
  /** The end of the text read so far, so a match across two windows is not missed. */
  private tail = '';
  private readonly walker: TreeWalker;
  /** The index of the last element {@link ColdBlocks.skip} was asked about. */
  index = -1;

  constructor(
    readonly parent: Node & ParentNode,
    private readonly range: Range,
    private readonly compiled: Pick<CompiledTopics, 'coreRe' | 'literalRe'>,
    private readonly meter: Meter,
  ) {
    const doc = parent.ownerDocument ?? (parent as unknown as Document);
    this.walker = doc.createTreeWalker(parent, 4 /* SHOW_TEXT */);
  }

  /** The element child at `i`, or null past the last one. */
  element(i: number): Element | null {
    if (i >= this.count) return null;
    let el: Element | null;
    if (i < WALK_LIMIT && !this.children) {
      el = this.walkTo(i);
    } else {
      // item() is a plain method call; an indexed property goes through a slower interceptor.
      this.children ??= this.parent.children;
      el = this.children.item(i);
    }
    if (!el) this.count = Math.min(this.count, i);
    return el;
  }

  /** The element child at `i`, walked to from the last one found (or the first child). */
  private walkTo(i: number): Element | null {
    let el: Element | null = this.parent.firstElementChild;
    let at = 0;
    if (this.cursor && this.cursorIndex <= i && this.cursor.parentNode === this.parent) [el, at] = [this.cursor, this.cursorIndex];
    for (; el && at < i; at++) el = el.nextElementSibling;
    if (el) [this.cursor, this.cursorIndex] = [el, i];
    return el;
  }

  /** The index of `el` among the parent's element children, or -1. */
  indexOf(el: Element): number {
    for (let i = this.index + 1; i <= this.index + 4; i++) if (this.element(i) === el) return i;
    // Far from the last one asked about (or before it): find a child at or after it by doubling,
    // then a binary search by document order.
    let hi = 1;
    for (let probe = this.element(hi); probe && probe !== el && probe.compareDocumentPosition(el) & 4 /* FOLLOWING */; probe = this.element(hi)) hi *= 2;
    let lo = 0;
    hi = Math.min(hi, this.count - 1);
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const probe = this.element(mid);
      if (probe === el) return mid;
      if (probe && probe.compareDocumentPosition(el) & 4) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }

  /**
   * Starts the windows at `i`, the first element asked about. The reader has already been through
   * the ones before it (read them, or met them inside the article's opening sample), and one of
   * them can be the whole article, so the plan does not go back over them: the element before `i`
   * counts as cold.
   */
  startAt(i: number): void {
    if (this.evaluated < 0) this.evaluated = i;
  }

  /** True when the element at `i` (or the loose text after it) may hold an alias. */
  hot(i: number): boolean {
    if (i < 0 || i >= this.count) return false;
    while (this.evaluated <= i && this.evaluated < this.count) this.evaluateWindow();
    return this.state[i] === HOT;
  }

  /** True when the element at `i` must be read: it or a sibling next to it may hold an alias. */
  mustRead(i: number): boolean {
    return this.hot(i - 1) || this.hot(i) || this.hot(i + 1);
  }

  /** The last text node in the parent. */
  private lastText(): Text | null {
    this.walker.currentNode = this.parent;
    return this.walker.lastChild() as Text | null;
  }

  /**
   * The parent's text from the start of `from`'s content up to the start of `to`'s (null: to the
   * end of the parent), loose text between the elements included. Boundaries inside the elements
   * themselves (`(el, 0)`) cost no search for a text node and no count of the parent's children.
   */
  private text(from: Element, to: Element | null): string {
    // Setting the start first could compare it with an old end far behind it, a walk over every
    // sibling between them: collapse onto the start element, then move only the end, forwards.
    this.range.selectNodeContents(from);
    if (to) {
      this.range.setEnd(to, 0);
    } else {
      const last = this.lastText();
      if (last && from.compareDocumentPosition(last) & 4 /* FOLLOWING */) this.range.setEnd(last, last.length);
    }
    return this.range.toString();
  }

  private evaluateWindow(): void {
    this.meter.windows++;
    this.meter.total++;
    const a = this.evaluated;
    const b = a + WINDOW;
    const first = this.nextElement ?? this.element(a);
    const next = this.element(b); // null past the last child (and `count` is then known)
    const text = first ? this.text(first, next) : '';
    const hot = text.length > 0 && mayMatch(text, this.compiled);
    if (hot) this.judgeEach(a, first!, next, text);
    else this.mark(a, b, COLD);
    // A match may run from the end of the last window into this one (inline text split between them).
    if (this.tail && mayMatch(this.tail + text.slice(0, REACH), this.compiled) && this.joined(a)) this.mark(a - 1, a + 1, HOT);
    this.tail = text.length >= REACH ? text.slice(-REACH) : (this.tail + text).slice(-REACH);
    this.nextElement = next;
    this.evaluated = Math.min(b, this.count);
  }

  private mark(from: number, to: number, value: number): void {
    for (let i = Math.max(0, from); i < Math.min(to, this.count); i++) this.state[i] = value;
  }

  /**
   * True when text at the end of the element before `i` can run on into the element at `i` in one
   * segment: one of them is inline, or text that is not whitespace lies between them.
   */
  private joined(i: number): boolean {
    const before = i > 0 ? this.element(i - 1) : null;
    const at = this.element(i);
    if (!before || !at) return true;
    if (isInlineElement(before) || isInlineElement(at)) return true;
    for (let node = before.nextSibling; node && node !== at; node = node.nextSibling) {
      if (node.nodeType === 3 && !blankBetween((node as Text).data, 0, (node as Text).data.length)) return true;
    }
    return false;
  }

  /**
   * Which elements of a window that may hold an alias do: each one's `textContent`, found in order
   * in the window's text. Any doubt marks the whole window hot: an inline element (its text joins
   * its neighbours'), or text between the elements that is not whitespace (loose text the
   * elements' own text does not cover).
   */
  private judgeEach(a: number, first: Element, end: Element | null, text: string): void {
    let at = 0;
    let i = a;
    for (let el: Element | null = first; el && el !== end; el = el.nextElementSibling, i++) {
      const own = isInlineElement(el) ? null : el.textContent ?? '';
      const found = own === null ? -1 : own ? text.indexOf(own, at) : at;
      if (found < 0 || !blankBetween(text, at, found)) {
        this.mark(a, a + WINDOW, HOT);
        return;
      }
      this.state[i] = own && mayMatch(own, this.compiled) ? HOT : COLD;
      at = found + own!.length;
    }
    if (!blankBetween(text, at, text.length)) this.mark(a, a + WINDOW, HOT);
  }
}

/**
 * Picks the blocks a reader of a huge page may skip: a block is read when its text, or the text of
 * the sibling before or after it, may hold an alias (so every block read keeps the paragraphs
 * around it for context); the rest are passed over, several at a time. Pass {@link skip} to
 * `iterateSegments`.
 *
 * Known gap: text inside a shadow root attached to a skipped block is not read (a `Range` does not
 * reach into shadow trees). This reader is used only past the article's opening sample, on pages far
 * longer than an article.
 */
export class ColdBlocks {
  private range: Range | null = null;
  private rangeDoc: Document | null = null;
  /** Plans of the parents the reader is inside, outermost first. */
  private readonly plans: SiblingPlan[] = [];
  /** Windows read since the reader last read a block, and in all (shared by all plans). */
  private readonly meter: Meter = { windows: 0, total: 0 };

  /**
   * @param onSkip called for each stretch passed over, so the caller knows the blocks on either
   *   side were not neighbours on the page.
   */
  constructor(
    private readonly compiled: Pick<CompiledTopics, 'coreRe' | 'literalRe'>,
    private readonly onSkip: () => void = () => undefined,
  ) {}

  /**
   * One Range for all the windows (per document): the document updates every live Range on each
   * change to it, so the highlighting that follows the read should find only one.
   */
  private rangeFor(parent: Node): Range {
    const doc = parent.ownerDocument ?? (parent as Document);
    if (!this.range || this.rangeDoc !== doc) [this.range, this.rangeDoc] = [doc.createRange(), doc];
    return this.range;
  }

  /**
   * Asked by the reader before it enters a block, in document order. False: read it. True: skip
   * it. `{ until }`: skip it and the siblings after it up to `until` (null: to its parent's end).
   */
  readonly skip = (el: Element): SkipVerdict => {
    const plan = this.planFor(el);
    if (!plan) return this.read();
    const i = plan.indexOf(el);
    if (i < 0) return this.read();
    plan.startAt(i);
    plan.index = i;
    if (plan.mustRead(i) || this.meter.windows >= WINDOWS_PER_READ) return this.read();
    this.onSkip();
    // The windows read ahead tell where the next block to read is (or that there is none).
    let next = i + 1;
    while (next < plan.count && this.meter.windows < WINDOWS_PER_READ && !plan.mustRead(next)) next++;
    if (next === i + 1) return true;
    plan.index = next - 1;
    // Go on right after the last sibling skipped: loose text before the next one is read with it.
    return { until: next >= plan.count ? null : plan.element(next - 1)!.nextSibling };
  };

  /**
   * Windows read so far, in all: a caller that reads many blocks per step (each of which may
   * come after up to {@link WINDOWS_PER_READ} windows) ends its step on this count too.
   */
  get windowsRead(): number {
    return this.meter.total;
  }

  /**
   * Call when the read is over. The document updates every live Range on each change to it, and
   * one left with a boundary in a parent of 91,000 children made each later change of the page a
   * walk over all of them (minutes on the 10 MB page, when highlights were inserted elements): the
   * Range is collapsed onto the start of its document and dropped.
   */
  release(): void {
    if (this.range && this.rangeDoc) {
      this.range.setStart(this.rangeDoc, 0);
      this.range.collapse(true);
    }
    this.range = this.rangeDoc = null;
    this.plans.length = 0;
  }

  /** Tells the reader to read the block, and starts counting windows afresh. */
  private read(): false {
    this.meter.windows = 0;
    return false;
  }

  private planFor(el: Element): SiblingPlan | null {
    const parent = el.parentNode as (Node & ParentNode) | null;
    if (!parent || !('children' in parent)) return null;
    // Plans of parents the reader has left are done with.
    while (this.plans.length) {
      const top = this.plans[this.plans.length - 1]!;
      if (top.parent === parent) return top;
      if (top.parent.contains(parent)) break;
      this.plans.pop();
    }
    const plan = new SiblingPlan(parent, this.rangeFor(parent), this.compiled, this.meter);
    this.plans.push(plan);
    return plan;
  }
}
