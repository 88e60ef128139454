/**
 * Test helpers for the highlighter: a structural fingerprint of a DOM tree (node types, tags,
 * attributes, text data, shadow roots) and the list of node objects in it, so tests can check that
 * removal restores not just the same HTML but the same text nodes, unmerged and unsplit.
 */
import { collectSegments, type TextSegment } from '../../lib/dom/segments';
import type { HighlightRange } from '../../lib/dom/highlighter';

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
export function rangesFor(root: Node, phrases: string[], topicId = 'topic-a'): HighlightRange[] {
  const out: HighlightRange[] = [];
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
export function range(segment: TextSegment, start: number, end: number, id: string, topicId = 'topic-a'): HighlightRange {
  return { segment, start, end, topicId, id, label: `About ${segment.text.slice(start, end)}` };
}
