/**
 * How a reader reaches a mention's context: a click or tap on a painted mention (hit-tested, since
 * painting adds no element to click), hovering when the options ask for it, the keyboard control
 * (lib/content/mention-control.ts), the jump shortcut and the popover's own links back into the
 * page. It asks the background for what the popover shows (timelines, quotes, the popover's words
 * in the page's language) and opens the popover through `UiHost`.
 */
import { browser } from 'wxt/browser';
import type { Settings } from '../settings/schema';
import type { Message } from '../messages';
import type { ArticleContext, FoundMention } from '../analyze';
import type { LeanTopic, TopicDetails } from '../pack/lean';
import { isPopoverMessages, type PopoverMessages } from '../popover-messages';
import { excerptAround, type Excerpt } from '../excerpts';
import { packLanguage } from '../format';
import { t } from '../i18n';
import type { HighlightPainter, PaintedMention } from '../dom/painter';
import { MentionControl } from './mention-control';
import type { PopoverAnchor, Theme, UiHost } from './ui-host';

const HOVER_DELAY_MS = 350;
/**
 * Longest wait for a topic's timeline and quotes from the background when a popover opens before
 * they arrived (they are asked for as soon as a scan finds the topic): past it, the popover opens
 * without them rather than not at all.
 */
const DETAILS_WAIT_MS = 1500;

/** A mention found on the page, with its id (painted or not: "first per section" paints some). */
export interface Tracked {
  mention: FoundMention;
  id: string;
}

/** What the interaction reads from the page's controller. */
export interface InteractionSource {
  settings(): Settings;
  topics(): readonly LeanTopic[];
  article(): ArticleContext | null;
  /** Every mention found, in reading order. */
  tracked(): readonly Tracked[];
  /** A topic's title with the page's other languages the background sent. */
  titleOf(topic: LeanTopic): LeanTopic['title'];
  theme(): Theme;
  /** Runs our DOM writes unseen by the page watcher. */
  guard(write: () => void): void;
}

/** Clicks, hovers, keys and jumps that open the popover of a mention. */
export class PopoverInteraction {
  /** Timelines and quotes from the background, per topic id (see lib/pack/lean.ts). */
  private readonly details = new Map<string, TopicDetails>();
  private readonly detailsPending = new Map<string, Promise<void>>();
  /** The popover's words in the page's language, asked for once per language (lib/popover-messages.ts). */
  private popoverMessages: { lang: string; answer: PopoverMessages | null | undefined; asked: Promise<void> } | null = null;
  /** Counts popover openings, so a slow one that a later click overtook is dropped. */
  private openings = 0;
  private readonly cursor = new Map<string, number>();
  private hoverTimer: ReturnType<typeof setTimeout> | undefined;
  private hoverFrame = 0;
  readonly control: MentionControl;

  constructor(
    private readonly doc: Document,
    private readonly source: InteractionSource,
    private readonly painter: HighlightPainter,
    private readonly ui: UiHost,
    private readonly signal: AbortSignal,
  ) {
    this.control = new MentionControl(
      doc,
      {
        mentions: () => painter.mentions(),
        activate: (id) => this.toggle(id, true),
        hint: (index, count) => t('popover_controlHint', [String(index), String(count)]),
        guard: (write) => source.guard(write),
        popoverOpen: () => this.ui.openFor !== null,
      },
      signal,
    );
    this.listen();
  }

  /** Closes the popover and takes the control out of the page (highlights are being cleared). */
  reset(): void {
    this.ui.close(false);
    this.control.remove();
    this.cursor.clear();
  }

  /** Forgets the timelines and quotes received (the reader edited the topics). */
  forgetDetails(): void {
    this.details.clear();
    this.detailsPending.clear();
  }

  /** Move to the next or previous highlighted mention (of one topic, or of any): the ones the reader sees. */
  jump(direction: 1 | -1, topicId?: string): void {
    const list = this.source.tracked().filter((m) => (!topicId || m.mention.topicId === topicId) && this.painter.get(m.id));
    if (!list.length) return;
    const key = topicId ?? '*';
    const at = this.cursor.get(key);
    const next = at === undefined ? (direction === 1 ? 0 : list.length - 1) : (at + direction + list.length) % list.length;
    this.cursor.set(key, next);
    this.reveal(list[next]!);
  }

  /** Scroll a mention into view and put the keyboard control on it (or, when it is not painted, select it). */
  reveal(tracked: Tracked): void {
    const reduce = this.doc.defaultView?.matchMedia?.('(prefers-reduced-motion: reduce)').matches;
    tracked.mention.segment.block.scrollIntoView({ block: 'center', behavior: reduce ? 'auto' : 'smooth' });
    const painted = this.painter.get(tracked.id);
    if (painted) this.control.focusOn(painted);
    else flashRange(this.doc, tracked.mention);
  }

