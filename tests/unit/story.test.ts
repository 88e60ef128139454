import { describe, expect, it } from 'vitest';
import { quotesAround, storyAround } from '../../lib/pack/story';
import type { Quote, TimelineEntry } from '../../lib/pack/schema';

const entry = (date: string): TimelineEntry => ({ date, text: { en: `event of ${date}` }, sources: [{ outlet: 'X', url: 'https://x.example/' }] });
const quote = (date: string): Quote => ({ text: `said on ${date}`, lang: 'en', speaker: 'S', role: 'R', date, source: { outlet: 'X' } });
const dates = (list: { date: string }[]) => list.map((e) => e.date);
// Deliberately out of order: the pack keeps them sorted, a user's pack may not.
const TIMELINE = ['2025-03-11', '2025-03-18', '2025-03-13', '2025-04-18', '2025-05-16', '2025-08-15', '2025-11-21', '2026-01-06', '2026-03-05'].map(entry);

describe('storyAround', () => {
  it('for a dated article with later entries: counts them all, lists the newest first, then what led up to it', () => {
    const view = storyAround(TIMELINE, '2025-03-19');
    expect(view.kind).toBe('since');
    if (view.kind !== 'since') return;
    expect(view.sinceCount).toBe(6);
    expect(dates(view.since)).toEqual(['2026-03-05', '2026-01-06', '2025-11-21']);
    expect(dates(view.before)).toEqual(['2025-03-11', '2025-03-13', '2025-03-18']);
    expect(view.published).toBe('2025-03-19');
  });

  it('counts an entry of the article\'s own day as before it, and reads a full timestamp as its day', () => {
    const view = storyAround(TIMELINE, '2025-11-21T18:40:00+02:00');
    expect(view.kind === 'since' && [view.sinceCount, dates(view.before).at(-1)]).toEqual([2, '2025-11-21']);
  });

  it('for a dated article newer than every entry: only what led up to it', () => {
    const view = storyAround(TIMELINE, '2026-03-20');
    expect(view).toMatchObject({ kind: 'up-to', published: '2026-03-20' });
    expect(view.kind === 'up-to' && dates(view.before)).toEqual(['2025-08-15', '2025-11-21', '2026-01-06', '2026-03-05']);
  });

  it('for an undated article: the latest entries, newest first', () => {
    const view = storyAround(TIMELINE, undefined);
    expect(view.kind === 'latest' && dates(view.latest)).toEqual(['2026-03-05', '2026-01-06', '2025-11-21', '2025-08-15']);
  });

  it('copes with an empty timeline and with an article older than every entry', () => {
    expect(storyAround([], '2025-03-19')).toEqual({ kind: 'up-to', published: '2025-03-19', before: [] });
    const view = storyAround(TIMELINE, '2025-01-01');
    expect(view.kind === 'since' && [view.sinceCount, view.before.length]).toEqual([9, 0]);
  });
});

describe('quotesAround', () => {
  const QUOTES = ['2025-03-19', '2025-05-16', '2025-11-21', '2026-03-05'].map(quote);
  it('puts what was said after a dated article first, newest first, and keeps the popover short', () => {
    expect(dates(quotesAround(QUOTES, '2025-03-19'))).toEqual(['2026-03-05', '2025-11-21']);
    expect(dates(quotesAround(QUOTES, '2025-12-01', 3))).toEqual(['2026-03-05', '2025-11-21', '2025-05-16']);
  });
  it('undated: the latest', () => {
    expect(dates(quotesAround(QUOTES, undefined, 1))).toEqual(['2026-03-05']);
  });
});
