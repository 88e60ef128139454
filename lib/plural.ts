/**
 * Counted phrases ("1 development", "5 developments", "5 подій") in the interface language. The
 * browser's i18n has no plurals, so each counted message has one key per CLDR plural category, and
 * `Intl.PluralRules` picks the category: no language's rules are written by hand here.
 */
import { t, uiLanguage } from './i18n';

/** The plural categories our languages use; `other` is the fallback for any further one. */
export type PluralKeys = { one: string; few: string; many: string; other: string };

/**
 * The message of `keys` for `count`, with `count` (formatted) as $1 and `rest` as $2...
 * @param lang the language whose plural rules apply (the interface language by default).
 * @param translate where messages come from (the browser's i18n by default; the popover passes its
 *   page-language messages).
 */
export function tPlural(
  keys: PluralKeys,
  count: number,
  rest: string[] = [],
  lang: string = uiLanguage(),
  translate: (key: string, substitutions: string[]) => string = t,
): string {
  let category = 'other';
  let shown = String(count);
  try {
    category = new Intl.PluralRules(lang).select(count);
    shown = new Intl.NumberFormat(lang).format(count);
  } catch {
    // An unknown language tag: the `other` form and plain digits still read correctly.
  }
  const key = category in keys ? keys[category as keyof PluralKeys] : keys.other;
  return translate(key, [shown, ...rest]);
}
