/**
 * The pipeline the content script calls: read the page (date, language, article roots), find alias
 * candidates in text segments, and keep those that are about the topics' events, each with its
 * reasons. Built so that a page without any candidate costs one regex pass over its text: article-
 * level context is only counted once a candidate turns up.
 */
import { collectSegments, iterateSegments, type TextSegment } from './dom/segments';
import { aliasOf, compileTopics, type CompiledTopics } from './matcher/compile';
import { classifyCandidate, type Decision, type MatchReason } from './matcher/classify';
import { countContextTerms, findCandidates, findContextHits, findTimeYears, type Candidate, type ContextHit } from './matcher/find';
import { findArticleRoots, isInArticle } from './page/roots';
import { readPageMeta, rootsSample } from './page/meta';
import { articleLanguage, pageLanguages } from './page/lang';
import { topicForLanguages } from './matcher/languages';
import type { LeanTopic } from './pack/lean';

export { compileTopics, type CompiledTopics, type MatchReason };

/** A mention accepted as being about a topic's events, located in its segment. */
export interface FoundMention {
  topicId: string;
  segment: TextSegment;
  /** Offsets into `segment.text` (the original text, soft hyphens and all). */
  start: number;
  end: number;
  text: string;
  reasons: MatchReason[];
}

/** A candidate with its verdict, accepted or not: for tests, the evaluation and debugging. */
export interface JudgedCandidate extends Omit<FoundMention, 'reasons'>, Decision {}

/** What the analysis knows about the page as a whole. */
export interface ArticleContext {
  lang: string;
  publishedAt?: string;
  isNews: boolean;
  /** Elements holding the article (see `findArticleRoots`); empty means "the whole page is the article". */
  roots: Element[];
  /**
   * The start of the article's text (segments of the roots outside rails, up to
   * {@link ARTICLE_SAMPLE_CHARS}), for article-level context.
   */
  articleText: string;
}

/**
 * Context-term counts over an article, computed on the first candidate and kept per context and
 * compiled pack (term indexes differ between packs).
 */
const articleCounts = new WeakMap<ArticleContext, WeakMap<CompiledTopics, Int32Array>>();

function countsFor(ctx: ArticleContext, compiled: CompiledTopics): Int32Array {
  let byPack = articleCounts.get(ctx);
  if (!byPack) articleCounts.set(ctx, (byPack = new WeakMap()));
  let counts = byPack.get(compiled);
  if (!counts) {
    counts = countContextTerms(ctx.articleText, compiled);
    byPack.set(compiled, counts);
  }
  return counts;
}

/**
 * Hand the analysis the article's context-term counts, computed by the caller in idle slices
 * (summed segment by segment with {@link findContextHits}), so judging the first candidate does not
 * count a long article in one long task.
 */
export function primeArticleCounts(ctx: ArticleContext, compiled: CompiledTopics, counts: Int32Array): void {
  let byPack = articleCounts.get(ctx);
  if (!byPack) articleCounts.set(ctx, (byPack = new WeakMap()));
  byPack.set(compiled, counts);
}

/** True when the article's context-term counts for `compiled` are known (primed or computed). */
export function hasArticleCounts(ctx: ArticleContext, compiled: CompiledTopics): boolean {
  return articleCounts.get(ctx)?.has(compiled) ?? false;
}

/**
 * How much of the article's text its context-word counts read: the first 200,000 characters, about
 * 30,000 words. Every real article fits (long reads and live blogs run to 100,000); beyond it a
 * "page" is an archive or an endless feed, whose opening says what it is about as well as its
 * whole, and counting all of a 10 MB page cost seconds.
 */
export const ARTICLE_SAMPLE_CHARS = 200_000;

/**
 * Collects the article's text for its context counts as segments are read, in document order:
 * segments inside the article roots and outside rails, until {@link ARTICLE_SAMPLE_CHARS}. Keeps
 * strings only, never nodes.
 */
