/**
 * Decides whether a candidate mention is about the topic's events, and says why. Pure: it sees only
 * the evidence gathered around the candidate (see docs/decisions/002-matcher-context-rules.md).
 *
 * The idea: an alias ("ceasefire", "red line", "Jeddah") is common in other stories, so a mention
 * counts only when words of *this* story (anchors: Ukraine, Zelenskyy, Kremlin...) outweigh words of
 * another story (exclusions: Gaza, Grand Prix, Sudan, chart...) near it, or, when nothing nearby
 * decides, in the article as a whole. Nearer words weigh more, so "unlike the Gaza ceasefire" next to
 * a Zelenskyy quote still reads as Gaza.
 */
import type { CompiledTopic, CompiledTopics } from './compile';
import type { Candidate, ContextHit } from './find';

/**
 * Why a mention was accepted or rejected: a code and its data (terms, dates), never prose, so the
 * popover can put it in the reader's language. Codes:
 * - `alias` [alias, text as found]
 * - `anchors-nearby` [anchor terms near the mention]
 * - `anchors-in-article` [anchor terms in the article body]
 * - `published-after` [publishedAt, eventsBegin]
 * - rejections: `published-before` [publishedAt, eventsBegin], `other-story-phrase` [term],
 *   `other-story-nearby` [terms], `other-story-in-article` [terms], `earlier-year-nearby` [year],
 *   `no-anchors` [], `outside-article` []
 * - `alias-only` [] (accepted: the topic has no context words, so its alias alone decides)
 */
export interface MatchReason {
  code:
    | 'alias'
    | 'anchors-nearby'
    | 'anchors-in-article'
    | 'published-after'
    | 'published-before'
    | 'other-story-phrase'
    | 'other-story-nearby'
    | 'other-story-in-article'
    | 'earlier-year-nearby'
    | 'no-anchors'
    | 'alias-only'
    | 'outside-article'
    | (string & {});
  detail: string[];
}

/** A year mentioned as the time of something ("in May 2023", "у 2019 році"). */
export interface YearHit {
  year: number;
  start: number;
  end: number;
}

/** What the classifier knows about a candidate's surroundings. */
export interface Evidence {
  /** Context hits in the candidate's own segment (offsets in that segment's text). */
  sameSegment: readonly ContextHit[];
  /** Context hits in the segments just before and after it. */
  neighbours: readonly ContextHit[];
  /** Years named as a time in the candidate's own segment. */
  years?: readonly YearHit[];
  /** The candidate's segment text, to tell which context words share its sentence. */
  segmentText?: string;
  /** Context-term counts over the article body (index = term), when known. */
  article?: Int32Array;
  /** The article's publication day, YYYY-MM-DD, when known. */
  publishedAt?: string;
}

/** The verdict on one candidate. */
export interface Decision {
  accepted: boolean;
  reasons: MatchReason[];
}

