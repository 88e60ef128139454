/** The pipeline the content script calls, on whole documents. */
import { JSDOM, VirtualConsole } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { SHIPPED_PACK } from '../../data/shipped-pack';
import { analyzeDocument, analyzeSegments, ARTICLE_SAMPLE_CHARS, buildArticleContext, compileTopics, isBeforeEvents, judgeSegments } from '../../lib/analyze';
import { collectSegments } from '../../lib/dom/segments';
import { evaluateAll, score, sum } from '../eval/harness';

const compiled = compileTopics(SHIPPED_PACK.topics);
const doc = (html: string) => new JSDOM(html, { virtualConsole: new VirtualConsole() }).window.document;
const DATED = '<head><meta property="article:published_time" content="2025-03-20T09:00:00Z"></head>';

describe('analyzeDocument', () => {
  it('finds a phrase split across inline elements, with offsets into the segment text', () => {
    const d = doc(`<html lang="en">${DATED}<body><article><p>For Kyiv, the <em>red</em> <b>line</b> is recognition of occupied land as Russian.</p></article></body></html>`);
    const { mentions } = analyzeDocument(d, compiled);
    expect(mentions.map((m) => [m.topicId, m.text])).toEqual([['red-lines', 'red line']]);
    const m = mentions[0]!;
    expect(m.segment.text.slice(m.start, m.end)).toBe('red line');
    expect(m.segment.nodes.map((n) => n.data)).toEqual(['For Kyiv, the ', 'red', ' ', 'line', ' is recognition of occupied land as Russian.']);
  });

  it('keeps soft hyphens and NBSP from the page in the returned text and offsets', () => {
    const d = doc(`<html>${DATED}<body><article><p>Зеленський: пере\u00ADмир’я і червона\u00A0лінія для України.</p></article></body></html>`);
    const found = analyzeDocument(d, compiled).mentions.map((m) => [m.topicId, m.text, m.segment.text.slice(m.start, m.end)]);
    expect(found).toEqual([
      ['ceasefire', 'пере\u00ADмир’я', 'пере\u00ADмир’я'],
      ['red-lines', 'червона\u00A0лінія', 'червона\u00A0лінія'],
    ]);
  });

  it('reads mixed-language pages: each mention in its own language, in document order', () => {
    const d = doc(`<html lang="uk">${DATED}<body><article>
      <h1>Зеленський у Гельсінкі: «червона лінія» незмінна</h1>
      <p>He said in English: “For us, the red line is the recognition of Ukrainian temporarily occupied territories by Russia.”</p>
      <p>Російською він додав: «Это красная линия для Украины».</p>
      <p>Перемир’я, каже він, має бути безумовним, як домовлялися в Джидді.</p>
    </article></body></html>`);
    expect(analyzeDocument(d, compiled).mentions.map((m) => m.text)).toEqual(['червона лінія', 'red line', 'красная линия', 'Перемир’я', 'Джидді']);
  });

  it('ignores mentions in navigation, tickers, sidebars and related-story rails', () => {
    const d = doc(`<html lang="en">${DATED}<body>
      <header class="site-header"><nav><span>Ceasefire latest</span></nav><div class="ticker">Zelenskyy: territory is a red line</div></header>
      <article><h1>Kyiv bakeries revive old recipes</h1><p>${'A bakery sells honey cake made to a recipe from the 1930s. '.repeat(6)}</p></article>
      <aside class="related"><p>Ukraine accepted a 30-day ceasefire in Jeddah, Zelenskyy said.</p></aside>
      <div class="most-popular"><p>Putin says there are nuances to the truce with Ukraine.</p></div>
      <footer><p>Red lines and ceasefire: our coverage of Ukraine.</p></footer>
    </body></html>`);
    const ctx = buildArticleContext(d, compiled);
    const judged = judgeSegments(collectSegments(d.body), compiled, ctx);
    expect(judged.length).toBeGreaterThanOrEqual(5);
    expect(judged.every((j) => !j.accepted && j.reasons.at(-1)!.code === 'outside-article')).toBe(true);
    expect(analyzeDocument(d, compiled).mentions).toEqual([]);
  });

  it('does not let rail words make an unrelated article look related', () => {
    const rail = '<aside class="related-stories"><p>Ukraine, Russia, Zelenskyy, Putin, Kyiv, Kremlin, Moscow.</p><p>Ukraine, Russia, Kyiv.</p></aside>';
    const d = doc(`<html lang="en">${DATED}<body><article><h1>Team talks</h1>
      <p>The club and its players agreed a truce after weeks of public arguments over pay.</p>
      <p>${'The season resumes next week with a home game. '.repeat(5)}</p></article>${rail}</body></html>`);
    const [judged] = judgeSegments(collectSegments(d.body), compiled, buildArticleContext(d, compiled));
    expect(judged).toMatchObject({ text: 'truce', accepted: false });
    expect(judged!.reasons.at(-1)!.code).toBe('no-anchors');
  });

  it('flags a page published before every topic began, and finds nothing on it', () => {
    const d = doc('<html><head><script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2019-07-21"}</script></head><body><article><p>Zelenskyy hopes the new truce in Donbas will hold, Kyiv said.</p></article></body></html>');
    const result = analyzeDocument(d, compiled);
    expect(result.beforeEvents).toBe(true);
    expect(result.mentions).toEqual([]);
    expect(isBeforeEvents({ ...result.ctx, publishedAt: '2025-03-11' }, compiled)).toBe(false);
    expect(isBeforeEvents({ ...result.ctx, publishedAt: undefined }, compiled)).toBe(false);
  });
});

