/**
 * The language of a page, as the matcher and the popover need it: `en`, `uk`, `ru`, or another
 * primary subtag. Markup is trusted first; the letters decide when markup is silent or says English
 * over a Cyrillic text (templates often keep `lang="en"` on translated pages).
 */

/** Primary language subtag of a BCP 47 tag or a locale like `uk_UA`, lower case; `ua` read as `uk`. */
export function primaryLanguage(tag: string | null | undefined): string | undefined {
  const primary = tag?.trim().split(/[-_]/)[0]?.toLowerCase();
  if (!primary || !/^[a-z]{2,3}$/.test(primary)) return undefined;
  return primary === 'ua' ? 'uk' : primary;
}

/**
 * Guesses the language of `text` from its letters: Cyrillic with і ї є ґ is Ukrainian, with ы э ъ ё
 * Russian; mostly Latin is English (the only Latin-script language the pack speaks). Undefined when
 * there are too few letters to say.
 */
export function languageOfText(text: string): string | undefined {
  const sample = text.length > 20000 ? text.slice(0, 20000) : text;
  const cyrillic = sample.match(/\p{Script=Cyrillic}/gu)?.length ?? 0;
  const latin = sample.match(/[a-z]/gi)?.length ?? 0;
  if (cyrillic + latin < 20) return undefined;
  if (cyrillic > latin) {
    const uk = sample.match(/[іїєґ]/giu)?.length ?? 0;
    const ru = sample.match(/[ыэъё]/giu)?.length ?? 0;
    return uk >= ru ? 'uk' : 'ru';
  }
  return 'en';
}