/** Weight of a context word `gap` characters away in the same segment: 3 when adjacent, towards 1 far off. */
function nearWeight(gap: number): number {
  return 1 + 2 / (1 + gap / 30);
}
const NEIGHBOUR_WEIGHT = 0.5;
/** Distance within which a past year ("in 2023") in the same sentence dates the mention to another time. */
const YEAR_REACH = 120;
/** A context word in another sentence of the paragraph counts for this much of its weight. */
const OTHER_SENTENCE = 0.6;
/** A sentence end: . ! ? … followed by space and a capital letter, digit or quote. */
const SENTENCE_END = /[.!?…]["»”’)]*\s+["«“(]*[\p{Lu}\p{N}]/u;
/**
 * A past year weighs double an exclusion word: "In August 2023, Jeddah hosted talks on Zelenskyy's
 * peace formula" names this story's people but another time. Two anchors close by still outweigh it
 * ("land Russia seized in 2014 is a red line for Kyiv").
 */
const YEAR_WEIGHT = 2;
/** Local evidence a mention needs to stand inside an article about another story. */
const STRONG_LOCAL = 3;
/** Minimum anchor occurrences and distinct anchors for the article body alone to carry a mention. */
const ARTICLE_MIN_HITS = 3;
const ARTICLE_MIN_DISTINCT = 2;

function gapBetween(c: Candidate, h: { start: number; end: number }): number {
  if (h.end <= c.start) return c.start - h.end;
  if (h.start >= c.end) return h.start - c.end;
  return 0;
}

interface Side {
  score: number;
  terms: Map<number, number>;
}

function sameSentence(text: string | undefined, c: Candidate, h: { start: number; end: number }): boolean {
  if (!text) return true;
  const between = h.end <= c.start ? text.slice(h.end, c.start) : text.slice(c.end, h.start);
  return !SENTENCE_END.test(between);
}

function weigh(compiled: CompiledTopics, topic: CompiledTopic, c: Candidate, ev: Evidence) {
  const anchors: Side = { score: 0, terms: new Map() };
  const excludes: Side = { score: 0, terms: new Map() };
  // Where two terms match the same words ("Zelenskyy" for `Zelensky*` and another language's
  // `Zelensk*`), the words count once: a pack that speaks several languages must not weigh more.
  const seen = new Set<string>();
  // (Neighbours' hits are keyed apart from the mention's own segment's; two neighbours with the same
  // role at the very same offsets would count once, which costs at most one word of evidence.)
  const add = (hit: ContextHit, weight: number, where: 'own' | 'next') => {
    const role = compiled.terms[hit.term]!.roles[topic.index];
    if (!role) return;
    const span = `${where}:${role}:${hit.start}:${hit.end}`;
    if (seen.has(span)) return;
    seen.add(span);
    const side = role === 'anchor' ? anchors : excludes;
    // Distinct terms count once, at their nearest: "Ukraine ... Ukraine ... Ukraine" is one word of evidence.
    side.terms.set(hit.term, Math.max(side.terms.get(hit.term) ?? 0, weight));
  };
  for (const h of ev.sameSegment) add(h, nearWeight(gapBetween(c, h)) * (sameSentence(ev.segmentText, c, h) ? 1 : OTHER_SENTENCE), 'own');
  // Anchors in the mention's own paragraph, before neighbours add theirs.
  const ownAnchors = anchors.terms.size;
  for (const h of ev.neighbours) add(h, NEIGHBOUR_WEIGHT, 'next');
  // A year before the topic's events, named as the time of something ("in May 2023"), weighs like an
  // exclusion: it places the mention in another time (the 2023 Jeddah summit, a 2019 truce).
  let pastYear: YearHit | undefined;
  let pastWeight = 0;
  const beginYear = topic.eventsBegin ? Number(topic.eventsBegin.slice(0, 4)) : undefined;
  for (const y of ev.years ?? []) {
    if (beginYear === undefined || y.year >= beginYear) continue;
    const gap = gapBetween(c, y);
    if (gap > YEAR_REACH || !sameSentence(ev.segmentText, c, y)) continue;
    const w = YEAR_WEIGHT * nearWeight(gap);
    if (w > pastWeight) [pastWeight, pastYear] = [w, y];
  }
  for (const side of [anchors, excludes]) for (const w of side.terms.values()) side.score += w;
  excludes.score += pastWeight;
  return { anchors, excludes, pastYear, ownAnchors };
}

function articleLean(compiled: CompiledTopics, topic: CompiledTopic, counts: Int32Array | undefined) {
  const anchorTerms: string[] = [];
  const excludeTerms: string[] = [];
  let anchorHits = 0;
  let excludeHits = 0;
  if (counts) {
    compiled.terms.forEach((t, i) => {
      const n = counts[i] ?? 0;
      if (!n) return;
      const role = t.roles[topic.index];
      if (role === 'anchor') {
        anchorHits += n;
        anchorTerms.push(t.term);
      } else if (role === 'exclude') {
        excludeHits += n;
        excludeTerms.push(t.term);
      }
    });
  }
  // An exclusion counts double: a Gaza story names Russia in passing far more often than a Ukraine
  // story names Gaza, so the article must lean clearly towards this story.
  return { anchorHits, excludeHits, anchorTerms, excludeTerms, lean: anchorHits - 2 * excludeHits };
}

const termNames = (compiled: CompiledTopics, side: Side) => [...side.terms.keys()].map((i) => compiled.terms[i]!.term);

/**
 * Judges one candidate of topic `compiled.topics[c.topicIndex]`. The first reason of every decision
 * is `alias`; the last one says what decided.
 */
export function classifyCandidate(c: Candidate, compiled: CompiledTopics, ev: Evidence, alias: string): Decision {
  const topic = compiled.topics[c.topicIndex]!;
  const reasons: MatchReason[] = [{ code: 'alias', detail: [alias, c.text] }];
  const reject = (code: MatchReason['code'], detail: string[] = []): Decision => ({
    accepted: false,
    reasons: [...reasons, { code, detail }],
  });

  if (ev.publishedAt && topic.eventsBegin) {
    if (ev.publishedAt < topic.eventsBegin) return reject('published-before', [ev.publishedAt, topic.eventsBegin]);
    reasons.push({ code: 'published-after', detail: [ev.publishedAt, topic.eventsBegin] });
  }

  // An exclusion that contains the mention itself ("Jeddah Tower", "Red Line train") settles it.
  const phrase = ev.sameSegment.find(
    (h) => compiled.terms[h.term]!.roles[topic.index] === 'exclude' && h.start < c.end && h.end > c.start,
  );
  if (phrase) return reject('other-story-phrase', [compiled.terms[phrase.term]!.term]);

  const { anchors, excludes, pastYear, ownAnchors } = weigh(compiled, topic, c, ev);
  const local = anchors.score - excludes.score;
  if (local < 0) {
    if (pastYear && excludes.terms.size === 0) return reject('earlier-year-nearby', [String(pastYear.year)]);
    return reject('other-story-nearby', [...termNames(compiled, excludes), ...(pastYear ? [String(pastYear.year)] : [])]);
  }

  // A topic with no context words (a phrase the reader tracks, a pack that asks for none) has
  // nothing to weigh: its alias is the whole rule, minus the date and exclusion checks above.
  if (!topic.anchored || topic.requireAnchors === 0) {
    return { accepted: true, reasons: [...reasons, { code: 'alias-only', detail: [] }] };
  }

  const article = articleLean(compiled, topic, ev.article);
  const nearDistinct = anchors.terms.size;
  if (article.lean < 0) {
    // The article is another story: only a mention whose own paragraph names this story twice over
    // survives ("Trump also discussed a ceasefire in Ukraine with Putin" inside a Gaza report).
    if (ownAnchors >= 2 && local >= STRONG_LOCAL) return { accepted: true, reasons: [...reasons, { code: 'anchors-nearby', detail: termNames(compiled, anchors) }] };
    return reject('other-story-in-article', article.excludeTerms);
  }
  if (local > 0 && nearDistinct >= topic.requireAnchors) {
    return { accepted: true, reasons: [...reasons, { code: 'anchors-nearby', detail: termNames(compiled, anchors) }] };
  }
  if (
    article.anchorTerms.length >= Math.max(ARTICLE_MIN_DISTINCT, topic.requireAnchors) &&
    article.anchorHits >= ARTICLE_MIN_HITS &&
    article.lean > 0
  ) {
    return { accepted: true, reasons: [...reasons, { code: 'anchors-in-article', detail: article.anchorTerms }] };
  }
  return reject('no-anchors');
}
