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
const INVISIBLE_CODES = new Set([0xad, 0x200b, 0x200c, 0x200d, 0x2060, 0xfeff]);

/** Tidies a term as written in a pack: trimmed, inner whitespace collapsed, lower case. */
export function normalizeTerm(term: string): string {
  return term.trim().replace(/\s+/g, ' ').toLowerCase();
}

/**
 * RegExp source (no boundaries, no capturing groups) for one term in alias syntax: words separated
 * by spaces or hyphens; a word ending in `*` also matches its inflected forms.
 */
export function termSource(term: string): string {
  const words = normalizeTerm(term).split(/[\s\-\u2010\u2011]+/).filter(Boolean);
  return words.map(wordSource).join(WORD_GAP);
}

/**
 * Latin look-alikes typed in Ukrainian words (a Latin "i" from the English layout, the "ï" of older
 * fonts and encodings): "червона лiнiя" must still match.
 */
export const CYRILLIC_LOOKALIKES: Record<string, string> = { і: 'i', ї: 'ï' };

function wordSource(word: string): string {
  let out = '';
  for (const ch of word) {
    if (ch === '*') out += ENDING;
    else if (CYRILLIC_LOOKALIKES[ch]) out += `[${ch}${CYRILLIC_LOOKALIKES[ch]}]`;
    else if (/['\u2019\u02BC`\u2032\u2018]/.test(ch)) out += APOSTROPHE_CLASS;
    else out += ch.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  }
  return out;
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
  const map = new Int32Array(text.length);
  let out = '';
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    if (INVISIBLE_CODES.has(text.charCodeAt(i))) continue;
    map[n++] = i;
    out += text[i];
  }
  return { text: out, map: map.subarray(0, n) };
}

/** The original-text span of `[start, end)` in stripped text. */
export function originalSpan(stripped: StrippedText, start: number, end: number): [number, number] {
  const { map } = stripped;
  if (!map) return [start, end];
  return [map[start]!, map[end - 1]! + 1];
}
