/**
 * The context card for one topic, opened from a highlighted mention. Pure view: it renders what it is
 * given (topic, the mention's reasons, the article's own sentences, the article's date) and reports
 * clicks. It answers the reader's question first: what has happened since this article was written,
 * and what led up to it (lib/pack/story.ts); the whole story is one click away on the timeline page. Every string a
 * pack or a page supplies is rendered as text by JSX, never as HTML.
 */
import type { PackLanguage, TimelineEntry } from '../../lib/pack/schema';
import type { LeanTopic } from '../../lib/pack/lean';
import type { Excerpt } from '../../lib/excerpts';
import { formatDate } from '../../lib/format';
import { t as browserT, uiLanguage } from '../../lib/i18n';
import { tPlural } from '../../lib/plural';
import { translator, type PopoverMessages } from '../../lib/popover-messages';
import { quotesAround, storyAround } from '../../lib/pack/story';
import { PackText, QuoteFigure, TimelineItem } from '../story/StoryItems';

/** Why a mention matched, as the matcher reports it (codes become words here). */
export interface Reason {
  code: string;
  detail: string[];
}

export interface PopoverProps {
  /** The topic, with the details the background sent (summary, timeline, quotes, people) when it answered. */
  topic: LeanTopic;
  /** Language for the topic's own text (the page's language). */
  lang: PackLanguage;
  /** Locale for dates and the interface (the reader's). */
  locale?: string;
  reasons: Reason[];
  excerpts: Excerpt[];
  show: { timeline: boolean; quotes: boolean; inArticle: boolean };
  /** The article's publication date (YYYY-MM-DD), when the page gives one. */
  published?: string;
  onClose(): void;
  onJump(index: number): void;
  /** Open the topic's whole story on the extension's timeline page. */
  onOpenTimeline(): void;
  /**
   * The popover's own words in the page's language, when we ship that language (the background
   * sends them); otherwise the browser's language serves. Dates then follow the same language.
   */
  messages?: PopoverMessages | null;
}

/** Human words for one reason, in the interface language. */
export function describeReason(reason: Reason, locale?: string, t: (key: string, substitutions?: string | string[]) => string = browserT): string {
  const detail = reason.detail.join(', ');
  switch (reason.code) {
    case 'alias': // [alias, the text as found]
      return t('popover_reasonAlias', reason.detail[1] ?? reason.detail[0] ?? '');
    case 'anchors-nearby':
      return t('popover_reasonNearby', detail);
    case 'anchors-in-article':
      return t('popover_reasonArticle', detail);
    case 'published-after': // [published, events begin]
      return t('popover_reasonDate', formatDate(reason.detail[0] ?? '', locale));
    case 'alias-only':
      return t('popover_reasonAliasOnly');
    default:
      return detail ? `${reason.code}: ${detail}` : reason.code;
  }
}

export function Popover({ topic, lang, locale: readerLocale, reasons, excerpts, show, published, onClose, onJump, onOpenTimeline, messages }: PopoverProps) {
  const t = translator(messages?.messages);
  const locale = messages?.lang ?? readerLocale;
  const titleId = `factlight-title-${topic.id}`;
  const story = storyAround(topic.timeline ?? [], published);
  const quotes = quotesAround(topic.quotes ?? [], published);
  const entries = (id: string, list: TimelineEntry[]) => (
    <ol class="timeline" aria-labelledby={id}>
      {list.map((entry) => (
        <TimelineItem key={entry.date + entry.text.en} entry={entry} lang={lang} locale={locale} />
      ))}
    </ol>
  );
  const hasStory = (topic.timeline?.length ?? 0) > 0 || (topic.quotes?.length ?? 0) > 0;
  return (
    <div class="card" role="dialog" aria-labelledby={titleId} aria-modal="false" lang={messages?.lang ?? uiLanguage()}>
      <header class="head">
        <h2 id={titleId} class="title" tabIndex={-1}>
          <PackText text={topic.title} lang={lang} />
        </h2>
        <button type="button" class="close" onClick={onClose} aria-label={t('popover_close')} title={t('popover_close')}>
          <span aria-hidden="true">×</span>
        </button>
      </header>
      <div class="body">
        <p class="asof">{t('popover_contextUpTo', formatDate(topic.asOf, locale))}</p>
        {show.timeline && story.kind === 'since' && (
          <section class="since" aria-labelledby={`${titleId}-since`}>
            <h3 id={`${titleId}-since`}>
              {tPlural(
                { one: 'popover_since_one', few: 'popover_since_few', many: 'popover_since_many', other: 'popover_since_other' },
                story.sinceCount,
                [formatDate(story.published, locale)],
                messages?.lang,
                t,
              )}
            </h3>
            {entries(`${titleId}-since`, story.since)}
          </section>
        )}

        {topic.summary && (
          <p class="summary">
            <PackText text={topic.summary} lang={lang} />
          </p>
        )}
        {show.timeline && story.kind !== 'latest' && story.before.length > 0 && (
          <section aria-labelledby={`${titleId}-before`}>
            <h3 id={`${titleId}-before`}>{t('popover_beforeArticle', formatDate(story.published, locale))}</h3>
            {entries(`${titleId}-before`, story.before)}
          </section>
        )}

        {show.timeline && story.kind === 'latest' && story.latest.length > 0 && (
          <section aria-labelledby={`${titleId}-latest`}>
            <h3 id={`${titleId}-latest`}>{t('popover_latest')}</h3>
            {entries(`${titleId}-latest`, story.latest)}
          </section>
        )}

        {show.inArticle && excerpts.length > 0 && (
          <section aria-labelledby={`${titleId}-article`}>
            <h3 id={`${titleId}-article`}>{t('popover_inThisArticle')}</h3>
            <ul class="excerpts">
              {excerpts.map((ex, i) => (
                <li key={`${ex.start}-${i}`} class={ex.quoted ? 'quoted' : undefined}>
                  <a
                    href="#"
                    onClick={(e) => {
                      e.preventDefault();
                      onJump(i);
                    }}
                  >
                    {ex.quoted && <span class="visually-hidden">{t('popover_quotedSpeech')} </span>}
                    {ex.text}
                  </a>
                </li>
              ))}
            </ul>
          </section>
        )}

        {show.quotes && quotes.length > 0 && (
          <section aria-labelledby={`${titleId}-quotes`}>
            <h3 id={`${titleId}-quotes`}>{t('popover_quotes')}</h3>
            {quotes.map((q) => (
              <QuoteFigure key={q.date + q.text} quote={q} people={topic.people} lang={lang} locale={locale} />
            ))}
          </section>
        )}

        {hasStory && (
          <p class="more">
            <button type="button" class="link" onClick={onOpenTimeline}>
              {t('popover_fullStory')}
            </button>
          </p>
        )}

        {reasons.length > 0 && (
          <details class="why">
            <summary>{t('popover_why')}</summary>
            <ul>
              {reasons.map((r, i) => (
                <li key={i}>{describeReason(r, locale, t)}</li>
              ))}
            </ul>
          </details>
        )}
      </div>
    </div>
  );
}
