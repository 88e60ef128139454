/**
 * The one module that changes what the page shows: it paints mentions with the CSS Custom
 * Highlight API (`CSS.highlights`), so no node of the page is added, split or moved. What it adds
 * is a registry entry per look in use (a topic's colour and style: lib/dom/highlight-style.ts,
 * whose rules the manifest injects before the page is built), an attribute on the blocks whose
 * mentions are registered (the rules apply only there), and, in an open shadow root it paints in,
 * an adopted copy of the rules, since the document's rules do not reach into shadow trees.
 * `removeAll` takes all three away. See
 * docs/decisions/013-highlight-api.md for the numbers behind it.
 *
 * The registered set follows the reader: the mentions within a screen or so of the viewport,
 * moved along when the reader stops scrolling elsewhere. Every change to the registry makes the
 * browser's next frame revisit the ranges and repaint the screen, so registering 48,000 ranges
 * made a first frame of 250 ms; a bounded window, registered in one change, keeps that frame short
 * however long the page is.
 */
import type { TextSegment } from './segments';
import { highlightName, highlightSheet, PAINT_ATTRIBUTE, type HighlightLook } from './highlight-style';
import { composedContains, compareComposedOrder } from './composed';
import { insertInOrder } from './order';
import { adoptStyles } from './shadow-styles';

/** One mention to paint: `[start, end)` are offsets into `segment.text`. */
export interface PaintRange {
  segment: TextSegment;
  start: number;
  end: number;
  topicId: string;
  /** Unique per mention. */
  id: string;
  /** What the mention is, for our keyboard control's accessible name. */
  label: string;
}

/** A painted mention, as hit tests and the keyboard control see it. */
export interface PaintedMention {
  readonly id: string;
  readonly topicId: string;
  readonly label: string;
  readonly segment: TextSegment;
  readonly range: StaticRange;
}

/**
 * The mentions registered: those within this many screens above and below the viewport, and
 * {@link MENTIONS_AROUND} more on each side of them. Registering restyles the blocks it marks (17 ms
 * of a 55 ms frame with 2 screens and 200 mentions, on the 10 MB page), and every change to the
 * registry makes the browser repaint what is on screen (60 ms on the flat 10 MB article): so it is
 * done once, when the reading has gone {@link ROOM} mentions past the screens around the
 * viewport (or is over), and again only when the reader has scrolled away from it.
 */
const SCREENS_AROUND = 1;
const MENTIONS_AROUND = 100;
/**
 * Mentions registered beyond the screens around the viewport, above or below, that let the
 * registered slice stay while the reading or the reader moves on.
 */
const ROOM = MENTIONS_AROUND / 3;
/**
 * Blocks left marked when the window moves on, up to this many: taking the attribute off restyles a
 * block as much as putting it on, and a marked block without registered ranges paints nothing.
 */
const MAX_MARKED = 1500;
/** Quiet time after the last scroll event before the registered window moves. */
const SETTLE_MS = 150;

/** The registry, highlight and range constructors of a window, when it has the API. */
interface HighlightApi {
  registry: HighlightRegistry;
  Highlight: typeof Highlight;
  StaticRange: typeof StaticRange;
}

function highlightApi(win: (Window & typeof globalThis) | null): HighlightApi | null {
  const registry = win?.CSS?.highlights;
  if (!win || !registry || typeof win.Highlight !== 'function' || typeof win.StaticRange !== 'function') return null;
  return { registry, Highlight: win.Highlight, StaticRange: win.StaticRange };
}

/** Options of {@link HighlightPainter}. */
export interface PainterOptions {
  /** Runs every DOM write this instance makes (a `<style>` element, where adopting is refused). */
  guard?: (write: () => void) => void;
}

