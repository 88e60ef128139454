/**
 * An article in another language than its site's template (issue 15): our articles (uk, ru, de, pl,
 * from tests/eval/pages) put into the article body of real news sites' templates from
 * ../shared/corpus (read there at test time, never copied), each with the template's navigation,
 * sidebars, footer and `<html lang>`. The page is read as the content script reads it: its languages
 * from markup and text (`pageLanguages`), the terms of those languages, then the analysis. Every
 * mention the article gets on its own must come out inside the template too. Skips, visibly, when
 * the corpus is absent.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { JSDOM, VirtualConsole } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { SHIPPED_PACK } from '../../data/shipped-pack';
import { analyzeDocument, compileTopics, topicsForPage } from '../../lib/analyze';
import { pageLanguages } from '../../lib/page/lang';

const repoRoot = path.resolve(__dirname, '../..');
const corpusDir = path.resolve(repoRoot, '../shared/corpus');
const pagesDir = path.join(repoRoot, 'tests/eval/pages');

/** Templates: an English-language Australian site (the case reported), a British and an American one. */
const TEMPLATES = [
  { name: 'readability/herald-sun-1', body: '.story-body' },
  { name: 'readability/guardian-1', body: '[itemprop="articleBody"]' },
  { name: 'readability/seattletimes-1', body: '.article-body' },
];
const ARTICLES = ['uk/rik-pislia-dzhyddy.html', 'ru/god-posle-dzhiddy.html', 'de/ein-jahr-nach-dschidda.html', 'pl/rok-po-dzuddzie.html'];

const parse = (html: string) => new JSDOM(html, { virtualConsole: new VirtualConsole() }).window.document as unknown as Document;

/** Topic ids of the mentions in `doc`, found as the content script would (its languages' terms). */
function mentionedTopics(doc: Document): string[] {
  const compiled = compileTopics(topicsForPage(doc, SHIPPED_PACK.topics));
  return [...new Set(analyzeDocument(doc, compiled).mentions.map((m) => m.topicId))].sort();
}

/** Our article's headline, body and date, with the eval labels taken out. */
function readArticle(file: string) {
  const doc = parse(readFileSync(path.join(pagesDir, file), 'utf8'));
  for (const el of doc.querySelectorAll('x-expect')) el.replaceWith(...el.childNodes);
  const ld = JSON.parse(doc.querySelector('script[type="application/ld+json"]')!.textContent!) as { datePublished: string };
  return { doc, headline: doc.querySelector('h1')!.textContent!, body: doc.querySelector('.article-body')!.innerHTML, published: ld.datePublished };
}

/**
 * `template` with our article in its article body and its headline in the template's `h1`. The
 * page's publication metadata becomes the article's (a site publishing the article would say so):
 * JSON-LD with its date, ahead of the template's own dates; everything else is the template's.
 */
function inTemplate(templateHtml: string, bodySelector: string, article: ReturnType<typeof readArticle>): Document {
  const doc = parse(templateHtml);
  const body = doc.querySelector(bodySelector);
  if (!body) throw new Error(`no ${bodySelector} in the template`);
  body.innerHTML = article.body;
  const h1 = doc.querySelector('h1');
  if (h1) h1.textContent = article.headline;
  for (const old of doc.querySelectorAll('script[type="application/ld+json"]')) old.remove();
  const ld = doc.createElement('script');
  ld.setAttribute('type', 'application/ld+json');
  ld.textContent = JSON.stringify({ '@context': 'https://schema.org', '@type': 'NewsArticle', headline: article.headline, datePublished: article.published });
  doc.head.append(ld);
  return doc;
}

const present = existsSync(corpusDir);
if (!present) console.warn(`[template-articles] SKIPPED: no corpus at ${corpusDir}`);

describe.skipIf(!present)('an article in another language than its site\'s template', () => {
  for (const template of TEMPLATES) {
    const file = path.join(corpusDir, template.name, 'source.html');
    it.each(ARTICLES)(`${template.name} with %s gets the topics the article gets on its own`, (articleFile) => {
      const article = readArticle(articleFile);
      const alone = mentionedTopics(article.doc);
      expect(alone.length).toBeGreaterThan(0);
      const doc = inTemplate(readFileSync(file, 'utf8'), template.body, article);
      // The template still says English; the article's language is found in its text.
      expect(doc.documentElement.getAttribute('lang')).toMatch(/^en/);
      expect(pageLanguages(doc)).toContain(articleFile.slice(0, 2));
      expect(mentionedTopics(doc)).toEqual(alone);
    });
  }
});
