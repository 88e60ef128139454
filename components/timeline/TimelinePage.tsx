/**
 * The timeline page (`timeline.html#<topic>`): a topic's whole dated story with every source and
 * quote, one click from the popover. Headings, lists and links a screen reader can walk; a skip
 * link and a topic menu for the keyboard; light and dark. When opened from an article it marks
 * where that article falls in the story (`?published=YYYY-MM-DD`).
 */
import { Fragment } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { PackLanguage, Topic } from '../../lib/pack/schema';
import { formatDate, pick } from '../../lib/format';
import { t } from '../../lib/i18n';
import { tPlural } from '../../lib/plural';
import { QuoteFigure, TimelineItem } from '../story/StoryItems';

export interface TimelinePageProps {
  topics: Topic[];
  /** The topic to show (the address's hash); the first topic when unknown. */
  topicId?: string;
  /** The date of the article the reader came from, when known. */
  published?: string;
  /** Language of the topics' text (the interface language, as a pack language). */
  lang: PackLanguage;
  locale?: string;
}

const byDate = <T extends { date: string }>(list: readonly T[]): T[] => [...list].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));

/** See the module comment. */
export function TimelinePage({ topics, topicId, published, lang, locale }: TimelinePageProps) {
  const topic = topics.find((x) => x.id === topicId) ?? topics[0];
  useEffect(() => {
    document.title = topic ? `${pick(topic.title, lang)} · ${t('timeline_title')}` : t('timeline_title');
  }, [topic, lang]);
  if (!topic) return <main class="timeline-page"><p>{t('timeline_noTopics')}</p></main>;

  const timeline = byDate(topic.timeline ?? []);
  const quotes = byDate(topic.quotes ?? []).reverse();
  const firstAfter = published ? timeline.findIndex((entry) => entry.date > published) : -1;
  const sinceCount = firstAfter === -1 ? 0 : timeline.length - firstAfter;
  return (
    <>
      <a class="skip" href="#story">{t('timeline_skip')}</a>
      <header class="page-head">
        <p class="brand">{t('timeline_title')}</p>
        <nav aria-label={t('timeline_topics')}>
          <ul class="topics">
            {topics.map((x) => (
              <li key={x.id}>
                <a href={`#${x.id}`} aria-current={x.id === topic.id ? 'page' : undefined}>
                  {pick(x.title, lang)}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      </header>
      <main class="timeline-page" id="story" tabIndex={-1}>
        <h1>{pick(topic.title, lang)}</h1>
        <p class="summary">{pick(topic.summary, lang)}</p>
        <p class="asof">{t('popover_contextUpTo', formatDate(topic.asOf, locale))}</p>
        {published && (
          <p class="article-note" role="note">
            {sinceCount > 0
              ? tPlural(
                  { one: 'popover_since_one', few: 'popover_since_few', many: 'popover_since_many', other: 'popover_since_other' },
                  sinceCount,
                  [formatDate(published, locale)],
                )
              : t('timeline_nothingSince', formatDate(published, locale))}
          </p>
        )}

        <section aria-labelledby="timeline-heading">
          <h2 id="timeline-heading">
            {tPlural({ one: 'timeline_entries_one', few: 'timeline_entries_few', many: 'timeline_entries_many', other: 'timeline_entries_other' }, timeline.length)}
          </h2>
          <ol class="timeline">
            {timeline.map((entry, i) => (
              <Fragment key={entry.date + entry.text.en}>
                {i === firstAfter && (
                  <li class="marker">
                    <span>{t('timeline_articleHere', formatDate(published!, locale))}</span>
                  </li>
                )}
                <TimelineItem entry={entry} lang={lang} locale={locale} withTitles />
              </Fragment>
            ))}
          </ol>
        </section>

        {quotes.length > 0 && (
          <section aria-labelledby="quotes-heading">
            <h2 id="quotes-heading">{t('popover_quotes')}</h2>
            {quotes.map((q) => (
              <QuoteFigure key={q.date + q.text} quote={q} people={topic.people} lang={lang} locale={locale} />
            ))}
          </section>
        )}
      </main>
    </>
  );
}

/** Follows the address's hash, so the topic menu and the back button switch topics in place. */
export function useHashTopic(): string | undefined {
  const read = () => decodeURIComponent(location.hash.slice(1)) || undefined;
  const [id, setId] = useState(read);
  useEffect(() => {
    const onHash = () => {
      setId(read());
      document.getElementById('story')?.focus();
    };
    addEventListener('hashchange', onHash);
    return () => removeEventListener('hashchange', onHash);
  }, []);
  return id;
}
