/**
 * mark.js's core class, fed our segment's text nodes directly.
 *
 * The published `mark.js` entry is a facade around a private instance; its core class (the ES
 * source, shipped in the package) walks its context with one `NodeIterator` per context node and
 * dedupes contexts with an O(n²) `contains` scan. Browsers and jsdom keep every live NodeIterator
 * in a per-document list that each node removal walks until GC, so 5,000 wraps made 15,000
 * iterators and removal took minutes in jsdom. We already have the exact text nodes and their
 * offsets (`TextSegment`), so `getTextNodes` is replaced by that list; the wrapping itself
 * (`markRanges` → `wrapRangeFromIndex` → `wrapRangeInMappedTextNode` → `wrapRangeInTextNode`) is
 * mark.js's own, except for where the wrapper element comes from: mark.js makes each one with
 * `document.createElement`, and the caller then has to style it, while `create` hands back a clone
 * of a wrapper prepared once per topic (see `wrapRangeInTextNode`). mark.js 8.11.1 is the last
 * release (2018); the property and table tests pin this behaviour.
 */
import MarkJs from 'mark.js/src/lib/mark.js';

interface TextNodesDict {
  value: string;
  nodes: { start: number; end: number; node: Text }[];
}

/** A range for `markRanges`; extra fields come back in `each`. */
export interface MarkRange {
  start: number;
  length: number;
}

/** Options we use of mark.js `markRanges`. */
export interface MarkRangesOptions<R extends MarkRange> {
  element: string;
  each: (element: HTMLElement, range: R) => void;
  /** Makes the (empty) wrapper for a piece of `range`; default: mark.js's own `createElement`. */
  create?: (range: R) => HTMLElement;
}

/** mark.js over a fixed list of text nodes whose data, joined, are the text the offsets refer to. */
export class TextNodesMark extends MarkJs {
  constructor(private readonly textNodes: readonly Text[]) {
    super(textNodes);
  }

  /** Overrides mark.js's DOM walk: the dict is built from our nodes. */
  getTextNodes(cb: (dict: TextNodesDict) => void): void {
    let value = '';
    const nodes = this.textNodes.map((node) => {
      const start = value.length;
      value += node.data;
      return { start, end: value.length, node };
    });
    cb({ value, nodes });
  }

  /** The wrapper for the piece mark.js wraps next (set by the `filter` it calls just before). */
  private nextWrapper: (() => HTMLElement) | null = null;

  /** Wraps the ranges (mark.js's `markRanges`, typed for our use). */
  wrap<R extends MarkRange>(ranges: R[], options: MarkRangesOptions<R>): void {
    const { create, ...rest } = options;
    // mark.js calls `filter(node, range)` right before it wraps each piece of `range`.
    const filter = create
      ? (_node: Text, range: R) => {
          this.nextWrapper = () => create(range);
          return true;
        }
      : undefined;
    (this as unknown as { markRanges(r: R[], o: object): void }).markRanges(ranges, filter ? { ...rest, filter } : rest);
    this.nextWrapper = null;
  }

  /**
   * mark.js's `wrapRangeInTextNode`, step for step (split the text node around the range, put the
   * wrapper with the range's text in its place, return the rest), but with the wrapper from
   * `create`. A clone of a prepared wrapper carries its parsed inline style: parsing the style of
   * each new wrapper cost 30-40% of wrapping 2,400 mentions on the 10 MB page.
   */
  wrapRangeInTextNode(node: Text, start: number, end: number): Text {
    const make = this.nextWrapper;
    if (!make) return (MarkJs.prototype as unknown as { wrapRangeInTextNode(n: Text, s: number, e: number): Text }).wrapRangeInTextNode.call(this, node, start, end);
    const startNode = node.splitText(start);
    const rest = startNode.splitText(end - start);
    const wrapper = make();
    wrapper.textContent = startNode.textContent;
    startNode.parentNode!.replaceChild(wrapper, startNode);
    return rest;
  }
}
