// @vitest-environment jsdom
/**
 * "Track this phrase" (issue 5), from the context-menu click to the stored topic: the background's
 * real click handler builds the options URL, the options page opened at that URL starts a new topic
 * with the phrase as its first alias, focus in the title and a line saying why; saving stores a
 * validated topic in `local:userTopics`. The phrase comes from any web page, so it must stay text.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import axe from 'axe-core';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { OptionsApp } from '../../components/options/OptionsApp';
import { aliasLanguageOf, MAX_TRACK_LENGTH, trackedPhrase, urlWithoutTrack } from '../../components/options/track';
import { loadUserTopics } from '../../lib/settings/store';
import type { TopicPack } from '../../lib/pack/schema';
import fixture from '../fixtures/options-pack.json';
import { installFakeI18n } from '../fixtures/fake-i18n';

// As in options.test.tsx: `wxt/browser` straight at the fake browser (WXT's alias loads esbuild,
// which refuses jsdom's TextEncoder).
vi.mock('wxt/browser', async () => {
  const { fakeBrowser: fake } = await import('wxt/testing/fake-browser');
  return { browser: fake, default: fake };
});

const shipped = (fixture as TopicPack).topics;
const START_URL = window.location.href;

/** Open the options page at `url` (path, query and hash), as a new tab would. */
async function openOptionsAt(url: string) {
  const { pathname, search, hash } = new URL(url);
  window.history.replaceState(null, '', `${pathname}${search}${hash}`);
  render(<OptionsApp shipped={shipped} />);
  return screen.findByRole('form', { name: 'Add your own topic' });
}

function fillAndAdd(form: HTMLElement, title: string, summary: string) {
  fireEvent.input(within(form).getByRole('textbox', { name: 'Title' }), { target: { value: title } });
  fireEvent.input(within(form).getByRole('textbox', { name: 'Summary (shown in the popover)' }), { target: { value: summary } });
  fireEvent.click(within(form).getByRole('button', { name: 'Add topic' }));
}

/**
 * Runs the real background (entrypoints/background.ts) on the fake browser and clicks its context
 * menu entry with `selectionText`; returns the URL of the tab it opened. The fake browser implements
 * neither contextMenus nor commands, so their listeners are captured here.
 */
async function clickTrackMenu(selectionText: string): Promise<string> {
  let onClicked: ((info: { menuItemId: string; selectionText?: string }) => void) | undefined;
  vi.spyOn(fakeBrowser.contextMenus.onClicked, 'addListener').mockImplementation(((cb: typeof onClicked) => {
    onClicked = cb;
  }) as never);
  vi.spyOn(fakeBrowser.commands.onCommand, 'addListener').mockImplementation((() => undefined) as never);
  const create = vi.spyOn(fakeBrowser.tabs, 'create');
  const { default: background } = await import('../../entrypoints/background');
  background.main!();
  expect(onClicked).toBeTypeOf('function');
  onClicked!({ menuItemId: 'factlight-track-phrase', selectionText });
  await waitFor(() => expect(create).toHaveBeenCalledTimes(1));
  return create.mock.calls[0]![0].url!;
}

beforeEach(() => {
  fakeBrowser.reset();
  installFakeI18n('en');
});
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
  window.history.replaceState(null, '', START_URL);
});

describe('the tracked phrase from the address', () => {
  it('is read from ?track=, whitespace folded and edge punctuation trimmed', () => {
    expect(trackedPhrase('?track=intelligence%20sharing')).toBe('intelligence sharing');
    expect(trackedPhrase('?track=%20%E2%80%9Cthe%20Jeddah%0Atalks%2C%E2%80%9D%20')).toBe('the Jeddah talks');
    expect(trackedPhrase('?track=%C2%ABPutin%27s%20truce%C2%BB.')).toBe("Putin's truce");
    expect(trackedPhrase('?track=30-day%20ceasefire')).toBe('30-day ceasefire');
  });

  it('is null when absent or empty, and never longer than the background sends', () => {
    expect(trackedPhrase('')).toBeNull();
    expect(trackedPhrase('?tab=3')).toBeNull();
    expect(trackedPhrase('?track=')).toBeNull();
    expect(trackedPhrase('?track=%20...%20')).toBeNull();
    expect(trackedPhrase(`?track=${'word '.repeat(60)}`)!.length).toBeLessThanOrEqual(MAX_TRACK_LENGTH);
  });

  it('goes in the alias list its letters belong to', () => {
    expect(aliasLanguageOf('intelligence sharing', 'en')).toBe('en');
    expect(aliasLanguageOf('червоні лінії', 'en')).toBe('uk');
    expect(aliasLanguageOf('объявить перемирие', 'uk')).toBe('ru');
    expect(aliasLanguageOf('перемир’я', 'uk')).toBe('uk');
    expect(aliasLanguageOf('переговоры', 'ru')).toBe('ru');
    expect(aliasLanguageOf('переговори', 'en')).toBe('uk');
  });

  it('is dropped from the address, keeping the rest, once used', () => {
    expect(urlWithoutTrack('chrome-extension://abc/options.html?track=x%20y#topics')).toBe('chrome-extension://abc/options.html#topics');
    expect(urlWithoutTrack('moz-extension://abc/options.html?a=1&track=x#topics')).toBe('moz-extension://abc/options.html?a=1#topics');
  });
});

