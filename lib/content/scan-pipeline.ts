/**
 * The scan of a page (or of the parts a page changed): read its text a segment at a time in idle
 * slices, keep the segments holding an alias and their neighbours, judge them, and hand the
 * accepted mentions to the painter. Nothing here writes to the page.
 *
 * The mentions are judged and painted in batches while the reading goes on: the first as soon as
 * the start of the article (its sample, which every judgement weighs) has been read, so the first
 * screen is painted within a few slices of the page going idle however long the page is; then every
 * {@link FLUSH_EVERY} candidate segments; then the rest when the reading ends.
 */
import {
  analyzeSegments,
  ArticleSampler,
  hasArticleCounts,
  primeArticleCounts,
  type ArticleContext,
  type FoundMention,
} from '../analyze';
import type { MatchReason } from '../matcher/classify';
import type { CompiledTopics } from '../matcher/compile';
import { countContextTerms, findCandidates } from '../matcher/find';
import { iterateSegments, withoutNodes, type TextSegment } from '../dom/segments';
import { runChunked, runSteps } from '../dom/schedule';
import { ColdBlocks } from '../dom/cold-blocks';
import type { PaintRange } from '../dom/painter';
import type { Settings } from '../settings/schema';
import { highlightChooser } from './sections';
import type { Tracked } from './popover-interaction';

/** Mentions painted per work item: an item is a few milliseconds at most. */
const PAINT_PER_ITEM = 40;
/** Sampled article segments whose context words are counted per work item. */
const COUNT_PER_ITEM = 25;
/**
 * Segments read per step of the reading loop: the clock is checked between steps, and checking it
 * (and the idle deadline) after every short paragraph cost more than reading the paragraph.
 */
const SEGMENTS_PER_STEP = 32;
/**
 * Windows of cold siblings passed over per step (see `ColdBlocks`), about a millisecond: each block
 * read past the article's sample may come after a long cold stretch, so 32 of them in a step made
 * steps of 15 ms and slices of twice their budget on the 10 MB page.
 */
const WINDOWS_PER_STEP = 64;
/** Segments with an alias judged per work item (judging looks at neighbours and the article). */
const JUDGE_PER_ITEM = 10;
/** After the first batch, candidate segments read before the next batch is judged and painted. */
export const FLUSH_EVERY = 400;
/**
 * Slice budget. Reading never writes, and neither does painting (the Highlight API), so slices
 * cost nothing more than their own time; the budget leaves room under the 50 ms long-task
 * threshold for the last step past it and a garbage collection that lands in the slice (up to
 * 25-30 ms on the 10 MB page, whose 500,000 nodes the collector traces).
 */
const BUDGET_MS = 12;

/** One scan's inputs and outlets. */
export interface ScanJob {
  roots: readonly Node[];
  compiled: CompiledTopics;
  article: ArticleContext;
  highlightMode: Settings['highlightMode'];
  /**
   * A full read of the page (not a rescan of changed parts): it keeps the start of the article's
   * text for the article's context counts (`sampled`), and passes over long stretches that cannot
   * hold a mention.
   */
  full: boolean;
  /** The article sample lent by the top page, in an embedded frame. */
  inheritedSample: readonly string[];
  /** The article sample of the last full read (what a rescan counts with). */
  sample(): readonly string[];
  signal: AbortSignal;
  /** False once a newer scan started: this one then stops where it is. */
  isCurrent(): boolean;
  onShadowRoot(root: ShadowRoot): void;
  onSlice(phase: string, ms: number): void;
  /** A new mention id. */
  newId(): string;
  /** The accessible name of a painted mention. */
  labelOf(mention: FoundMention): string;
  /** The full read's article sample, once it is complete. */
  sampled(texts: string[]): void;
  /** Mentions judged (in reading order within the batch), with those chosen for painting. */
  found(tracked: Tracked[], ranges: PaintRange[]): void;
}