/** Paints mentions with `::highlight()`, and removes every trace of them. */
export class HighlightPainter {
  /** In document order (shadow trees at their host). */
  private painted: PaintedMention[] = [];
  private readonly byId = new Map<string, PaintedMention>();
  /** The painted mentions of each block: what a click in that block may have hit. */
  private readonly byBlock = new Map<Element, PaintedMention[]>();
  /** The blocks carrying {@link PAINT_ATTRIBUTE}: those of the registered mentions. */
  private readonly marked = new Set<Element>();
  /** Our rules adopted by the open shadow roots we paint in. */
  private readonly sheets = new Map<ShadowRoot, () => void>();
  /** The registry names we have set. */
  private readonly names = new Set<string>();
  private readonly api: HighlightApi | null;
  /** The registered slice of `painted`, as [from, to). */
  private window: [number, number] = [0, 0];
  /** Mentions painted since the last registration, to add to the registered highlights. */
  private pending: PaintedMention[] = [];
  private frame = 0;
  /**
   * The window follows the reader once scrolling settles, not during it: moving it restyles the
   * blocks it marks and makes the next frame repaint, which on top of the frames of a fast scroll
   * through a 10 MB page made frames of 50-59 ms. A reader who stops sees the mentions there
   * painted {@link SETTLE_MS} later.
   */
  private readonly scrollListener = () => {
    clearTimeout(this.settleTimer);
    this.settleTimer = setTimeout(() => this.schedule(), SETTLE_MS);
  };
  private settleTimer: ReturnType<typeof setTimeout> | undefined;
  private listening = false;
  /** False from an `add` until the next `flush`: the scan may still add mentions inside the window. */
  private settled = true;
  private readonly guard: (write: () => void) => void;

  constructor(
    private readonly doc: Document,
    private readonly lookOf: (topicId: string) => HighlightLook,
    options: PainterOptions = {},
  ) {
    this.api = highlightApi(doc.defaultView as (Window & typeof globalThis) | null);
    this.guard = options.guard ?? ((write) => write());
  }

  /** True when this browser paints (it has the Custom Highlight API). */
  get supported(): boolean {
    return this.api !== null;
  }

  /**
   * Paints `ranges` from the next frame on. Ranges whose segment changed since it was read (a text
   * node gone or rewritten), empty or out-of-bounds ranges and ids already painted are skipped.
   * Returns the mentions painted.
   */
  add(ranges: readonly PaintRange[]): PaintedMention[] {
    const added: PaintedMention[] = [];
    // Each segment's nodes, read once per call (a kept segment finds them again on each read), or
    // null when the segment changed since it was read.
    const nodesOf = new Map<TextSegment, readonly Text[] | null>();
    for (const r of ranges) {
      if (this.byId.has(r.id) || !(r.end > r.start && r.start >= 0 && r.end <= r.segment.text.length)) continue;
      let nodes = nodesOf.get(r.segment);
      if (nodes === undefined) nodesOf.set(r.segment, (nodes = freshNodes(r.segment)));
      if (!nodes) continue;
      const range = this.staticRange(nodes, r.start, r.end);
      if (!range) continue;
      const mention: PaintedMention = { id: r.id, topicId: r.topicId, label: r.label, segment: r.segment, range };
      added.push(mention);
      this.byId.set(r.id, mention);
      const list = this.byBlock.get(r.segment.block);
      if (list) list.push(mention);
      else this.byBlock.set(r.segment.block, [mention]);
    }
    if (!added.length) return added;
    const last = this.painted.at(-1);
    // A scan adds in document order; only a rescan of a changed part lands in the middle.
    const inOrder = !last || compareComposedOrder(last.segment.block, added[0]!.segment.block) <= 0;
    this.painted = inOrder ? this.painted.concat(added) : insertInOrder(this.painted, added, (a, b) => compareComposedOrder(a.segment.block, b.segment.block) < 0);
    if (!inOrder) this.window = [0, 0];
    this.pending.push(...added);
    this.settled = false;
    this.schedule();
    return added;
  }

  /**
   * Says the scan has handed over all it found for now: what is due is registered in the next frame,
   * even if the mentions end inside the window.
   */
  flush(): void {
    this.settled = true;
    this.schedule();
  }

