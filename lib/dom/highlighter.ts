/**
 * The one module that changes the page: wraps mentions in `<factlight-mark>` elements and removes
 * them again so the page's DOM is exactly as before (same text node objects, same data, no merged
 * or leftover nodes). Modelled on hypothesis/client's `highlighter.ts`: paired operations
 * (`add` / `removeAll` / `removeWithin`), a custom element name, a comment on every edge case.
 *
 * mark.js does the wrapping: one `markRanges` call per segment (per slice of a huge one), fed the
 * segment's own text nodes (see mark-core.ts). mark.js's own `unmark()`
 * calls `parent.normalize()`, which also merges the page's own adjacent text nodes, so removal is
 * ours: before wrapping we snapshot each text node mark.js may split (`SplitRecord`) and on removal
 * put its data back and drop the nodes mark.js inserted after it. See
 * docs/decisions/001-highlight-element.md.
 */
import { TextNodesMark } from './mark-core';
import type { TextSegment } from './segments';

/**
 * Tag of every highlight wrapper. A custom name (not `mark`/`span`) so page CSS written for common
 * tags cannot restyle or hide it. Never registered as a custom element: a content script's
 * `customElements` is null in Chrome's isolated world, and an unknown element is a plain inline
 * `HTMLElement`, which is all we need.
 */
export const HIGHLIGHT_TAG = 'factlight-mark';

/** One mention to wrap: `[start, end)` are offsets into `segment.text`. */
export interface HighlightRange {
  segment: TextSegment;
  start: number;
  end: number;
  /** Written to `data-factlight-topic` on every piece. */
  topicId: string;
  /** Unique per mention; written to `data-factlight-id` on every piece of the mention. */
  id: string;
  /** Accessible name of the mention's button (first piece). */
  label: string;
}

/** Options of {@link Highlighter}. */
export interface HighlighterOptions {
  /**
   * Runs every DOM write this instance makes. The page watcher passes its `mute`, so our own
   * wrapping and unwrapping never reach its MutationObserver as "page changes".
   */
  guard?: (write: () => void) => void;
}

/**
 * Ranges per `markRanges` call are limited to a slice of at most this many text nodes: after each
 * wrap mark.js rebuilds its joined text and shifts the offsets of every later node, so one call's
 * cost grows with nodes × ranges; a 5,000-node block is wrapped in several small slices instead.
 */
const MAX_NODES_PER_CALL = 64;

/** Snapshot of one text node that mark.js may split, taken just before the wrap. */
interface SplitRecord {
  /** The page's text node: after wrapping it holds only the text before the first match (maybe ""). */
  node: Text;
  /** Its data before wrapping: put back on removal. */
  data: string;
  /** Its data right after wrapping: if the page has written to it since, the page's text wins. */
  after: string;
  /** Its parent at wrap time: if the node has moved, we cannot merge back and only unwrap. */
  parent: Node;
  /** Nodes mark.js inserted right after `node` (wrappers and split-off text), in order. */
  created: Node[];
}

/** One `markRanges` call: the unit of removal (undone in reverse order of creation). */
interface Batch {
  records: SplitRecord[];
  wrappers: HTMLElement[];
}

interface WrapperInfo {
  id: string;
  topicId: string;
  first: boolean;
  batch: Batch;
}

/** A selection boundary point. */
interface Point {
  node: Node;
  offset: number;
}

/**
 * Keeps the user's selection across our DOM writes. Splitting, replacing or re-setting a text node
 * moves or collapses live range points inside it (DOM spec "live range" rules), so points in the
 * nodes we change are saved as (node, offset) and relocated by us; points elsewhere are left to the
 * browser's own live-range updates and re-read at the end.
 */
/**
 * Whether a document may have a selection, kept up to date by `selectionchange`. Reading the
 * selection right after a DOM write makes Chromium lay out the whole page first (measured: about
 * 11 ms per read on a 50,000-node page), so with no selection we must not read it at all.
 * Our own writes cannot create a selection, so the flag only changes when the reader (or the page)
 * selects something, and then `selectionchange` fires.
 */
const selectionTrackers = new WeakMap<Document, { mayExist: boolean }>();

