import { describe, expect, it } from 'vitest';
import leanTopics from 'virtual:factlight/lean-topics';
import { SHIPPED_PACK } from '../../data/shipped-pack';
import { detailsFor, detailsOf, leanTopic } from '../../lib/pack/lean';
import { extraLanguages, extraLiterals } from 'virtual:factlight/lean-topics';
import { CARRIED_LANGUAGES, termsFor, topicForLanguages, withTerms } from '../../lib/matcher/languages';
import { compileTopics } from '../../lib/matcher/compile';

describe('the lean topics the content script carries', () => {
  it('are the shipped topics, in order, without their summaries, timelines, quotes and people', () => {
    expect(leanTopics.map((topic) => topic.id)).toEqual(SHIPPED_PACK.topics.map((topic) => topic.id));
    for (const topic of leanTopics) {
      for (const detail of ['summary', 'timeline', 'quotes', 'people']) expect(topic).not.toHaveProperty(detail);
    }
    expect(leanTopics).toEqual(SHIPPED_PACK.topics.map(leanTopic));
  });

  it('carry the terms of en, uk and ru only; the other languages are named, for asking the background', () => {
    for (const topic of leanTopics) {
      expect(Object.keys(topic.aliases).every((l) => CARRIED_LANGUAGES.includes(l))).toBe(true);
      expect(topic.context).not.toHaveProperty('languages');
    }
    expect(extraLanguages).toEqual(['de', 'es', 'fr', 'it', 'lt', 'pl']);
  });

  it('name, in one pattern, what a page needs before its languages are worked out', () => {
    const mayNeed = new RegExp(extraLiterals, 'iu');
    for (const text of ['die Waffenruhe hält', 'w Dżuddzie', 'czerwoną linią', 'alto al fuego', 'raudonąsias linijas', 'la trêve', 'paliaubomis'])
      expect(mayNeed.test(text), text).toBe(true);
    for (const text of ['The ceasefire in Jeddah is a red line for Kyiv.', 'Перемир’я в Джидді', 'Weather and sport'])
      expect(mayNeed.test(text), text).toBe(false);
  });

  it('with the terms and details the background sends, are whole again', () => {
    const details = detailsFor(SHIPPED_PACK.topics, SHIPPED_PACK.topics.map((topic) => topic.id));
    const terms = termsFor(SHIPPED_PACK.topics, extraLanguages);
    const whole = withTerms(leanTopics, terms).map((topic) => ({ ...topic, ...details[topic.id] }));
    // The same terms (key order aside): compiled alike.
    expect(compileTopics(whole).terms).toEqual(compileTopics(SHIPPED_PACK.topics).terms);
    expect(whole.map((t) => t.aliases)).toEqual(SHIPPED_PACK.topics.map((t) => t.aliases));
    // Every shipped topic has them all; a popover without them would be a regression.
    for (const topic of SHIPPED_PACK.topics) expect(Object.keys(detailsOf(topic)).sort()).toEqual(['people', 'quotes', 'summary', 'timeline']);
  });
});

describe('termsFor (the background\'s answer to topic-terms)', () => {
  it('answers with the aliases and per-language context of the languages asked for, and nothing else', () => {
    const answer = termsFor(SHIPPED_PACK.topics, ['de', 'xx', 42, 'DE-AT', '<script>']);
    expect(Object.keys(answer)).toEqual(['jeddah-talks', 'ceasefire', 'red-lines']);
    expect(Object.keys(answer.ceasefire!.aliases)).toEqual(['de']);
    expect(answer.ceasefire!.aliases.de).toContain('Waffenruhe*');
    expect(Object.keys(answer.ceasefire!.languages)).toEqual(['de']);
    expect(termsFor(SHIPPED_PACK.topics, 'de')).toEqual({});
    expect(termsFor(SHIPPED_PACK.topics, ['pt'])).toEqual({});
  });

  it('topicForLanguages keeps the carried languages and those of the page (pt-BR where pt is spoken)', () => {
    const topic = { ...SHIPPED_PACK.topics[1]!, aliases: { ...SHIPPED_PACK.topics[1]!.aliases, 'pt-BR': ['cessar-fogo'] } };
    expect(Object.keys(topicForLanguages(topic, new Set(['pt'])).aliases).sort()).toEqual(['en', 'pt-BR', 'ru', 'uk']);
    expect(Object.keys(topicForLanguages(topic, new Set(['de'])).context!.languages!)).toEqual(['de']);
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
