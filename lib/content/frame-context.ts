/**
 * Frames inside an article take the article's judgement (issue 14). An embedded frame, such as a
 * live-blog widget, an embedded update or a `srcdoc` frame, has no date or article metadata of its
 * own: judged alone it is "not news" and its mentions get nothing, though inside a dated article
 * about the talks they belong to that article. So a frame asks the top page, through the
 * background (the only way to reach a cross-origin top frame), for the top article's address, date,
 * language, whether it is news, and the start of its text, and judges its own mentions with them.
 * A page opened directly is not embedded and still judges itself.
 */
import { browser } from 'wxt/browser';
import type { Message } from '../messages';

/** What the top page tells its frames about its article. */
export interface TopArticle {
  url: string;
  isNews: boolean;
  publishedAt?: string;
  lang: string;
  /** The start of the top article's text, for the frame's article-level context words. */
  sample: string[];
}

/** At most this much of the top article's text travels to a frame: enough for its context words. */
export const TOP_SAMPLE_CHARS = 20_000;

/** How long a frame waits for the top page's answer before judging itself alone. */
const WAIT_MS = 2500;

/** True when `win` is a frame inside another page. */
export function isEmbedded(win: Window | null): boolean {
  try {
    return !!win && win !== win.top;
  } catch {
    // A cross-origin top that the browser will not even compare: certainly embedded.
    return true;
  }
}

/** The first `TOP_SAMPLE_CHARS` of `texts`, whole texts only (the last one cut). */
export function sampleForFrames(texts: readonly string[]): string[] {
  const out: string[] = [];
  let left = TOP_SAMPLE_CHARS;
  for (const text of texts) {
    if (left <= 0) break;
    out.push(text.slice(0, left));
    left -= text.length;
  }
  return out;
}

/** True when `value` has the shape of a `TopArticle` (it crosses two message channels). */
export function isTopArticle(value: unknown): value is TopArticle {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Partial<TopArticle>;
  return (
    typeof v.url === 'string' &&
    typeof v.isNews === 'boolean' &&
    typeof v.lang === 'string' &&
    (v.publishedAt === undefined || typeof v.publishedAt === 'string') &&
    Array.isArray(v.sample) &&
    v.sample.every((s) => typeof s === 'string')
  );
}

/** Ask the top page about its article (null when it has none to tell, or does not answer in time). */
export async function askTopArticle(): Promise<TopArticle | null> {
  const timeout = new Promise<null>((resolve) => setTimeout(() => resolve(null), WAIT_MS));
  const answer = browser.runtime.sendMessage({ type: 'top-article' } satisfies Message).catch(() => null);
  const value: unknown = await Promise.race([answer, timeout]);
  return isTopArticle(value) ? value : null;
}

/**
 * The frame's article with what the top article lends it: news if the top page is news, the top
 * page's date where the frame has none, the top page's address for the site decision when the frame
 * has no web address of its own (`about:srcdoc`, `about:blank`).
 */
export function inheritTopArticle<T extends { isNews: boolean; publishedAt?: string }>(own: T, top: TopArticle): T {
  return { ...own, isNews: own.isNews || top.isNews, ...(own.publishedAt || !top.publishedAt ? {} : { publishedAt: top.publishedAt }) };
}
