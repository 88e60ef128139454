/**
 * The content script's conductor: decides whether this page gets highlights, finds the mentions,
 * asks the highlighter to wrap them in idle time, opens popovers, follows page changes and settings,
 * and reports counts to the badge. It changes the page only through `Highlighter` and `UiHost`.
 */
import { browser } from 'wxt/browser';
import type { Settings } from '../settings/schema';
import { isMessage, type Message, type PageReport, type PageStatus } from '../messages';
import { loadEffectiveTopics, loadSettings, topicPrefs, watchSettings, watchTopics } from '../settings/store';
import { siteDecision } from '../sites';
import { compileTopics, type CompiledTopics } from '../matcher/compile';
import {
  analyzeSegments,
  ArticleSampler,
  buildArticleContext,
  hasArticleCounts,
  isBeforeEvents,
  primeArticleCounts,
  type ArticleContext,
  type FoundMention,
} from '../analyze';
import { iterateSegments, type TextSegment } from '../dom/segments';
import { findArticleRoots } from '../page/roots';
import { countContextTerms, findCandidates } from '../matcher/find';
import { Highlighter, HIGHLIGHT_TAG, type HighlightRange } from '../dom/highlighter';
import { runChunked, runSteps } from '../dom/schedule';
import { watchPage, type PageWatcher } from '../dom/watch';
import { cannotMention, noneMayMatch, quickTexts, warmQuickCheck } from '../dom/quick-check';
import { ColdBlocks } from '../dom/cold-blocks';
import { excerptAround, type Excerpt } from '../excerpts';
import { packLanguage, pick } from '../format';
import { t } from '../i18n';
import { highlightChooser } from './sections';
import { insertInOrder } from './order';
import { highlightStyle } from '../dom/highlight-style';
import { FOCUS_OUTLINE } from './focus';
import { pageTheme } from './theme';
import { UiHost } from './ui-host';
import leanTopics, { extraLanguages, extraLiterals } from 'virtual:factlight/lean-topics';
import { CARRIED_LANGUAGES, extraAliasLiterals, extraLanguagesOf, mergeTerms, topicForLanguages, withTerms, type LanguageTerms } from '../matcher/languages';
import { articleLanguage, pageLanguages } from '../page/lang';
import type { LeanTopic, TopicDetails } from '../pack/lean';
import { isPopoverMessages, type PopoverMessages } from '../popover-messages';
import { askTopArticle, inheritTopArticle, isEmbedded, sampleForFrames, type TopArticle } from './frame-context';

const HOVER_DELAY_MS = 350;
/**
 * Longest wait for a topic's timeline and quotes from the background when a popover opens before
 * they arrived (they are asked for as soon as a scan finds the topic): past it, the popover opens
 * without them rather than not at all.
 */
const DETAILS_WAIT_MS = 1500;
const FLASH_MS = 1600;
/** Ranges wrapped per work item: an item is a few milliseconds at most. */
const SEGMENTS_PER_ITEM = 40;
/** Sampled article segments whose context words are counted per work item. */
const COUNT_PER_ITEM = 25;
/**
 * Segments read per step of the reading loop: the clock is checked between steps, and checking it
 * (and the idle deadline) after every short paragraph cost more than reading the paragraph.
 */
const SEGMENTS_PER_STEP = 32;
/**
 * Windows of cold siblings passed over per step (see `ColdBlocks`), about a millisecond: each block
 * read past the article's sample may come after a long cold stretch, so 32 of them in a step made
 * steps of 15 ms and slices of twice their budget on the 10 MB page.
 */
const WINDOWS_PER_STEP = 64;
/** Segments with an alias judged per work item (judging looks at neighbours and the article). */
const JUDGE_PER_ITEM = 10;
/**
 * Slice budgets. Reading never writes, so its slices cost nothing more than their own time; each
 * writing slice makes the browser lay the page out again before the next frame, so writes go in
 * fewer, larger slices. Both leave room under the 50 ms long-task threshold for the last step
 * past the budget and a garbage collection that lands in the slice (up to 25-30 ms on the 10 MB
 * page, whose 500,000 nodes the collector traces).
 */
const READ_BUDGET_MS = 12;
const WRITE_BUDGET_MS = 16;

/** Timings of one scan, published as a `performance.measure` for the benchmark (npm run bench). */
interface ScanStats {
  busyMs: number;
  slices: number;
  /** The longest slice of each step (`compile`, `metadata`, `read`, `wrap`...), in the order they ran. */
  longestByStep: Map<string, number>;
  /** Time spent waiting for the background's answer with the terms of the page's other languages (not busy time). */
  termsWaitMs?: number;
}

interface Tracked {
  mention: FoundMention;
  id: string;
}