  /** Forgets the mentions inside `root` (a part the page re-renders) and stops painting them. */
  removeWithin(root: Node): void {
    const gone = new Set<PaintedMention>();
    for (const m of this.painted) if (composedContains(root, m.segment.block) || !m.range.startContainer.isConnected) gone.add(m);
    if (!gone.size) return;
    this.forget(gone);
  }

  /** Removes every highlight and stylesheet this instance added. */
  removeAll(): void {
    if (this.frame) this.doc.defaultView?.cancelAnimationFrame(this.frame);
    this.frame = 0;
    this.stopListening();
    for (const name of this.names) this.api?.registry.delete(name);
    this.names.clear();
    this.guard(() => {
      for (const block of this.marked) block.removeAttribute(PAINT_ATTRIBUTE);
      for (const takeOut of this.sheets.values()) takeOut();
    });
    this.marked.clear();
    this.sheets.clear();
    this.painted = [];
    this.pending = [];
    this.byId.clear();
    this.byBlock.clear();
    this.window = [0, 0];
  }

  /** Applies the topics' current looks (after the reader changed a colour or style): the ranges move to their new looks' highlights. */
  restyle(): void {
    this.window = [0, 0];
    this.schedule();
  }

  /** The painted mentions in document order. */
  mentions(): readonly PaintedMention[] {
    return this.painted;
  }

  /** The painted mention with `id`, if any. */
  get(id: string): PaintedMention | undefined {
    return this.byId.get(id);
  }

  /**
   * The painted mention under the point (`x`, `y`) in viewport coordinates, hit by `path` (an
   * event's composed path, innermost first): the mentions of the nearest block on the path whose
   * boxes contain the point.
   */
  hitTest(path: readonly EventTarget[], x: number, y: number): PaintedMention | null {
    for (const target of path) {
      const list = target instanceof Element ? this.byBlock.get(target) : undefined;
      if (!list) continue;
      for (const m of list) if (mentionRects(m).some((r) => x >= r.left && x <= r.right && y >= r.top && y <= r.bottom)) return m;
      return null;
    }
    return null;
  }

  /** The box around a painted mention's first line, in viewport coordinates (null when it is not laid out). */
  rectOf(id: string): DOMRect | null {
    const m = this.byId.get(id);
    if (!m) return null;
    const rects = mentionRects(m);
    return rects[0] ?? null;
  }

  private forget(gone: Set<PaintedMention>): void {
    this.painted = this.painted.filter((m) => !gone.has(m));
    this.pending = this.pending.filter((m) => !gone.has(m));
    for (const m of gone) {
      this.byId.delete(m.id);
      const list = this.byBlock.get(m.segment.block);
      const left = list?.filter((x) => x !== m);
      if (left?.length) this.byBlock.set(m.segment.block, left);
      else this.byBlock.delete(m.segment.block);
    }
    this.window = [0, 0];
    this.schedule();
  }

  /** A StaticRange over `[start, end)` of the text of `nodes`: it costs nothing when the page changes, unlike a live Range. */
  private staticRange(nodes: readonly Text[], start: number, end: number): StaticRange | null {
    if (!this.api) return null;
    let offset = 0;
    let from: { node: Text; offset: number } | null = null;
    for (const node of nodes) {
      const len = node.data.length;
      // The start goes in the node the first character is in, not at the end of the one before.
      if (!from && start < offset + len) from = { node, offset: start - offset };
      if (from && end <= offset + len) {
        return new this.api.StaticRange({ startContainer: from.node, startOffset: from.offset, endContainer: node, endOffset: end - offset });
      }
      offset += len;
    }
    return null;
  }

  private schedule(): void {
    const win = this.doc.defaultView;
    if (this.frame || !win || !this.api) return;
    this.frame = win.requestAnimationFrame(() => {
      this.frame = 0;
      this.register();
    });
  }

