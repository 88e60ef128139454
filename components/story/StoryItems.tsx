/**
 * One timeline entry and one quote, as both the popover and the timeline page show them: the date,
 * our words, and every source as a link; the quote verbatim, with who said it, the role they held
 * that day, when, and where it was printed. Text the pack lacks in the reader's language falls back
 * to English and says so (`lang="en"`), so a screen reader pronounces it right.
 */
import type { LocalizedText, PackLanguage, Person, Quote, Source, TimelineEntry } from '../../lib/pack/schema';
import { formatDate } from '../../lib/format';
import { quoteRole } from '../../lib/pack/people';

/** `text` in `lang`, else English, with the language it is actually in. */
export function localized(text: LocalizedText, lang: PackLanguage): { text: string; lang: PackLanguage } {
  const own = text[lang];
  return own ? { text: own, lang } : { text: text.en, lang: 'en' };
}

/**
 * Text from the pack, marked with the language it is in: the reader's language where the pack has
 * it, else English. Always marked, since the words around it (the interface's) may be in another.
 */
export function PackText({ text, lang, class: className }: { text: LocalizedText; lang: PackLanguage; class?: string }) {
  const shown = localized(text, lang);
  return (
    <span class={className} lang={shown.lang}>
      {shown.text}
    </span>
  );
}

/** A source as a link (outlet; title in the tooltip and the accessible name), or plain when it has no URL. */
export function SourceLink({ source, withTitle = false }: { source: Source; withTitle?: boolean }) {
  const label = withTitle && source.title ? `${source.outlet}: ${source.title}` : source.outlet;
  if (!source.url) return <cite>{label}</cite>;
  return (
    <a href={source.url} target="_blank" rel="noopener noreferrer" title={withTitle ? undefined : source.title}>
      {label}
    </a>
  );
}

/** One dated entry: its date, our words for it, and its sources. */
export function TimelineItem({ entry, lang, locale, withTitles = false }: { entry: TimelineEntry; lang: PackLanguage; locale?: string; withTitles?: boolean }) {
  return (
    <li>
      <time dateTime={entry.date}>{formatDate(entry.date, locale)}</time>
      <PackText class="event" text={entry.text} lang={lang} />
      <span class="sources">
        {entry.sources.map((s, i) => (
          <span key={i}>
            {i > 0 && '; '}
            <SourceLink source={s} withTitle={withTitles} />
          </span>
        ))}
      </span>
    </li>
  );
}

/** A quote, verbatim in its own language, with speaker, their role that day, date and source. */
export function QuoteFigure({ quote, people, lang, locale }: { quote: Quote; people?: readonly Person[]; lang: PackLanguage; locale?: string }) {
  const role = quoteRole(quote, people);
  return (
    <figure class="quote">
      <blockquote lang={quote.lang}>{quote.text}</blockquote>
      <figcaption>
        <strong>{quote.speaker}</strong>
        {role && (
          <>
            {', '}
            <PackText text={role} lang={lang} />
          </>
        )}
        {', '}
        <time dateTime={quote.date}>{formatDate(quote.date, locale)}</time>.{' '}
        <SourceLink source={quote.source} withTitle />
        {quote.note && (
          <>
            {' '}
            <PackText class="note" text={quote.note} lang={lang} />
          </>
        )}
      </figcaption>
    </figure>
  );
}
