/**
 * Page-level facts the matcher needs: when the article was published, its language, and whether the
 * page is a news article at all. Read from the markup publishers already write for search engines
 * and social cards (JSON-LD, Open Graph, `<time>`), falling back to what a reader sees.
 */
import { elementsNamed } from '../dom/descendants';
import { parseDay, parseHumanDate } from './dates';
import { languageOfText, primaryLanguage } from './lang';

/** What `readPageMeta` found. */
export interface PageMeta {
  /** Publication day, YYYY-MM-DD, when the page states one. */
  publishedAt?: string;
  /** `en`, `uk`, `ru`, or another primary language subtag; `und` when unknown. */
  lang: string;
  /** True when the page presents itself as a news article (or any article with a headline and body). */
  isNews: boolean;
}

const ARTICLE_TYPES = new Set([
  'newsarticle', 'article', 'reportagenewsarticle', 'liveblogposting', 'analysisnewsarticle', 'opinionnewsarticle',
  'backgroundnewsarticle', 'reviewnewsarticle', 'askpublicnewsarticle', 'blogposting', 'report', 'socialmediaposting',
]);

type JsonNode = Record<string, unknown>;

function jsonLdNodes(doc: Document): JsonNode[] {
  const out: JsonNode[] = [];
  const visit = (value: unknown, depth: number) => {
    if (depth > 6 || !value || typeof value !== 'object') return;
    if (Array.isArray(value)) return value.forEach((v) => visit(v, depth + 1));
    const node = value as JsonNode;
    out.push(node);
    if (node['@graph']) visit(node['@graph'], depth + 1);
    if (node.mainEntity) visit(node.mainEntity, depth + 1);
  };
  for (const script of doc.querySelectorAll('script[type="application/ld+json" i]')) {
    try {
      visit(JSON.parse(script.textContent ?? ''), 0);
    } catch {
      // Broken JSON-LD is common (trailing commas, HTML entities); the other sources still apply.
    }
  }
  return out;
}

function types(node: JsonNode): string[] {
  const t = node['@type'];
  return (Array.isArray(t) ? t : [t]).filter((x): x is string => typeof x === 'string').map((x) => x.toLowerCase());
}

const isArticleNode = (node: JsonNode) => types(node).some((t) => ARTICLE_TYPES.has(t));

function meta(doc: Document, selector: string): string | undefined {
  return doc.querySelector(selector)?.getAttribute('content')?.trim() || undefined;
}

const DATE_META = [
  'meta[property="article:published_time" i]', 'meta[property="og:article:published_time" i]', 'meta[name="article:published_time" i]',
  'meta[itemprop="datePublished" i]', 'meta[name="pubdate" i]', 'meta[name="publishdate" i]', 'meta[name="publish-date" i]',
  'meta[name="parsely-pub-date" i]', 'meta[name="sailthru.date" i]', 'meta[name="dc.date.issued" i]', 'meta[name="dcterms.created" i]',
  'meta[name="dc.date" i]', 'meta[name="date" i]', 'meta[property="og:published_time" i]',
];

/** The article's publication day from metadata, then `<time>` elements, then a visible dateline. */
export function readPublishedAt(doc: Document, nodes: JsonNode[] = jsonLdNodes(doc)): string | undefined {
  const fromLd = [...nodes.filter(isArticleNode), ...nodes]
    .map((n) => parseDay(typeof n.datePublished === 'string' ? n.datePublished : typeof n.dateCreated === 'string' ? n.dateCreated : undefined))
    .find(Boolean);
  if (fromLd) return fromLd;
  for (const selector of DATE_META) {
    const day = parseDay(meta(doc, selector));
    if (day) return day;
  }
  // A <time> that says it is the publication time, then the first <time> in the article or its header.
  const times = [
    ...doc.querySelectorAll('time[itemprop="datePublished" i], time[pubdate], [itemprop="datePublished" i]'),
    ...doc.querySelectorAll('article time, main time, header time, time'),
  ];
  for (const el of times) {
    if (el.closest('nav, aside, footer')) continue;
    const day = parseDay(el.getAttribute('datetime') ?? el.getAttribute('content')) ?? parseHumanDate(el.textContent ?? '');
    if (day) return day;
  }
  // Datelines and bylines that are plain text ("19 березня 2025, 14:05").
  for (const el of doc.querySelectorAll('[class*="date" i], [class*="dateline" i], [class*="byline" i], [class*="published" i]')) {
    if (el.closest('nav, aside, footer')) continue;
    const text = el.textContent ?? '';
    if (text.length > 200) continue;
    const day = parseHumanDate(text);
    if (day) return day;
  }
  return dayInUrl(doc.URL);
}