export class ArticleSampler {
  readonly texts: string[] = [];
  private chars = 0;
  private readonly sizes = new Map<Element, number>();

  /** @param roots the article's roots; empty means the whole page is the article. */
  constructor(private readonly roots: readonly Element[]) {}

  /** True once the sample holds {@link ARTICLE_SAMPLE_CHARS}. */
  get full(): boolean {
    return this.chars >= ARTICLE_SAMPLE_CHARS;
  }

  /** Takes `segment`'s text if it is article text and the sample is not full yet. */
  add(segment: TextSegment): void {
    if (this.full) return;
    if (this.roots.length && !isInArticle(segment.block, this.roots, this.sizes)) return;
    this.texts.push(segment.text);
    this.chars += segment.text.length;
  }
}

/** The article's sample, read from its roots. */
function articleSample(roots: readonly Element[]): string[] {
  const sampler = new ArticleSampler(roots);
  for (const root of roots) {
    for (const segment of iterateSegments(root)) {
      sampler.add(segment);
      if (sampler.full) return sampler.texts;
    }
  }
  return sampler.texts;
}

/**
 * Reads `doc` once for everything the analysis needs about the page: DOM queries, no matching.
 * `articleText` is read from the page on first use (a getter, remembered), because a page without
 * any candidate never needs it. `compiled` is accepted so callers keep one signature should page
 * reading ever depend on the pack.
 */
export function buildArticleContext(
  doc: Document,
  _compiled?: CompiledTopics,
  options: { sample?: () => readonly string[]; roots?: Element[] } = {},
): ArticleContext {
  const meta = readPageMeta(doc);
  const roots = options.roots ?? findArticleRoots(doc);
  let text: string | undefined;
  const ctx = {
    // The article's own text, when its roots are known, says its language better than the template.
    lang: roots.length && roots[0] !== doc.body ? articleLanguage(meta.lang, rootsSample(roots)) : meta.lang,
    ...(meta.publishedAt && { publishedAt: meta.publishedAt }),
    isNews: meta.isNews,
    roots,
  } as ArticleContext;
  Object.defineProperty(ctx, 'articleText', {
    enumerable: true,
    // A caller that has already read the page (the content script) lends its sample, so the
    // page is not walked a second time.
    get: () => (text ??= (options.sample ? options.sample() : articleSample(roots)).join('\n')),
  });
  return ctx;
}

/**
 * `topics` with the terms a page in `doc`'s languages needs, as the content script compiles them:
 * the carried languages (en, uk, ru) and every language the page's markup or text uses.
 */
export function topicsForPage<T extends LeanTopic>(doc: Document, topics: readonly T[]): T[] {
  const languages = pageLanguages(doc);
  return topics.map((topic) => topicForLanguages(topic, languages));
}

/** Segments side by side in a list are neighbours on the page, unless their ordinals say they are not. */
function adjacent(a: TextSegment, b: TextSegment): boolean {
  return a.ordinal === undefined || b.ordinal === undefined || Math.abs(a.ordinal - b.ordinal) === 1;
}

const HEADING = /^h[1-6]$/;
/** True when `segment` is a heading (h1-h6), which opens the section after it. */
const isHeading = (segment: TextSegment) => HEADING.test(segment.block.localName);

/**
 * True when segments `a` and `b`, side by side, are in the same section. A heading opens a new
 * section, so it lends its context to what follows it, not to the paragraph before it: in a live
 * blog the heading after a post ("20:50 Israel") is the title of the next, unrelated post.
 */
const sameSection = (segments: readonly TextSegment[], a: number, b: number) => !isHeading(segments[Math.max(a, b)]!);

function segmentInArticle(segment: TextSegment, ctx: ArticleContext): boolean {
  return ctx.roots.length === 0 || isInArticle(segment.block, ctx.roots);
}