/** Runs Factlight on one document (each frame has its own). */
export class PageController {
  private settings!: Settings;
  private topics: LeanTopic[] = [];
  /** Timelines and quotes from the background, per topic id (see lib/pack/lean.ts). */
  private readonly details = new Map<string, TopicDetails>();
  /** The popover's words in the page's language, asked for once per language (lib/popover-messages.ts). */
  private popoverMessages: { lang: string; answer: PopoverMessages | null | undefined; asked: Promise<void> } | null = null;
  private readonly detailsPending = new Map<string, Promise<void>>();
  /** Counts popover openings, so a slow one that a later click overtook is dropped. */
  private openings = 0;
  private compiled: CompiledTopics | null = null;
  /**
   * The languages (primary subtags) the page uses, beyond the carried en, uk and ru, whose terms the
   * compiled topics include; and the terms of those languages the background sent, per topic id.
   */
  private pageLanguages = new Set<string>();
  private languageTerms: Record<string, LanguageTerms> = {};
  private readonly termsAsked = new Set<string>();
  /** The stems of every alias in the other languages, compiled once per set of stems (`languagesToAdd`). */
  private otherStems: { source: string; re: RegExp | null } | null = null;
  private article: ArticleContext | null = null;
  private roots: Element[] = [];
  /** True when the last refresh was ruled out by the quick check before finding the article roots. */
  private rootsPending = false;
  /** The start of the article's text, kept by the last full read for its context counts. */
  private articleSample: string[] = [];
  /** In an embedded frame, the start of the top article's text, which lends its context words. */
  private inheritedSample: string[] = [];
  /** Resolves when the first scan has settled (a status is set): what a frame asking about the article waits for. */
  private markSettled: () => void = () => undefined;
  private readonly settled = new Promise<void>((resolve) => (this.markSettled = resolve));
  private hasSettled = false;
  private mentions: Tracked[] = [];
  private status: PageStatus = 'no-mentions';
  /** The last report sent, and its serialised form (to send only changes). */
  private lastReport: PageReport = { status: 'no-mentions', url: '', topics: [], total: 0 };
  private lastSerialized = '';
  /** Set by the shortcut: announce the outcome of the refresh it caused. */
  private announceNext = false;
  private generation = 0;
  private nextId = 0;
  private readonly cursor = new Map<string, number>();
  private readonly highlighter: Highlighter;
  private readonly watcher: PageWatcher;
  private readonly ui: UiHost;
  private hoverTimer: ReturnType<typeof setTimeout> | undefined;
  /** Every open shadow root a reader enters is watched for changes too. */
  private readonly onShadowRoot = (root: ShadowRoot) => this.watcher.observe(root);

  constructor(
    private readonly doc: Document,
    private readonly signal: AbortSignal,
  ) {
    this.watcher = watchPage({
      root: doc.body ?? doc.documentElement,
      signal,
      onChange: (roots) => void this.rescan(roots),
      onNavigate: () => void this.refresh(),
      // The reader passes on each shadow root it enters (see `process`); a walk of every element
      // at start would be one long task on a big page.
      findShadowRoots: false,
    });
    this.highlighter = new Highlighter((topicId) => this.styleFor(topicId), { guard: (write) => this.watcher.mute(write) });
    this.ui = new UiHost(doc);
    signal.addEventListener('abort', () => this.stop(), { once: true });
  }

  /** Load settings and topics, listen for changes and messages, and scan the page. */
  async start(): Promise<void> {
    [this.settings, this.topics] = await Promise.all([loadSettings(), this.loadTopics()]);
    const unwatchSettings = watchSettings((next) => void this.onSettings(next));
    const unwatchTopics = watchTopics(
      () =>
        void this.loadTopics().then((topics) => {
          this.topics = topics;
          // The reader edited a topic: its timeline or quotes may have changed too.
          this.details.clear();
          this.detailsPending.clear();
          this.languageTerms = {};
          this.termsAsked.clear();
          return this.refresh();
        }),
    );
    const onMessage = (message: unknown) => (isMessage(message) ? this.onMessage(message) : undefined);
    browser.runtime.onMessage.addListener(onMessage);
    this.signal.addEventListener('abort', () => {
      unwatchSettings();
      unwatchTopics();
      browser.runtime.onMessage.removeListener(onMessage);
    });
    this.listenToHighlights();
    await this.refresh();
  }

  /** Remove everything we added to the page. */
  stop(): void {
    this.generation++;
    this.clearHighlights();
    this.ui.destroy();
  }

  private loadTopics(): Promise<LeanTopic[]> {
    return loadEffectiveTopics(leanTopics);
  }

  /** `topics` compiled with the terms of the carried languages and of the page's other languages. */
  private compileFor(topics: readonly LeanTopic[]): CompiledTopics {
    return compileTopics(withTerms(topics, this.languageTerms).map((topic) => topicForLanguages(topic, this.pageLanguages)));
  }

  /**
   * The languages the page uses that some topic has terms in (shipped or the reader's own) and the
   * compiled topics do not include yet. `texts` is the page's text as the quick check copied it
   * (null for a page too large to copy: then its markup alone says).
   */
  private languagesToAdd(doc: Document, texts: readonly string[] | null, topics: readonly LeanTopic[]): Set<string> {
    // Most pages hold no alias of any other language: one pass over the text says so, and their
    // languages are not worked out at all.
    const own = topics.filter((topic) => extraLanguagesOf(topic).length && !leanTopics.includes(topic));
    const literals = [extraLiterals, extraAliasLiterals(own)].filter(Boolean).join('|');
    if (this.otherStems?.source !== literals) this.otherStems = { source: literals, re: literals ? new RegExp(literals, 'iu') : null };
    const mayUse = this.otherStems.re;
    if (!mayUse || (texts && !texts.some((text) => mayUse.test(text)))) return new Set();
    const used = pageLanguages(doc, texts ?? []);
    const known = new Set([...extraLanguages, ...topics.flatMap(extraLanguagesOf)]);
    return new Set([...used].filter((l) => known.has(l) && !CARRIED_LANGUAGES.includes(l) && !this.pageLanguages.has(l)));
  }

