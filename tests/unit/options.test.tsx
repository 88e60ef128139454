// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import axe from 'axe-core';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { OptionsApp } from '../../components/options/OptionsApp';
import { COLOR_PRESET_IDS, DEFAULT_SETTINGS, SITE_MODES, type Settings } from '../../lib/settings/schema';
import { loadUserTopics, saveSettings, setSiteEnabled } from '../../lib/settings/store';
import { PACK_LANGUAGES, type Topic, type TopicPack } from '../../lib/pack/schema';
import fixture from '../fixtures/options-pack.json';
import { installFakeI18n } from '../fixtures/fake-i18n';

// WXT's `wxt/browser` test alias loads `wxt/testing`, which loads esbuild, which refuses to start
// under jsdom's TextEncoder; point `wxt/browser` straight at the same fake browser instead.
vi.mock('wxt/browser', async () => {
  const { fakeBrowser: fake } = await import('wxt/testing/fake-browser');
  return { browser: fake, default: fake };
});

const shipped = (fixture as TopicPack).topics;

async function stored(): Promise<Settings> {
  return ((await fakeBrowser.storage.sync.get('settings')).settings ?? DEFAULT_SETTINGS) as Settings;
}

async function renderPage() {
  const view = render(<OptionsApp shipped={shipped} />);
  await screen.findByRole('heading', { level: 2, name: 'Topics' });
  return view;
}

/** The list item of a topic, found by its heading. */
function topicCard(title: string): HTMLElement {
  return screen.getByRole('heading', { level: 3, name: title }).closest('li')!;
}

function chooseFile(file: { name: string; size: number; text: () => Promise<string> }) {
  const input = screen.getByLabelText('Choose a topic pack file');
  fireEvent.change(input, { target: { files: [file] } });
}
const jsonFile = (value: unknown, name = 'pack.json') => {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return { name, size: text.length, text: async () => text };
};

beforeEach(() => {
  fakeBrowser.reset();
  installFakeI18n('en');
});
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
  delete document.documentElement.dataset.theme;
});