/** Runs one scan to its end, or until `job.isCurrent()` turns false. */
export async function runScan(job: ScanJob): Promise<void> {
  const { compiled, article, signal } = job;
  const onSlice = (phase: string) => (ms: number) => job.onSlice(phase, ms);
  const sampler = job.full ? new ArticleSampler(article.roots) : null;
  let ordinal = 0;
  // Past the article's sample (so on pages far longer than any article), blocks whose text
  // cannot hold an alias, nor their neighbours' text, are skipped rather than read node by node;
  // a skipped block leaves a gap in the ordinals, so the blocks around it are not neighbours.
  const cold = sampler && new ColdBlocks(compiled, () => ordinal++);
  const skip = sampler && cold ? (el: Element) => sampler.full && cold.skip(el) : undefined;
  const readers = job.roots.map((root) => iterateSegments(root, { onShadowRoot: job.onShadowRoot, skip }));
  const kept: TextSegment[] = [];
  const withAlias: number[] = [];
  let previous: TextSegment | null = null;
  let previousKept = false;
  let keepNext = false;
  let reader = 0;
  let done = false;
  let judged = 0;
  let sampleSent = false;
  const plan = planner(job);
  /** Candidates whose neighbours have both been read: the last one waits for the segment after it. */
  const ready = () => withAlias.length - (keepNext ? 1 : 0);
  const flushDue = () => {
    if (!sampler || !sampler.full) return false;
    const waiting = ready() - judged;
    return waiting > 0 && (judged === 0 || waiting >= FLUSH_EVERY);
  };
  const step = () => {
    if (!job.isCurrent()) return false;
    const windowsBefore = cold ? cold.windowsRead : 0;
    for (let n = 0; n < SEGMENTS_PER_STEP && (!cold || cold.windowsRead - windowsBefore < WINDOWS_PER_STEP); n++) {
      const next = reader < readers.length ? readers[reader]!.next() : null;
      if (!next) {
        done = true;
        return false;
      }
      if (next.done) {
        reader++;
        continue;
      }
      const segment = next.value;
      segment.ordinal = ordinal++;
      sampler?.add(segment);
      // Kept segments wait for their batch's judgement, and mentions keep theirs: without their
      // text nodes, which stay found again from their blocks (see `withoutNodes`).
      if (findCandidates(segment.text, compiled).length) {
        if (previous && !previousKept) kept.push(withoutNodes(previous));
        withAlias.push(kept.length);
        kept.push(withoutNodes(segment));
        previousKept = keepNext = true;
      } else {
        if (keepNext) kept.push(withoutNodes(segment));
        previousKept = keepNext;
        keepNext = false;
      }
      previous = segment;
      if (flushDue()) return false;
    }
    return true;
  };
  try {
    for (;;) {
      await runSteps(step, { signal, budgetMs: BUDGET_MS, onSlice: onSlice('read') });
      if (!job.isCurrent()) return;
      if (sampler && !sampleSent && (sampler.full || done)) {
        sampleSent = true;
        job.sampled(job.inheritedSample.length ? [...sampler.texts, ...job.inheritedSample] : sampler.texts);
      }
      const upTo = done ? withAlias.length : ready();
      if (upTo > judged) {
        const batch = withAlias.slice(judged, upTo);
        judged = upTo;
        if (!(await judgeAndPaint(job, kept, batch, plan))) return;
      }
      if (done || signal.aborted) return;
    }
  } finally {
    // The skipper's Range must not stay in the page (see `ColdBlocks.release`).
    cold?.release();
  }
}

