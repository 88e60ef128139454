/**
 * Rules out, in a few native calls, a page that cannot mention any topic, before reading it node by
 * node. A content script pays for every node it touches (each one needs a wrapper in the script's
 * isolated world, looked up in a hash table), so walking a 1 MB page costs several times more than
 * asking the browser for its text in one piece. On a page that names no topic, this check is all
 * the work Factlight does.
 *
 * Read-only: this module never changes the page.
 */
import type { CompiledTopics } from '../matcher/compile';
import { removeInvisible } from '../matcher/pattern';

/**
 * Pages with more elements than this are not checked in one piece: their text could take longer
 * than a long task (50 ms) to copy out in one call. A news article has 1,000 to 5,000 elements.
 */
export const QUICK_CHECK_MAX_ELEMENTS = 30_000;

/**
 * A document whose HTML is larger than this is not checked in one piece either, without counting
 * its elements (a count that itself takes 30 ms on a 10 MB page).
 */
export const QUICK_CHECK_MAX_BYTES = 4_000_000;

/** Size of the HTML the browser received for `root`'s document, when the browser says (0 when not). */
function documentBytes(root: Element): number {
  const timing = root.ownerDocument?.defaultView?.performance?.getEntriesByType?.('navigation')[0] as { decodedBodySize?: number } | undefined;
  return timing?.decodedBodySize ?? 0;
}

/** Options of {@link cannotMention}. */
export interface QuickCheckOptions {
  /** Called for each open shadow root the check reads (the page watcher observes them). */
  onShadowRoot?: (root: ShadowRoot) => void;
}

/**
 * True when no text under `root` can hold a match of any alias: neither its own text (`textContent`
 * less the scripts and styles right under it) nor the text of the open shadow roots of the custom
 * elements in it, found by one XPath query. False when the
 * page is too large to check in one piece. With no aliases at all (`coreRe` null), nothing can match.
 *
 * Known gap: a shadow root attached to a built-in element (`div`, `p`, `span`, ...) is not found
 * here, because only a walk of every element would find it; article text inside one is rare, and
 * custom elements are how pages ship shadow DOM. Those pages get the full read whenever their
 * own text names a topic.
 *
 * @param compiled the pack's `coreRe` (every alias without its word boundaries) and `literalRe`.
 */
export function cannotMention(root: Element, compiled: Pick<CompiledTopics, 'coreRe' | 'literalRe'>, options: QuickCheckOptions = {}): boolean {
  if (!compiled.coreRe) return true;
  const texts = quickTexts(root, options);
  return texts !== null && noneMayMatch(texts, compiled);
}

/**
 * The texts {@link cannotMention} tests, copied out of the page: `root`'s own text (less the scripts
 * and styles right under it), then the text of each open shadow root of its custom elements. Null
 * when the page is too large to copy in one piece. The first half of the quick check, so a caller
 * can run the two halves in separate slices.
 */
export function quickTexts(root: Element, options: QuickCheckOptions = {}): string[] | null {
  if (documentBytes(root) > QUICK_CHECK_MAX_BYTES || root.getElementsByTagName('*').length > QUICK_CHECK_MAX_ELEMENTS) return null;
  const texts = [ownText(root)];
  return collectShadowTexts(root, texts, options, 0) ? texts : null;
}

/** True when no alias can match in any of `texts` (the second half of the quick check). */
export function noneMayMatch(texts: readonly string[], compiled: Pick<CompiledTopics, 'coreRe' | 'literalRe'>): boolean {
  const steps = noneMayMatchSteps(texts, compiled);
  for (let step = steps.next(); ; step = steps.next()) if (step.done) return step.value;
}

/**
 * Characters of a page's text tested per step of {@link noneMayMatchSteps}: a few milliseconds.
 * Tested in one piece, the 1 MB Wikipedia page of the corpus took 53 ms on a slow machine.
 */
export const QUICK_TEST_CHUNK = 64_000;

/**
 * {@link noneMayMatch} in steps: it yields between stretches of {@link QUICK_TEST_CHUNK} characters,
 * so the caller can run it in idle slices. Each stretch overlaps the next by twice {@link REACH},
 * so a match that crosses where one stretch ends lies whole in that stretch.
 */
export function* noneMayMatchSteps(texts: readonly string[], compiled: Pick<CompiledTopics, 'coreRe' | 'literalRe'>): Generator<void, boolean, void> {
  if (compiled.coreRe === null) return true;
  let tested = false;
  for (const text of texts) {
    for (let start = 0; start < text.length; start += QUICK_TEST_CHUNK) {
      if (tested) yield;
      tested = true;
      if (mayMatch(text.slice(start, start + QUICK_TEST_CHUNK + 2 * REACH), compiled)) return false;
    }
  }
  return true;
}

