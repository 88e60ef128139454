/**
 * Turns alias-syntax terms (`червон* ліні*`, `cease-fire`, `перемир'*`) into RegExp source that
 * matches the forms a reader actually meets: any case, any apostrophe, a space, hyphen, line break
 * or non-breaking space between words, and inflected endings where the term says `*`.
 *
 * Invisible characters (soft hyphens, zero-width spaces) are not in the pattern: `stripInvisible`
 * removes them from the text first and keeps a map back to the original offsets, because putting
 * them between every pair of letters would make the pattern several times longer and slower.
 */

/** Apostrophe look-alikes used in Ukrainian and English text (', ’, ʼ, `, ′, ‘). */
export const APOSTROPHE_CLASS = "['\u2019\u02BC`\u2032\u2018]";
/** Hyphens and dashes that join compound words or break them across lines. */
const DASHES = '\\-\u2010\u2011\u2012\u2013\u2014\u2212';
/**
 * What may stand between two words of a phrase: whitespace (JS `\s` includes NBSP, narrow NBSP
 * and line breaks), or a hyphen with optional whitespace around it ("cease-\nfire", "red-line").
 */
export const WORD_GAP = `(?:\\s*[${DASHES}]\\s*|\\s+)`;
/** The letters an inflected ending (`*`) may add. */
const ENDING = '[\\p{L}\\p{M}]*';
/**
 * Unicode-aware end-of-word boundary: JavaScript's `\b` only knows ASCII letters, not Cyrillic. The
 * matching start boundary is checked in code by `findCandidates` (a lookbehind there is slow).
 */
export const AFTER_WORD = '(?![\\p{L}\\p{N}\\p{M}])';

// An alternation, not a class: a zero-width joiner inside [] reads as joining its neighbours.
const INVISIBLE = /\u00AD|\u200B|\u200C|\u200D|\u2060|\uFEFF/;
const INVISIBLE_ALL = new RegExp(INVISIBLE.source, 'g');

/** Tidies a term as written in a pack: trimmed, inner whitespace collapsed, lower case. */
export function normalizeTerm(term: string): string {
  return term.trim().replace(/\s+/g, ' ').toLowerCase();
}

/** The words of a term in alias syntax: separated by spaces or hyphens, normalized. */
function termWords(term: string): string[] {
  return normalizeTerm(term).split(/[\s\-\u2010\u2011]+/).filter(Boolean);
}

/**
 * RegExp source (no boundaries, no capturing groups) for one term in alias syntax: words separated
 * by spaces or hyphens; a word ending in `*` also matches its inflected forms.
 */
export function termSource(term: string): string {
  return termWords(term).map(wordSource).join(WORD_GAP);
}

/**
 * The fewest characters (code points) a match of {@link termSource}'s pattern can have: each
 * character of its words but `*` matches one, a `*` none or more, and each gap between words at
 * least one.
 */
export function termMinLength(term: string): number {
  const words = termWords(term);
  let n = Math.max(0, words.length - 1);
  for (const word of words) for (const ch of word) if (ch !== '*') n++;
  return n;
}

/**
 * Latin look-alikes typed in Ukrainian words (a Latin "i" from the English layout, the "ï" of older
 * fonts and encodings): "червона лiнiя" must still match.
 */
export const CYRILLIC_LOOKALIKES: Record<string, string> = { і: 'i', ї: 'ï' };

/** RegExp source for one word of a term (a `*` in it matches any letters). */
export function wordSource(word: string): string {
  let out = '';
  for (const ch of word) {
    if (ch === '*') out += ENDING;
    else if (CYRILLIC_LOOKALIKES[ch]) out += `[${ch}${CYRILLIC_LOOKALIKES[ch]}]`;
    else if (/['\u2019\u02BC`\u2032\u2018]/.test(ch)) out += APOSTROPHE_CLASS;
    else out += ch.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  }
  return out;
}

/**
 * RegExp source for the longest literal stretch of a term: its words up to the first `*`, joined by
 * the gaps allowed between words (`red line*` gives `red` + gap + `line`; `червон* ліні*` gives
 * `червон`). Text that matches the term always contains it, and a phrase is far rarer in page text
 * and code than its last word alone. Empty when the term has no literal letters.
 */
export function literalCoreSource(term: string): string {
  const words = termWords(term);
  let best: string[] = [];
  let bestLength = 0;
  let span: string[] = [];
  let spanLength = 0;
  const close = () => {
    if (spanLength > bestLength) [best, bestLength] = [span, spanLength];
    [span, spanLength] = [[], 0];
  };
  for (const word of words) {
    const parts = word.split('*');
    if (parts.length === 1) {
      // A whole literal word: the stretch goes on through it.
      span.push(word);
      spanLength += [...word].length;
      continue;
    }
    // `pre*...*post`: the stretch ends with `pre`; `post` may start the next one.
    const [first, ...rest] = parts;
    if (first) {
      span.push(first);
      spanLength += [...first].length;
    }
    close();
    for (const middle of rest.slice(0, -1)) if ([...middle].length > bestLength) [best, bestLength] = [[middle], [...middle].length];
    const last = rest[rest.length - 1]!;
    if (last) [span, spanLength] = [[last], [...last].length];
  }
  close();
  return best.map(wordSource).join(WORD_GAP);
}

/** A whole-word RegExp for one term, for telling which alias a match came from. */
export function termRegExp(term: string): RegExp {
  return new RegExp(`^${termSource(term)}$`, 'iu');
}

/** Text with invisible characters removed, and where each remaining character came from. */
export interface StrippedText {
  text: string;
  /** `map[i]` is the offset in the original text of `text[i]`; absent when nothing was removed. */
  map?: Int32Array;
}

/**
 * Removes soft hyphens and zero-width characters (which publishers insert inside words for line
 * breaking) so "пере\u00ADмир'я" still reads as one word. Most text has none: then it is returned
 * as is, with no map and no copy.
 */
export function stripInvisible(text: string): StrippedText {
  if (!INVISIBLE.test(text)) return { text };
  // Slices between the invisible characters, joined once: building the text a character at a time
  // took half a second on a 2 MB script block.
  const map = new Int32Array(text.length);
  const parts: string[] = [];
  let n = 0;
  let from = 0;
  INVISIBLE_ALL.lastIndex = 0;
  for (let m = INVISIBLE_ALL.exec(text); m; m = INVISIBLE_ALL.exec(text)) {
    for (let i = from; i < m.index; i++) map[n++] = i;
    parts.push(text.slice(from, m.index));
    from = m.index + m[0].length;
  }
  for (let i = from; i < text.length; i++) map[n++] = i;
  parts.push(text.slice(from));
  return { text: parts.join(''), map: map.subarray(0, n) };
}

/** `text` without invisible characters, when no map back is needed: one native pass, no copy if none. */
export function removeInvisible(text: string): string {
  return INVISIBLE.test(text) ? text.replace(INVISIBLE_ALL, '') : text;
}

/** The original-text span of `[start, end)` in stripped text. */
export function originalSpan(stripped: StrippedText, start: number, end: number): [number, number] {
  const { map } = stripped;
  if (!map) return [start, end];
  return [map[start]!, map[end - 1]! + 1];
}