  /** Asks the background, once per language, for the terms of `languages` (see lib/matcher/languages.ts). */
  private async loadLanguageTerms(languages: ReadonlySet<string>): Promise<void> {
    const ask = [...languages].filter((l) => extraLanguages.includes(l) && !this.termsAsked.has(l));
    if (!ask.length) return;
    for (const l of ask) this.termsAsked.add(l);
    try {
      const answer: unknown = await browser.runtime.sendMessage({ type: 'topic-terms', languages: ask } satisfies Message);
      if (!answer || typeof answer !== 'object') return;
      for (const [id, terms] of Object.entries(answer as Record<string, LanguageTerms>)) this.languageTerms[id] = mergeTerms(this.languageTerms[id], terms);
    } catch {
      // The background is restarting (an update): the page keeps the carried languages' terms.
      for (const l of ask) this.termsAsked.delete(l);
    }
  }

  private enabledTopics(): LeanTopic[] {
    return this.topics.filter((topic, i) => topicPrefs(this.settings, topic.id, i).enabled);
  }

  private styleFor(topicId: string): string {
    const index = Math.max(0, this.topics.findIndex((topic) => topic.id === topicId));
    return highlightStyle(topicPrefs(this.settings, topicId, index));
  }

  private clearHighlights(): void {
    this.ui.close(false);
    this.highlighter.removeAll();
    this.mentions = [];
    this.cursor.clear();
  }

  /** Decide, scan and highlight the whole page from scratch. */
  async refresh(): Promise<void> {
    const generation = ++this.generation;
    this.clearHighlights();
    const doc = this.doc;
    if (doc.designMode === 'on' || !doc.body || !/html/.test(doc.contentType)) return;
    const t0 = performance.now();
    const stats: ScanStats = { busyMs: 0, slices: 0, longestByStep: new Map() };
    const topics = this.enabledTopics();
    // Compiling the pack gets a slice of its own: on the first page a browser shows, the content
    // script's code is still cold and this alone took 20-30 ms.
    const built = await this.inSlice(generation, 'compile', stats, () => (topics.length ? this.compileFor(topics) : null));
    if (!built) return;
    const compiled = built.value;
    this.compiled = compiled;
    // The article's text for its context counts is sampled by the read below (`ArticleSampler`).
    this.articleSample = [];
    // The page's metadata (language, date, whether it is news) in a slice of its own too: the code
    // that reads it is as cold as the compiler on a first page, and a slice's `await` resumes in
    // the same task, so running it here would add to the compile slice's task.
    // Article roots are found later, in a slice of their own, and only if the quick check keeps the page.
    const context = await this.inSlice(generation, 'metadata', stats, () =>
      compiled ? buildArticleContext(doc, compiled, { sample: () => this.articleSample, roots: [] }) : null,
    );
    if (!context) return;
    const article = context.value;
    // A frame inside an article takes the article's judgement: its date, that it is news, its
    // site, its context words (lib/content/frame-context.ts). It waits for the top page, not busy.
    let siteUrl = doc.location?.href ?? '';
    this.inheritedSample = [];
    // Only frames that cannot judge themselves fully ask (no date, not news, or no web address).
    const needsTop = article && (!article.isNews || !article.publishedAt || !/^https?:/.test(siteUrl));
    if (article && needsTop && isEmbedded(doc.defaultView) && (doc.body.textContent ?? '').trim().length >= 40) {
      const top = await askTopArticle();
      if (generation !== this.generation) return;
      if (top) {
        // Only these two fields: the context's `articleText` is a lazy getter, not to be read here.
        const lent = inheritTopArticle({ isNews: article.isNews, publishedAt: article.publishedAt }, top);
        article.isNews = lent.isNews;
        if (lent.publishedAt) article.publishedAt = lent.publishedAt;
        this.inheritedSample = top.sample;
        if (!/^https?:/.test(siteUrl)) siteUrl = top.url;
      }
    }
    this.article = article;
    const decision = siteDecision(siteUrl, this.settings, article?.isNews ?? false);
    if (decision !== 'on') return this.setStatus(decision === 'restricted' ? 'site-off' : decision);
    if (!compiled || !article) return this.setStatus('no-mentions');
    if (isBeforeEvents(article, compiled)) return this.setStatus('before-events');
    // First the cheap check that rules out most pages at once, in two slices (copying a 1 MB
    // page's text out, and testing it, each take up to half a long task on a slow machine).
    // V8 compiles the quick check's patterns to code on their first runs, 15-30 ms on a cold
    // page: in a slice of its own, rather than on top of compiling the pack or copying the page,
    // and only once the page is known to be one we highlight.
    if (!(await this.inSlice(generation, 'warm', stats, () => warmQuickCheck(compiled)))) return;
    const texts = await this.inSlice(generation, 'quick-copy', stats, () => quickTexts(doc.body, { onShadowRoot: this.onShadowRoot }));
    if (!texts) return;
    // The languages the page uses, from its markup and its text (a site's template may say `en`
    // around a German or Ukrainian article): the terms of any language the compiled topics lack
    // come from the background, one message, and the topics are compiled again with them.
    const languages = await this.inSlice(generation, 'languages', stats, () => this.languagesToAdd(doc, texts.value, topics));
    if (!languages) return;
    let compiledNow = compiled;
    if (languages.value.size) {
      const asked = performance.now();
      await this.loadLanguageTerms(languages.value);
      stats.termsWaitMs = performance.now() - asked;
      if (generation !== this.generation) return;
      for (const l of languages.value) this.pageLanguages.add(l);
      const again = await this.inSlice(generation, 'compile-languages', stats, () => {
        const recompiled = this.compileFor(topics);
        warmQuickCheck(recompiled);
        return recompiled;
      });
      if (!again) return;
      compiledNow = again.value;
      this.compiled = compiledNow;
    }
    const ruledOut = await this.inSlice(generation, 'quick-test', stats, () => texts.value !== null && noneMayMatch(texts.value, compiledNow));
    if (!ruledOut) return;
    if (ruledOut.value) {
      // Not even the article roots were needed; a later change that may mention a topic reads
      // the page again from the top (see `rescan`).
      this.roots = [];
      this.rootsPending = true;
      this.setStatus('no-mentions');
      publishStats(t0, stats, 0);
      return;
    }
    const roots = await this.inSlice(generation, 'roots', stats, () => findArticleRoots(doc));
    if (!roots) return;
    article.roots = roots.value;
    // The article's own language, not its site's template, decides the popover's language.
    article.lang = articleLanguage(article.lang, rootsSample(roots.value, doc));
    this.roots = article.roots.length ? article.roots : [doc.body];
    this.rootsPending = false;
    await this.process(this.roots, generation, stats);
    if (generation !== this.generation) return;
    this.setStatus(this.mentions.length ? 'on' : 'no-mentions');
    publishStats(t0, stats, this.mentions.length);
  }

