/**
 * "Track this phrase" (issue 5): the context-menu entry in the background opens
 * `options.html?track=<phrase>#topics`; the options page reads the phrase here and starts a new
 * topic with it as the first alias. The phrase comes from any web page, so it is only ever
 * rendered as text and validated like every other alias before it is stored.
 */
import type { PackLanguage } from '../../lib/pack/schema';

/** Longest phrase taken from the URL: the background cuts a selection to the same length. */
export const MAX_TRACK_LENGTH = 120;

/**
 * Selections often catch the punctuation or quotes around a phrase ("Jeddah talks," or «перемир'я»);
 * an alias with them would only match where they appear too, so they are trimmed from both ends.
 * Apostrophes and hyphens inside the phrase are kept.
 */
const EDGE_PUNCTUATION = /^[\s.,;:!?"'“”„«»‘’()[\]{}…–—]+|[\s.,;:!?"'“”„«»‘’()[\]{}…–—]+$/gu;

/**
 * The phrase to track from a page's query string (`location.search`), cleaned up: whitespace runs
 * (line breaks in a selection) become one space, edge punctuation goes, at most
 * {@link MAX_TRACK_LENGTH} characters. `null` when there is none.
 */
export function trackedPhrase(search: string): string | null {
  const raw = new URLSearchParams(search).get('track');
  if (raw === null) return null;
  const phrase = raw.replace(/\s+/gu, ' ').replace(EDGE_PUNCTUATION, '').slice(0, MAX_TRACK_LENGTH).replace(EDGE_PUNCTUATION, '');
  return phrase === '' ? null : phrase;
}

/**
 * Which alias list a phrase belongs in, by its letters: Ukrainian-only letters (і ї є ґ) → `uk`,
 * Russian-only letters (ы э ъ ё) → `ru`, other Cyrillic → the interface language when that is `uk`
 * or `ru`, else `uk`; anything else → `en`. The matcher looks for every alias in every language, so a
 * wrong guess changes only where the reader sees the alias, never what is found.
 */
export function aliasLanguageOf(phrase: string, uiLanguage: string): PackLanguage {
  if (/[іїєґІЇЄҐ]/u.test(phrase)) return 'uk';
  if (/[ыэъёЫЭЪЁ]/u.test(phrase)) return 'ru';
  if (/\p{Script=Cyrillic}/u.test(phrase)) return uiLanguage === 'ru' ? 'ru' : 'uk';
  return 'en';
}

/** The URL of this page without `?track=`, so a reload after saving does not start the topic again. */
export function urlWithoutTrack(href: string): string {
  const url = new URL(href);
  url.searchParams.delete('track');
  return url.toString();
}
