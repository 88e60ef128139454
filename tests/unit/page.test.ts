/** Page reading: publication date, language, news-ness, and where the article is. */
import { JSDOM, VirtualConsole } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { parseDay, parseHumanDate } from '../../lib/page/dates';
import { languageOfText, primaryLanguage } from '../../lib/page/lang';
import { dayInUrl, readPageMeta, rootsSample } from '../../lib/page/meta';
import { articleRootSteps, findArticleRoots, isInArticle } from '../../lib/page/roots';

const doc = (html: string) => new JSDOM(html, { virtualConsole: new VirtualConsole() }).window.document;
const PARA = '<p>' + 'Long enough paragraph of article text to count as real prose. '.repeat(6) + '</p>';

describe('publication date', () => {
  it.each([
    ['JSON-LD NewsArticle', '<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","datePublished":"2025-03-19T12:00:00+02:00"}</script>', '2025-03-19'],
    ['JSON-LD @graph with a WebPage first', '<script type="application/ld+json">{"@graph":[{"@type":"WebPage","dateModified":"2025-05-01"},{"@type":["ReportageNewsArticle"],"datePublished":"2025-03-12"}]}</script>', '2025-03-12'],
    ['JSON-LD array, broken block before it', '<script type="application/ld+json">{broken,</script><script type="application/ld+json">[{"@type":"LiveBlogPosting","datePublished":"2025-03-18T06:00:00Z"}]</script>', '2025-03-18'],
    ['article:published_time', '<meta property="article:published_time" content="2019-07-21T08:00:00Z">', '2019-07-21'],
    ['itemprop datePublished', '<meta itemprop="datePublished" content="2025-03-25">', '2025-03-25'],
    ['sailthru.date', '<meta name="sailthru.date" content="2023-05-21 10:00:00">', '2023-05-21'],
  ])('%s', (_name, head, day) => {
    expect(readPageMeta(doc(`<html><head>${head}</head><body>${PARA}</body></html>`)).publishedAt).toBe(day);
  });

  it('keeps the publisher’s own calendar day rather than shifting it to UTC', () => {
    const d = doc('<html><head><meta property="article:published_time" content="2025-03-11T00:30:00+03:00"></head><body></body></html>');
    expect(readPageMeta(d).publishedAt).toBe('2025-03-11');
  });

  it('reads <time datetime> in the article, not one in the navigation', () => {
    const d = doc('<body><nav><time datetime="2026-01-01">today</time></nav><article><h1>T</h1><time datetime="2025-04-19T09:00">19 April</time>' + PARA + '</article></body>');
    expect(readPageMeta(d).publishedAt).toBe('2025-04-19');
  });

  it.each([
    ['<span class="article-date">19 березня 2025, 14:05</span>', '2025-03-19'],
    ['<div class="byline">By Staff | March 13, 2025</div>', '2025-03-13'],
    ['<span class="date">13 марта 2025</span>', '2025-03-13'],
    ['<time>21.07.2019</time>', '2019-07-21'],
  ])('reads a human dateline: %s', (html, day) => {
    expect(readPageMeta(doc(`<body><article><h1>T</h1>${html}${PARA}</article></body>`)).publishedAt).toBe(day);
  });

  it('leaves the date unknown rather than guessing', () => {
    expect(readPageMeta(doc(`<body>${PARA}<p>Founded in 1998.</p></body>`)).publishedAt).toBeUndefined();
  });

  it.each([
    ['2025-03-19', '2025-03-19'],
    ['20250319T120000Z', '2025-03-19'],
    ['2025-13-40', undefined],
    ['yesterday', undefined],
    ['', undefined],
  ])('parseDay(%j) = %j', (input, day) => expect(parseDay(input)).toBe(day));

  it.each([
    ['11 травня 2023', '2023-05-11'],
    ['on 18 March 2025 at noon', '2025-03-18'],
    ['Mar. 25, 2025', '2025-03-25'],
    ['1 квітня 2025 р.', '2025-04-01'],
    ['2 апреля 2025 года', '2025-04-02'],
    ['19 Foo 2025', undefined],
  ])('parseHumanDate(%j) = %j', (input, day) => expect(parseHumanDate(input)).toBe(day));
});

