/**
 * The content script keeps a lean copy of the shipped topics: everything matching and the first
 * lines of a popover need, without the timelines and quotes, which are most of the pack and are
 * read only when a reader opens a popover. The background holds the full pack and answers for
 * them (`topic-details`). See docs/decisions/010-popover-details-from-the-background.md.
 */
import type { Topic } from './schema';

/** The parts of a topic the content script asks the background for. */
export type TopicDetails = Pick<Topic, 'timeline' | 'quotes'>;

/** `topic` without its details. */
export function leanTopic(topic: Topic): Topic {
  const { timeline: _timeline, quotes: _quotes, ...lean } = topic;
  return lean;
}

/** `topic`'s details: its timeline and quotes, where it has them. */
export function detailsOf(topic: Topic): TopicDetails {
  return {
    ...(topic.timeline && { timeline: topic.timeline }),
    ...(topic.quotes && { quotes: topic.quotes }),
  };
}

/**
 * The details of those of `topics` whose id is in `topicIds` (anything else in `topicIds` is
 * ignored: the list comes in a message).
 */
export function detailsFor(topics: readonly Topic[], topicIds: unknown): Record<string, TopicDetails> {
  const wanted = new Set(Array.isArray(topicIds) ? topicIds.filter((id): id is string => typeof id === 'string') : []);
  return Object.fromEntries(topics.filter((topic) => wanted.has(topic.id)).map((topic) => [topic.id, detailsOf(topic)]));
}
