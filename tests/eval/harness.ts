/**
 * The labelled evaluation: pages we wrote (tests/eval/pages/<lang>/*.html) with every expected
 * mention wrapped in `<x-expect topic="...">`. The wrappers are removed (their text nodes stay,
 * split exactly as written) before the page is analysed like any other, then each accepted mention
 * is matched to an expected one by the text node it starts in.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { JSDOM, VirtualConsole } from 'jsdom';
import { analyzeDocument, compileTopics, topicsForPage, type CompiledTopics } from '../../lib/analyze';
import { pageLanguages } from '../../lib/page/lang';
import type { LeanTopic } from '../../lib/pack/lean';

export const PAGES_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), 'pages');
export const EVAL_LANGUAGES = ['en', 'uk', 'ru', 'de', 'fr', 'pl', 'es', 'it', 'lt'] as const;

/**
 * Pages are judged with the terms the content script would load for them: with `topics`, each page
 * gets them compiled for the languages its markup and text use (`topicsForPage`), one compile per
 * set of languages; without, with `compiled` as given (every language at once).
 */
export interface EvalOptions {
  topics?: readonly LeanTopic[];
}
const compiledByLanguages = new WeakMap<readonly LeanTopic[], Map<string, CompiledTopics>>();

function compiledFor(doc: Document, compiled: CompiledTopics, options: EvalOptions): CompiledTopics {
  const { topics } = options;
  if (!topics) return compiled;
  let cache = compiledByLanguages.get(topics);
  if (!cache) compiledByLanguages.set(topics, (cache = new Map()));
  const key = [...pageLanguages(doc)].sort().join(',');
  let out = cache.get(key);
  if (!out) cache.set(key, (out = compileTopics(topicsForPage(doc, topics))));
  return out;
}

/** True positives, false positives, false negatives. */
export interface Counts {
  tp: number;
  fp: number;
  fn: number;
}

/** The outcome on one page. */
export interface PageResult {
  file: string;
  lang: string;
  /** Counts per topic id. */
  counts: Map<string, Counts>;
  /** Human-readable misses and false mentions, for the report. */
  errors: string[];
}

function textNodesOf(el: Element): Text[] {
  const doc = el.ownerDocument;
  const walker = doc.createTreeWalker(el, 4 /* SHOW_TEXT */);
  const out: Text[] = [];
  for (let n = walker.nextNode(); n; n = walker.nextNode()) out.push(n as Text);
  return out;
}

/** Evaluates one page's HTML. `lang` is the language folder it came from. */
export function evaluatePage(html: string, file: string, lang: string, compiled: CompiledTopics, options: EvalOptions = {}): PageResult {
  const doc = new JSDOM(html, { virtualConsole: new VirtualConsole() }).window.document;
  const expected = [...doc.querySelectorAll('x-expect')].map((el) => ({
    topic: el.getAttribute('topic') ?? '',
    text: el.textContent ?? '',
    nodes: new Set(textNodesOf(el)),
    found: false,
  }));
  for (const el of doc.querySelectorAll('x-expect')) el.replaceWith(...el.childNodes);

  const counts = new Map<string, Counts>(compiled.topics.map((t) => [t.id, { tp: 0, fp: 0, fn: 0 }]));
  const errors: string[] = [];
  const { mentions } = analyzeDocument(doc as unknown as Document, compiledFor(doc as unknown as Document, compiled, options));
  for (const m of mentions) {
    // The text node holding the mention's first character.
    let offset = m.start;
    let node = m.segment.nodes[0];
    for (const n of m.segment.nodes) {
      node = n;
      if (offset < n.data.length) break;
      offset -= n.data.length;
    }
    const match = expected.find((e) => !e.found && e.topic === m.topicId && node && e.nodes.has(node));
    const c = counts.get(m.topicId)!;
    if (match) {
      match.found = true;
      c.tp++;
    } else {
      c.fp++;
      errors.push(`false mention ${m.topicId} "${m.text}" (${m.reasons.at(-1)?.code}: ${m.reasons.at(-1)?.detail.join(', ')}) in "${m.segment.text.trim().slice(0, 140)}"`);
    }
  }
  for (const e of expected.filter((x) => !x.found)) {
    const c = counts.get(e.topic);
    if (!c) {
      errors.push(`unknown topic "${e.topic}" in an x-expect`);
      continue;
    }
    c.fn++;
    errors.push(`missed ${e.topic} "${e.text}"`);
  }
  return { file, lang, counts, errors };
}

/** Evaluates every page under `PAGES_DIR`. */
export function evaluateAll(compiled: CompiledTopics, dir = PAGES_DIR, options: EvalOptions = {}): PageResult[] {
  return EVAL_LANGUAGES.flatMap((lang) => {
    const folder = path.join(dir, lang);
    if (!existsSync(folder)) return [];
    return readdirSync(folder)
      .filter((f) => f.endsWith('.html'))
      .sort()
      .map((f) => evaluatePage(readFileSync(path.join(folder, f), 'utf8'), `${lang}/${f}`, lang, compiled, options));
  });
}

/** Precision and recall of summed counts; 1 when there is nothing to be wrong about. */
export function score(c: Counts): { precision: number; recall: number } {
  return {
    precision: c.tp + c.fp === 0 ? 1 : c.tp / (c.tp + c.fp),
    recall: c.tp + c.fn === 0 ? 1 : c.tp / (c.tp + c.fn),
  };
}

/** Sums counts over the pages matching `langFilter` and the topics matching `topicFilter`. */
export function sum(results: readonly PageResult[], langFilter?: string, topicFilter?: string): Counts {
  const total: Counts = { tp: 0, fp: 0, fn: 0 };
  for (const r of results) {
    if (langFilter && r.lang !== langFilter) continue;
    for (const [topic, c] of r.counts) {
      if (topicFilter && topic !== topicFilter) continue;
      total.tp += c.tp;
      total.fp += c.fp;
      total.fn += c.fn;
    }
  }
  return total;
}
