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
 * mark.js's own, unchanged. mark.js 8.11.1 is the last release (2018); the property and table
 * tests pin this behaviour.
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

  /** Wraps the ranges (mark.js's `markRanges`, typed for our use). */
  wrap<R extends MarkRange>(ranges: R[], options: MarkRangesOptions<R>): void {
    (this as unknown as { markRanges(r: R[], o: MarkRangesOptions<R>): void }).markRanges(ranges, options);
  }
}