describe('language', () => {
  it.each([
    ['<html lang="uk-UA">', '', 'uk'],
    ['<html lang="ua">', '', 'uk'],
    ['<html lang="ru">', '', 'ru'],
    ['<html lang="en-US">', 'Plain English text about the talks and the ceasefire.', 'en'],
    ['<html>', 'Президент заявив, що Україна не піде на поступки щодо територій і перемир’я.', 'uk'],
    ['<html>', 'Президент заявил, что Россия объявит перемирие, и это всё изменит в этом году.', 'ru'],
    ['<html lang="en">', 'Президент заявив, що Україна не піде на поступки щодо територій і перемир’я.', 'uk'],
    ['<html lang="fr">', 'Le président a dit que la trêve tiendrait.', 'fr'],
  ])('%s with "%s" is %s', (open, text, lang) => {
    expect(readPageMeta(doc(`${open}<body><p>${text}</p></body></html>`)).lang).toBe(lang);
  });

  it('uses og:locale when <html> has no lang', () => {
    expect(readPageMeta(doc('<html><head><meta property="og:locale" content="uk_UA"></head><body></body></html>')).lang).toBe('uk');
  });

  it("samples the start of the article's own text, not the whole of a long root", () => {
    const d = doc(`<body><nav>Menu</nav><article id="a"><script>var state = "x";</script><p>Перемир'я</p>${'<p>Long text of the story.</p>'.repeat(2000)}</article></body>`);
    const sample = rootsSample([d.getElementById('a')!]);
    expect(sample.length).toBeLessThanOrEqual(5001);
    expect(sample.length).toBeGreaterThan(4900);
    expect(sample).toContain("Перемир'я");
    expect(sample).not.toContain('var state');
    // The whole page is not the article's text: a body root lends nothing.
    expect(rootsSample([d.body])).toBe('');
  });

  it('samples several roots in order until it has enough', () => {
    const d = doc('<body><article id="a"><p>First post.</p></article><article id="b"><p>Second post.</p></article></body>');
    expect(rootsSample([d.getElementById('a')!, d.getElementById('b')!]).replace(/\s+/g, ' ').trim()).toBe('First post. Second post.');
  });

  it('tells Ukrainian from Russian by their letters', () => {
    expect(languageOfText('Це червона лінія для України, і її не перейдуть.')).toBe('uk');
    expect(languageOfText('Это красная линия для Украины, её не перейдут, объявили в Кремле.')).toBe('ru');
    expect(languageOfText('ok')).toBeUndefined();
    expect(primaryLanguage('zz-top-secret-')).toBe('zz');
  });
});

describe('isNews', () => {
  it.each([
    ['<head><script type="application/ld+json">{"@type":"NewsArticle"}</script></head><body></body>', true],
    ['<head><meta property="og:type" content="article"></head><body></body>', true],
    ['<body><div itemscope itemtype="https://schema.org/NewsArticle"></div></body>', true],
    [`<body><article><h1>Headline</h1>${PARA}${PARA}</article></body>`, true],
    ['<head><meta property="og:type" content="website"></head><body><p>Shop now</p></body>', false],
    [`<body><article><p>No headline</p>${PARA}</article></body>`, false],
  ])('%s → %s', (html, isNews) => {
    expect(readPageMeta(doc(`<html>${html}</html>`)).isNews).toBe(isNews);
  });
});