  /** Brings the registry up to date with what should be painted now (once per frame at most). */
  private register(): void {
    const api = this.api!;
    if (!this.painted.length) return;
    this.listen();
    const { from, to, visibleTo } = this.windowAround();
    const [was, wasTo] = this.window;
    const registered = was < wasTo;
    // Before the first registration, wait until the reading has gone far enough past the screens
    // around the viewport (or is over) that the slice will not need registering again as the
    // reading goes on: the window is registered in one change, not grown group by group. Waiting
    // for a whole margin of mentions instead held the first screen back by a second batch of
    // reading, 2 MB of text on the flat 10 MB article.
    if (!registered && !this.settled && visibleTo + ROOM > this.painted.length) return;
    if (registered && from >= was && to <= wasTo) {
      // The registered slice still covers the viewport: add what was painted since, where it falls in it.
      const slice = new Set(this.painted.slice(was, wasTo));
      const inWindow = this.pending.filter((m) => slice.has(m));
      if (inWindow.length) {
        this.ensureSheets(inWindow);
        if (this.markForNextFrame(inWindow, false)) return;
        for (const m of inWindow) this.highlightFor(this.nameOf(m.topicId)).add(m.range);
      }
      this.pending = [];
      return;
    }
    // A new slice: fresh Highlight objects, set once each, so the next frame revisits each range once.
    const slice = this.painted.slice(from, to);
    this.ensureSheets(slice);
    if (this.markForNextFrame(slice, true)) return;
    const byName = new Map<string, StaticRange[]>();
    const names = new Map<string, string>();
    for (const m of slice) {
      let name = names.get(m.topicId);
      if (name === undefined) names.set(m.topicId, (name = this.nameOf(m.topicId)));
      const list = byName.get(name);
      if (list) list.push(m.range);
      else byName.set(name, [m.range]);
    }
    for (const name of this.names) {
      if (byName.has(name)) continue;
      api.registry.delete(name);
      this.names.delete(name);
    }
    for (const [name, ranges] of byName) {
      api.registry.set(name, new api.Highlight(...ranges));
      this.names.add(name);
    }
    this.window = [from, to];
    this.pending = [];
  }

  /**
   * Puts {@link PAINT_ATTRIBUTE} on `blocks` (the rules paint only under it); with `only`, takes it
   * off the blocks not among them once more than {@link MAX_MARKED} are marked. An attribute no rule
   * of the page uses restyles just that block. True when it marked a block that was not marked.
   */
  private mark(blocks: readonly Element[], only: boolean): boolean {
    const wanted = new Set(blocks);
    let adding = 0;
    for (const block of wanted) if (!this.marked.has(block)) adding++;
    if (!adding) return false;
    this.guard(() => {
      if (only && this.marked.size + adding > MAX_MARKED) {
        for (const block of this.marked) {
          if (wanted.has(block)) continue;
          block.removeAttribute(PAINT_ATTRIBUTE);
          this.marked.delete(block);
        }
      }
      for (const block of wanted) {
        if (this.marked.has(block)) continue;
        block.setAttribute(PAINT_ATTRIBUTE, '');
        this.marked.add(block);
      }
    });
    return true;
  }

  /**
   * Marks the blocks of `mentions` not yet marked, and if there were any, asks for another frame:
   * their ranges are registered in it. On a huge page the style recalculation of the marking
   * (15-20 ms) and the repaint of the registration (30-40 ms) made one long task together, when the
   * page loads and each time the window moves after a scroll. (A reader who scrolls on between the
   * two frames leaves some blocks marked that are not registered: they paint nothing, and stay
   * marked for a while, see `mark`.) True when the registration waits for that frame.
   */
  private markForNextFrame(mentions: readonly PaintedMention[], only: boolean): boolean {
    if (!this.mark(mentions.map((m) => m.segment.block), only)) return false;
    this.schedule();
    return true;
  }

