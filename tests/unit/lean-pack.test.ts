import { describe, expect, it } from 'vitest';
import leanTopics from 'virtual:factlight/lean-topics';
import { SHIPPED_PACK } from '../../data/shipped-pack';
import { detailsFor, detailsOf, leanTopic } from '../../lib/pack/lean';

describe('the lean topics the content script carries', () => {
  it('are the shipped topics, in order, without their summaries, timelines, quotes and people', () => {
    expect(leanTopics.map((topic) => topic.id)).toEqual(SHIPPED_PACK.topics.map((topic) => topic.id));
    for (const topic of leanTopics) {
      for (const detail of ['summary', 'timeline', 'quotes', 'people']) expect(topic).not.toHaveProperty(detail);
    }
    expect(leanTopics).toEqual(SHIPPED_PACK.topics.map(leanTopic));
  });

  it('with the details the background sends, are whole again', () => {
    const details = detailsFor(SHIPPED_PACK.topics, SHIPPED_PACK.topics.map((topic) => topic.id));
    expect(leanTopics.map((topic) => ({ ...topic, ...details[topic.id] }))).toEqual(SHIPPED_PACK.topics);
    // Every shipped topic has them all; a popover without them would be a regression.
    for (const topic of SHIPPED_PACK.topics) expect(Object.keys(detailsOf(topic)).sort()).toEqual(['people', 'quotes', 'summary', 'timeline']);
  });
});

describe('detailsFor (the background\'s answer)', () => {
  it('answers only for known ids, and ignores anything in the list that is not one', () => {
    const answer = detailsFor(SHIPPED_PACK.topics, ['ceasefire', 'nope', 42, null, { id: 'red-lines' }]);
    expect(Object.keys(answer)).toEqual(['ceasefire']);
    expect(detailsFor(SHIPPED_PACK.topics, 'ceasefire')).toEqual({});
    expect(detailsFor(SHIPPED_PACK.topics, undefined)).toEqual({});
  });

  it('gives a topic without details an empty answer, not a made-up one', () => {
    const custom = { ...leanTopic(SHIPPED_PACK.topics[0]!), id: 'mine' };
    expect(detailsFor([custom], ['mine'])).toEqual({ mine: {} });
  });
});
