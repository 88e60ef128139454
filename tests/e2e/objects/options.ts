/** Page object for the options page (`options.html`, also opened as `options.html?track=<phrase>`). */
import type { Download, Locator, Page } from 'playwright-core';
import { wordsFor, type Words } from './messages';

export type SiteListName = 'Always on' | 'Never on';

export class OptionsPage {
  /** The page's words in `lang`, the browser's interface language of the run (English by default). */
  readonly words: Words;
  constructor(
    readonly page: Page,
    lang = 'en',
  ) {
    this.words = wordsFor(lang);
  }

  /** The page has loaded the reader's settings (the sections render only then). */
  async waitReady(): Promise<void> {
    await this.page.getByRole('heading', { level: 2, name: this.words.say('options_topics_heading'), exact: true }).waitFor();
  }

  /** The page's title heading ("Factlight settings"). */
  get heading(): Locator {
    return this.page.getByRole('heading', { level: 1, name: this.words.say('options_title'), exact: true });
  }

  /** The polite status line: "Saved.", "“X” added.", ... */
  get status(): Locator {
    return this.page.locator('p.status[role="status"]');
  }
  /** The page-wide alert for failed saves. */
  get alert(): Locator {
    return this.page.locator('.notices [role="alert"]');
  }

  // Topics -------------------------------------------------------------------------------------

  /** A topic's card, found by its heading. */
  topicCard(title: string): Locator {
    return this.page.locator('li.topic').filter({ has: this.page.getByRole('heading', { level: 3, name: title, exact: true }) });
  }
  /** The "Highlight “title”" checkbox. */
  topicEnabled(title: string): Locator {
    return this.page.getByRole('checkbox', { name: this.words.say('options_topic_enabled', title), exact: true });
  }
  /** A colour radio ("Amber", "Violet", ...) of a topic. */
  topicColour(title: string, colour: string): Locator {
    return this.page.getByRole('group', { name: this.words.say('options_topic_color', title), exact: true }).getByRole('radio', { name: colour, exact: true });
  }

  /** The "Add your own topic" form. */
  get addTopicForm(): Locator {
    return this.page.getByRole('form', { name: this.words.say('options_topic_add_heading') });
  }
  get addTopicTitle(): Locator {
    return this.addTopicForm.getByRole('textbox', { name: this.words.say('options_topic_title'), exact: true });
  }
  /** An alias textarea of the add form: 'English', 'Ukrainian' or 'Russian'. */
  addTopicAliases(language = 'English'): Locator {
    return this.addTopicForm.getByRole('textbox', { name: language, exact: true });
  }
  /** Fill in the add form's title and summary and add the topic (aliases as they are). */
  async addTopic(title: string, summary: string): Promise<void> {
    await this.addTopicTitle.fill(title);
    await this.addTopicForm.getByRole('textbox', { name: 'Summary (shown in the popover)' }).fill(summary);
    await this.addTopicForm.getByRole('button', { name: 'Add topic', exact: true }).click();
  }

  // Sites --------------------------------------------------------------------------------------

  /** A "Where to highlight" radio: 'News pages', 'All sites', 'Only sites I list'. */
  siteMode(name: string): Locator {
    return this.page.getByRole('group', { name: 'Where to highlight' }).getByRole('radio', { name, exact: true });
  }
  /** Type a site into a list's field and add it. */
  async addSite(list: SiteListName, pattern: string): Promise<void> {
    const input = this.page.getByRole('textbox', { name: `Add a site to "${list}"` });
    await input.fill(pattern);
    await input.press('Enter');
  }
  /** The sites a list shows, as written on the page. */
  async sites(list: SiteListName): Promise<string[]> {
    return this.page
      .locator('.site-list')
      .filter({ has: this.page.getByRole('heading', { level: 3, name: list, exact: true }) })
      .locator('li .pattern')
      .allTextContents();
  }
  removeSite(pattern: string): Locator {
    return this.page.getByRole('button', { name: `Remove ${pattern}`, exact: true });
  }

  // Appearance ---------------------------------------------------------------------------------

  /** A theme radio: 'Same as the system', 'Light', 'Dark'. */
  theme(name: string): Locator {
    return this.page.getByRole('group', { name: "Theme of Factlight's pages and popover" }).getByRole('radio', { name, exact: true });
  }

  // Import & export ----------------------------------------------------------------------------

  get importInput(): Locator {
    return this.page.getByLabel('Choose a topic pack file');
  }
  /** Choose a file in the import field, as if picked in the file dialog. */
  async chooseImportFile(name: string, contents: Buffer | string, mimeType = 'application/json'): Promise<void> {
    await this.importInput.setInputFiles({ name, mimeType, buffer: Buffer.isBuffer(contents) ? contents : Buffer.from(contents) });
  }
  /** The preview shown for a good file. */
  get importPreview(): Locator {
    return this.page.getByRole('region', { name: /^Preview of / });
  }
  /** The problems shown for a bad file. */
  get importErrors(): Locator {
    return this.page.locator('.import-errors[role="alert"]');
  }
  get confirmImport(): Locator {
    return this.importPreview.getByRole('button', { name: 'Import', exact: true });
  }
  /** A "Which topics" radio: 'All topics, as you have them now' or 'Only topics you added or imported'. */
  exportScope(name: string): Locator {
    return this.page.getByRole('group', { name: 'Which topics' }).getByRole('radio', { name, exact: true });
  }
  /** Export and return the download and its text. */
  async export(): Promise<{ download: Download; text: string }> {
    const [download] = await Promise.all([
      this.page.waitForEvent('download'),
      this.page.getByRole('button', { name: 'Export as a JSON file' }).click(),
    ]);
    const stream = await download.createReadStream();
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    return { download, text: Buffer.concat(chunks).toString('utf8') };
  }
}