  /**
   * Runs `work` alone in an idle slice, counted in `stats` under `phase`. Null when a newer
   * refresh started before it ran (the work is then skipped); else its result.
   * The caller's code after the `await` runs in the same task as `work`, so it must stay small:
   * anything that takes time gets a slice of its own.
   */
  private async inSlice<T>(generation: number, phase: string, stats: ScanStats, work: () => T): Promise<{ value: T } | null> {
    let result: { value: T } | null = null;
    await runSteps(() => {
      if (generation === this.generation) result = { value: work() };
      return false;
    }, { signal: this.signal, onSlice: (ms) => addSlice(stats, ms, phase) });
    return generation === this.generation ? result : null;
  }

  /**
   * Read `roots` a segment at a time in idle slices, keeping only the segments that hold an alias
   * and their neighbours (the context a mention is judged by): on a page that mentions nothing,
   * that one regex pass is all we do, and nothing read stays in memory. A full read (`stats` given)
   * also keeps the start of the article's text for its context-word counts. Then judge the kept
   * segments and wrap the accepted mentions. Drops its work if a newer refresh started.
   */
  private async process(roots: readonly Node[], generation: number, stats?: ScanStats): Promise<void> {
    const onSlice = (phase: string) => (ms: number) => stats && addSlice(stats, ms, phase);
    const compiled = this.compiled!;
    const article = this.article!;
    const sampler = stats ? new ArticleSampler(article.roots) : null;
    let ordinal = 0;
    // Past the article's sample (so on pages far longer than any article), blocks whose text
    // cannot hold an alias, nor their neighbours' text, are skipped rather than read node by node;
    // a skipped block leaves a gap in the ordinals, so the blocks around it are not neighbours.
    const cold = sampler && new ColdBlocks(compiled, () => ordinal++);
    const skip = sampler && cold ? (el: Element) => sampler.full && cold.skip(el) : undefined;
    const readers = roots.map((root) => iterateSegments(root, { onShadowRoot: this.onShadowRoot, skip }));
    const kept: TextSegment[] = [];
    const withAlias: number[] = [];
    let previous: TextSegment | null = null;
    let previousKept = false;
    let keepNext = false;
    let reader = 0;
    const read = runSteps(() => {
      if (generation !== this.generation) return false;
      const windowsBefore = cold ? cold.windowsRead : 0;
      for (let n = 0; n < SEGMENTS_PER_STEP && (!cold || cold.windowsRead - windowsBefore < WINDOWS_PER_STEP); n++) {
        const next = reader < readers.length ? readers[reader]!.next() : null;
        if (!next) return false;
        if (next.done) {
          reader++;
          continue;
        }
        const segment = next.value;
        segment.ordinal = ordinal++;
        sampler?.add(segment);
        if (findCandidates(segment.text, compiled).length) {
          if (previous && !previousKept) kept.push(previous);
          withAlias.push(kept.length);
          kept.push(segment);
          previousKept = keepNext = true;
        } else {
          if (keepNext) kept.push(segment);
          previousKept = keepNext;
          keepNext = false;
        }
        previous = segment;
      }
      return true;
    }, { signal: this.signal, budgetMs: READ_BUDGET_MS, onSlice: onSlice('read') });
    // The highlighting must not start with the skipper's Range still in the page (see `release`).
    await read.finally(() => cold?.release());
    if (generation !== this.generation) return;
    if (sampler) this.articleSample = this.inheritedSample.length ? [...sampler.texts, ...this.inheritedSample] : sampler.texts;
    if (!withAlias.length) return;
    // Count the article's context words (once per scan) in slices, rather than all at once when
    // the first candidate is judged.
    await this.ensureArticleCounts(generation, onSlice('count'));
    if (generation !== this.generation) return;
    const judgeGroups: number[][] = [];
    for (let i = 0; i < withAlias.length; i += JUDGE_PER_ITEM) judgeGroups.push(withAlias.slice(i, i + JUDGE_PER_ITEM));
    // Each group's mentions are chosen and labelled as they are judged: all at once after the last
    // group, it made a task of its own of 10-50 ms on the 10 MB page.
    const tracked: Tracked[] = [];
    const ranges: HighlightRange[] = [];
    const plan = this.highlightPlanner(tracked, ranges);
    await runChunked(judgeGroups, (group) => {
      if (generation === this.generation) for (const mention of analyzeSegments(kept, compiled, article, group)) plan(mention);
    }, { signal: this.signal, budgetMs: READ_BUDGET_MS, onSlice: onSlice('judge') });
    if (generation !== this.generation) return;
    const groups: HighlightRange[][] = [];
    for (let i = 0; i < ranges.length; i += SEGMENTS_PER_ITEM) groups.push(ranges.slice(i, i + SEGMENTS_PER_ITEM));
    await runChunked(groups, (group) => {
      if (generation === this.generation) this.highlighter.add(group);
    }, { signal: this.signal, budgetMs: WRITE_BUDGET_MS, onSlice: onSlice('wrap') });
    if (generation !== this.generation) return;
    this.mentions = mergeInOrder(this.mentions, tracked);
  }