/**
 * Every candidate in `segments` with its verdict, in document order. `segments` should be in
 * document order; the segments just before and after a candidate's segment lend it context.
 * `only` limits the judging to those indexes (ascending), e.g. the segments a first, cheap pass
 * found candidates in; the others still serve as neighbours.
 */
export function judgeSegments(
  segments: readonly TextSegment[],
  compiled: CompiledTopics,
  ctx: ArticleContext,
  only?: readonly number[],
): JudgedCandidate[] {
  const out: JudgedCandidate[] = [];
  const hitsCache = new Map<number, ContextHit[]>();
  const hitsOf = (i: number) => {
    let hits = hitsCache.get(i);
    if (!hits) {
      const seg = segments[i];
      hits = seg ? findContextHits(seg.text, compiled) : [];
      hitsCache.set(i, hits);
    }
    return hits;
  };

  const judge = (segment: TextSegment, i: number) => {
    const candidates = findCandidates(segment.text, compiled);
    if (!candidates.length) return;
    const inArticle = segmentInArticle(segment, ctx);
    const years = findTimeYears(segment.text);
    for (const c of candidates) {
      const topic = compiled.topics[c.topicIndex]!;
      const alias = aliasOf(topic, c.text);
      const decision: Decision = inArticle
        ? classifyCandidate(c, compiled, evidence(i, c, years), alias)
        : { accepted: false, reasons: [{ code: 'alias', detail: [alias, c.text] }, { code: 'outside-article', detail: [] }] };
      out.push({ topicId: topic.id, segment, start: c.start, end: c.end, text: c.text, ...decision });
    }
  };
  if (only) for (const i of only) judge(segments[i]!, i);
  else segments.forEach(judge);
  return out;

  function evidence(i: number, _c: Candidate, years: ReturnType<typeof findTimeYears>) {
    const neighbours = [i - 1, i + 1]
      .filter(
        (j) =>
          j >= 0 &&
          j < segments.length &&
          adjacent(segments[i]!, segments[j]!) &&
          sameSection(segments, i, j) &&
          segmentInArticle(segments[j]!, ctx),
      )
      .flatMap(hitsOf);
    return {
      sameSegment: hitsOf(i),
      neighbours,
      years,
      segmentText: segments[i]!.text,
      article: countsFor(ctx, compiled),
      ...(ctx.publishedAt && { publishedAt: ctx.publishedAt }),
    };
  }
}

/**
 * The accepted mentions in `segments`, in document order. Cheap per segment, so the content script
 * can re-run it on just the segments a page adds (infinite scroll, live blogs).
 */
export function analyzeSegments(
  segments: readonly TextSegment[],
  compiled: CompiledTopics,
  ctx: ArticleContext,
  only?: readonly number[],
): FoundMention[] {
  return judgeSegments(segments, compiled, ctx, only)
    .filter((j) => j.accepted)
    .map(({ topicId, segment, start, end, text, reasons }) => ({ topicId, segment, start, end, text, reasons }));
}

/** True when the article was published before every topic's events began (status "before-events"). */
export function isBeforeEvents(ctx: ArticleContext, compiled: CompiledTopics): boolean {
  if (!ctx.publishedAt) return false;
  const begins = compiled.topics.map((t) => t.eventsBegin);
  if (begins.some((b) => !b)) return false;
  return begins.every((b) => ctx.publishedAt! < b!);
}

/** Analyses a whole document: its context, the accepted mentions, and whether it predates the events. */
export function analyzeDocument(
  doc: Document,
  compiled: CompiledTopics,
): { ctx: ArticleContext; mentions: FoundMention[]; beforeEvents: boolean } {
  const ctx = buildArticleContext(doc, compiled);
  const segments = doc.body ? collectSegments(doc.body) : [];
  return { ctx, mentions: analyzeSegments(segments, compiled, ctx), beforeEvents: isBeforeEvents(ctx, compiled) };
}
