/**
 * The content script keeps a lean copy of the shipped topics: everything matching and the first
 * lines of a popover need, without the timelines, quotes and people, which are most of the pack and are
 * read only when a reader opens a popover. The background holds the full pack and answers for
 * them (`topic-details`). See docs/decisions/010-popover-details-from-the-background.md.
 */
import type { Topic } from './schema';
import { topicForLanguages } from '../matcher/languages';

/** The parts of a topic only an open popover needs. */
type DetailKey = 'summary' | 'timeline' | 'quotes' | 'people';

/** The parts of a topic the content script asks the background for. */
export type TopicDetails = Partial<Pick<Topic, DetailKey>>;

/**
 * A topic as the content script holds it: everything matching and the popup need. A shipped topic
 * comes without its details; a reader's own topic, read from storage, may still carry them.
 */
export type LeanTopic = Omit<Topic, DetailKey> & TopicDetails;

/**
 * `topic` without its details, and with the terms (aliases, per-language anchors and exclusions) of
 * the carried languages only (en, uk, ru): a page in another language gets that language's terms
 * from the background (`topic-terms`, lib/matcher/languages.ts).
 */
export function leanTopic(topic: Topic): LeanTopic {
  const { summary: _summary, timeline: _timeline, quotes: _quotes, people: _people, ...lean } = topicForLanguages(topic, new Set());
  if (lean.context?.languages && !Object.keys(lean.context.languages).length) {
    const { languages: _languages, ...context } = lean.context;
    return { ...lean, context };
  }
  return lean;
}

/** `topic`'s details: its summary, and its timeline, quotes and people where it has them. */
export function detailsOf(topic: LeanTopic): TopicDetails {
  return {
    ...(topic.summary && { summary: topic.summary }),
    ...(topic.timeline && { timeline: topic.timeline }),
    ...(topic.quotes && { quotes: topic.quotes }),
    ...(topic.people && { people: topic.people }),
  };
}

/**
 * The details of those of `topics` whose id is in `topicIds` (anything else in `topicIds` is
 * ignored: the list comes in a message).
 */
export function detailsFor(topics: readonly LeanTopic[], topicIds: unknown): Record<string, TopicDetails> {
  const wanted = new Set(Array.isArray(topicIds) ? topicIds.filter((id): id is string => typeof id === 'string') : []);
  return Object.fromEntries(topics.filter((topic) => wanted.has(topic.id)).map((topic) => [topic.id, detailsOf(topic)]));
}