  /**
   * A function to give each mention found, in document order, an id (into `tracked`) and, if it is
   * one to highlight, its range and label (into `ranges`).
   */
  private highlightPlanner(tracked: Tracked[], ranges: HighlightRange[]): (mention: FoundMention) => void {
    const chosen = highlightChooser<FoundMention>(this.settings.highlightMode);
    // A page names the same few phrases again and again: one message lookup per phrase and topic.
    const labels = new Map<string, string>();
    const labelOf = (m: FoundMention) => {
      const key = `${m.topicId}\u0000${m.text}`;
      let label = labels.get(key);
      if (label === undefined) labels.set(key, (label = t('popover_highlightLabel', [m.text, this.topicTitle(m.topicId)])));
      return label;
    };
    return (mention) => {
      const id = `fl${this.nextId++}`;
      tracked.push({ mention, id });
      if (!chosen(mention)) return;
      ranges.push({ segment: mention.segment, start: mention.start, end: mention.end, topicId: mention.topicId, id, label: labelOf(mention) });
    };
  }

  /** Count the context words of the article's sample, in slices, unless this scan already did. */
  private async ensureArticleCounts(generation: number, onSlice: (ms: number) => void): Promise<void> {
    const compiled = this.compiled!;
    const article = this.article!;
    if (hasArticleCounts(article, compiled)) return;
    const counts = new Int32Array(compiled.terms.length);
    const texts = this.articleSample;
    const groups: string[][] = [];
    for (let i = 0; i < texts.length; i += COUNT_PER_ITEM) groups.push(texts.slice(i, i + COUNT_PER_ITEM));
    await runChunked(groups, (group) => {
      if (generation !== this.generation) return;
      for (const text of group) countContextTerms(text, compiled, counts);
    }, { signal: this.signal, budgetMs: READ_BUDGET_MS, onSlice });
    if (generation === this.generation) primeArticleCounts(article, compiled, counts);
  }

  /** New or changed content: re-read just those parts. */
  private async rescan(changed: Node[]): Promise<void> {
    if (this.status !== 'on' && this.status !== 'no-mentions') return;
    if (!this.compiled || !this.article) return;
    // The page replaced the article wholesale (a framework re-render): read it again from the top.
    if (this.roots.some((root) => !root.isConnected)) return this.refresh();
    const compiled = this.compiled;
    const mayMention = (node: Node) => node.nodeType !== 1 || !cannotMention(node as Element, compiled, { onShadowRoot: this.onShadowRoot });
    // The last read was ruled out by the quick check: new text that may mention a topic (a
    // single-page app filling in its article) gets the full read, article roots and all.
    if (this.rootsPending) return changed.some(mayMention) ? this.refresh() : undefined;
    const generation = this.generation;
    const within = changed.filter((node) => this.roots.some((root) => root === node || root.contains(node) || node.contains(root)));
    if (!within.length) return;
    for (const root of within) this.highlighter.removeWithin(root);
    // Changed parts whose text names no topic are not read node by node.
    const roots = within.filter(mayMention);
    this.mentions = this.mentions.filter((m) => m.mention.segment.nodes.some((n) => n.isConnected) && !within.some((r) => r.contains(m.mention.segment.block)));
    await this.process(roots, generation);
    if (generation === this.generation) this.setStatus(this.mentions.length ? 'on' : 'no-mentions');
  }

