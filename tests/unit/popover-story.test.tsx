// @vitest-environment jsdom
/**
 * The popover and the timeline page as a reader meets them (issue 13): what came since the
 * article, what led up to it, the latest for an undated article, roles as held on the day, and
 * (issue 15) the popover's own words in the page's language with English fallbacks marked.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, render, screen, within } from '@testing-library/preact';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { Popover, type PopoverProps } from '../../components/popover/Popover';
import { TimelinePage } from '../../components/timeline/TimelinePage';
import { SHIPPED_PACK } from '../../data/shipped-pack';
import { mergeLocale } from '../../lib/locales';
import { popoverMessagesFor } from '../../lib/popover-messages';
import { formatDate } from '../../lib/format';
import { installFakeI18n } from '../fixtures/fake-i18n';

vi.mock('wxt/browser', async () => {
  const { fakeBrowser: fake } = await import('wxt/testing/fake-browser');
  return { browser: fake, default: fake };
});

const ceasefire = SHIPPED_PACK.topics.find((t) => t.id === 'ceasefire')!;
const redLines = SHIPPED_PACK.topics.find((t) => t.id === 'red-lines')!;
const noop = () => undefined;

function popover(props: Partial<PopoverProps> = {}) {
  return render(
    <Popover
      topic={ceasefire}
      lang="en"
      locale="en-US"
      reasons={[]}
      excerpts={[]}
      show={{ timeline: true, quotes: true, inArticle: true }}
      onClose={noop}
      onJump={noop}
      onOpenTimeline={noop}
      {...props}
    />,
  );
}

beforeEach(() => {
  fakeBrowser.reset();
  installFakeI18n('en');
});
afterEach(cleanup);

describe('the popover', () => {
  it('on a March 2025 article: the count of later developments first, the newest listed first', () => {
    popover({ published: '2025-03-20' });
    const after = ceasefire.timeline!.filter((e) => e.date > '2025-03-20');
    const since = screen.getByRole('region', { name: `${after.length} developments since this article was published (${formatDate('2025-03-20', 'en-US')})` });
    const items = within(since).getAllByRole('listitem');
    expect(items.map((li) => li.querySelector('time')!.getAttribute('datetime'))).toEqual(after.slice(-3).reverse().map((e) => e.date));
    // The count comes before the summary: it is what the reader came for.
    const body = document.querySelector('.body')!;
    expect([...body.children].indexOf(since)).toBeLessThan([...body.children].indexOf(body.querySelector('.summary')!));
    expect(screen.getByText(`Context up to ${formatDate(ceasefire.asOf, 'en-US')}`)).toBeTruthy();
  });

  it('says "1 development" for one, through the plural rules', () => {
    popover({ published: ceasefire.timeline!.at(-2)!.date });
    expect(screen.getByRole('heading', { name: /^1 development since this article/ })).toBeTruthy();
  });

  it('on an undated article: the latest, newest first, and no "since"', () => {
    popover({ published: undefined });
    const latest = screen.getByRole('region', { name: 'Latest developments' });
    expect(within(latest).getAllByRole('listitem')[0]!.textContent).toContain(ceasefire.timeline!.at(-1)!.text.en);
    expect(screen.queryByText(/since this article/)).toBeNull();
  });

  it('shows each quote\'s speaker with the role held that day', () => {
    popover({ topic: redLines, published: '2025-03-01' });
    const quotes = screen.getByRole('region', { name: 'What they said' });
    const captions = within(quotes).getAllByRole('figure').map((f) => f.querySelector('figcaption')!.textContent ?? '');
    expect(captions.length).toBe(2);
    for (const caption of captions) expect(caption).toMatch(/, .+, .+\d{4}\./);
  });

  it('speaks the page\'s language when we ship it, and marks English text the pack lacks', () => {
    const messages = popoverMessagesFor({ de: mergeLocale('locales/de') }, 'de-DE');
    const topic = { ...ceasefire, summary: { en: 'Only in English.' } };
    popover({ topic, lang: 'de' as never, published: '2025-03-20', messages });
    expect(document.querySelector('.asof')!.textContent).toBe(mergeLocale('locales/de').popover_contextUpTo!.message.replace('$1', formatDate(ceasefire.asOf, 'de')));
    const summary = document.querySelector('.summary span')!;
    expect(summary.getAttribute('lang')).toBe('en');
    expect(screen.getByRole('button', { name: mergeLocale('locales/de').popover_fullStory!.message })).toBeTruthy();
  });
});

describe('the timeline page', () => {
  it('lists every entry with its sources as links, marks where the article falls, and every quote', () => {
    render(<TimelinePage topics={SHIPPED_PACK.topics} topicId="ceasefire" published="2025-12-16" lang="en" locale="en-US" />);
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe(ceasefire.title.en);
    const list = document.querySelector('ol.timeline')!;
    const entries = [...list.querySelectorAll(':scope > li:not(.marker)')];
    expect(entries.length).toBe(ceasefire.timeline!.length);
    entries.forEach((li, i) => expect([...li.querySelectorAll('a')].map((a) => a.getAttribute('href'))).toEqual(ceasefire.timeline![i]!.sources.map((s) => s.url)));
    const marker = list.querySelector('li.marker')!;
    expect(marker.nextElementSibling!.querySelector('time')!.getAttribute('datetime')! > '2025-12-16').toBe(true);
    expect(marker.previousElementSibling!.querySelector('time')!.getAttribute('datetime')! <= '2025-12-16').toBe(true);
    expect(screen.getByRole('region', { name: 'What they said' }).querySelectorAll('figure').length).toBe(ceasefire.quotes!.length);
    expect(screen.getByRole('navigation', { name: 'Topics' }).querySelector('[aria-current="page"]')!.textContent).toBe(ceasefire.title.en);
  });

  it('falls back to the first topic for an unknown id', () => {
    render(<TimelinePage topics={SHIPPED_PACK.topics} topicId="nope" lang="en" />);
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe(SHIPPED_PACK.topics[0]!.title.en);
  });
});
