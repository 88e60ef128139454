/**
 * Whether pairs of loads (one with us, one without) show that we add long tasks, or only show the
 * page's own variation from load to load. Decision 007, addendum 7.
 *
 * A page makes its own long tasks, and their number moves from load to load: the flat 10 MB article
 * makes 13 to 25 while it is scrolled, with or without us. The median of three pairs' differences
 * then lands on +1 or −1 by the draw. The sign test asks how often pairs would come out as they did
 * if each were a coin toss between "more with us" and "more without": a real added long task shows
 * in (nearly) every pair, noise does not.
 */

/** The one-sided level below which the pairs show an added long task. */
export const SIGN_TEST_ALPHA = 0.05;

/** Fewest pairs with which the sign test can reach {@link SIGN_TEST_ALPHA} at all (2^-5 = 0.031). */
export const MIN_PAIRS_FOR_SIGN_TEST = Math.ceil(Math.log2(1 / SIGN_TEST_ALPHA));

/** The verdict on one page's count of long tasks, with us against without. */
export interface AddedCountVerdict {
  /** Median over pairs of (with us − without). */
  median: number;
  /** Pairs with more long tasks with us, with fewer, with as many. */
  more: number;
  fewer: number;
  same: number;
  /** One-sided exact sign test: the chance of at least `more` of `more + fewer` pairs coming out more with us if each were a fair coin. */
  p: number;
  /**
   * Whether the pairs show that we add long tasks: the median pair adds one, and, with enough
   * pairs for the test, the sign test says it is not the page's own variation. With fewer pairs
   * the median alone decides (strict: a quick run cannot pass by having too few pairs to judge).
   */
  added: boolean;
  /** Which rule decided: the sign test, or the median alone (too few pairs). */
  rule: 'sign test' | 'median';
}

/** Judges the per-pair differences (with us − without) of a count of long tasks. */
export function judgeAddedCount(differences: readonly number[]): AddedCountVerdict {
  if (!differences.length) throw new Error('judgeAddedCount: no pairs');
  const more = differences.filter((d) => d > 0).length;
  const fewer = differences.filter((d) => d < 0).length;
  const same = differences.length - more - fewer;
  const m = median(differences);
  const p = signTestP(more, fewer);
  const rule = differences.length >= MIN_PAIRS_FOR_SIGN_TEST ? 'sign test' : 'median';
  const added = m > 0 && (rule === 'median' || p <= SIGN_TEST_ALPHA);
  return { median: m, more, fewer, same, p, added, rule };
}

/**
 * One-sided exact sign test, ties dropped: P(X ≥ more) for X ~ Binomial(more + fewer, 1/2).
 * 1 when no pair differs.
 */
export function signTestP(more: number, fewer: number): number {
  const n = more + fewer;
  let tail = 0;
  for (let k = more; k <= n; k++) tail += binomial(n, k);
  return tail / 2 ** n;
}

/** The verdict in words, for the bench's lines: "+1 (more in 3 of 5 pairs, fewer in 1; p = 0.31)". */
export function describeAddedCount(v: AddedCountVerdict): string {
  const n = v.more + v.fewer + v.same;
  const sign = v.median > 0 ? '+' : v.median < 0 ? '−' : '±';
  const value = `${sign}${Math.abs(v.median).toFixed(Number.isInteger(v.median) ? 0 : 1)}`;
  return `${value} (more in ${v.more} of ${n} pairs, fewer in ${v.fewer}; sign test p = ${v.p.toFixed(2)}${v.rule === 'median' ? `, too few pairs for it: the median decides` : ''})`;
}

function binomial(n: number, k: number): number {
  let c = 1;
  for (let i = 1; i <= k; i++) c = (c * (n - k + i)) / i;
  return c;
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}
