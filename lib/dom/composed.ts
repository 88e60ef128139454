/**
 * Containment and document order across shadow boundaries: a node in an open shadow tree counts as
 * inside its host and sorts at its host's place.
 */

/** `ancestor.contains(node)`, crossing shadow roots upward (a highlight in a shadow tree is "within" its host). */
export function composedContains(ancestor: Node, node: Node): boolean {
  for (let n: Node | null = node; n; ) {
    if (ancestor.contains(n)) return true;
    const root = n.getRootNode();
    n = root !== n && (root as ShadowRoot).host ? (root as ShadowRoot).host : null;
  }
  return false;
}

/**
 * The parent of `node`, looking through shadow roots: a shadow root's parent is its host (an open
 * shadow root's text belongs to the article that holds its host). Duck-typed rather than
 * `instanceof ShadowRoot`: that global is missing outside a window (tests, the eval script).
 */
export function composedParent(node: Node): Node | null {
  if (node.parentNode) return node.parentNode;
  return node.nodeType === 11 /* DOCUMENT_FRAGMENT_NODE */ && 'host' in node ? (node as ShadowRoot).host : null;
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
