/** Page object for the toolbar popup (also opened as `popup.html?tab=<id>`). */
import type { Locator, Page } from 'playwright-core';

export class PopupPage {
  constructor(readonly page: Page) {}

  /** The status line that explains why the page is or is not highlighted. */
  get status(): Locator {
    return this.page.locator('p.status');
  }
  async statusCode(): Promise<string | null> {
    return this.status.getAttribute('data-status');
  }
  get siteSwitch(): Locator {
    return this.page.getByRole('switch', { name: 'Highlights on this site' });
  }
  get pauseSwitch(): Locator {
    return this.page.getByRole('switch', { name: 'Pause everywhere' });
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
    return this.page.getByRole('button', { name: `Next mention of ${topicTitle}` });
  }
  previous(topicTitle: string): Locator {
    return this.page.getByRole('button', { name: `Previous mention of ${topicTitle}` });
  }
  get optionsLink(): Locator {
    return this.page.getByRole('link', { name: /Options/ });
  }
  async waitReady(): Promise<void> {
    await this.status.waitFor();
  }
}
