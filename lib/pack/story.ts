/**
 * What a popover shows of a topic's story, given when the article was written: the reader's real
 * question is what happened before this article, and what has happened since. Pure, so the rule is
 * tested without a browser; the popover only renders what this returns.
 */
import type { Quote, TimelineEntry } from './schema';

/** How many entries of each kind a popover shows: a glance, not the whole story. */
export const STORY_LIMITS = { since: 3, before: 3, latest: 4, quotes: 2 } as const;

/** The slice of a topic's story a popover shows. */
export type StoryView =
  | {
      /** The article is dated and the topic has moved on since. */
      kind: 'since';
      published: string;
      /** Every entry after the article's date (for the count). */
      sinceCount: number;
      /** The newest entries after the article's date, newest first. */
      since: TimelineEntry[];
      /** The last entries up to the article's date, oldest first: what led up to it. */
      before: TimelineEntry[];
    }
  | {
      /** The article is dated and nothing in the context is later than it. */
      kind: 'up-to';
      published: string;
      /** The last entries up to the article's date, oldest first. */
      before: TimelineEntry[];
    }
  | {
      /** No date for the article: the latest entries, newest first. */
      kind: 'latest';
      latest: TimelineEntry[];
    };

const byDate = <T extends { date: string }>(list: readonly T[]): T[] => [...list].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));

/**
 * The entries to show for an article published on `published` (YYYY-MM-DD, or undefined when the
 * page gives no date). An entry dated the same day as the article counts as before it: an article
 * of 11 March about the Jeddah talks already knows what happened that day.
 */
export function storyAround(timeline: readonly TimelineEntry[], published: string | undefined, limits = STORY_LIMITS): StoryView {
  const sorted = byDate(timeline);
  const day = published?.slice(0, 10);
  if (!day) return { kind: 'latest', latest: sorted.slice(-limits.latest).reverse() };
  const cut = sorted.findIndex((entry) => entry.date > day);
  const upTo = cut === -1 ? sorted : sorted.slice(0, cut);
  const after = cut === -1 ? [] : sorted.slice(cut);
  if (!after.length) return { kind: 'up-to', published: day, before: upTo.slice(-limits.latest) };
  return {
    kind: 'since',
    published: day,
    sinceCount: after.length,
    since: after.slice(-limits.since).reverse(),
    before: upTo.slice(-limits.before),
  };
}

/**
 * The quotes to show beside that story, newest first: for a dated article, those said after it
 * first (what changed), then the latest said before it; undated, simply the latest.
 */
export function quotesAround(quotes: readonly Quote[], published: string | undefined, limit: number = STORY_LIMITS.quotes): Quote[] {
  const newestFirst = byDate(quotes).reverse();
  const day = published?.slice(0, 10);
  if (!day) return newestFirst.slice(0, limit);
  const after = newestFirst.filter((q) => q.date > day);
  const before = newestFirst.filter((q) => q.date <= day);
  return [...after, ...before].slice(0, limit);
}