describe('analyzeSegments on the segments a page adds later', () => {
  it('finds mentions in new segments only, with the article context built once', () => {
    const d = doc(`<html lang="en">${DATED}<body><article id="live"><h1>Live: Ukraine talks</h1>
      <p>Zelenskyy arrives in Helsinki for talks with Finland's president.</p></article></body></html>`);
    const ctx = buildArticleContext(d, compiled);
    expect(analyzeSegments(collectSegments(d.body), compiled, ctx)).toEqual([]);

    const update = d.createElement('p');
    update.textContent = 'Update: Zelenskyy says recognising occupied land as Russian is a red line for Ukraine.';
    d.getElementById('live')!.append(update);
    const fresh = collectSegments(update);
    const mentions = analyzeSegments(fresh, compiled, ctx);
    expect(mentions.map((m) => [m.topicId, m.text])).toEqual([['red-lines', 'red line']]);
    expect(mentions[0]!.segment).toBe(fresh[0]);
  });

  it('treats every segment as article text when the context has no roots', () => {
    const d = doc('<body><div><p>Putin says there are nuances to the truce with Ukraine.</p></div></body>');
    const ctx = { lang: 'en', isNews: true, roots: [], articleText: '' };
    expect(analyzeSegments(collectSegments(d.body), compiled, ctx).map((m) => m.text)).toEqual(['truce']);
  });
});

describe('labelled evaluation (tests/eval/pages)', () => {
  it('meets the targets: precision >= 0.98 and recall >= 0.95 for every topic', () => {
    const results = evaluateAll(compiled);
    expect(results.length).toBeGreaterThanOrEqual(45);
    for (const lang of ['en', 'uk', 'ru']) expect(results.filter((r) => r.lang === lang).length).toBeGreaterThanOrEqual(15);
    for (const t of compiled.topics) {
      const s = score(sum(results, undefined, t.id));
      expect(s.precision, t.id).toBeGreaterThanOrEqual(0.98);
      expect(s.recall, t.id).toBeGreaterThanOrEqual(0.95);
    }
  });
});

describe('reading part of a page', () => {
  const html = `<html lang="en">${DATED}<body><article><h1>Talks</h1><p>Zelenskyy and Putin spoke about Ukraine again on Tuesday.</p><p>The truce holds for now, officials said.</p></article></body></html>`;

  it('takes a neighbour\'s context only from a segment that was next to it on the page (ordinals)', () => {
    const judge = (ordinals: number[]) => {
      const d = doc(html);
      const segments = collectSegments(d.body).slice(1); // the two paragraphs, without the headline
      segments.forEach((s, i) => (s.ordinal = ordinals[i]));
      const truce = judgeSegments(segments, compiled, buildArticleContext(d, compiled)).find((j) => j.text === 'truce')!;
      return truce.reasons.at(-1)!.code;
    };
    expect(judge([1, 2])).toBe('anchors-nearby');
    // A skipped block between them: the first paragraph is no longer the truce's neighbour.
    expect(judge([1, 3])).not.toBe('anchors-nearby');
  });

  it('counts article context over the first ARTICLE_SAMPLE_CHARS characters of the article only', () => {
    const paragraph = `<p>${'Officials met again on Tuesday to discuss trade and the harvest outlook. '.repeat(20)}</p>`;
    const d = doc(`<html lang="en">${DATED}<body><article>${paragraph.repeat(300)}</article></body></html>`);
    const text = buildArticleContext(d, compiled).articleText;
    const one = collectSegments(d.body)[0]!.text.length;
    expect(text.length).toBeGreaterThanOrEqual(ARTICLE_SAMPLE_CHARS);
    expect(text.length).toBeLessThan(ARTICLE_SAMPLE_CHARS + one + 400);
  });
});
