/** Small formatting helpers shared by the popover and the popup. */
import type { LocalizedText, PackLanguage } from './pack/schema';

/**
 * The page language as a pack language: its primary subtag (`de` for `de-AT`, `uk` for `uk-UA` or
 * `ua`), and English when the page says nothing usable. `pick` falls back to English where the pack
 * has no text in it.
 */
export function packLanguage(lang: string | undefined): PackLanguage {
  const base = (lang ?? '').trim().toLowerCase().split(/[-_]/)[0] ?? '';
  if (!/^[a-z]{2,3}$/.test(base) || base === 'und') return 'en';
  return base === 'ua' ? 'uk' : base;
}

/**
 * The key of `text` to show in `lang`: the tag itself, then its base language (`pt` for `pt-BR`),
 * then any version in that base language (`sr-Latn` for `sr`), then English.
 */
export function pickLanguage(text: LocalizedText, lang: PackLanguage): string {
  if (text[lang] !== undefined) return lang;
  const base = lang.toLowerCase().split('-')[0]!;
  const keys = Object.keys(text);
  return keys.find((k) => k.toLowerCase() === lang.toLowerCase()) ?? keys.find((k) => k.toLowerCase() === base) ?? keys.find((k) => k.toLowerCase().split('-')[0] === base) ?? 'en';
}

/** Text in `lang`, falling back to its base language, then English. */
export function pick(text: LocalizedText, lang: PackLanguage): string {
  return text[pickLanguage(text, lang)] ?? text.en;
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
