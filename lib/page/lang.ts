/**
 * The languages of a page, as the matcher and the popover need them: primary subtags (`en`, `uk`,
 * `de`...). Markup is trusted first; the text decides where markup is silent, and where it says
 * English over text in another language (templates often keep `lang="en"` on a translated page, and
 * an English-language site may carry an article in Ukrainian or German). A page may use several
 * languages (a German article quoting Ukrainian): `pageLanguages` finds them all, window by window.
 */

/** Primary language subtag of a BCP 47 tag or a locale like `uk_UA`, lower case; `ua` read as `uk`. */
export function primaryLanguage(tag: string | null | undefined): string | undefined {
  const primary = tag?.trim().split(/[-_]/)[0]?.toLowerCase();
  if (!primary || !/^[a-z]{2,3}$/.test(primary) || primary === 'und' || primary === 'mul' || primary === 'zxx') return undefined;
  return primary === 'ua' ? 'uk' : primary;
}

/**
 * Frequent short words of each Latin-script language this module tells apart: enough to name the
 * language of a paragraph, not a dictionary. A word shared by several languages counts for each,
 * divided between them.
 */
const FUNCTION_WORDS: Record<string, string> = {
  en: 'the and of to is that was for with on said has are from this which',
  de: 'der die das und nicht ist mit den dem des ein eine sich auch auf für wird von zu im dass',
  fr: 'le la les et des du un une à de en est pas que qui pour dans sur au avec selon',
  pl: 'i w na z się nie to że do jest jak o po przez oraz już ale od za są',
  es: 'el la los las y de que en un una es por con para del al se su según',
  it: 'il lo la gli le e di che è un una per non con del della dei sono nel',
  lt: 'ir kad yra su į už iš bet tai buvo jo jis dėl apie kaip ar nuo per bus',
  pt: 'o os as e de do da dos das que em um uma não com para por ao na no',
  cs: 'a je se na v ve že to s z do pro jsou jako ale by byl podle',
};
/** Letters that belong to few of these languages, and count double for them. */
const LETTERS: [RegExp, string[]][] = [
  [/[ßäöü]/gu, ['de']],
  [/[ąęłńśźż]/gu, ['pl']],
  [/[ėįųū]/gu, ['lt']],
  [/[ěřů]/gu, ['cs']],
  [/[ñ¿¡]/gu, ['es']],
  [/[ãõ]/gu, ['pt']],
  [/[êâôîûëïœ]/gu, ['fr']],
  [/[ç]/gu, ['fr', 'pt']],
  [/[èàù]/gu, ['fr', 'it']],
  [/[šžč]/gu, ['lt', 'cs']],
];
const WORD_LANGUAGES = new Map<string, string[]>();
for (const [lang, words] of Object.entries(FUNCTION_WORDS)) {
  for (const word of words.split(' ')) {
    const list = WORD_LANGUAGES.get(word) ?? [];
    if (!list.includes(lang)) list.push(lang);
    WORD_LANGUAGES.set(word, list);
  }
}
const WORD = /[\p{L}]+/gu;
/** Function-word evidence a text needs before its language is named. */
const MIN_SCORE = 3;
/** How far ahead of the runner-up the best language must be. */
const MARGIN = 1.3;

/** Scores of the Latin-script languages in `text` (function words and letters). */
function latinScores(text: string): Map<string, number> {
  const scores = new Map<string, number>();
  const add = (langs: readonly string[], weight: number) => {
    for (const l of langs) scores.set(l, (scores.get(l) ?? 0) + weight / langs.length);
  };
  const lower = text.toLowerCase();
  WORD.lastIndex = 0;
  for (let m = WORD.exec(lower); m; m = WORD.exec(lower)) {
    const langs = WORD_LANGUAGES.get(m[0]);
    if (langs) add(langs, 1);
  }
  for (const [re, langs] of LETTERS) {
    const n = lower.match(re)?.length ?? 0;
    if (n) add(langs, 2 * Math.min(n, 20));
  }
  return scores;
}