function mayHaveSelection(doc: Document): boolean {
  let tracker = selectionTrackers.get(doc);
  if (!tracker) {
    const state = { mayExist: true };
    const update = () => {
      try {
        state.mayExist = (doc.getSelection()?.rangeCount ?? 0) > 0;
      } catch {
        state.mayExist = false;
      }
    };
    update();
    doc.addEventListener('selectionchange', update, { passive: true });
    tracker = state;
    selectionTrackers.set(doc, tracker);
  }
  return tracker.mayExist;
}

class SelectionKeeper {
  private readonly selection: Selection | null;
  private anchor: Point | null = null;
  private focus: Point | null = null;
  private anchorMoved = false;
  private focusMoved = false;

  constructor(doc: Document | null) {
    let sel: Selection | null = null;
    try {
      sel = doc && mayHaveSelection(doc) ? doc.getSelection() : null;
    } catch {
      sel = null; // a detached document without a browsing context
    }
    this.selection = sel && sel.rangeCount > 0 && sel.anchorNode && sel.focusNode ? sel : null;
    if (this.selection) {
      this.anchor = { node: this.selection.anchorNode!, offset: this.selection.anchorOffset };
      this.focus = { node: this.selection.focusNode!, offset: this.selection.focusOffset };
    }
  }

  /** True when a saved point lies in `node` (cheap check before relocating). */
  touches(node: Node): boolean {
    return this.anchor?.node === node || this.focus?.node === node;
  }

  /** Moves points in `from` (offset within `from`) by `map`, which returns the new point or null. */
  relocate(from: Node, map: (offset: number) => Point | null): void {
    // A point may move more than once (a later batch's piece merged into its node, then that node
    // merged into an earlier batch's node): each move starts from where the last one put it.
    if (this.anchor && this.anchor.node === from) {
      const p = map(this.anchor.offset);
      if (p) [this.anchor, this.anchorMoved] = [p, true];
    }
    if (this.focus && this.focus.node === from) {
      const p = map(this.focus.offset);
      if (p) [this.focus, this.focusMoved] = [p, true];
    }
  }

  /** Applies relocated points; untouched points are taken from the live selection. */
  restore(): void {
    const sel = this.selection;
    if (!sel || (!this.anchorMoved && !this.focusMoved)) return;
    const anchor = this.anchorMoved ? this.anchor! : { node: sel.anchorNode, offset: sel.anchorOffset };
    const focus = this.focusMoved ? this.focus! : { node: sel.focusNode, offset: sel.focusOffset };
    if (!anchor.node || !focus.node) return;
    try {
      sel.setBaseAndExtent(anchor.node, anchor.offset, focus.node, focus.offset);
    } catch {
      // A point's node left the document meanwhile: keep whatever the browser made of it.
    }
  }
}

function isWrapper(node: Node): node is HTMLElement {
  return node.nodeType === 1 && (node as Element).localName === HIGHLIGHT_TAG;
}

/** A wrapper holding only text (what mark.js made): its text can be merged back into the node. */
function isPlainWrapper(el: Element): boolean {
  for (let c = el.firstChild; c; c = c.nextSibling) if (c.nodeType !== 3) return false;
  return true;
}

function textLength(node: Node): number {
  return node.nodeType === 3 ? (node as Text).data.length : (node.textContent ?? '').length;
}

/** `ancestor.contains(node)`, crossing shadow roots upward (a highlight in a shadow tree is "within" its host). */
export function composedContains(ancestor: Node, node: Node): boolean {
  for (let n: Node | null = node; n; ) {
    if (ancestor.contains(n)) return true;
    const root = n.getRootNode();
    n = root !== n && (root as ShadowRoot).host ? (root as ShadowRoot).host : null;
  }
  return false;
}

/** The chain node, its shadow host, that host's shadow host... up to the document tree. */
function hostChain(node: Node): Node[] {
  const chain: Node[] = [node];
  for (let root = node.getRootNode(); (root as ShadowRoot).host; ) {
    const host = (root as ShadowRoot).host;
    chain.push(host);
    root = host.getRootNode();
  }
  return chain;
}