  private topicTitle(topicId: string): string {
    const topic = this.topics.find((x) => x.id === topicId);
    return topic ? pick(this.titleOf(topic), packLanguage(this.article?.lang)) : topicId;
  }

  /** `topic`'s title with the page's other languages the background sent (the bundle carries en, uk, ru). */
  private titleOf(topic: LeanTopic): LeanTopic['title'] {
    const more = this.languageTerms[topic.id]?.title;
    return more ? { ...more, ...topic.title } : topic.title;
  }

  private setStatus(status: PageStatus): void {
    this.status = status;
    this.hasSettled = true;
    this.markSettled();
    const counts = new Map<string, number>();
    if (status === 'on') for (const m of this.mentions) counts.set(m.mention.topicId, (counts.get(m.mention.topicId) ?? 0) + 1);
    const topics = [...counts].map(([topicId, count]) => ({ topicId, count, title: this.topicTitle(topicId) }));
    const report: PageReport = { status, url: this.doc.location?.href ?? '', topics, total: topics.reduce((n, x) => n + x.count, 0) };
    // The popovers of the topics found will want their timelines and quotes: ask for them now, not
    // on the reader's click.
    if (counts.size) {
      void this.fetchDetails([...counts.keys()]);
      void this.fetchPopoverMessages();
    }
    const serialized = JSON.stringify(report);
    if (serialized === this.lastSerialized) return;
    this.lastSerialized = serialized;
    this.lastReport = report;
    void browser.runtime.sendMessage({ type: 'report', report } satisfies Message).catch(() => undefined);
  }

  private async onSettings(next: Settings): Promise<void> {
    const before = this.settings;
    this.settings = next;
    // Nothing to read again when only looks changed (colours, popover, theme), or the site rules
    // changed without changing this page's verdict (another site added to "Never on", say): a
    // refresh would make the highlights blink.
    const scanKey = (x: Settings) => JSON.stringify({ ...x, paused: null, siteMode: null, alwaysOn: null, neverOn: null, topics: null, popover: null, theme: null });
    const url = this.doc.location?.href ?? '';
    const isNews = this.article?.isNews ?? false;
    if (
      scanKey(before) === scanKey(next) &&
      this.topics.every((topic, i) => topicPrefs(before, topic.id, i).enabled === topicPrefs(next, topic.id, i).enabled) &&
      siteDecision(url, before, isNews) === siteDecision(url, next, isNews)
    ) {
      this.highlighter.restyle();
      return;
    }
    const wasOn = this.status === 'on';
    await this.refresh();
    if (this.announceNext) {
      this.announceNext = false;
      this.ui.announce(this.status === 'on' ? t('popover_announceOn', String(this.mentions.length)) : wasOn ? t('popover_announceOff') : t('popover_announceNone'), this.theme());
    }
  }

  private onMessage(message: Message): Promise<unknown> | undefined {
    switch (message.type) {
      case 'get-report':
        return Promise.resolve(this.lastReport);
      case 'jump':
        this.jump(message.direction, message.topicId);
        return Promise.resolve(true);
      case 'article-context':
        return this.articleForFrames();
      case 'announce':
        // An empty announcement asks us to announce the result of the refresh the shortcut caused.
        if (message.text) this.ui.announce(message.text, this.theme());
        else this.announceNext = true;
        return Promise.resolve(true);
      default:
        return undefined;
    }
  }

  /**
   * What this (top) page tells its frames about its article, once its scan has settled (at most a
   * couple of seconds on a huge page: the frame gives up waiting before that and judges itself).
   */
  private async articleForFrames(): Promise<TopArticle | null> {
    if (isEmbedded(this.doc.defaultView)) return null;
    if (!this.hasSettled) await this.settled;
    const article = this.article;
    if (!article) return null;
    return {
      url: this.doc.location?.href ?? '',
      isNews: article.isNews,
      ...(article.publishedAt && { publishedAt: article.publishedAt }),
      lang: article.lang,
      sample: sampleForFrames(this.articleSample),
    };
  }

  private theme() {
    return pageTheme(this.doc, this.settings.theme);
  }

  /** Move to the next or previous mention (of one topic, or of any). */
  private jump(direction: 1 | -1, topicId?: string): void {
    const list = this.mentions.filter((m) => !topicId || m.mention.topicId === topicId);
    if (!list.length) return;
    const key = topicId ?? '*';
    const at = this.cursor.get(key);
    const next = at === undefined ? (direction === 1 ? 0 : list.length - 1) : (at + direction + list.length) % list.length;
    this.cursor.set(key, next);
    this.reveal(list[next]!);
  }

  /** Scroll a mention into view, focus it when highlighted, and flash it briefly. */
  private reveal(tracked: Tracked): void {
    const reduce = this.doc.defaultView?.matchMedia?.('(prefers-reduced-motion: reduce)').matches;
    const el = this.highlighter.elements().find((e) => e.getAttribute('data-factlight-id') === tracked.id && e.hasAttribute('tabindex'));
    const target: Element = el ?? tracked.mention.segment.block;
    target.scrollIntoView({ block: 'center', behavior: reduce ? 'auto' : 'smooth' });
    if (el) {
      el.focus({ preventScroll: true });
      el.style.setProperty('outline', FOCUS_OUTLINE, 'important');
      setTimeout(() => this.doc.activeElement !== el && el.style.removeProperty('outline'), FLASH_MS);
    } else {
      flashRange(this.doc, tracked.mention);
    }
  }

