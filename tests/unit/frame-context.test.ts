import { describe, expect, it } from 'vitest';
import { inheritTopArticle, isEmbedded, isTopArticle, sampleForFrames, TOP_SAMPLE_CHARS } from '../../lib/content/frame-context';

const top = { url: 'https://news.example/live', isNews: true, publishedAt: '2025-03-11', lang: 'en', sample: ['Kyiv and Washington met in Jeddah.'] };

describe('frames take the top article\'s judgement', () => {
  it('lends the frame news status and the date it lacks, never replacing its own', () => {
    expect(inheritTopArticle({ isNews: false }, top)).toEqual({ isNews: true, publishedAt: '2025-03-11' });
    expect(inheritTopArticle({ isNews: true, publishedAt: '2026-01-02' }, top)).toEqual({ isNews: true, publishedAt: '2026-01-02' });
    // A top page that is not news lends nothing of the kind.
    expect(inheritTopArticle({ isNews: false }, { ...top, isNews: false, publishedAt: undefined })).toEqual({ isNews: false });
  });

  it('sends at most TOP_SAMPLE_CHARS of the top article\'s text', () => {
    const texts = ['a'.repeat(15_000), 'b'.repeat(15_000), 'c'.repeat(10)];
    const sample = sampleForFrames(texts);
    expect(sample.join('').length).toBe(TOP_SAMPLE_CHARS);
    expect(sample).toHaveLength(2);
    expect(sampleForFrames([])).toEqual([]);
  });

  it('accepts only a well-formed answer', () => {
    expect(isTopArticle(top)).toBe(true);
    for (const bad of [null, 'x', { ...top, isNews: 'yes' }, { ...top, sample: [1] }, { ...top, publishedAt: 5 }, { ...top, url: undefined }]) expect(isTopArticle(bad)).toBe(false);
  });

  it('tells a frame from a page of its own', () => {
    const page = {} as Window;
    Object.assign(page, { top: page });
    expect(isEmbedded(page)).toBe(false);
    expect(isEmbedded({ top: page } as unknown as Window)).toBe(true);
    expect(isEmbedded(null)).toBe(false);
    const guarded = Object.defineProperty({}, 'top', { get: () => { throw new Error('cross-origin'); } }) as Window;
    expect(isEmbedded(guarded)).toBe(true);
  });
});
