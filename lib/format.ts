/** Small formatting helpers shared by the popover and the popup. */
import type { LocalizedText, PackLanguage } from './pack/schema';

/** The page language as a pack language: en, uk or ru, else English. */
export function packLanguage(lang: string | undefined): PackLanguage {
  const base = (lang ?? '').toLowerCase().split(/[-_]/)[0];
  return base === 'uk' || base === 'ru' ? base : 'en';
}

/** Text in `lang`, falling back to English. */
export function pick(text: LocalizedText, lang: PackLanguage): string {
  return text[lang] ?? text.en;
}

/**
 * A YYYY-MM-DD date in the reader's locale. Formatted in UTC so a date never shifts by a day with
 * the reader's time zone.
 */
export function formatDate(iso: string, locale: string | undefined = undefined): string {
  const date = new Date(`${iso.slice(0, 10)}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return iso;
  try {
    return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(date);
  } catch {
    return iso;
  }
}