/** The Latin-script language `text` reads as, when the evidence is clear. */
function latinLanguage(text: string): string | undefined {
  const ranked = [...latinScores(text)].sort((a, b) => b[1] - a[1]);
  const [best, second] = ranked;
  if (!best || best[1] < MIN_SCORE || (second && best[1] < MARGIN * second[1])) return undefined;
  return best[0];
}

/**
 * Guesses the language of `text` from its letters and words: Cyrillic with і ї є ґ is Ukrainian, with
 * ы э ъ ё Russian; Latin text is named by its function words (English, German, French, Polish,
 * Spanish, Italian, Lithuanian, and Portuguese and Czech so they are not taken for the others), and is English when they do not say clearly. Undefined when there are too few letters.
 */
export function languageOfText(text: string): string | undefined {
  const sample = text.length > 20000 ? text.slice(0, 20000) : text;
  const cyrillic = sample.match(/\p{Script=Cyrillic}/gu)?.length ?? 0;
  const latin = sample.match(/\p{Script=Latin}/gu)?.length ?? 0;
  if (cyrillic + latin < 20) return undefined;
  if (cyrillic > latin) {
    const uk = sample.match(/[іїєґ]/giu)?.length ?? 0;
    const ru = sample.match(/[ыэъё]/giu)?.length ?? 0;
    return uk >= ru ? 'uk' : 'ru';
  }
  return latinLanguage(sample) ?? 'en';
}

/**
 * The language of an article whose page declares `declared`: the article's own text (`sample`, from
 * its roots) wins when it clearly reads as another language, since a site's template keeps its own
 * `lang` whatever the article is written in.
 */
export function articleLanguage(declared: string, sample: string): string {
  const seen = sample.trim() ? languageOfText(sample) : undefined;
  if (!seen || seen === declared) return declared;
  // English is what `languageOfText` answers when unsure: it never overrules a declared language.
  if (seen === 'en' && declared !== 'und') return declared;
  return seen;
}

/** Longest stretch of text read at once by `languagesOfText`: a paragraph or two. */
const WINDOW = 1500;
/** Shortest line worth asking (shorter ones are menus, captions, dates). */
const MIN_LINE = 60;
/** Stretches read at most, spread over the whole text, so a 3 MB page costs a few milliseconds. */
const MAX_WINDOWS = 60;

/**
 * Every language `texts` use, read line by line (a page's text has a line break between its
 * blocks), long lines in windows: a German article quoting Ukrainian gives `de` and `uk`. On a long
 * text the lines read are spread evenly over it.
 */
export function languagesOfText(texts: readonly string[]): Set<string> {
  const found = new Set<string>();
  const stretches: string[] = [];
  for (const text of texts) {
    for (const line of text.split(/\n+/)) {
      if (line.length < MIN_LINE) continue;
      for (let at = 0; at < line.length; at += WINDOW) stretches.push(line.slice(at, at + WINDOW));
    }
  }
  const step = Math.max(1, stretches.length / MAX_WINDOWS);
  for (let i = 0; i < stretches.length; i += step) {
    const lang = languageOfText(stretches[Math.floor(i)]!);
    if (lang) found.add(lang);
  }
  return found;
}

/** Elements with a `lang` attribute read at most (a page marks up a few quotes, not every word). */
const MAX_LANG_ELEMENTS = 500;

/**
 * The languages a page uses: its `lang` attributes (the root's and its elements') and what its text
 * reads as (`texts`, the page's text already copied out, or the root's own text). The text is
 * always read too, because markup can be wrong: an English template around a Ukrainian article.
 */
export function pageLanguages(doc: Document, texts?: readonly string[]): Set<string> {
  const found = new Set<string>();
  const add = (tag: string | null | undefined) => {
    const l = primaryLanguage(tag);
    if (l) found.add(l);
  };
  add(doc.documentElement?.getAttribute('lang'));
  const marked = doc.body?.querySelectorAll('[lang]') ?? [];
  for (let i = 0; i < marked.length && i < MAX_LANG_ELEMENTS; i++) add(marked[i]!.getAttribute('lang'));
  for (const l of languagesOfText(texts ?? [doc.body?.textContent ?? ''])) found.add(l);
  return found;
}
