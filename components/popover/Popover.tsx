/**
 * The context card for one topic, opened from a highlighted mention. Pure view: it renders what it is
 * given (topic, the mention's reasons, the article's own sentences) and reports clicks. Every string a
 * pack or a page supplies is rendered as text by JSX, never as HTML.
 */
import type { Topic, PackLanguage } from '../../lib/pack/schema';
import type { Excerpt } from '../../lib/excerpts';
import { formatDate, pick } from '../../lib/format';
import { t } from '../../lib/i18n';

/** Why a mention matched, as the matcher reports it (codes become words here). */
export interface Reason {
  code: string;
  detail: string[];
}

export interface PopoverProps {
  topic: Topic;
  /** Language for the topic's own text (the page's language). */
  lang: PackLanguage;
  /** Locale for dates and the interface (the reader's). */
  locale?: string;
  reasons: Reason[];
  excerpts: Excerpt[];
  show: { timeline: boolean; quotes: boolean; inArticle: boolean };
  onClose(): void;
  onJump(index: number): void;
}

/** Human words for one reason, in the interface language. */
export function describeReason(reason: Reason, locale?: string): string {
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

export function Popover({ topic, lang, locale, reasons, excerpts, show, onClose, onJump }: PopoverProps) {
  const titleId = `factlight-title-${topic.id}`;
  const timeline = [...(topic.timeline ?? [])].sort((a, b) => a.date.localeCompare(b.date));
  return (
    <div class="card" role="dialog" aria-labelledby={titleId} aria-modal="false" lang={lang}>
      <header class="head">
        <h2 id={titleId} class="title" tabIndex={-1}>
          {pick(topic.title, lang)}
        </h2>
        <button type="button" class="close" onClick={onClose} aria-label={t('popover_close')} title={t('popover_close')}>
          <span aria-hidden="true">×</span>
        </button>
      </header>
      <div class="body">
        <p class="summary">{pick(topic.summary, lang)}</p>
        <p class="asof">
          {t('popover_asOf', formatDate(topic.asOf, locale))}
        </p>

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

        {show.timeline && timeline.length > 0 && (
          <section aria-labelledby={`${titleId}-timeline`}>
            <h3 id={`${titleId}-timeline`}>{t('popover_timeline')}</h3>
            <ol class="timeline">
              {timeline.map((entry) => (
                <li key={entry.date + pick(entry.text, 'en')}>
                  <time dateTime={entry.date}>{formatDate(entry.date, locale)}</time>
                  <span class="event">{pick(entry.text, lang)}</span>
                  <span class="sources">
                    {entry.sources.map((s, i) => (
                      <span key={i}>
                        {i > 0 && '; '}
                        {s.url ? (
                          <a href={s.url} target="_blank" rel="noopener noreferrer">
                            {s.outlet}
                          </a>
                        ) : (
                          s.outlet
                        )}
                      </span>
                    ))}
                  </span>
                </li>
              ))}
            </ol>
          </section>
        )}

        {show.quotes && (topic.quotes?.length ?? 0) > 0 && (
          <section aria-labelledby={`${titleId}-quotes`}>
            <h3 id={`${titleId}-quotes`}>{t('popover_quotes')}</h3>
            {topic.quotes!.map((q, i) => (
              <figure class="quote" key={i}>
                <blockquote lang={q.lang}>{q.text}</blockquote>
                <figcaption>
                  <strong>{q.speaker}</strong>, {q.role}, <time dateTime={q.date}>{formatDate(q.date, locale)}</time>.{' '}
                  {q.source.url ? (
                    <a href={q.source.url} target="_blank" rel="noopener noreferrer">
                      {q.source.outlet}
                      {q.source.title ? `: ${q.source.title}` : ''}
                    </a>
                  ) : (
                    <cite>
                      {q.source.outlet}
                      {q.source.title ? `: ${q.source.title}` : ''}
                    </cite>
                  )}
                </figcaption>
              </figure>
            ))}
          </section>
        )}

        {reasons.length > 0 && (
          <details class="why">
            <summary>{t('popover_why')}</summary>
            <ul>
              {reasons.map((r, i) => (
                <li key={i}>{describeReason(r, locale)}</li>
              ))}
            </ul>
          </details>
        )}
      </div>
    </div>
  );
}
