/**
 * Messages between the content script, the background and the popup. One union, so every sender and
 * receiver is checked against the same shapes.
 */

/** Why a page is, or is not, highlighted: the popup explains each in plain words. */
export type PageStatus =
  | 'on' // highlighted, mentions found
  | 'no-mentions' // allowed, scanned, nothing about these events
  | 'not-news' // "News pages" mode and this page does not look like a news article
  | 'site-off' // the reader turned this site off (or "Only sites I list" and it is not listed)
  | 'paused' // paused everywhere
  | 'before-events' // the article was published before the topics' events began
  | 'restricted'; // a page the browser does not let extensions into (decided by the popup)

/** What one topic has on the current page. */
export interface TopicCount {
  topicId: string;
  title: string;
  count: number;
}

/** The content script's report for its tab (top frame; frames add their counts). */
export interface PageReport {
  status: PageStatus;
  url: string;
  topics: TopicCount[];
  total: number;
}

export type Message =
  /** content -> background: this frame's report changed (badge). */
  | { type: 'report'; report: PageReport }
  /** popup -> content: what did you find? Answers PageReport. */
  | { type: 'get-report' }
  /** popup/background -> content: move to the next/previous mention (of a topic, or any). */
  | { type: 'jump'; direction: 1 | -1; topicId?: string }
  /** background -> content: say something to screen readers (after the shortcut). */
  | { type: 'announce'; text: string }
  /**
   * content -> background: the timelines and quotes of these topics, which the content script
   * does not carry (see lib/pack/lean.ts). Answers `Record<topicId, TopicDetails>`.
   */
  | { type: 'topic-details'; topicIds: string[] }
  /**
   * content -> background: the aliases and per-language anchors and exclusions of these languages
   * (primary subtags), which the content script does not carry beyond en, uk and ru (see
   * lib/matcher/languages.ts). Answers `Record<topicId, LanguageTerms>`.
   */
  | { type: 'topic-terms'; languages: string[] }
  /**
   * content -> background: open the topic's whole story on the timeline page, marking where the
   * article (published on `published`, when known) falls in it.
   */
  | { type: 'open-timeline'; topicId: string; published?: string }
  /**
   * content -> background: the popover's own words in the page's language `lang` (a BCP 47 tag).
   * Answers `PopoverMessages | null` (lib/popover-messages.ts).
   */
  | { type: 'popover-messages'; lang: string }
  /**
   * frame -> background: what does the top page of my tab say about its article? The background
   * asks the top frame (`article-context`) and passes its `TopArticle` answer on (or null).
   */
  | { type: 'top-article' }
  /** background -> top frame: tell your frames about your article. Answers `TopArticle | null`. */
  | { type: 'article-context' };

/** Narrow an unknown runtime message to our union (messages from elsewhere are ignored). */
export function isMessage(value: unknown): value is Message {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { type?: unknown }).type === 'string' &&
    ['report', 'get-report', 'jump', 'announce', 'topic-details', 'topic-terms', 'open-timeline', 'popover-messages', 'top-article', 'article-context'].includes((value as { type: string }).type)
  );
}