describe('article roots', () => {
  const tags = (roots: Element[]) => roots.map((r) => r.tagName.toLowerCase() + (r.className ? `.${r.className}` : ''));

  it('takes the article with real text, not teaser cards, and adds the headline outside it', () => {
    const d = doc(`<body><header><nav>menu</nav></header><h1>Story</h1>
      <article class="teaser"><p>short</p></article>
      <article class="story">${PARA}${PARA}</article>
      <aside class="related"><article>${PARA}${PARA}</article></aside></body>`);
    expect(tags(findArticleRoots(d))).toEqual(['h1', 'article.story']);
  });

  it('falls back to itemprop=articleBody, then main, then the densest block, then body', () => {
    expect(tags(findArticleRoots(doc(`<body><div itemprop="articleBody" class="b">${PARA}</div></body>`)))).toEqual(['div.b']);
    expect(tags(findArticleRoots(doc(`<body><main>${PARA}</main><footer>${PARA}</footer></body>`)))).toEqual(['main']);
    expect(tags(findArticleRoots(doc(`<body><div class="x"><div class="text">${PARA}${PARA}</div><div class="side">${PARA}</div></div></body>`)))).toEqual(['div.text']);
    expect(tags(findArticleRoots(doc('<body><span>tiny</span></body>')))).toEqual(['body']);
  });

  it('keeps the most specific body selector when a less specific one comes first in the page', () => {
    const d = doc(`<body><div class="entry-content e">${PARA}</div><div itemprop="articleBody" class="b">${PARA}</div></body>`);
    expect(tags(findArticleRoots(d))).toEqual(['div.b']);
  });

  it('weighs the paragraphs of a page without markup a group at a time, finding the same block', () => {
    const d = doc(`<body><div class="x"><div class="text">${PARA.repeat(1000)}</div><div class="side">${PARA}</div></div></body>`);
    const steps = articleRootSteps(d);
    let yields = 0;
    let step = steps.next();
    for (; !step.done; step = steps.next()) yields++;
    // Finding the articles, the body selectors, <main>, the paragraphs, then 400 paragraphs a step
    // (two breaks in 1,001), then the headline: each walk of the whole page is a step of its own.
    expect(yields).toBe(7);
    expect(tags(step.value)).toEqual(['div.text']);
  });

  it('treats navigation, sidebars, related rails and comments inside the article as outside it', () => {
    const d = doc(`<body><article id="a">
      <header><h1 id="h">Headline</h1></header>
      <p id="p">${'Body text. '.repeat(30)}</p>
      <div class="related-stories"><p id="rel">Related teaser</p></div>
      <div class="article-body-wrapper"><p id="wrapped">${'More body. '.repeat(30)}</p></div>
      <section class="comments"><p id="com">A comment</p></section>
      <aside><p id="aside">Aside</p></aside>
      <div id="most-read"><p id="mr">Most read</p></div>
      <div class="page-with-sidebar"><p id="pws">still text</p></div>
    </article><nav><p id="nav">Menu</p></nav></body>`);
    const roots = findArticleRoots(d);
    const inArticle = (id: string) => isInArticle(d.getElementById(id)!, roots);
    expect(['h', 'p', 'wrapped', 'pws'].map(inArticle)).toEqual([true, true, true, true]);
    expect(['rel', 'com', 'aside', 'mr', 'nav'].map(inArticle)).toEqual([false, false, false, false, false]);
  });
});

describe('article roots on harder layouts', () => {
  const tagsOf = (roots: Element[]) => roots.map((r) => r.id || r.tagName.toLowerCase());

  it('keeps the full stories and drops a long teaser card', () => {
    const long = PARA.repeat(5);
    const d = doc(`<body><article id="story">${long}</article><article id="teaser">${PARA}</article><article id="next">${long}</article></body>`);
    expect(tagsOf(findArticleRoots(d))).toEqual(['story', 'next']);
  });

  it('finds a live blog made of many short posts through their container', () => {
    const post = (i: number) => `<div class="post"><p>Update ${i}: ${'short live post text. '.repeat(3)}</p></div>`;
    const d = doc(`<body><div id="live">${Array.from({ length: 12 }, (_, i) => post(i)).join('')}</div><div class="side"><p>${'Sidebar text. '.repeat(10)}</p></div></body>`);
    expect(tagsOf(findArticleRoots(d))).toEqual(['live']);
  });
});

