/**
 * Page-side half of the benchmark (npm run bench), bundled by esbuild into an IIFE and evaluated in a
 * clean page (no extension, page scripts blocked). It exposes `window.__factlightBench` with:
 * - `floor()`: a TreeWalker pass over `document.body` running the content script's combined alias
 *   RegExp over every text node, with no DOM writes. Two variants: `bare` (SHOW_TEXT, every text
 *   node, script and style text included) and `filtered` (the same forbidden-element filter as
 *   `collectSegments`, so it reads exactly the text we read). The benchmark's floor is the cheaper one.
 * - `preScan()`: what the content script does before its timed scan starts (compile the pack, read
 *   the page's metadata and article text); `PageController.refresh` does not count it in `busy`.
 * - `naiveMark()`: plain mark.js, one `mark()` call per alias, then `unmark()`.
 * - `meta()`: the page's publication day as our reader sees it (would the shipped pack skip it?).
 * Timing happens here, in the page, with `performance.now()`.
 */
import Mark from 'mark.js';
import { compileTopics } from '../../lib/matcher/compile';
import { buildArticleContext } from '../../lib/analyze';
import { readPageMeta } from '../../lib/page/meta';
import { FORBIDDEN_SELECTOR } from '../../lib/dom/segments';
import { SHIPPED_PACK } from '../../data/shipped-pack';

const compiled = compileTopics(SHIPPED_PACK.topics);

export interface FloorRun {
  ms: number;
  textNodes: number;
  chars: number;
  matches: number;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

function floorOnce(filtered: boolean): FloorRun {
  const re = new RegExp(compiled.aliasRe.source, compiled.aliasRe.flags);
  const t0 = performance.now();
  const walker = filtered
    ? document.createTreeWalker(document.body, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT, {
        acceptNode: (node) =>
          node.nodeType === 1 && (node as Element).matches(FORBIDDEN_SELECTOR) ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT,
      })
    : document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  let textNodes = 0;
  let chars = 0;
  let matches = 0;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (node.nodeType !== 3) continue;
    const data = (node as Text).data;
    textNodes++;
    chars += data.length;
    re.lastIndex = 0;
    while (re.exec(data)) matches++;
  }
  return { ms: performance.now() - t0, textNodes, chars, matches };
}

/** Median of `runs` passes of each variant (the first pass also warms the RegExp up). */
export function floor(runs = 5): { bare: FloorRun; filtered: FloorRun; bareRuns: number[]; filteredRuns: number[] } {
  const bare: FloorRun[] = [];
  const filtered: FloorRun[] = [];
  for (let i = 0; i < runs; i++) {
    bare.push(floorOnce(false));
    filtered.push(floorOnce(true));
  }
  const pick = (xs: FloorRun[]) => ({ ...xs[0]!, ms: median(xs.map((x) => x.ms)) });
  return { bare: pick(bare), filtered: pick(filtered), bareRuns: bare.map((x) => x.ms), filteredRuns: filtered.map((x) => x.ms) };
}

/** Median time of what `refresh()` does before its clock starts: compile, then read the page. */
export function preScan(runs = 5): { ms: number; compileMs: number; contextMs: number; articleChars: number } {
  const compile: number[] = [];
  const context: number[] = [];
  let articleChars = 0;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const c = compileTopics(SHIPPED_PACK.topics);
    const t1 = performance.now();
    const ctx = buildArticleContext(document, c);
    const t2 = performance.now();
    compile.push(t1 - t0);
    context.push(t2 - t1);
    articleChars = ctx.articleText.length;
  }
  const compileMs = median(compile);
  const contextMs = median(context);
  return { ms: compileMs + contextMs, compileMs, contextMs, articleChars };
}

/** Every alias of every shipped topic, as the pack writes them (lower-cased, `*` = any ending). */
export function aliases(): string[] {
  return compiled.topics.flatMap((t) => t.aliases.map((a) => a.alias));
}

/**
 * mark.js `exclude` only tests a text node's parent, so each forbidden selector also needs `sel *`;
 * joined into one selector list, so mark.js makes one `matches` call per text node, as we do.
 */
const EXCLUDE = [FORBIDDEN_SELECTOR.split(',').flatMap((sel) => [sel, `${sel} *`]).join(',')];
const LIMITERS = ',.;:!?"\'()[]{}«»“”„‘’—–-/…'.split('');

/**
 * Naive mark.js: one `mark()` call per alias over `document.body`, timed; then `unmark()`, not
 * timed. Median of `runs`; only one run if the first takes longer than `slowMs`. A run that passes
 * `budgetMs` stops after the alias in progress and is extrapolated to all aliases (`estimated`).
 */
export function naiveMark(runs = 3, slowMs = 3_000, budgetMs = 30_000): { ms: number; runs: number[]; marks: number; estimated: boolean } {
  const times: number[] = [];
  let marks = 0;
  let estimated = false;
  const all = aliases();
  for (let i = 0; i < runs; i++) {
    let count = 0;
    let done = 0;
    const t0 = performance.now();
    for (const alias of all) {
      if (performance.now() - t0 > budgetMs) break;
      done++;
      new Mark(document.body).mark(alias, {
        separateWordSearch: false,
        acrossElements: true,
        wildcards: alias.includes('*') ? 'enabled' : 'disabled',
        accuracy: { value: 'exactly', limiters: LIMITERS },
        exclude: EXCLUDE,
        done: (n: number) => {
          count += n;
        },
      });
    }
    let ms = performance.now() - t0;
    if (done < all.length) {
      ms = (ms * all.length) / done;
      estimated = true;
    }
    times.push(ms);
    marks = count;
    new Mark(document.body).unmark();
    if (ms > slowMs) break;
  }
  return { ms: median(times), runs: times, marks, estimated };
}

/** The page's publication day and whether the shipped pack would skip it as "before events". */
export function meta(): { publishedAt: string | null; beforeEvents: boolean; lang: string } {
  const m = readPageMeta(document);
  const begins = compiled.topics.map((t) => t.eventsBegin);
  const beforeEvents = !!m.publishedAt && begins.every((b) => !!b && m.publishedAt! < b);
  return { publishedAt: m.publishedAt ?? null, beforeEvents, lang: m.lang };
}

const api = { floor, preScan, naiveMark, aliases, meta, median };
export type BenchApi = typeof api;
(window as unknown as { __factlightBench: BenchApi }).__factlightBench = api;
