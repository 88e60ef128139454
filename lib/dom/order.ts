/**
 * Keeping the page's mentions in document order as rescans add some.
 */

/**
 * `existing` (in order) with each of `added` put where `before` says it belongs, found by binary
 * search: a rescan that adds k mentions to a page with n asks `before` about k·log n times, not
 * the (n + k)·log(n + k) times of sorting them all again. Each comparison of two places in a page
 * is a `compareDocumentPosition`, which can cost milliseconds under a parent with many thousands
 * of children. An item equal to existing ones goes after them. `added` may be in any order.
 */
export function insertInOrder<T>(existing: readonly T[], added: readonly T[], before: (a: T, b: T) => boolean): T[] {
  const result = existing.slice();
  for (const item of added) {
    let lo = 0;
    let hi = result.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (before(item, result[mid]!)) hi = mid;
      else lo = mid + 1;
    }
    result.splice(lo, 0, item);
  }
  return result;
}

/** True when `a` comes before `b` in the document (not across shadow trees: see `compareComposedOrder`). */
export function precedes(a: Node, b: Node): boolean {
  return (a.compareDocumentPosition(b) & 4) /* FOLLOWING */ !== 0;
}
