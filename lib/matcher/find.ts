/**
 * The searches: candidates (alias matches) and context hits (anchor and exclusion terms) in a piece
 * of text. Offsets always index the text as given, even when invisible characters sat inside a match.
 */
import { MONTH_NAMES } from '../page/dates';
import type { CompiledTopics } from './compile';
import type { YearHit } from './classify';
import { originalSpan, stripInvisible } from './pattern';
import { findTerms } from './term-index';

/** An alias match: a possible mention of a topic, not yet judged. */
export interface Candidate {
  topicIndex: number;
  start: number;
  end: number;
  text: string;
}

/** A context term found in text. */
export interface ContextHit {
  /** Index into `CompiledTopics.terms`. */
  term: number;
  start: number;
  end: number;
}

function firstGroup(m: RegExpExecArray): number {
  for (let g = 1; g < m.length; g++) if (m[g] !== undefined) return g - 1;
  return -1;
}

/** A letter, mark or digit: what must not touch a match on either side (JS `\b` is ASCII-only). */
const WORD_CHAR = /[\p{L}\p{N}\p{M}]/u;

/** All alias matches in `text`, in order. One regex pass; nothing allocated when there is none. */
export function findCandidates(text: string, compiled: CompiledTopics): Candidate[] {
  const re = compiled.aliasRe;
  const stripped = stripInvisible(text);
  const s = stripped.text;
  const out: Candidate[] = [];
  re.lastIndex = 0;
  for (let m = re.exec(s); m; m = re.exec(s)) {
    // The start boundary, checked here rather than by a lookbehind (see `CompiledTopics.aliasRe`).
    // Surrogate pairs: a letter outside the BMP ends in a low surrogate, so look at the whole code point.
    const before = m.index > 0 ? String.fromCodePoint(s.codePointAt(m.index - 1 - (isLowSurrogate(s, m.index - 1) ? 1 : 0)) ?? 32) : '';
    if (m[0].length === 0 || (before && WORD_CHAR.test(before))) {
      re.lastIndex = m.index + 1;
      continue;
    }
    const [start, end] = originalSpan(stripped, m.index, m.index + m[0].length);
    out.push({ topicIndex: firstGroup(m), start, end, text: text.slice(start, end) });
  }
  return out;
}

function isLowSurrogate(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  return c >= 0xdc00 && c <= 0xdfff && i > 0;
}

/** All context terms in `text`, in order of start. */
export function findContextHits(text: string, compiled: CompiledTopics): ContextHit[] {
  const stripped = stripInvisible(text);
  return findTerms(compiled.contextIndex, stripped.text).map((hit) => {
    const [start, end] = originalSpan(stripped, hit.start, hit.end);
    return { term: hit.id, start, end };
  });
}

/** How often each context term occurs in `text` (index = term index), added to `counts` when given. */
export function countContextTerms(text: string, compiled: CompiledTopics, counts = new Int32Array(compiled.terms.length)): Int32Array {
  for (const hit of findContextHits(text, compiled)) counts[hit.term]!++;
  return counts;
}

/**
 * Month names a year may follow ("May 2023", "травня 2023", "marca 2023"): those datelines use
 * (`MONTH_NAMES`), and the Ukrainian and Russian locatives ("у травні 2023"). Lithuanian writes the
 * year first ("2023 m. gegužės 11 d."): see LT_YEAR_RE.
 */
const MONTHS = [
  ...Object.keys(MONTH_NAMES),
  'січні', 'лютому', 'березні', 'квітні', 'травні', 'червні', 'липні', 'серпні', 'вересні', 'жовтні', 'листопаді', 'грудні',
  'январе', 'феврале', 'марте', 'апреле', 'мае', 'июне', 'июле', 'августе', 'сентябре', 'октябре', 'ноябре', 'декабре',
];
/**
 * A year named as the time of something: after "in", "during", "в", "у" and their German, French,
 * Spanish, Italian and Polish counterparts ("im", "en", "au", "nel", "w"), with up to two words
 * between ("in early May 2023", "у травні 2023", "en mayo de 2023"), or after a month ("marzo de
 * 2023"). A bare number ("2023 people") or "since 2014" is not a time of the event itself, so it does
 * not count.
 */
const YEAR_RE = new RegExp(
  `(?<![\\p{L}\\p{N}])(?:(?:in|during|в|у|во|im|en|au|nel|nell|w|we)\\s+(?:[\\p{L}.]+\\s+){0,2}|(?:${MONTHS.join('|')})\\.?\\s+(?:\\d{1,2},?\\s+)?(?:de\\s+|del\\s+)?)(19[5-9]\\d|20[0-4]\\d)(?!\\p{N})`,
  'giu',
);
/** Lithuanian names a time by the year first: "2023 m." ("in 2023"), "2023 m. gegužę". */
const LT_YEAR_RE = /(?<![\p{L}\p{N}])(19[5-9]\d|20[0-4]\d)\s?m\.(?![\p{L}\p{N}])/gu;

/** Years named as the time of something in `text`, with the offsets of the year digits. */
export function findTimeYears(text: string): YearHit[] {
  const out: YearHit[] = [];
  YEAR_RE.lastIndex = 0;
  for (let m = YEAR_RE.exec(text); m; m = YEAR_RE.exec(text)) {
    const end = m.index + m[0].length;
    out.push({ year: Number(m[1]), start: end - 4, end });
  }
  LT_YEAR_RE.lastIndex = 0;
  for (let m = LT_YEAR_RE.exec(text); m; m = LT_YEAR_RE.exec(text)) out.push({ year: Number(m[1]), start: m.index, end: m.index + 4 });
  return out.length > 1 ? out.sort((a, b) => a.start - b.start) : out;
}