/** Document order across shadow boundaries: a node in a shadow tree sorts at its host's place. */
export function compareComposedOrder(a: Node, b: Node): number {
  if (a === b) return 0;
  const chainA = hostChain(a);
  const chainB = hostChain(b);
  for (const x of chainA) {
    const rootX = x.getRootNode();
    for (const y of chainB) {
      if (y.getRootNode() !== rootX) continue;
      if (x === y) return chainA.length - chainB.length; // one is inside the other's shadow tree: host first
      const pos = x.compareDocumentPosition(y);
      return pos & 4 /* FOLLOWING */ ? -1 : pos & 2 /* PRECEDING */ ? 1 : 0;
    }
  }
  return 0;
}

/**
 * Wraps mention ranges in `<factlight-mark>` elements and removes them exactly.
 *
 * Every wrapper gets `data-factlight-topic`, `data-factlight-id` and the inline style from
 * `styleFor` (set through CSSOM, which page CSP does not block, unlike a `style` attribute set from
 * markup). A mention split across inline elements (`<em>red</em> line`) becomes several wrappers
 * with the same id; only the first is the button (`role="button"`, `tabindex="0"`,
 * `aria-haspopup="dialog"`, `aria-label`), so a screen reader meets one button per mention and
 * reads the other pieces as the plain text they are.
 */
export class Highlighter {
  private readonly wrappers = new Map<HTMLElement, WrapperInfo>();
  private readonly firstById = new Map<string, HTMLElement>();
  /** Prepared wrappers to clone, per document and topic, with the style they were made with. */
  private readonly templates = new WeakMap<Document, Map<string, { css: string; el: HTMLElement }>>();
  /** In creation order; undone in reverse so a later batch that split an earlier batch's nodes goes first. */
  private batches: Batch[] = [];
  private batchesAtLastPrune = 0;
  private readonly guard: (write: () => void) => void;

  /**
   * @param styleFor CSS declarations for a topic's wrappers, each with `!important` (inline
   *   `!important` wins over any page rule, even `* { all: unset !important }`); see `highlightStyle`.
   */
  constructor(
    private readonly styleFor: (topicId: string) => string,
    options: HighlighterOptions = {},
  ) {
    this.guard = options.guard ?? ((write) => write());
  }

  /**
   * Wraps the ranges and returns the first-piece element of each wrapped mention, by id.
   *
   * Defensive about its input, never throws for page state: ranges are sorted per segment; empty,
   * out-of-bounds or overlapping ranges and ids already on the page (connected) are skipped; a segment whose
   * text nodes changed since it was collected (disconnected, or data no longer equal to `segment.text`)
   * is skipped whole, since its offsets no longer mean anything (the page watcher will report it).
   * Whitespace-only ranges produce nothing (mark.js skips them).
   *
   * Segments must be collected from a DOM without our wrappers in it (collect after `removeWithin`
   * of the same root): `collectSegments` skips wrapper text, so offsets would not be the reader's.
   */
  add(ranges: HighlightRange[]): Map<string, HTMLElement> {
    const created = new Map<string, HTMLElement>();
    const bySegment = new Map<TextSegment, HighlightRange[]>();
    for (const r of ranges) {
      const list = bySegment.get(r.segment);
      if (list) list.push(r);
      else bySegment.set(r.segment, [r]);
    }
    this.guard(() => {
      // One selection read and one write per call, however many segments change.
      const first = ranges[0]?.segment.nodes[0];
      const keeper = new SelectionKeeper(first?.ownerDocument ?? null);
      for (const [segment, list] of bySegment) this.addToSegment(segment, list, created, keeper);
      keeper.restore();
    });
    if (this.batches.length > 2 * this.batchesAtLastPrune + 64) this.prune();
    return created;
  }

