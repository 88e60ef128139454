/**
 * "In this article": the sentence around a mention, and whether it is quoted speech, so the popover
 * can list what the page itself says about a topic. Pure string work; no DOM.
 */

/** A sentence (or quoted passage) of the page around one mention. */
export interface Excerpt {
  /** Offsets of the sentence in the segment text. */
  start: number;
  end: number;
  text: string;
  /** True when the mention sits inside quotation marks: someone's words, not the reporter's. */
  quoted: boolean;
}

const OPENING_QUOTES = '"“„«‘‹\'';
const CLOSING_FOR: Record<string, string> = { '"': '"', '“': '”', '„': '“', '«': '»', '‘': '’', '‹': '›', "'": "'" };

/** Sentence boundaries of `text`, by Intl.Segmenter where the engine has it, else by punctuation. */
export function sentenceBounds(text: string, lang = 'en'): Array<[number, number]> {
  const Segmenter = (Intl as { Segmenter?: typeof Intl.Segmenter }).Segmenter;
  if (Segmenter) {
    const out: Array<[number, number]> = [];
    for (const s of new Segmenter(lang, { granularity: 'sentence' }).segment(text)) out.push([s.index, s.index + s.segment.length]);
    return out;
  }
  const out: Array<[number, number]> = [];
  const re = /[^.!?…]+(?:[.!?…]+["'”»’]*\s*|$)/gu;
  for (let m = re.exec(text); m && m[0]; m = re.exec(text)) out.push([m.index, m.index + m[0].length]);
  return out;
}

/** True when offset `at` is inside a quotation in `text` (balanced by the usual pairs of marks). */
export function isInsideQuote(text: string, at: number): boolean {
  const stack: string[] = [];
  for (let i = 0; i < at && i < text.length; i++) {
    const ch = text[i]!;
    const top = stack[stack.length - 1];
    if (top !== undefined && ch === CLOSING_FOR[top] && !(ch === "'" && /\p{L}/u.test(text[i + 1] ?? ''))) stack.pop();
    else if (OPENING_QUOTES.includes(ch) && !(ch === "'" && /\p{L}/u.test(text[i - 1] ?? ''))) stack.push(ch);
  }
  return stack.length > 0;
}

/** The sentence holding [start, end) in `text`, trimmed, with whether it is quoted speech. */
export function excerptAround(text: string, start: number, end: number, lang = 'en'): Excerpt {
  let from = 0;
  let to = text.length;
  for (const [s, e] of sentenceBounds(text, lang)) {
    if (s <= start && start < e) from = s;
    if (s < end && end <= e) {
      to = e;
      break;
    }
  }
  const raw = text.slice(from, to);
  const lead = raw.length - raw.trimStart().length;
  const clean = raw.trim().replace(/\s+/g, ' ');
  return { start: from + lead, end: from + lead + raw.trim().length, text: clean, quoted: isInsideQuote(text, start) };
}