  private listenToHighlights(): void {
    const opts = { capture: true, signal: this.signal };
    const findHighlight = (e: Event): HTMLElement | null => {
      for (const node of e.composedPath()) {
        if (node instanceof Element && node.localName === HIGHLIGHT_TAG && this.highlighter.has(node)) return node as HTMLElement;
      }
      return null;
    };
    this.doc.addEventListener('click', (e) => {
      const el = findHighlight(e);
      if (!el) return;
      e.preventDefault();
      this.toggle(el, e.detail === 0);
    }, opts);
    this.doc.addEventListener('keydown', (e) => {
      if (e.key !== 'Enter' && e.key !== ' ') return;
      const el = findHighlight(e);
      if (!el) return;
      e.preventDefault();
      this.toggle(el, true);
    }, opts);
    this.doc.addEventListener('focusin', (e) => {
      const el = findHighlight(e);
      if (el) el.style.setProperty('outline', FOCUS_OUTLINE, 'important');
    }, opts);
    this.doc.addEventListener('focusout', (e) => {
      const el = findHighlight(e);
      if (el) el.style.removeProperty('outline');
    }, opts);
    this.doc.addEventListener('mouseover', (e) => {
      if (!this.settings.popover.openOnHover) return;
      const el = findHighlight(e);
      clearTimeout(this.hoverTimer);
      if (el && this.ui.openFor !== el) this.hoverTimer = setTimeout(() => this.open(el, false), HOVER_DELAY_MS);
    }, opts);
  }

  private toggle(el: HTMLElement, focus: boolean): void {
    const info = this.highlighter.infoOf(el);
    const first = info?.first ?? el;
    if (this.ui.openFor === first) this.ui.close(focus);
    else this.open(first, focus);
  }

  /**
   * Ask the background for the timelines and quotes of `topicIds` it has not sent yet (one
   * message for all). Resolves when they are in `details`, or the background could not answer
   * (then the next opening asks again); never rejects.
   */
  private fetchDetails(topicIds: string[]): Promise<void> {
    const missing = topicIds.filter((id) => !this.details.has(id) && !this.detailsPending.has(id));
    if (missing.length) {
      const request = browser.runtime
        .sendMessage({ type: 'topic-details', topicIds: missing } satisfies Message)
        .then((answer: unknown) => {
          const byId = typeof answer === 'object' && answer !== null ? (answer as Record<string, TopicDetails | undefined>) : {};
          // Unless the topics changed while it was on its way (then a newer request asks again).
          for (const id of missing) if (this.detailsPending.get(id) === request) this.details.set(id, byId[id] ?? {});
        })
        .catch(() => undefined)
        .finally(() => {
          for (const id of missing) if (this.detailsPending.get(id) === request) this.detailsPending.delete(id);
        });
      for (const id of missing) this.detailsPending.set(id, request);
    }
    return Promise.all(topicIds.map((id) => this.detailsPending.get(id))).then(() => undefined);
  }

  /**
   * Open the popover for the mention behind highlight `el`, once its topic's timeline and quotes
   * are here (at once, as a rule: they were asked for when the scan found the topic).
   */
  private open(el: HTMLElement, focus: boolean): void {
    const topicId = this.mentionBehind(el)?.tracked.mention.topicId;
    if (!topicId) return;
    const opening = ++this.openings;
    if (this.details.has(topicId)) return this.openNow(el, focus);
    const waited = new Promise((resolve) => setTimeout(resolve, DETAILS_WAIT_MS));
    void Promise.race([Promise.all([this.fetchDetails([topicId]), this.fetchPopoverMessages()]), waited]).then(() => {
      if (opening === this.openings && el.isConnected) this.openNow(el, focus);
    });
  }

  /**
   * Ask the background, once per page language, for the popover's words in that language. Resolves
   * when they are here, or when the background had none or could not answer (the browser's
   * language then serves).
   */
  private fetchPopoverMessages(): Promise<void> {
    const lang = this.article?.lang ?? '';
    if (this.popoverMessages?.lang === lang) return this.popoverMessages.asked;
    const entry: { lang: string; answer: PopoverMessages | null | undefined; asked: Promise<void> } = { lang, answer: undefined, asked: Promise.resolve() };
    entry.asked = browser.runtime
      .sendMessage({ type: 'popover-messages', lang } satisfies Message)
      .then((answer: unknown) => {
        entry.answer = isPopoverMessages(answer) ? answer : null;
      })
      .catch(() => {
        entry.answer = null;
      });
    this.popoverMessages = entry;
    return entry.asked;
  }

  /** The mention behind highlight `el`, and the highlight that opens its popover. */
  private mentionBehind(el: HTMLElement): { tracked: Tracked; first: HTMLElement } | null {
    const info = this.highlighter.infoOf(el);
    const tracked = info && this.mentions.find((m) => m.id === info.id);
    return tracked ? { tracked, first: info.first ?? el } : null;
  }