  private addToSegment(segment: TextSegment, ranges: HighlightRange[], out: Map<string, HTMLElement>, keeper: SelectionKeeper): void {
    const nodes = segment.nodes;
    if (nodes.length === 0) return;
    // Stale-segment check: every node still attached and the text still what the offsets refer to.
    const starts: number[] = new Array(nodes.length);
    let text = '';
    for (let i = 0; i < nodes.length; i++) {
      const n = nodes[i]!;
      if (!n.isConnected) return; // the page removed it (or its block) since the scan
      starts[i] = text.length;
      text += n.data;
    }
    if (text !== segment.text) return;

    const sorted = ranges
      .filter((r) => Number.isInteger(r.start) && Number.isInteger(r.end) && r.start >= 0 && r.end <= text.length && r.end > r.start)
      .sort((a, b) => a.start - b.start || a.end - b.end);
    const kept: HighlightRange[] = [];
    const ids = new Set<string>();
    let last = 0;
    for (const r of sorted) {
      if (r.start < last) continue; // overlaps the previous kept range: first (leftmost) wins
      if (ids.has(r.id)) continue; // the same mention twice would share one id
      const existing = this.firstById.get(r.id);
      if (existing?.isConnected) continue; // already highlighted
      // The page removed that mention's button (a re-render): the id is free again; the stale
      // batch stays until removal or prune, which only touch what is still ours.
      if (existing) this.firstById.delete(r.id);
      kept.push(r);
      ids.add(r.id);
      last = r.end;
    }
    if (kept.length === 0) return;

    // Group ranges into calls whose node slices stay small (see MAX_NODES_PER_CALL). Two calls
    // never share a text node: the first call splits it, and the second's offsets would be stale.
    const nodeAt = (offset: number) => upperBound(starts, offset) - 1; // last node starting at or before offset (mark.js's rule)
    let group: HighlightRange[] = [];
    let groupFrom = -1;
    let groupTo = -1;
    for (const r of kept) {
      const from = nodeAt(r.start);
      const to = nodeAt(r.end - 1);
      if (group.length > 0 && from > groupTo && to - groupFrom + 1 > MAX_NODES_PER_CALL) {
        this.wrapSlice(nodes, starts, group, groupFrom, groupTo, out, keeper);
        group = [];
      }
      if (group.length === 0) groupFrom = from;
      group.push(r);
      groupTo = Math.max(groupTo, to);
    }
    this.wrapSlice(nodes, starts, group, groupFrom, groupTo, out, keeper);
  }

  /** One `markRanges` call over `nodes[from..to]`, with snapshots for exact removal. */
  private wrapSlice(
    nodes: Text[],
    starts: number[],
    ranges: HighlightRange[],
    from: number,
    to: number,
    out: Map<string, HTMLElement>,
    keeper: SelectionKeeper,
  ): void {
    const slice = nodes.slice(from, to + 1);
    const base = starts[from]!;
    const doc = slice[0]!.ownerDocument;
    const snapshots = slice.map((node) => ({ node, data: node.data, parent: node.parentNode!, next: node.nextSibling }));
    const batch: Batch = { records: [], wrappers: [] };
    // Each range's own fields are left out of what mark.js sees: it writes its ranges out with
    // `JSON.stringify` for its debug log on every call, debug or not.
    const markRanges = ranges.map((r, index) => ({ start: r.start - base, length: r.end - r.start, index }));

    new TextNodesMark(slice).wrap(markRanges, {
      element: HIGHLIGHT_TAG,
      // Attributes are set before mark.js puts the wrapper in the page, where each one would be
      // a change to a live element. The first piece of a mention is made before any other.
      create: (m) => {
        const r = ranges[m.index]!;
        const el = this.wrapperFor(doc, r.topicId);
        el.setAttribute('data-factlight-id', r.id);
        if (!this.firstById.has(r.id)) {
          el.setAttribute('role', 'button');
          el.setAttribute('tabindex', '0');
          el.setAttribute('aria-haspopup', 'dialog');
          el.setAttribute('aria-label', r.label);
        }
        return el;
      },
      each: (el, m) => {
        const r = ranges[m.index]!;
        const first = !this.firstById.has(r.id);
        if (first) {
          this.firstById.set(r.id, el);
          out.set(r.id, el);
        }
        this.wrappers.set(el, { id: r.id, topicId: r.topicId, first, batch });
        batch.wrappers.push(el);
      },
    });

    for (const s of snapshots) {
      const created: Node[] = [];
      // mark.js only ever inserts right after the node it splits, so everything between the node
      // and its old next sibling is ours (this runs synchronously: the page had no turn in between).
      for (let n = s.node.nextSibling; n && n !== s.next; n = n.nextSibling) created.push(n);
      if (created.length === 0 && s.node.data === s.data) continue; // untouched
      batch.records.push({ node: s.node, data: s.data, after: s.node.data, parent: s.parent, created });
      if (keeper.touches(s.node)) {
        const pieces = [s.node as Node, ...created];
        keeper.relocate(s.node, (offset) => {
          let acc = 0;
          for (const p of pieces) {
            const len = textLength(p);
            if (offset <= acc + len) {
              const target = isWrapper(p) ? p.firstChild : p;
              return target ? { node: target, offset: offset - acc } : null;
            }
            acc += len;
          }
          return null;
        });
      }
    }
    if (batch.wrappers.length > 0 || batch.records.length > 0) this.batches.push(batch);
  }