  /**
   * The slice of `painted` to register: the mentions whose blocks lie within a few screens of the
   * viewport, found by binary search over their blocks' positions (a handful of layout reads, on a
   * layout that our painting never dirties), widened by a margin of mentions on each side; and
   * `visibleTo`, the end of the unwidened part.
   */
  private windowAround(): { from: number; to: number; visibleTo: number } {
    const height = this.doc.defaultView?.innerHeight || 800;
    const top = -SCREENS_AROUND * height;
    const bottom = (SCREENS_AROUND + 1) * height;
    const n = this.painted.length;
    const firstBelow = (y: number) => {
      let lo = 0;
      let hi = n;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (this.painted[mid]!.segment.block.getBoundingClientRect().bottom < y) lo = mid + 1;
        else hi = mid;
      }
      return lo;
    };
    const from = firstBelow(top);
    let to = from;
    {
      let lo = from;
      let hi = n;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (this.painted[mid]!.segment.block.getBoundingClientRect().top <= bottom) lo = mid + 1;
        else hi = mid;
      }
      to = lo;
    }
    const [was, wasTo] = this.window;
    const padded = { from: Math.max(0, from - MENTIONS_AROUND), to: Math.min(n, to + MENTIONS_AROUND), visibleTo: to };
    // Still inside the registered slice, away from its edges: keep it.
    const roomAbove = was === 0 || from - was >= ROOM;
    const roomBelow = wasTo === n || wasTo - to >= ROOM;
    if (was < wasTo && from >= was && to <= wasTo && roomAbove && roomBelow) return { from: was, to: wasTo, visibleTo: to };
    return padded;
  }

  private listen(): void {
    if (this.listening) return;
    this.listening = true;
    this.doc.defaultView?.addEventListener('scroll', this.scrollListener, { passive: true, capture: true });
    this.doc.addEventListener('scroll', this.scrollListener, { passive: true, capture: true });
  }

  private stopListening(): void {
    clearTimeout(this.settleTimer);
    if (!this.listening) return;
    this.listening = false;
    this.doc.defaultView?.removeEventListener('scroll', this.scrollListener, { capture: true });
    this.doc.removeEventListener('scroll', this.scrollListener, { capture: true });
  }

  private highlightFor(name: string): Highlight {
    const api = this.api!;
    let highlight = api.registry.get(name);
    if (!highlight) {
      highlight = new api.Highlight();
      api.registry.set(name, highlight);
      this.names.add(name);
    }
    return highlight;
  }

  private nameOf(topicId: string): string {
    return highlightName(this.lookOf(topicId));
  }

  /** Makes sure every open shadow root the mentions are in has our rules (the document has them from the manifest). */
  private ensureSheets(mentions: readonly PaintedMention[]): void {
    const trees = new Set<ShadowRoot>();
    for (const m of mentions) {
      const tree = m.segment.block.getRootNode();
      if (isShadowRoot(tree) && !this.sheets.has(tree)) trees.add(tree);
    }
    if (!trees.size) return;
    const css = highlightSheet();
    this.guard(() => {
      for (const tree of trees) this.sheets.set(tree, adoptStyles(tree, this.doc, css));
    });
  }
}

function isShadowRoot(node: Node): node is ShadowRoot {
  return node.nodeType === 11 && !!(node as ShadowRoot).host;
}

/** `segment`'s text nodes if they are all still in the page and still say what was read, else null. */
function freshNodes(segment: TextSegment): readonly Text[] | null {
  const nodes = segment.nodes;
  let text = '';
  for (const node of nodes) {
    if (!node.isConnected) return null;
    text += node.data;
  }
  return text === segment.text ? nodes : null;
}

/** The boxes of a painted mention, in viewport coordinates (none when it is not laid out). */
export function mentionRects(m: PaintedMention): DOMRect[] {
  const { startContainer, startOffset, endContainer, endOffset } = m.range;
  if (!startContainer.isConnected || !endContainer.isConnected) return [];
  try {
    const range = startContainer.ownerDocument!.createRange();
    range.setStart(startContainer, startOffset);
    range.setEnd(endContainer, endOffset);
    return [...range.getClientRects()].filter((r) => r.width > 0 && r.height > 0);
  } catch {
    return []; // the page shortened a text node since: the offsets no longer fit
  }
}