  /**
   * Ask the background for the timelines and quotes of `topicIds` it has not sent yet (one
   * message for all). Resolves when they are in `details`, or the background could not answer
   * (then the next opening asks again); never rejects.
   */
  fetchDetails(topicIds: string[]): Promise<void> {
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
   * Ask the background, once per page language, for the popover's words in that language. Resolves
   * when they are here, or when the background had none or could not answer (the browser's
   * language then serves).
   */
  fetchPopoverMessages(): Promise<void> {
    const lang = this.source.article()?.lang ?? '';
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

  private listen(): void {
    const opts = { capture: true, signal: this.signal };
    this.doc.addEventListener('click', (e) => {
      // A click the keyboard made (Enter on a link) has no point; a drag that selected text is not a tap.
      if (e.detail === 0 || this.control.contains(e.composedPath()[0])) return;
      const hit = this.painter.hitTest(e.composedPath(), e.clientX, e.clientY);
      if (!hit || !(this.doc.getSelection()?.isCollapsed ?? true)) return;
      e.preventDefault();
      this.toggle(hit.id, false);
    }, opts);
    this.doc.addEventListener('pointermove', (e) => {
      if (!this.source.settings().popover.openOnHover || e.pointerType === 'touch') return;
      const path = e.composedPath();
      const [x, y] = [e.clientX, e.clientY];
      // One hit test per frame at most, however fast the pointer moves.
      if (this.hoverFrame) cancelAnimationFrame(this.hoverFrame);
      this.hoverFrame = requestAnimationFrame(() => {
        this.hoverFrame = 0;
        const hit = this.painter.hitTest(path, x, y);
        clearTimeout(this.hoverTimer);
        if (hit && this.ui.openFor !== hit.id) this.hoverTimer = setTimeout(() => this.open(hit, false), HOVER_DELAY_MS);
      });
    }, { ...opts, passive: true });
  }

  private toggle(id: string, fromKeyboard: boolean): void {
    const painted = this.painter.get(id);
    if (!painted) return;
    if (this.ui.openFor === id) this.ui.close(fromKeyboard);
    else this.open(painted, fromKeyboard);
  }

  /**
   * Open the popover of `painted`, once its topic's timeline and quotes are here (at once, as a
   * rule: they were asked for when the scan found the topic).
   */
  private open(painted: PaintedMention, fromKeyboard: boolean): void {
    const opening = ++this.openings;
    if (this.details.has(painted.topicId)) return this.openNow(painted, fromKeyboard);
    const waited = new Promise((resolve) => setTimeout(resolve, DETAILS_WAIT_MS));
    void Promise.race([Promise.all([this.fetchDetails([painted.topicId]), this.fetchPopoverMessages()]), waited]).then(() => {
      if (opening === this.openings && this.painter.get(painted.id) === painted) this.openNow(painted, fromKeyboard);
    });
  }

  private anchorFor(painted: PaintedMention, fromKeyboard: boolean): PopoverAnchor {
    const painter = this.painter;
    return {
      id: painted.id,
      rect: () => painter.rectOf(painted.id) ?? new DOMRect(),
      context: painted.segment.block,
      isConnected: () => painted.range.startContainer.isConnected && painter.get(painted.id) === painted,
      control: fromKeyboard && this.control.currentId === painted.id ? this.control.element : null,
      hit: (e) => e instanceof MouseEvent && painter.hitTest(e.composedPath(), e.clientX, e.clientY)?.id === painted.id,
      // Opened by a click, closed from the keyboard: focus goes to our control over the mention,
      // so the reader carries on from there (Tab, arrows) rather than from the top of the page.
      returnFocus: () => {
        if (painter.get(painted.id) === painted) this.control.focusOn(painted);
      },
      // Closed by a click elsewhere: the control, if focus is not on it, has nothing left to do.
      closed: () => this.control.removeUnlessFocused(),
    };
  }

  /** Asked again after a wait for details: the page may have changed in between. */
  private openNow(painted: PaintedMention, fromKeyboard: boolean): void {
    const tracked = this.source.tracked().find((m) => m.id === painted.id);
    const lean = tracked && this.source.topics().find((x) => x.id === painted.topicId);
    if (!tracked || !lean) return;
    const article = this.source.article();
    const settings = this.source.settings();
    const topic: LeanTopic = { ...lean, title: this.source.titleOf(lean), ...this.details.get(lean.id) };
    const lang = packLanguage(article?.lang);
    const excerpts: Array<{ excerpt: Excerpt; tracked: Tracked }> = [];
    const seen = new Set<string>();
    for (const m of this.source.tracked()) {
      if (m.mention.topicId !== topic.id) continue;
      const excerpt = excerptAround(m.mention.segment.text, m.mention.start, m.mention.end, lang);
      if (seen.has(excerpt.text)) continue;
      seen.add(excerpt.text);
      excerpts.push({ excerpt, tracked: m });
    }
    this.ui.open(
      this.anchorFor(painted, fromKeyboard),
      {
        topic,
        lang,
        locale: navigator.language,
        reasons: tracked.mention.reasons,
        excerpts: excerpts.map((x) => x.excerpt),
        show: { timeline: settings.popover.showTimeline, quotes: settings.popover.showQuotes, inArticle: settings.popover.showInArticle },
        published: article?.publishedAt,
        messages: this.popoverMessages?.lang === (article?.lang ?? '') ? this.popoverMessages.answer : null,
        onOpenTimeline: () => {
          // Extension pages cannot be opened by a link from a web page; the background opens the tab.
          const message: Message = { type: 'open-timeline', topicId: topic.id, published: article?.publishedAt };
          void browser.runtime.sendMessage(message).catch(() => undefined);
        },
        onJump: (i) => {
          const target = excerpts[i];
          if (!target) return;
          this.ui.close(false);
          this.reveal(target.tracked);
        },
      },
      this.source.theme(),
      fromKeyboard,
    );
  }
}

/**
 * Briefly show a mention that is not painted (first-per-section mode) by selecting it: visible in
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