  /**
   * A new, empty wrapper for a topic, made by `doc` (a node from another document, such as a
   * same-origin frame handed to us, gets that document's prototypes): a clone of one prepared per
   * document and topic with `data-factlight-topic` and the topic's style, so the style is parsed
   * once, not once per wrapper. mark.js's `data-markjs` marker is left off: with it, a page that
   * runs mark.js itself would match our wrappers with its `unmark()` (which normalizes and merges
   * the page's text nodes).
   */
  private wrapperFor(doc: Document, topicId: string): HTMLElement {
    const css = this.styleFor(topicId);
    let byTopic = this.templates.get(doc);
    if (!byTopic) this.templates.set(doc, (byTopic = new Map()));
    let template = byTopic.get(topicId);
    if (template?.css !== css) {
      const el = doc.createElement(HIGHLIGHT_TAG);
      el.setAttribute('data-factlight-topic', topicId);
      el.style.cssText = css;
      byTopic.set(topicId, (template = { css, el }));
    }
    return template.el.cloneNode(false) as HTMLElement;
  }

  /** Removes every wrapper this instance made and restores the text nodes exactly. */
  removeAll(): void {
    const batches = this.batches;
    this.batches = [];
    this.batchesAtLastPrune = 0;
    this.undo(batches);
  }

  /**
   * Removes the wrappers inside `root` only (for a section the page is re-rendering, before
   * rescanning it). The unit is a segment's wrap: a segment never crosses a block element, so for a
   * block (or larger) root this is exactly the highlights inside it; for an inline root, the
   * highlights of the segments touching it.
   */
  removeWithin(root: Node): void {
    const hit = new Set<Batch>();
    for (const [el, info] of this.wrappers) if (composedContains(root, el)) hit.add(info.batch);
    // A batch whose wrappers the page already removed can still have split text nodes in root.
    for (const b of this.batches) {
      if (!hit.has(b) && b.records.some((r) => composedContains(root, r.node))) hit.add(b);
    }
    if (hit.size === 0) return;
    const undo = this.batches.filter((b) => hit.has(b));
    this.batches = this.batches.filter((b) => !hit.has(b));
    this.undo(undo);
  }

  /** Undoes batches newest first, each record newest first. */
  private undo(batches: Batch[]): void {
    if (batches.length === 0) return;
    this.guard(() => {
      const doc = batches[0]!.records[0]?.node.ownerDocument ?? batches[0]!.wrappers[0]?.ownerDocument ?? null;
      const keeper = new SelectionKeeper(doc);
      for (let i = batches.length - 1; i >= 0; i--) {
        const batch = batches[i]!;
        for (let j = batch.records.length - 1; j >= 0; j--) this.restoreRecord(batch.records[j]!, keeper);
        // Wrappers no record reached (moved elsewhere by the page) are unwrapped where they are:
        // a wrapper still in the DOM is always removed, and the text the page now shows is kept.
        for (const el of batch.wrappers) {
          if (el.parentNode) unwrapInPlace(el);
          this.forget(el);
        }
      }
      keeper.restore();
    });
  }