/** Judges the candidate segments `batch` (indexes into `kept`) and passes on what they mention. */
async function judgeAndPaint(job: ScanJob, kept: TextSegment[], batch: number[], plan: Planner): Promise<boolean> {
  const onSlice = (phase: string) => (ms: number) => job.onSlice(phase, ms);
  // Count the article's context words (once per scan) in slices, rather than all at once when
  // the first candidate is judged.
  await ensureArticleCounts(job, onSlice('count'));
  if (!job.isCurrent()) return false;
  const groups: number[][] = [];
  for (let i = 0; i < batch.length; i += JUDGE_PER_ITEM) groups.push(batch.slice(i, i + JUDGE_PER_ITEM));
  // Each group's mentions are chosen and labelled as they are judged: all at once after the last
  // group, it made a task of its own of 10-50 ms on the 10 MB page.
  const tracked: Tracked[] = [];
  const ranges: PaintRange[] = [];
  await runChunked(groups, (group) => {
    if (job.isCurrent()) for (const mention of analyzeSegments(kept, job.compiled, job.article, group)) plan(mention, tracked, ranges);
  }, { signal: job.signal, budgetMs: BUDGET_MS, onSlice: onSlice('judge') });
  if (!job.isCurrent()) return false;
  // Handed over in groups: each makes StaticRanges, a few milliseconds for a group.
  const paintGroups: PaintRange[][] = [];
  for (let i = 0; i < ranges.length; i += PAINT_PER_ITEM) paintGroups.push(ranges.slice(i, i + PAINT_PER_ITEM));
  let trackedFrom = 0;
  await runChunked(paintGroups.length ? paintGroups : [[]], (group) => {
    if (!job.isCurrent()) return;
    // The mentions up to the last one painted in this group go with it, so the list and the
    // painting never disagree for long.
    const lastId = group.at(-1)?.id;
    let to = trackedFrom;
    if (lastId === undefined) to = tracked.length;
    else while (to < tracked.length && tracked[to++]!.id !== lastId);
    job.found(tracked.slice(trackedFrom, to), group);
    trackedFrom = to;
  }, { signal: job.signal, budgetMs: BUDGET_MS, onSlice: onSlice('paint') });
  if (!job.isCurrent()) return false;
  if (trackedFrom < tracked.length) job.found(tracked.slice(trackedFrom), []);
  return true;
}

type Planner = (mention: FoundMention, tracked: Tracked[], ranges: PaintRange[]) => void;

/**
 * A function to give each mention found, in reading order, an id (into `tracked`) and, if it is
 * one to paint, its range and label (into `ranges`). One per scan: the chooser remembers sections.
 */
function planner(job: ScanJob): Planner {
  const chosen = highlightChooser<FoundMention>(job.highlightMode);
  const reasons = reasonsInterner();
  return (mention, tracked, ranges) => {
    const id = job.newId();
    mention.reasons = reasons(mention.reasons);
    tracked.push({ mention, id });
    if (!chosen(mention)) return;
    ranges.push({ segment: mention.segment, start: mention.start, end: mention.end, topicId: mention.topicId, id, label: job.labelOf(mention) });
  };
}

/**
 * A function that gives back one shared copy of each list of reasons it is given. A page's mentions
 * are kept for as long as it is open, and most have the same reasons as many others (the same
 * phrase, the same date): on the 2 MB live blog, 4,842 lists of three or four reasons, each with its
 * details, were 45,000 small objects that every later garbage collection of the page went through.
 */
export function reasonsInterner(): (reasons: MatchReason[]) => MatchReason[] {
  const shared = new Map<string, MatchReason[]>();
  return (reasons) => {
    const key = reasons.map((r) => `${r.code}\u0001${r.detail.join('\u0002')}`).join('\u0003');
    const known = shared.get(key);
    if (known) return known;
    shared.set(key, reasons);
    return reasons;
  };
}

/** Count the context words of the article's sample, in slices, unless this scan already did. */
async function ensureArticleCounts(job: ScanJob, onSlice: (ms: number) => void): Promise<void> {
  const { compiled, article } = job;
  if (hasArticleCounts(article, compiled)) return;
  const counts = new Int32Array(compiled.terms.length);
  const texts = job.sample();
  const groups: string[][] = [];
  for (let i = 0; i < texts.length; i += COUNT_PER_ITEM) groups.push(texts.slice(i, i + COUNT_PER_ITEM));
  await runChunked(groups, (group) => {
    if (!job.isCurrent()) return;
    for (const text of group) countContextTerms(text, compiled, counts);
  }, { signal: job.signal, budgetMs: BUDGET_MS, onSlice });
  if (job.isCurrent()) primeArticleCounts(article, compiled, counts);
}