/**
 * Runs the quick check's patterns on a short text, twice: V8 compiles a RegExp's code when it
 * first runs it (and again, to machine code, on a later run), and on a large page's text that
 * compile landed in the quick check's slice. The content script gives it a slice of its own, once
 * the page is known to be one it highlights.
 */
export function warmQuickCheck(compiled: Pick<CompiledTopics, 'coreRe' | 'literalRe'>): void {
  for (let i = 0; i < 2; i++) mayMatch('a red line and a ceasefire', compiled);
}

/** Children whose text is code or markup, not prose: left out when they sit directly under the root. */
const NOT_PROSE = new Set(['script', 'style', 'noscript', 'template']);

/**
 * `root.textContent` without the scripts and styles directly under it: pages put megabytes of
 * JSON state and CSS at the end of <body> (2.4 MB on one news page, 75 ms to copy out and more to
 * search), and code there is never highlighted. Deeper ones stay in, which only errs towards
 * "may mention".
 */
function ownText(root: Element): string {
  let text = '';
  for (let child = root.firstChild; child; child = child.nextSibling) {
    if (child.nodeType === 1 && NOT_PROSE.has((child as Element).localName)) continue;
    text += child.textContent ?? '';
  }
  return text;
}

/**
 * How far from a literal run a match of its alias can reach: an alias is a few words, and only
 * an inflected ending or a run of spaces could stretch it (a 300-character "word" is no word).
 */
export const REACH = 256;

/**
 * True when `coreRe` can match in `text` (invisible characters aside). A whole-text run of `coreRe` (an alternation of patterns
 * with Unicode classes) took 120 ms on a page with 2 MB of script text; the literal runs find the
 * few places worth asking, and `coreRe` reads only the text around them, each stretch once.
 */
export function mayMatch(text: string, { coreRe, literalRe }: Pick<CompiledTopics, 'coreRe' | 'literalRe'>): boolean {
  if (!coreRe) return false;
  const plain = removeInvisible(text);
  if (!literalRe) return coreRe.test(plain);
  let from = -1;
  let to = -1;
  literalRe.lastIndex = 0;
  for (let m = literalRe.exec(plain); m; m = literalRe.exec(plain)) {
    const start = Math.max(0, m.index - REACH);
    const end = Math.min(plain.length, m.index + m[0].length + REACH);
    if (start <= to) {
      to = end; // overlaps the stretch being gathered: extend it
      continue;
    }
    if (to > from && coreRe.test(plain.slice(from, to))) return true;
    [from, to] = [start, end];
  }
  return to > from && coreRe.test(plain.slice(from, to));
}

/** Shadow trees inside shadow trees are followed this deep (design systems nest a few levels). */
const MAX_SHADOW_DEPTH = 8;

/**
 * Appends the text of the open shadow roots under `root` (shadow trees in shadow trees too). False
 * when they nest deeper than design systems do: then the page is not checked in one piece.
 */
function collectShadowTexts(root: Node, texts: string[], options: QuickCheckOptions, depth: number): boolean {
  if (depth > MAX_SHADOW_DEPTH) return false;
  for (const host of customElements(root)) {
    const shadow = host.shadowRoot;
    if (!shadow) continue;
    options.onShadowRoot?.(shadow);
    texts.push(shadow.textContent ?? '');
    if (!collectShadowTexts(shadow, texts, options, depth + 1)) return false;
  }
  return true;
}

/**
 * The custom elements under `root` (names with a hyphen), by one XPath query: the browser hands
 * back only those, instead of the script touching every element. Where XPath is missing or fails
 * (some DOM libraries), a walk over the elements.
 */
function customElements(root: Node): Element[] {
  const doc = root.ownerDocument ?? (root as Document);
  try {
    const found = doc.evaluate(".//*[contains(local-name(), '-')]", root, null, 7 /* ORDERED_NODE_SNAPSHOT_TYPE */, null);
    const out: Element[] = [];
    for (let i = 0; i < found.snapshotLength; i++) out.push(found.snapshotItem(i) as Element);
    return out;
  } catch {
    const out: Element[] = [];
    const walker = doc.createTreeWalker(root, 1 /* SHOW_ELEMENT */);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) if ((n as Element).localName.includes('-')) out.push(n as Element);
    return out;
  }
}