  private restoreRecord(r: SplitRecord, keeper: SelectionKeeper): void {
    const { node, parent } = r;
    const ours = new Set(r.created);
    if (node.parentNode === parent) {
      // The page rewrote our node (a framework setting `nodeValue` on the node it owns): its new text
      // wins, and the pieces we split off are stale copies of the old text, so they go.
      let merged: string | null = node.data === r.after ? r.after : null;
      if (merged !== null && keeper.touches(node)) keeper.relocate(node, (offset) => ({ node, offset }));
      // Merge back the pieces still right after the node; stop at the first node that is not ours
      // (the page inserted something there: what follows keeps its place and its text).
      for (let sib = node.nextSibling; sib && ours.has(sib); ) {
        const next = sib.nextSibling;
        if (isWrapper(sib) && !isPlainWrapper(sib)) break; // the page put elements in it: unwrap below
        if (merged !== null) {
          const at = merged.length;
          const piece: Node = sib;
          const inner = isWrapper(piece) ? piece.firstChild : null;
          const toNode = (offset: number): Point => ({ node, offset: at + offset });
          // A point in the wrapper element itself is (wrapper, 0) or (wrapper, 1): its start or end.
          if (keeper.touches(piece)) {
            keeper.relocate(piece, (offset) => toNode(isWrapper(piece) ? (offset ? textLength(piece) : 0) : offset));
          }
          if (inner && keeper.touches(inner)) keeper.relocate(inner, toNode);
          merged += sib.textContent ?? '';
        }
        parent.removeChild(sib);
        ours.delete(sib);
        sib = next;
      }
      // Set only when different: a write, even of equal data, collapses selection points in it.
      if (merged !== null && node.data !== merged) node.data = merged;
    }
    // Left-over pieces are no longer where we put them: wrappers are unwrapped in place (by `undo`,
    // for the whole batch); split-off text nodes are now the page's text and stay.
  }

  /** Re-applies `styleFor` to every wrapper (after the user changes colours). */
  restyle(): void {
    this.guard(() => {
      for (const [el, info] of this.wrappers) el.style.cssText = this.styleFor(info.topicId);
    });
  }

  /** The first piece of each mention still on the page, in document order (shadow trees at their host). */
  elements(): HTMLElement[] {
    const byRoot = new Map<Node, Set<HTMLElement>>();
    for (const el of this.firstById.values()) {
      if (!el.isConnected) continue;
      const root = el.getRootNode();
      const set = byRoot.get(root);
      if (set) set.add(el);
      else byRoot.set(root, new Set([el]));
    }
    // Within one tree, one native `querySelectorAll` gives document order (a sort by
    // compareDocumentPosition took 80 s for 5,000 highlights in happy-dom); trees are then merged
    // by the composed order, which only shadow-root pages need.
    const rank = new Map<HTMLElement, number>();
    const lists: HTMLElement[][] = [];
    for (const [root, set] of byRoot) {
      const ordered = [...(root as ParentNode).querySelectorAll<HTMLElement>(HIGHLIGHT_TAG)].filter((el) => set.has(el));
      ordered.forEach((el, i) => rank.set(el, i));
      lists.push(ordered);
    }
    if (lists.length === 1) return lists[0]!;
    return lists.flat().sort((a, b) =>
      a.getRootNode() === b.getRootNode() ? rank.get(a)! - rank.get(b)! : compareComposedOrder(a, b),
    );
  }

  /** True for any wrapper piece this instance made and has not removed. */
  has(el: Element): boolean {
    return this.wrappers.has(el as HTMLElement);
  }

  /** The mention id and topic of a wrapper piece, or null when it is not ours. */
  infoOf(el: Element): { id: string; topicId: string; first: HTMLElement | null } | null {
    const info = this.wrappers.get(el as HTMLElement);
    return info ? { id: info.id, topicId: info.topicId, first: this.firstById.get(info.id) ?? null } : null;
  }

  /** Number of wrapper pieces held (connected or not); for tests and diagnostics. */
  get size(): number {
    return this.wrappers.size;
  }

  /**
   * Drops batches the page has wholly removed from the document (nothing of them connected), so a
   * long-lived infinite-scroll page does not keep old nodes alive. Called by `add` from time to time.
   */
  prune(): void {
    const keep: Batch[] = [];
    for (const b of this.batches) {
      const live = b.wrappers.some((w) => w.isConnected) || b.records.some((r) => r.node.isConnected);
      if (live) keep.push(b);
      else for (const w of b.wrappers) this.forget(w);
    }
    this.batches = keep;
    this.batchesAtLastPrune = keep.length;
  }

  private forget(el: HTMLElement): void {
    const info = this.wrappers.get(el);
    this.wrappers.delete(el);
    if (info?.first && this.firstById.get(info.id) === el) this.firstById.delete(info.id);
  }
}

/** Replaces `el` by its children. */
function unwrapInPlace(el: Element): void {
  const parent = el.parentNode;
  if (!parent) return;
  while (el.firstChild) parent.insertBefore(el.firstChild, el);
  parent.removeChild(el);
}

/** Index of the first element of sorted `a` greater than `x`. */
function upperBound(a: number[], x: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (a[mid]! <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