  /** Asked again after a wait for details: the page may have changed in between. */
  private openNow(el: HTMLElement, focus: boolean): void {
    const behind = this.mentionBehind(el);
    const lean = behind && this.topics.find((x) => x.id === behind.tracked.mention.topicId);
    if (!behind || !lean) return;
    const { tracked, first } = behind;
    const topic: LeanTopic = { ...lean, title: this.titleOf(lean), ...this.details.get(lean.id) };
    const lang = packLanguage(this.article?.lang);
    const sameTopic = this.mentions.filter((m) => m.mention.topicId === topic.id);
    const excerpts: Array<{ excerpt: Excerpt; tracked: Tracked }> = [];
    const seen = new Set<string>();
    for (const m of sameTopic) {
      const excerpt = excerptAround(m.mention.segment.text, m.mention.start, m.mention.end, lang);
      if (seen.has(excerpt.text)) continue;
      seen.add(excerpt.text);
      excerpts.push({ excerpt, tracked: m });
    }
    this.ui.open(
      first,
      {
        topic,
        lang,
        locale: navigator.language,
        reasons: tracked.mention.reasons,
        excerpts: excerpts.map((x) => x.excerpt),
        show: { timeline: this.settings.popover.showTimeline, quotes: this.settings.popover.showQuotes, inArticle: this.settings.popover.showInArticle },
        published: this.article?.publishedAt,
        messages: this.popoverMessages?.lang === (this.article?.lang ?? '') ? this.popoverMessages.answer : null,
        onOpenTimeline: () => {
          // Extension pages cannot be opened by a link from a web page; the background opens the tab.
          const message: Message = { type: 'open-timeline', topicId: topic.id, published: this.article?.publishedAt };
          void browser.runtime.sendMessage(message).catch(() => undefined);
        },
        onJump: (i) => {
          const target = excerpts[i];
          if (!target) return;
          this.ui.close(false);
          this.reveal(target.tracked);
        },
      },
      this.theme(),
      focus,
    );
  }
}

/**
 * Leave the scan's timings in the page's performance timeline (visible to the benchmark, and to a
 * developer in the Performance panel). The numbers travel in the name: entries made in a content
 * script's world are readable from the page's, their `detail` objects are not.
 */
function publishStats(start: number, stats: ScanStats, mentions: number): void {
  try {
    const steps = [...stats.longestByStep];
    const [longestAt, longest] = steps.reduce((a, b) => (b[1] > a[1] ? b : a), ['', 0]);
    // `prescan` is the metadata slice, which reads the page and decides whether to go on.
    const prescan = stats.longestByStep.get('metadata') ?? 0;
    const name =
      `factlight:scan busy=${stats.busyMs.toFixed(2)} longest=${longest.toFixed(2)} slices=${stats.slices} mentions=${mentions} ` +
      `prescan=${prescan.toFixed(2)} longestAt=${longestAt} steps=${steps.map(([step, ms]) => `${step}:${ms.toFixed(1)}`).join(',')}` +
      (stats.termsWaitMs !== undefined ? ` termsWait=${stats.termsWaitMs.toFixed(2)}` : '');
    performance.measure(name, { start, end: performance.now() });
  } catch {
    // performance.measure with options is missing in old engines: timings are optional.
  }
}

function addSlice(stats: ScanStats, ms: number, phase: string): void {
  stats.busyMs += ms;
  stats.slices++;
  stats.longestByStep.set(phase, Math.max(ms, stats.longestByStep.get(phase) ?? 0));
}

/** Keep mentions in document order when a rescan adds some in the middle of the page. */
function mergeInOrder(existing: Tracked[], added: Tracked[]): Tracked[] {
  if (!existing.length) return added;
  return insertInOrder(existing, added, (a, b) =>
    a.mention.segment === b.mention.segment
      ? a.mention.start < b.mention.start
      : (a.mention.segment.block.compareDocumentPosition(b.mention.segment.block) & 4) /* FOLLOWING */ !== 0,
  );
}

/**
 * Briefly show a mention that has no highlight (first-per-section mode) by selecting it: visible in
 * every browser, read by screen readers, and it adds nothing to the page's DOM.
 */
function flashRange(doc: Document, mention: FoundMention): void {
  let offset = 0;
  const range = doc.createRange();
  for (const node of mention.segment.nodes) {
    if (!node.isConnected) return;
    const len = node.data.length;
    if (offset <= mention.start && mention.start <= offset + len) range.setStart(node, mention.start - offset);
    if (offset <= mention.end && mention.end <= offset + len) {
      range.setEnd(node, mention.end - offset);
      break;
    }
    offset += len;
  }
  const selection = doc.getSelection();
  selection?.removeAllRanges();
  selection?.addRange(range);
}

/** The start of the article's own text (not the whole body), for telling its language. */
function rootsSample(roots: readonly Element[], doc: Document): string {
  let out = '';
  for (const root of roots) {
    if (root === doc.body || root === doc.documentElement) continue;
    out += ` ${(root.textContent ?? '').slice(0, 5000)}`;
    if (out.length >= 5000) break;
  }
  return out;
}
