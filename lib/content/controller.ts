/**
 * The content script's conductor: decides whether this page gets highlights, runs the scan
 * (lib/content/scan-pipeline.ts) in idle slices, follows page changes and settings, and reports
 * counts to the badge. Clicks, keys and popovers are lib/content/popover-interaction.ts's. It
 * changes what the page shows only through `HighlightPainter`, `UiHost` and the keyboard control.
 */
import { browser } from 'wxt/browser';
import type { Settings } from '../settings/schema';
import { isMessage, type Message, type PageStatus } from '../messages';
import { loadEffectiveTopics, loadSettings, topicPrefs, watchSettings, watchTopics } from '../settings/store';
import { siteDecision } from '../sites';
import { compileTopics, type CompiledTopics } from '../matcher/compile';
import { buildArticleContext, isBeforeEvents, type ArticleContext } from '../analyze';
import { articleRootSteps } from '../page/roots';
import { rootsSample, textSample } from '../page/meta';
import { HighlightPainter } from '../dom/painter';
import { runSteps } from '../dom/schedule';
import { watchPage, type PageWatcher } from '../dom/watch';
import { cannotMention, noneMayMatchSteps, quickTexts, warmQuickCheck } from '../dom/quick-check';
import { packLanguage, pick } from '../format';
import { t } from '../i18n';
import { insertInOrder, precedes } from '../dom/order';
import { runScan } from './scan-pipeline';
import type { HighlightLook } from '../dom/highlight-style';
import { pageTheme } from './theme';
import { UiHost } from './ui-host';
import leanTopics, { extraLanguages, extraLiterals } from 'virtual:factlight/lean-topics';
import { CARRIED_LANGUAGES, extraAliasLiterals, extraLanguagesOf, mergeTerms, topicForLanguages, withTerms, type LanguageTerms } from '../matcher/languages';
import { articleLanguage, pageLanguages } from '../page/lang';
import type { LeanTopic } from '../pack/lean';
import { PopoverInteraction, type Tracked } from './popover-interaction';
import { addSlice, PageReporter, publishStats, type ScanStats } from './reporting';
import { askTopArticle, inheritTopArticle, isEmbedded, sampleForFrames, type TopArticle } from './frame-context';

/** How long the shortcut's announcement waits for the refresh the settings change causes. */
const ANNOUNCE_WAIT_MS = 500;

/** Runs Factlight on one document (each frame has its own). */
export class PageController {
  private settings!: Settings;
  private topics: LeanTopic[] = [];
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
  private readonly reporter = new PageReporter();
  /** Set by the shortcut: announce the outcome of the refresh it caused. */
  private announceNext = false;
  /** Refreshes caused by a settings change, running now. */
  private settingsRefreshes = 0;
  private generation = 0;
  private nextId = 0;
  private readonly painter: HighlightPainter;
  private readonly interaction: PopoverInteraction;
  private readonly watcher: PageWatcher;
  private readonly ui: UiHost;
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
    const guard = (write: () => void) => this.watcher.mute(write);
    this.painter = new HighlightPainter(doc, (topicId) => this.lookOf(topicId), { guard });
    this.ui = new UiHost(doc);
    this.interaction = new PopoverInteraction(
      doc,
      {
        settings: () => this.settings,
        topics: () => this.topics,
        article: () => this.article,
        tracked: () => this.mentions,
        titleOf: (topic) => this.titleOf(topic),
        theme: () => this.theme(),
        guard,
      },
      this.painter,
      this.ui,
      signal,
    );
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
          this.interaction.forgetDetails();
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

  private lookOf(topicId: string): HighlightLook {
    const index = Math.max(0, this.topics.findIndex((topic) => topic.id === topicId));
    return topicPrefs(this.settings, topicId, index);
  }