/** A date in the page's address, as many news sites write it: `/2019/07/21/` or `/2019-07-21-`. */
export function dayInUrl(url: string | undefined): string | undefined {
  const m = url && /\/((?:19|20)\d{2})[/-](0[1-9]|1[0-2])[/-](0[1-9]|[12]\d|3[01])(?=[/\-_.]|$)/.exec(url);
  return m ? `${m[1]}-${m[2]}-${m[3]}` : undefined;
}

/** The page's language: `<html lang>`, then `og:locale` / `content-language`, then its letters. */
export function readLanguage(doc: Document): string {
  const declared =
    primaryLanguage(doc.documentElement?.getAttribute('lang')) ??
    primaryLanguage(meta(doc, 'meta[property="og:locale" i]')) ??
    primaryLanguage(doc.querySelector('meta[http-equiv="content-language" i]')?.getAttribute('content'));
  if (declared && declared !== 'en') return declared;
  const sampleSource = doc.querySelector('article, main, [role="main" i]') ?? doc.body;
  const seen = sampleSource ? languageOfText(textSample(sampleSource, 20000)) : undefined;
  // Templates often keep lang="en" on a page whose text is Ukrainian or Russian: trust the letters then.
  if (declared === 'en' && (seen === 'uk' || seen === 'ru')) return seen;
  return declared ?? seen ?? 'und';
}

/** Up to `max` characters of visible-ish text under `root`, without reading all of a 3 MB page. */
export function textSample(root: Element, max: number): string {
  const walker = root.ownerDocument.createTreeWalker(root, 4 /* SHOW_TEXT */);
  let out = '';
  for (let node = walker.nextNode(); node && out.length < max; node = walker.nextNode()) {
    const parent = node.parentElement?.tagName;
    if (parent === 'SCRIPT' || parent === 'STYLE' || parent === 'NOSCRIPT' || parent === 'TEMPLATE') continue;
    out += `${(node as Text).data} `;
  }
  return out.slice(0, max);
}

/** Characters of the article's start read for its language. */
const ROOTS_SAMPLE_CHARS = 5000;

/**
 * The start of the article's own text (not the page's template), for telling its language: up to
 * 5,000 characters from the roots in order, skipping a root that is the whole page. Read node by
 * node: the `textContent` of a 10 MB article's root, sliced to 5,000 characters, took 30-47 ms.
 */
export function rootsSample(roots: readonly Element[]): string {
  let out = '';
  for (const root of roots) {
    const doc = root.ownerDocument;
    if (root === doc.body || root === doc.documentElement) continue;
    out += ` ${textSample(root, ROOTS_SAMPLE_CHARS - out.length)}`;
    if (out.length >= ROOTS_SAMPLE_CHARS) break;
  }
  return out;
}

function looksLikeArticle(doc: Document): boolean {
  for (const article of doc.querySelectorAll('article')) {
    if (!article.querySelector('h1, h2, [itemprop="headline" i]')) continue;
    let chars = 0;
    // Paragraphs found only until the answer is known: `querySelectorAll` would first find every
    // paragraph of a 10 MB page, and `getElementsByTagName` leaves a collection on each article.
    for (const p of elementsNamed(article, 'p')) {
      chars += (p.textContent ?? '').length;
      if (chars >= 500) return true;
    }
  }
  return false;
}

/** True when the page is a news article by its own description or its shape. */
export function readIsNews(doc: Document, nodes: JsonNode[] = jsonLdNodes(doc)): boolean {
  if (nodes.some(isArticleNode)) return true;
  if (meta(doc, 'meta[property="og:type" i]')?.toLowerCase() === 'article') return true;
  if (meta(doc, 'meta[property="article:published_time" i]')) return true;
  if (doc.querySelector('[itemtype*="schema.org/NewsArticle" i], [itemtype*="schema.org/Article" i], [itemtype*="schema.org/ReportageNewsArticle" i], [itemprop="articleBody" i]')) return true;
  return looksLikeArticle(doc);
}

/** Publication day, language and news-ness of `doc`, in one read. */
export function readPageMeta(doc: Document): PageMeta {
  const nodes = jsonLdNodes(doc);
  const publishedAt = readPublishedAt(doc, nodes);
  return { ...(publishedAt && { publishedAt }), lang: readLanguage(doc), isNews: readIsNews(doc, nodes) };
}
