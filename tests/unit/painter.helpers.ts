/**
 * Test helpers for the painter: a structural fingerprint of a DOM tree (node types, tags,
 * attributes, text data, shadow roots) and the list of node objects in it, so tests can check that
 * painting leaves not just the same HTML but the same text nodes; ranges for phrases; and a
 * stand-in for the CSS Custom Highlight API, which happy-dom lacks.
 */
import { collectSegments, type TextSegment } from '../../lib/dom/segments';
import type { PaintRange } from '../../lib/dom/painter';

/** One line per node, indented by depth: `#text "data"`, `<tag a="1">`, `#shadow`, `#comment`. */
export function fingerprint(root: Node): string {
  const lines: string[] = [];
  const visit = (node: Node, depth: number) => {
    const pad = ' '.repeat(depth);
    if (node.nodeType === 3) lines.push(`${pad}#text ${JSON.stringify((node as Text).data)}`);
    else if (node.nodeType === 8) lines.push(`${pad}#comment ${JSON.stringify((node as Comment).data)}`);
    else if (node.nodeType === 1) {
      const el = node as Element;
      const attrs = [...el.attributes].map((a) => `${a.name}=${JSON.stringify(a.value)}`).sort().join(' ');
      lines.push(`${pad}<${el.localName}${attrs ? ' ' + attrs : ''}>`);
      if (el.shadowRoot) {
        lines.push(`${pad} #shadow`);
        for (let c = el.shadowRoot.firstChild; c; c = c.nextSibling) visit(c, depth + 2);
      }
    }
    for (let c = node.firstChild; c; c = c.nextSibling) visit(c, depth + 1);
  };
  visit(root, 0);
  return lines.join('\n');
}

/** Every node under `root` (entering shadow roots), in tree order: compared with `toEqual` for identity. */
export function nodeList(root: Node): Node[] {
  const out: Node[] = [];
  const visit = (node: Node) => {
    out.push(node);
    if (node.nodeType === 1 && (node as Element).shadowRoot) visit((node as Element).shadowRoot!);
    for (let c = node.firstChild; c; c = c.nextSibling) visit(c);
  };
  visit(root);
  return out;
}

/** Everything a test compares before and after: HTML, structure and node identity. */
export function snapshot(root: Element): { html: string; shape: string; nodes: Node[] } {
  return { html: root.innerHTML, shape: fingerprint(root), nodes: nodeList(root) };
}

/** Asserts `root` is exactly as in `before` (throws with a readable diff otherwise). */
export function sameAs(root: Element, before: ReturnType<typeof snapshot>): boolean {
  const after = snapshot(root);
  if (after.html !== before.html) throw new Error(`innerHTML differs:\n${before.html}\n---\n${after.html}`);
  if (after.shape !== before.shape) throw new Error(`structure differs:\n${before.shape}\n---\n${after.shape}`);
  if (after.nodes.length !== before.nodes.length || after.nodes.some((n, i) => n !== before.nodes[i])) {
    throw new Error('node objects differ (same HTML, but text nodes were replaced)');
  }
  return true;
}

/**
 * Ranges for every occurrence of each phrase in the segments under `root`. Ids are `m0`, `m1`... in
 * order of discovery, so highlighting the same page twice gives the same HTML.
 */
export function rangesFor(root: Node, phrases: string[], topicId = 'topic-a'): PaintRange[] {
  const out: PaintRange[] = [];
  for (const segment of collectSegments(root)) {
    for (const phrase of phrases) {
      for (let at = segment.text.indexOf(phrase); at >= 0; at = segment.text.indexOf(phrase, at + phrase.length)) {
        out.push({ segment, start: at, end: at + phrase.length, topicId, id: `m${out.length}`, label: `About ${phrase}` });
      }
    }
  }
  return out;
}

/** A range over `segment.text[start, end)`. */
export function range(segment: TextSegment, start: number, end: number, id: string, topicId = 'topic-a'): PaintRange {
  return { segment, start, end, topicId, id, label: `About ${segment.text.slice(start, end)}` };
}

/** A `StaticRange` as the spec has it: four fields, fixed at construction. */
class FakeStaticRange {
  readonly startContainer: Node;
  readonly startOffset: number;
  readonly endContainer: Node;
  readonly endOffset: number;
  constructor(init: { startContainer: Node; startOffset: number; endContainer: Node; endOffset: number }) {
    ({ startContainer: this.startContainer, startOffset: this.startOffset, endContainer: this.endContainer, endOffset: this.endOffset } = init);
  }
  get collapsed(): boolean {
    return this.startContainer === this.endContainer && this.startOffset === this.endOffset;
  }
}

/** A `Highlight`: a set of ranges with a priority. */
class FakeHighlight extends Set<AbstractRange> {
  priority = 0;
  type = 'highlight';
  constructor(...ranges: AbstractRange[]) {
    super(ranges);
  }
}

/** Installs `StaticRange`, `Highlight` and `CSS.highlights` on happy-dom's window; returns the registry. */
export function installHighlightApi(): Map<string, Set<AbstractRange>> {
  const win = window as unknown as Record<string, unknown> & { CSS?: Record<string, unknown> };
  const registry = new Map<string, Set<AbstractRange>>();
  win.StaticRange = FakeStaticRange;
  win.Highlight = FakeHighlight;
  // happy-dom makes a new `CSS` object on every read: one of ours, kept.
  Object.defineProperty(window, 'CSS', { value: { highlights: registry, supports: () => false, escape: (s: string) => s }, configurable: true });
  return registry;
}

/** The text each registered range of `registry` covers, per registry name. */
export function paintedTexts(registry: Map<string, Set<AbstractRange>>): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [name, ranges] of registry) {
    out[name] = [...ranges].map((r) => {
      const range = document.createRange();
      range.setStart(r.startContainer, r.startOffset);
      range.setEnd(r.endContainer, r.endOffset);
      return range.toString();
    });
  }
  return out;
}