describe('options page opened by "Track this phrase"', () => {
  it('the context-menu click opens the options page at the Topics section with the phrase', async () => {
    const url = await clickTrackMenu('  intelligence sharing\n');
    const opened = new URL(url);
    expect(opened.pathname).toBe('/options.html');
    expect(opened.hash).toBe('#topics');
    expect(trackedPhrase(opened.search)).toBe('intelligence sharing');
  });

  it('starts a new topic with the phrase, focus in the title; saving stores it and ends tracking', async () => {
    const form = await openOptionsAt(await clickTrackMenu('intelligence sharing'));
    const title = within(form).getByRole('textbox', { name: 'Title' });
    await waitFor(() => expect(document.activeElement).toBe(title));
    expect((within(form).getByRole('textbox', { name: 'English' }) as HTMLTextAreaElement).value).toBe('intelligence sharing');
    const intro = within(form).getByText(/You chose “intelligence sharing” on a page to track/);
    expect(title.getAttribute('aria-describedby')).toContain(intro.id);

    fillAndAdd(form, 'US intelligence for Ukraine', 'The US paused and then resumed sharing intelligence with Kyiv.');
    await waitFor(async () => expect(await loadUserTopics()).toHaveLength(1));
    expect((await loadUserTopics())[0]).toMatchObject({
      id: 'us-intelligence-for-ukraine',
      title: { en: 'US intelligence for Ukraine' },
      summary: { en: 'The US paused and then resumed sharing intelligence with Kyiv.' },
      aliases: { en: ['intelligence sharing'] },
    });
    expect(await screen.findByRole('heading', { level: 3, name: 'US intelligence for Ukraine' })).toBeTruthy();
    expect(await screen.findByText('“US intelligence for Ukraine” added.')).toBeTruthy();
    // Tracking is over: no explanation, an empty form, and a reload will not start the topic again.
    expect(within(form).queryByText(/on a page to track/)).toBeNull();
    expect((within(form).getByRole('textbox', { name: 'English' }) as HTMLTextAreaElement).value).toBe('');
    expect(window.location.search).toBe('');
    expect(window.location.hash).toBe('#topics');
  });

  it('keeps the reader\u2019s other aliases and puts a Ukrainian phrase in the Ukrainian list', async () => {
    const form = await openOptionsAt(`http://localhost/options.html?track=${encodeURIComponent('військова допомога')}#topics`);
    const ukrainian = within(form).getByRole('textbox', { name: 'Ukrainian' }) as HTMLTextAreaElement;
    expect(ukrainian.value).toBe('військова допомога');
    expect((within(form).getByRole('textbox', { name: 'English' }) as HTMLTextAreaElement).value).toBe('');
    fireEvent.input(ukrainian, { target: { value: 'військова допомога\nвійськов* допомог*' } });
    fireEvent.input(within(form).getByRole('textbox', { name: 'English' }), { target: { value: 'military aid' } });
    fillAndAdd(form, 'Military aid', 'Weapons and money sent to Ukraine.');
    await waitFor(async () => expect(await loadUserTopics()).toHaveLength(1));
    expect((await loadUserTopics())[0]!.aliases).toEqual({ en: ['military aid'], uk: ['військова допомога', 'військов* допомог*'] });
  });

  it('shows a phrase with markup as text, creates no element, and refuses to store it', async () => {
    const hostile = '<img src=x onerror=alert(1)>';
    const { container } = render(<OptionsApp shipped={shipped} track={hostile} />);
    const form = await screen.findByRole('form', { name: 'Add your own topic' });
    expect(within(form).getByText(`You chose “${hostile}” on a page to track`, { exact: false })).toBeTruthy();
    expect((within(form).getByRole('textbox', { name: 'English' }) as HTMLTextAreaElement).value).toBe(hostile);
    expect(container.querySelector('img')).toBeNull();

    fillAndAdd(form, 'Hostile', 'A summary.');
    expect(await within(form).findByText('Please fix these problems:')).toBeTruthy();
    expect(within(form).getAllByText(/must not contain < or >/).length).toBeGreaterThan(0);
    expect(document.querySelector('img')).toBeNull();
    expect(await loadUserTopics()).toEqual([]);
    // Still tracking: the reader can fix the alias and try again.
    expect(within(form).getByText(/on a page to track/)).toBeTruthy();
  });

  it('without a phrase the form is empty, says nothing about tracking and takes no focus', async () => {
    const form = await openOptionsAt('http://localhost/options.html#topics');
    expect(within(form).queryByText(/on a page to track/)).toBeNull();
    expect((within(form).getByRole('textbox', { name: 'English' }) as HTMLTextAreaElement).value).toBe('');
    expect(document.activeElement).toBe(document.body);
  });

  it('has no serious or critical axe violations while tracking', async () => {
    await openOptionsAt('http://localhost/options.html?track=intelligence%20sharing#topics');
    const results = await axe.run(document.documentElement, { resultTypes: ['violations'] });
    const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
    expect(results.passes.map((p) => p.id)).toEqual(expect.arrayContaining(['label', 'aria-valid-attr-value']));
  });
});
