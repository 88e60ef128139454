/**
 * The address of the timeline page for a topic: `timeline.html?published=YYYY-MM-DD#topic-id`. Both
 * parts are checked on the way in and on the way out, since the request comes from a web page.
 */
import { SLUG } from './pack/schema';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The timeline page's address for `topicId` (ignored unless a topic id) and `published` (unless a day). */
export function timelineUrl(base: string, topicId: unknown, published: unknown): string {
  const day = typeof published === 'string' ? published.slice(0, 10) : '';
  const query = DAY.test(day) ? `?published=${day}` : '';
  const hash = typeof topicId === 'string' && SLUG.test(topicId) ? `#${topicId}` : '';
  return `${base}${query}${hash}`;
}

/** What the timeline page was asked to show, read back from its address. */
export function readTimelineUrl(url: string): { topicId?: string; published?: string } {
  const parsed = new URL(url);
  const topicId = decodeURIComponent(parsed.hash.slice(1));
  const published = parsed.searchParams.get('published') ?? '';
  return {
    ...(SLUG.test(topicId) && { topicId }),
    ...(DAY.test(published) && { published }),
  };
}