  private clearHighlights(): void {
    this.interaction.reset();
    this.painter.removeAll();
    this.mentions = [];
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
    if (article && needsTop && isEmbedded(doc.defaultView) && textSample(doc.body, 400).replace(/\s+/g, ' ').trim().length >= 40) {
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
      // Compiling, then warming the new patterns, each in a slice of its own: together they took
      // 54 ms on the corpus's Wikipedia page (its links name the page in a dozen languages).
      const again = await this.inSlice(generation, 'compile-languages', stats, () => this.compileFor(topics));
      if (!again) return;
      if (!(await this.inSlice(generation, 'warm-languages', stats, () => warmQuickCheck(again.value)))) return;
      compiledNow = again.value;
      this.compiled = compiledNow;
    }
    // In steps of a stretch of text each: a 1 MB page's text tested in one piece took 53 ms.
    const ruledOut = texts.value === null ? { value: false } : await this.inSteps(generation, 'quick-test', stats, noneMayMatchSteps(texts.value, compiledNow));
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
    const roots = await this.inSteps(generation, 'roots', stats, articleRootSteps(doc));
    if (!roots) return;
    article.roots = roots.value;
    // The article's own language, not its site's template, decides the popover's language.
    article.lang = articleLanguage(article.lang, rootsSample(roots.value));
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
   * Runs the generator `steps` to its end in idle slices (a step at a time, as many per slice as
   * the budget allows), counted in `stats` under `phase`. Null when a newer refresh started.
   */
  private async inSteps<T>(generation: number, phase: string, stats: ScanStats, steps: Generator<void, T, void>): Promise<{ value: T } | null> {
    let result: { value: T } | null = null;
    await runSteps(() => {
      if (generation !== this.generation) return false;
      const step = steps.next();
      if (step.done) result = { value: step.value };
      return !step.done;
    }, { signal: this.signal, onSlice: (ms) => addSlice(stats, ms, phase) });
    return generation === this.generation ? result : null;
  }

  /**
   * Scan `roots` (lib/content/scan-pipeline.ts): a full read when `stats` is given, else a rescan of
   * parts the page changed. Drops its work if a newer refresh started.
   */
  private async process(roots: readonly Node[], generation: number, stats?: ScanStats): Promise<void> {
    // A page names the same few phrases again and again: one message lookup per phrase and topic.
    const labels = new Map<string, string>();
    await runScan({
      roots,
      compiled: this.compiled!,
      article: this.article!,
      highlightMode: this.settings.highlightMode,
      full: !!stats,
      inheritedSample: this.inheritedSample,
      sample: () => this.articleSample,
      signal: this.signal,
      isCurrent: () => generation === this.generation,
      onShadowRoot: this.onShadowRoot,
      onSlice: (phase, ms) => stats && addSlice(stats, ms, phase),
      newId: () => `fl${this.nextId++}`,
      labelOf: (m) => {
        const key = `${m.topicId}\u0000${m.text}`;
        let label = labels.get(key);
        if (label === undefined) labels.set(key, (label = t('popover_highlightLabel', [m.text, this.topicTitle(m.topicId)])));
        return label;
      },
      sampled: (texts) => (this.articleSample = texts),
      found: (tracked, ranges) => {
        this.painter.add(ranges);
        this.addTracked(tracked);
      },
    });
    // All found: the painter registers what is on screen even if the mentions end there.
    if (generation === this.generation) this.painter.flush();
  }

  /** Adds mentions to the page's list, in reading order (a full read appends; a rescan may insert). */
  private addTracked(tracked: Tracked[]): void {
    const last = this.mentions.at(-1);
    if (!tracked.length) return;
    if (!last || comesBefore(last, tracked[0]!)) this.mentions.push(...tracked);
    else this.mentions = insertInOrder(this.mentions, tracked, comesBefore);
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
    for (const root of within) this.painter.removeWithin(root);
    // Changed parts whose text names no topic are not read node by node.
    const roots = within.filter(mayMention);
    // A mention's block, not its text nodes: a kept segment finds its nodes again on each read (see
    // `withoutNodes`), and a text node taken out of a block makes the block a changed part.
    this.mentions = this.mentions.filter((m) => m.mention.segment.block.isConnected && !within.some((r) => r.contains(m.mention.segment.block)));
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
    // The popovers of the topics found will want their timelines and quotes: ask for them now, not
    // on the reader's click.
    if (counts.size) {
      void this.interaction.fetchDetails([...counts.keys()]);
      void this.interaction.fetchPopoverMessages();
    }
    this.reporter.report(status, this.doc.location?.href ?? '', counts, (id) => this.topicTitle(id));
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
      this.painter.restyle();
      return;
    }
    const wasOn = this.status === 'on';
    this.settingsRefreshes++;
    try {
      await this.refresh();
    } finally {
      this.settingsRefreshes--;
    }
    if (this.announceNext) this.announceStatus(wasOn);
  }

  /** Says what the shortcut's toggle did (see `announceNext`), once. */
  private announceStatus(wasOn: boolean): void {
    this.announceNext = false;
    const off = this.status === 'site-off' || this.status === 'paused';
    this.ui.announce(this.status === 'on' ? t('popover_announceOn', String(this.mentions.length)) : wasOn || off ? t('popover_announceOff') : t('popover_announceNone'), this.theme());
  }

  private onMessage(message: Message): Promise<unknown> | undefined {
    switch (message.type) {
      case 'get-report':
        return Promise.resolve(this.reporter.last);
      case 'jump':
        this.interaction.jump(message.direction, message.topicId);
        return Promise.resolve(true);
      case 'article-context':
        return this.articleForFrames();
      case 'announce':
        // An empty announcement asks us to announce the result of the refresh the shortcut caused.
        // The settings change that causes it may have been handled before this message arrived
        // (a scan of a short page is quicker than a message): then there is no refresh to wait for.
        if (message.text) this.ui.announce(message.text, this.theme());
        else {
          this.announceNext = true;
          setTimeout(() => this.announceNext && !this.settingsRefreshes && this.announceStatus(false), ANNOUNCE_WAIT_MS);
        }
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
}

/** True when mention `a` comes before `b` in the page. */
function comesBefore(a: Tracked, b: Tracked): boolean {
  return a.mention.segment === b.mention.segment
    ? a.mention.start < b.mention.start
    : precedes(a.mention.segment.block, b.mention.segment.block);
}
