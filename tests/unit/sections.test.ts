// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { chooseHighlights } from '../../lib/content/sections';
import { luminance, pageTheme } from '../../lib/content/theme';

describe('chooseHighlights', () => {
  function mentionsOf(html: string) {
    document.body.innerHTML = html;
    return [...document.querySelectorAll('[data-t]')].map((el) => ({ topicId: el.getAttribute('data-t')!, segment: { block: el }, id: el.id }));
  }

  it('keeps the first mention of each topic per heading-delimited section', () => {
    const mentions = mentionsOf(`
      <h1>Title</h1><p id="a" data-t="ceasefire"></p><p id="b" data-t="ceasefire"></p><p id="c" data-t="red-lines"></p>
      <section><h2>Next</h2><p id="d" data-t="ceasefire"></p><div><p id="e" data-t="ceasefire"></p></div></section>`);
    expect(chooseHighlights(mentions, 'first-per-section').map((m) => m.id)).toEqual(['a', 'c', 'd']);
    expect(chooseHighlights(mentions, 'every').map((m) => m.id)).toEqual(['a', 'b', 'c', 'd', 'e']);
  });

  it('treats text before any heading as one section', () => {
    const mentions = mentionsOf('<p id="a" data-t="x"></p><div><p id="b" data-t="x"></p></div>');
    expect(chooseHighlights(mentions, 'first-per-section').map((m) => m.id)).toEqual(['a']);
  });
});

describe('pageTheme', () => {
  it('follows an explicit preference, else the page background', () => {
    document.body.style.backgroundColor = 'rgb(20, 20, 24)';
    expect(pageTheme(document, 'auto')).toBe('dark');
    expect(pageTheme(document, 'light')).toBe('light');
    document.body.style.backgroundColor = 'rgb(250, 250, 250)';
    expect(pageTheme(document, 'auto')).toBe('light');
  });
  it('computes WCAG luminance', () => {
    expect(luminance([255, 255, 255])).toBeCloseTo(1);
    expect(luminance([0, 0, 0])).toBe(0);
  });
});
