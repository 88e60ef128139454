/** Page object for the toolbar popup (also opened as `popup.html?tab=<id>`). */
import type { Locator, Page } from 'playwright-core';
import { wordsFor, type Words } from './messages';

export class PopupPage {
  /** The popup's words in `lang`, the browser's interface language of the run (English by default). */
  readonly words: Words;
  constructor(
    readonly page: Page,
    lang = 'en',
  ) {
    this.words = wordsFor(lang);
  }

  /** The status line that explains why the page is or is not highlighted. */
  get status(): Locator {
    return this.page.locator('p.status');
  }
  async statusCode(): Promise<string | null> {
    return this.status.getAttribute('data-status');
  }
  get siteSwitch(): Locator {
    return this.page.getByRole('switch', { name: this.words.say('popup_siteSwitch') });
  }
  get pauseSwitch(): Locator {
    return this.page.getByRole('switch', { name: this.words.say('popup_pauseSwitch') });
  }
  /** Topic rows: title and count. */
  async topics(): Promise<Array<{ id: string; title: string; count: number }>> {
    return this.page.locator('ul.topics li').evaluateAll((rows) =>
      rows.map((r) => ({
        id: r.getAttribute('data-topic') ?? '',
        title: r.querySelector('.topic-title')?.textContent ?? '',
        count: Number(r.querySelector('.count')?.textContent),
      })),
    );
  }
  next(topicTitle: string): Locator {
    return this.page.getByRole('button', { name: this.words.say('popup_next', topicTitle) });
  }
  previous(topicTitle: string): Locator {
    return this.page.getByRole('button', { name: this.words.say('popup_prev', topicTitle) });
  }
  get optionsLink(): Locator {
    return this.page.getByRole('link', { name: this.words.say('popup_options') });
  }
  /** The "Found on this page" heading over the topic list. */
  get foundHeading(): Locator {
    return this.page.getByRole('heading', { level: 2, name: this.words.say('popup_found') });
  }
  /** The spoken count of a topic row ("5 mentions", "5 згадок"). */
  async countLabels(): Promise<string[]> {
    return this.page.locator('ul.topics li .count').evaluateAll((els) => els.map((el) => el.getAttribute('aria-label') ?? ''));
  }
  async waitReady(): Promise<void> {
    await this.status.waitFor();
  }
}