describe('isInArticle and shadow roots', () => {
  it('counts text in an open shadow root as part of the article holding its host', () => {
    const d = doc(`<body><article id="a">${PARA}<div id="host"></div></article><div id="out"></div></body>`);
    const shadow = d.getElementById('host')!.attachShadow({ mode: 'open' });
    shadow.innerHTML = '<p id="inner">Shadow text</p>';
    const outside = d.getElementById('out')!.attachShadow({ mode: 'open' });
    outside.innerHTML = '<p id="o">Other shadow text</p>';
    const roots = findArticleRoots(d);
    expect(isInArticle(shadow.getElementById('inner')!, roots)).toBe(true);
    expect(isInArticle(outside.getElementById('o')!, roots)).toBe(false);
    expect(isInArticle(d.getElementById('out')!, roots)).toBe(false);
  });
});

describe('isInArticle with many roots', () => {
  it("finds a live blog's post among 2,000 <article> roots, and nothing outside them", () => {
    const posts = Array.from({ length: 2000 }, (_, i) => `<article id="a${i}"><p id="p${i}">Post ${i}.</p><aside><p id="s${i}">Share</p></aside></article>`);
    const d = doc(`<body><main>${posts.join('')}</main><p id="out">Footer</p></body>`);
    const roots = [...d.querySelectorAll('article')];
    expect(isInArticle(d.getElementById('p1999')!, roots)).toBe(true);
    expect(isInArticle(d.getElementById('a7')!, roots)).toBe(true);
    expect(isInArticle(d.getElementById('s42')!, roots)).toBe(false); // in a rail inside its root
    expect(isInArticle(d.getElementById('out')!, roots)).toBe(false);
  });

  it('judges rails inside the first root of the list that holds the element, as before', () => {
    const d = doc(`<body><div id="outer"><nav id="nav"><div id="inner"><p id="p">Text</p></div></nav></div></body>`);
    const [outer, inner] = [d.getElementById('outer')!, d.getElementById('inner')!];
    // Inside `inner` the <nav> above it is not on the way; inside `outer` it is.
    expect(isInArticle(d.getElementById('p')!, [inner, outer])).toBe(true);
    expect(isInArticle(d.getElementById('p')!, [outer, inner])).toBe(false);
  });
});

describe('wrappers that look like rails', () => {
  it('does not take a whole-page ASP.NET <form> or a layout named "sidebar" for a rail', () => {
    const d = doc(`<body><form id="aspnetForm"><div class="panel-two-col-sidebar-right"><div id="ad-portal">
      <div class="story"><p id="p">${'Article text. '.repeat(40)}</p></div>
      <div class="sidebar"><p id="side">Sidebar teaser</p></div></div></div></form></body>`);
    const roots = findArticleRoots(d);
    expect(isInArticle(d.getElementById('p')!, roots)).toBe(true);
    expect(isInArticle(d.getElementById('side')!, roots)).toBe(false);
  });

  it('still finds an <article> inside a wrapper whose name says widget or ad', () => {
    const d = doc(`<body><div class="widget Blog"><div id="ad-portal"><article id="story">${PARA}${PARA}</article></div></div></body>`);
    expect(findArticleRoots(d).map((r) => r.id)).toEqual(['story']);
  });
});

describe('date in the address', () => {
  it('falls back to a date in the URL path when the page states none', () => {
    const d = new JSDOM(`<body>${PARA}</body>`, { url: 'https://news.example/world/2019/07/21/truce-in-donbas/', virtualConsole: new VirtualConsole() }).window.document;
    expect(readPageMeta(d).publishedAt).toBe('2019-07-21');
  });

  it.each([
    ['https://x.example/2025-03-19-zelenskyy-helsinki', '2025-03-19'],
    ['https://x.example/news/2025/3/19/story', undefined],
    ['https://x.example/item/20250319', undefined],
    ['https://x.example/2025/13/01/x', undefined],
  ])('%s → %s', (url, day) => {
    expect(dayInUrl(url)).toBe(day);
  });
});