describe('options page', () => {
  it('lists the shipped topics and every section', async () => {
    await renderPage();
    for (const name of ['Topics', 'Sites', 'Popover & highlights', 'Appearance', 'Import & export']) {
      expect(screen.getByRole('heading', { level: 2, name })).toBeTruthy();
    }
    expect(topicCard('The Jeddah talks')).toBeTruthy();
    expect(topicCard('The 30-day ceasefire proposal')).toBeTruthy();
    expect(within(topicCard('The Jeddah talks')).getByText(/Jeddah · Jidda · Джидд\*/)).toBeTruthy();
  });

  it('turns a topic off and changes its colour and style', async () => {
    await renderPage();
    const card = topicCard('The Jeddah talks');
    const enabled = within(card).getByRole('checkbox', { name: 'Highlight “The Jeddah talks”' }) as HTMLInputElement;
    expect(enabled.checked).toBe(true);
    fireEvent.click(enabled);
    await waitFor(async () => expect((await stored()).topics['jeddah-talks']?.enabled).toBe(false));
    await screen.findByText('Saved.');

    const colours = within(card).getByRole('group', { name: 'Colour for “The Jeddah talks”' });
    expect((within(colours).getByRole('radio', { name: 'Amber' }) as HTMLInputElement).checked).toBe(true);
    fireEvent.click(within(colours).getByRole('radio', { name: 'Violet' }));
    await waitFor(async () => expect((await stored()).topics['jeddah-talks']).toEqual({ enabled: false, color: 'violet', style: 'background' }));
    fireEvent.click(within(card).getByRole('radio', { name: 'Underline' }));
    await waitFor(async () => expect((await stored()).topics['jeddah-talks']?.style).toBe('underline'));
    // The second topic keeps its own default colour.
    const other = within(topicCard('The 30-day ceasefire proposal')).getByRole('group', { name: /^Colour for/ });
    expect((within(other).getByRole('radio', { name: 'Sky' }) as HTMLInputElement).checked).toBe(true);
  });

  it('edits a shipped topic\u2019s aliases, naming a bad line, then saves them as an override', async () => {
    await renderPage();
    const card = topicCard('The 30-day ceasefire proposal');
    fireEvent.click(within(card).getByRole('button', { name: 'Edit aliases of “The 30-day ceasefire proposal”' }));
    const english = within(card).getByRole('textbox', { name: 'English' }) as HTMLTextAreaElement;
    expect(english.value).toBe('ceasefire\ncease-fire\ntruce');
    fireEvent.input(english, { target: { value: 'ceasefire\n\n<b>truce</b>' } });
    fireEvent.click(within(card).getByRole('button', { name: 'Save aliases' }));
    expect(await within(card).findByText('line 3: must not contain < or > (no HTML or script)')).toBeTruthy();
    expect(english.getAttribute('aria-invalid')).toBe('true');
    expect(await fakeBrowser.storage.local.get('topicOverrides')).toEqual({});

    fireEvent.input(english, { target: { value: 'ceasefire\narmistice' } });
    fireEvent.click(within(card).getByRole('button', { name: 'Save aliases' }));
    await waitFor(async () =>
      expect((await fakeBrowser.storage.local.get('topicOverrides')).topicOverrides).toEqual({ ceasefire: { aliases: { en: ['ceasefire', 'armistice'] } } }),
    );
    expect(await within(topicCard('The 30-day ceasefire proposal')).findByText(/ceasefire · armistice/)).toBeTruthy();
  });

  it('shows markup typed as a title as text, creates no element, and refuses to store it', async () => {
    const { container } = await renderPage();
    const form = screen.getByRole('form', { name: 'Add your own topic' });
    const hostile = '<img src=x onerror=alert(1)>';
    const title = within(form).getByRole('textbox', { name: 'Title' }) as HTMLInputElement;
    fireEvent.input(title, { target: { value: hostile } });
    fireEvent.input(within(form).getByRole('textbox', { name: 'Summary (shown in the popover)' }), { target: { value: 'A summary.' } });
    fireEvent.input(within(form).getByRole('textbox', { name: 'English' }), { target: { value: 'alias' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Add topic' }));

    expect(await within(form).findAllByText(/must not contain < or >/)).not.toHaveLength(0);
    expect(title.value).toBe(hostile);
    expect(title.getAttribute('aria-invalid')).toBe('true');
    expect(container.querySelector('img')).toBeNull();
    expect(document.querySelector('img')).toBeNull();
    expect(await loadUserTopics()).toEqual([]);
  });

  it('adds, edits and deletes an own topic; its text (quotes, ampersands, event-handler words) stays text', async () => {
    const { container } = await renderPage();
    const form = screen.getByRole('form', { name: 'Add your own topic' });
    const tricky = 'Tom & Jerry "onerror=alert(1)" &lt;b&gt; javascript:void(0)';
    fireEvent.input(within(form).getByRole('textbox', { name: 'Title' }), { target: { value: tricky } });
    fireEvent.input(within(form).getByRole('textbox', { name: 'Summary (shown in the popover)' }), { target: { value: 'Why it matters.' } });
    fireEvent.input(within(form).getByRole('textbox', { name: 'English' }), { target: { value: 'Tom and Jerry\nJerry*' } });
    fireEvent.input(within(form).getByRole('textbox', { name: 'Notes (optional)' }), { target: { value: 'My notes.' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Add a quote' }));
    const quote = within(form).getByRole('group', { name: 'Quote 1' });
    fireEvent.input(within(quote).getByRole('textbox', { name: 'Quote, word for word' }), { target: { value: 'We are ready.' } });
    fireEvent.input(within(quote).getByRole('textbox', { name: 'Who said it' }), { target: { value: 'A. Speaker' } });
    fireEvent.input(within(quote).getByRole('textbox', { name: 'Their role' }), { target: { value: 'Minister' } });
    fireEvent.input(within(quote).getByRole('textbox', { name: 'Source (outlet)' }), { target: { value: 'Reuters' } });
    fireEvent.input(within(quote).getByRole('textbox', { name: 'Source address (optional)' }), { target: { value: 'not a url' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Add topic' }));
    expect(await within(quote).findByText(/must be a URL/)).toBeTruthy();
    expect(await loadUserTopics()).toEqual([]);

    fireEvent.input(within(quote).getByRole('textbox', { name: 'Source address (optional)' }), { target: { value: 'https://www.reuters.com/world/' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Add topic' }));
    await waitFor(async () => expect(await loadUserTopics()).toHaveLength(1));
    const [saved] = await loadUserTopics();
    expect(saved).toMatchObject({
      id: 'tom-jerry-onerror-alert-1-lt-b-gt-javascript',
      title: { en: tricky },
      aliases: { en: ['Tom and Jerry', 'Jerry*'] },
      notes: 'My notes.',
      quotes: [{ text: 'We are ready.', speaker: 'A. Speaker', role: 'Minister', lang: 'en', source: { outlet: 'Reuters', url: 'https://www.reuters.com/world/' } }],
    });

    const heading = await screen.findByRole('heading', { level: 3, name: tricky });
    expect(heading.textContent).toBe(tricky);
    expect(container.querySelector('b')).toBeNull();

    // Edit it.
    const card = heading.closest('li')!;
    fireEvent.click(within(card).getByRole('button', { name: `Edit “${tricky}”` }));
    const editForm = within(card).getByRole('form', { name: `Edit “${tricky}”` });
    fireEvent.input(within(editForm).getByRole('textbox', { name: 'Title' }), { target: { value: 'Renamed topic' } });
    fireEvent.click(within(editForm).getByRole('button', { name: 'Save changes' }));
    await screen.findByRole('heading', { level: 3, name: 'Renamed topic' });
    expect((await loadUserTopics())[0]).toMatchObject({ id: saved!.id, title: { en: 'Renamed topic' } });

    // Delete it, after a confirmation that can be cancelled.
    const renamed = topicCard('Renamed topic');
    fireEvent.click(within(renamed).getByRole('button', { name: 'Delete “Renamed topic”' }));
    const confirm = within(renamed).getByRole('group', { name: 'Delete “Renamed topic”? This cannot be undone.' });
    expect(document.activeElement).toBe(within(confirm).getByRole('button', { name: 'Delete' }));
    fireEvent.click(within(confirm).getByRole('button', { name: 'Cancel' }));
    expect(await loadUserTopics()).toHaveLength(1);
    fireEvent.click(within(renamed).getByRole('button', { name: 'Delete “Renamed topic”' }));
    fireEvent.click(within(renamed).getByRole('button', { name: 'Delete' }));
    await waitFor(async () => expect(await loadUserTopics()).toEqual([]));
    await waitFor(() => expect(screen.queryByRole('heading', { level: 3, name: 'Renamed topic' })).toBeNull());
  });

  it('a bad import shows what is wrong and where, and changes nothing', async () => {
    await renderPage();
    const before = await fakeBrowser.storage.local.get(null);

    chooseFile({ name: 'huge.json', size: 50 * 1024 * 1024, text: () => Promise.reject(new Error('must not be read')) });
    expect(await screen.findByText('The file is 50.0 MB; a topic pack can be at most 5.0 MB.')).toBeTruthy();
    expect(screen.getByText('huge.json was not imported, and nothing was changed:')).toBeTruthy();

    const pack = structuredClone(fixture) as TopicPack;
    pack.topics[0]!.title.en = '<img src=x onerror=alert(1)>';
    chooseFile(jsonFile(pack, 'hostile.json'));
    expect(await screen.findByText('topics[0].title.en: contains < or >: HTML and scripts are not allowed in a topic pack')).toBeTruthy();
    expect(document.querySelector('img')).toBeNull();

    chooseFile(jsonFile('{"format": "factlight-topic-pack",\n "version": 1,,}', 'broken.json'));
    expect(await screen.findByText('The file is not valid JSON: the first error is at line 2, column 15.')).toBeTruthy();

    chooseFile(jsonFile({ ...fixture, version: 3 }, 'future.json'));
    expect(await screen.findByText('version: is 3, but this Factlight reads versions 1, 2 of the topic-pack format')).toBeTruthy();

    expect(await fakeBrowser.storage.local.get(null)).toEqual(before);
  });

  it('a good import shows a preview by title, then imports on confirmation', async () => {
    await renderPage();
    const incoming: TopicPack = {
      ...(structuredClone(fixture) as TopicPack),
      name: 'Friend\u2019s pack',
      topics: [
        { ...shipped[1]!, summary: { en: 'A newer summary.' } },
        { id: 'sanctions', title: { en: 'Sanctions relief' }, summary: { en: 'Talk of easing sanctions.' }, asOf: '2025-04-01', aliases: { en: ['sanctions'] } },
      ],
    };
    chooseFile(jsonFile(incoming, 'friend.json'));
    const preview = await screen.findByRole('region', { name: 'Preview of “Friend’s pack” (friend.json)' });
    expect(within(preview).getByText('Will add 1 topic:')).toBeTruthy();
    expect(within(preview).getByText(/Sanctions relief/)).toBeTruthy();
    expect(within(preview).getByText("Will replace 1 topic you have now with the file's version:")).toBeTruthy();
    expect(within(preview).getByText(/The 30-day ceasefire proposal/)).toBeTruthy();
    expect(await loadUserTopics()).toEqual([]);

    // Cancel changes nothing.
    fireEvent.click(within(preview).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('region', { name: /^Preview/ })).toBeNull();
    expect(await loadUserTopics()).toEqual([]);

    chooseFile(jsonFile(incoming, 'friend.json'));
    const again = await screen.findByRole('region', { name: /^Preview/ });
    fireEvent.click(within(again).getByRole('button', { name: 'Import' }));
    await waitFor(async () => expect((await loadUserTopics()).map((t) => t.id)).toEqual(['ceasefire', 'sanctions']));
    expect(await screen.findByRole('heading', { level: 3, name: 'Sanctions relief' })).toBeTruthy();
    expect(within(topicCard('The 30-day ceasefire proposal')).getByText('Imported version')).toBeTruthy();
    expect(await screen.findByText('Imported: 1 topic added, 1 topic replaced.')).toBeTruthy();
  });

  it('restores the shipped pack after a confirmation, keeping own topics', async () => {
    const own: Topic = { id: 'mine', title: { en: 'Mine' }, summary: { en: 'x' }, asOf: '2025-04-01', aliases: { en: ['mine'] } };
    await fakeBrowser.storage.local.set({
      userTopics: [own, { ...shipped[1]!, summary: { en: 'Imported.' } }],
      topicOverrides: { 'jeddah-talks': { aliases: { en: ['Jiddah'] } } },
    });
    await saveSettings({ topics: { 'jeddah-talks': { enabled: false, color: 'rose', style: 'underline' }, mine: { enabled: false, color: 'lime', style: 'background' } } });
    await renderPage();
    fireEvent.click(screen.getByRole('button', { name: 'Restore the shipped pack…' }));
    fireEvent.click(screen.getByRole('button', { name: 'Restore' }));
    await waitFor(async () => expect((await loadUserTopics()).map((t) => t.id)).toEqual(['mine']));
    await waitFor(async () => expect((await stored()).topics).toEqual({ mine: { enabled: false, color: 'lime', style: 'background' } }));
    expect((await fakeBrowser.storage.local.get('topicOverrides')).topicOverrides).toEqual({});
  });

  it('site mode, site lists with validation, and changes from the popup appear live', async () => {
    await renderPage();
    const mode = screen.getByRole('group', { name: 'Where to highlight' });
    expect((within(mode).getByRole('radio', { name: 'News pages' }) as HTMLInputElement).checked).toBe(true);
    fireEvent.click(within(mode).getByRole('radio', { name: 'Only sites I list' }));
    await waitFor(async () => expect((await stored()).siteMode).toBe('listed'));

    const input = screen.getByRole('textbox', { name: 'Add a site to "Never on"' });
    fireEvent.input(input, { target: { value: 'not a site!' } });
    fireEvent.submit(input.closest('form')!);
    expect(await screen.findByText('“not a site!” is not a site. Write example.com or *.example.com.')).toBeTruthy();
    expect(input.getAttribute('aria-invalid')).toBe('true');
    fireEvent.input(input, { target: { value: '*.Example.COM' } });
    fireEvent.submit(input.closest('form')!);
    await waitFor(async () => expect((await stored()).neverOn).toEqual(['*.example.com']));
    expect(await screen.findByRole('button', { name: 'Remove *.example.com' })).toBeTruthy();

    // The popup's switch writes storage; the open page follows.
    await saveSettings((s) => setSiteEnabled(s, 'kyivindependent.com', true));
    expect(await screen.findByRole('button', { name: 'Remove kyivindependent.com' })).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Remove *.example.com' }));
    await waitFor(async () => expect((await stored()).neverOn).toEqual([]));
  });

  it('popover, highlight and theme choices are stored; the theme applies to the page', async () => {
    await renderPage();
    fireEvent.click(screen.getByRole('radio', { name: 'Also when the pointer rests on a highlight' }));
    fireEvent.click(screen.getByRole('checkbox', { name: 'Quotes' }));
    fireEvent.click(screen.getByRole('radio', { name: 'Every mention' }));
    fireEvent.click(screen.getByRole('radio', { name: 'Dark' }));
    await waitFor(async () => {
      const s = await stored();
      expect(s.popover).toEqual({ openOnHover: true, showTimeline: true, showQuotes: false, showInArticle: true });
      expect(s.highlightMode).toBe('every');
      expect(s.theme).toBe('dark');
    });
    expect(document.documentElement.dataset.theme).toBe('dark');
  });

  it('a quota error is shown, and the page shows what is really stored', async () => {
    await renderPage();
    vi.spyOn(fakeBrowser.storage.sync, 'set').mockRejectedValue(new Error('QUOTA_BYTES_PER_ITEM quota exceeded'));
    const paused = screen.getByRole('checkbox', { name: 'Pause Factlight everywhere' }) as HTMLInputElement;
    fireEvent.click(paused);
    const alert = await screen.findByText(/too large to sync between browsers/);
    expect(alert.closest('[role="alert"]')).toBeTruthy();
    await waitFor(() => expect(paused.checked).toBe(false));
    expect((await stored()).paused).toBe(false);
  });

  it('reports settings that were repaired on load', async () => {
    await fakeBrowser.storage.sync.set({ settings: { ...DEFAULT_SETTINGS, theme: 'neon' }, settings$: { v: 2 } });
    await renderPage();
    expect(await screen.findByText(/reset to their defaults: theme/)).toBeTruthy();
  });

  it('has no serious or critical axe violations (with a preview and errors open)', async () => {
    await renderPage();
    fireEvent.click(within(topicCard('The Jeddah talks')).getByRole('button', { name: /^Edit aliases/ }));
    fireEvent.click(screen.getByRole('button', { name: 'Add topic' }));
    await screen.findByText('Please fix these problems:');
    chooseFile(jsonFile(fixture, 'same.json'));
    await screen.findByRole('region', { name: /^Preview/ });
    const results = await axe.run(document.documentElement, { resultTypes: ['violations'] });
    // The check really ran over the form: labels, names and ARIA were looked at.
    expect(results.passes.map((p) => p.id)).toEqual(expect.arrayContaining(['label', 'button-name', 'aria-valid-attr-value', 'duplicate-id-aria']));
    const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  });
});

describe('options strings', () => {
  const en = JSON.parse(readFileSync('locales/en/options.json', 'utf8')) as Record<string, { message: string }>;
  const uk = JSON.parse(readFileSync('locales/uk/options.json', 'utf8')) as Record<string, { message: string }>;

  it('English and Ukrainian have the same keys, all prefixed options_, none empty', () => {
    expect(Object.keys(uk).sort()).toEqual(Object.keys(en).sort());
    for (const [key, value] of [...Object.entries(en), ...Object.entries(uk)]) {
      expect(key.startsWith('options_')).toBe(true);
      expect(value.message.trim()).not.toBe('');
    }
  });

  it('each message uses the same substitutions in both languages', () => {
    for (const key of Object.keys(en)) {
      const subs = (m: string) => [...m.matchAll(/\$(\d)/g)].map((x) => x[1]).sort().join();
      expect(subs(uk[key]!.message), key).toBe(subs(en[key]!.message));
    }
  });

  it('every key the options code uses exists', () => {
    const files = ['lib/settings/store.ts', 'lib/pack/import.ts', 'entrypoints/options/main.tsx', ...readdirSync('components/options').map((f) => join('components/options', f))];
    const used = new Set<string>();
    for (const file of files) for (const m of readFileSync(file, 'utf8').matchAll(/'(options_[A-Za-z_]+)'/g)) used.add(m[1]!);
    // Keys built from values (`options_color_${id}` and the like).
    for (const id of COLOR_PRESET_IDS) used.add(`options_color_${id}`);
    for (const lang of PACK_LANGUAGES) used.add(`options_lang_${lang}`);
    for (const mode of SITE_MODES) used.add(`options_sites_mode_${mode}`).add(`options_sites_mode_${mode}_hint`);
    for (const list of ['alwaysOn', 'neverOn']) used.add(`options_sites_${list}`).add(`options_sites_${list}_hint`).add(`options_sites_add_${list}`);
    for (const o of ['shipped', 'changed', 'own']) used.add(`options_origin_${o}`);
    for (const s of ['background', 'underline']) used.add(`options_style_${s}`);
    for (const k of ['showTimeline', 'showQuotes', 'showInArticle']) used.add(`options_popover_${k}`);
    for (const k of ['first_per_section', 'every']) used.add(`options_highlight_${k}`);
    for (const k of ['auto', 'light', 'dark']) used.add(`options_theme_${k}`);
    for (const k of ['all', 'mine']) used.add(`options_export_scope_${k}`);
    for (const k of ['text', 'speaker', 'role', 'date', 'lang', 'outlet', 'url']) used.add(`options_quote_${k}`);
    expect([...used].filter((key) => !(key in en))).toEqual([]);
    expect(used.size).toBeGreaterThan(150);
  });
});
