/** classifyCandidate as a pure function: evidence in, verdict and reason out, from tables. */
import { describe, expect, it } from 'vitest';
import { classifyCandidate, compileTopics, findCandidates, findContextHits, findTimeYears, countContextTerms } from '../../lib/matcher';
import type { Topic } from '../../lib/pack/schema';

const topic = (requireAnchors = 1): Topic => ({
  id: 'truce-talks',
  title: { en: 'Truce talks' },
  summary: { en: 'Talks.' },
  asOf: '2025-04-01',
  eventsBegin: '2025-03-11',
  aliases: { en: ['truce*'] },
  context: { anchors: ['Kyiv', 'Ukrain*', 'Putin*'], exclude: ['Gaza*', 'Olympic truce'], requireAnchors },
});

/** Judges the first candidate in `text` (one paragraph), with an optional article body and date. */
function judge(text: string, { article, publishedAt, requireAnchors }: { article?: string; publishedAt?: string; requireAnchors?: number } = {}) {
  const compiled = compileTopics([topic(requireAnchors)]);
  const [c] = findCandidates(text, compiled);
  const decision = classifyCandidate(c!, compiled, {
    sameSegment: findContextHits(text, compiled),
    neighbours: [],
    years: findTimeYears(text),
    segmentText: text,
    ...(article !== undefined && { article: countContextTerms(article, compiled) }),
    ...(publishedAt && { publishedAt }),
  }, 'truce*');
  return [decision.accepted, decision.reasons.at(-1)!.code];
}

describe('classifyCandidate', () => {
  it.each<[string, Parameters<typeof judge>[1], [boolean, string]]>([
    ['Kyiv backs the truce.', {}, [true, 'anchors-nearby']],
    ['Kyiv backs the truce.', { publishedAt: '2024-12-31' }, [false, 'published-before']],
    ['Kyiv backs the truce.', { publishedAt: '2025-03-11' }, [true, 'anchors-nearby']],
    ['Kyiv wants an Olympic truce.', {}, [false, 'other-story-phrase']],
    ['The truce in Gaza holds, Kyiv notes with envy from far away.', {}, [false, 'other-story-nearby']],
    ['Kyiv backs the truce, unlike in faraway Gaza, officials say again and again.', {}, [true, 'anchors-nearby']],
    ['The truce was signed in March 2019 by Kyiv.', {}, [false, 'earlier-year-nearby']],
    ['The truce holds.', {}, [false, 'no-anchors']],
    ['The truce holds.', { article: 'Kyiv and Putin. Ukraine. Kyiv.' }, [true, 'anchors-in-article']],
    ['The truce holds.', { article: 'Kyiv. Kyiv. Kyiv.' }, [false, 'no-anchors']],
    ['The truce holds.', { article: 'Kyiv and Putin. Ukraine. Gaza, Gaza.' }, [false, 'other-story-in-article']],
    ['Kyiv backs the truce.', { article: 'Gaza Gaza Gaza Gaza Kyiv' }, [false, 'other-story-in-article']],
    ['Putin and Kyiv discussed the truce.', { article: 'Gaza Gaza Gaza Gaza Kyiv Putin' }, [true, 'anchors-nearby']],
    ['Kyiv backs the truce.', { requireAnchors: 2 }, [false, 'no-anchors']],
    ['Kyiv backs the truce.', { requireAnchors: 2, article: 'Kyiv and Putin. Ukraine. Kyiv.' }, [true, 'anchors-in-article']],
    ['Kyiv and Putin back the truce.', { requireAnchors: 2 }, [true, 'anchors-nearby']],
  ])('%j %j → %j', (text, opts, expected) => {
    expect(judge(text, opts)).toEqual(expected);
  });

  it('puts the alias first and the publication date among the reasons', () => {
    const compiled = compileTopics([topic()]);
    const text = 'Kyiv backs the truce.';
    const [c] = findCandidates(text, compiled);
    const d = classifyCandidate(c!, compiled, { sameSegment: findContextHits(text, compiled), neighbours: [], publishedAt: '2025-03-20' }, 'truce*');
    expect(d.reasons).toEqual([
      { code: 'alias', detail: ['truce*', 'truce'] },
      { code: 'published-after', detail: ['2025-03-20', '2025-03-11'] },
      { code: 'anchors-nearby', detail: ['Kyiv'] },
    ]);
  });
});

describe('topics without anchors (a reader’s own phrase)', () => {
  const bare = (context?: Topic['context']): Topic => ({
    id: 'eclipse', title: { en: 'Eclipse' }, summary: { en: 'Eclipse.' }, asOf: '2025-04-01', aliases: { en: ['eclipse*'] }, ...(context && { context }),
  });
  const verdict = (t: Topic, text: string) => {
    const compiled = compileTopics([t]);
    const [c] = findCandidates(text, compiled);
    const d = classifyCandidate(c!, compiled, { sameSegment: findContextHits(text, compiled), neighbours: [], segmentText: text }, 'eclipse*');
    return [d.accepted, d.reasons.at(-1)!.code];
  };

  it('accepts every match when the topic has no context words', () => {
    expect(verdict(bare(), 'The eclipse starts at noon.')).toEqual([true, 'alias-only']);
    expect(verdict(bare({ anchors: ['Moon'], requireAnchors: 0 }), 'The eclipse starts at noon.')).toEqual([true, 'alias-only']);
  });

  it('still lets exclusions veto', () => {
    expect(verdict(bare({ anchors: [], exclude: ['Eclipse IDE'] }), 'Open the Eclipse IDE.')).toEqual([false, 'other-story-phrase']);
    expect(verdict(bare({ anchors: [], exclude: ['Java*'] }), 'The eclipse of Java developers.')).toEqual([false, 'other-story-nearby']);
  });
});
