import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { DEFAULT_SETTINGS, type Settings } from '../../lib/settings/schema';
import {
  SETTINGS_VERSION,
  SYNC_QUOTA_BYTES_PER_ITEM,
  effectiveTopics,
  loadEffectiveTopics,
  loadSettings,
  loadSettingsWithReport,
  loadTopicOverrides,
  loadUserTopics,
  migrateSettingsV1,
  repairSettings,
  repairUserTopics,
  saveSettings,
  saveTopicOverrides,
  saveUserTopics,
  setSiteEnabled,
  settingsItem,
  syncItemBytes,
  topicPrefs,
  watchSettings,
} from '../../lib/settings/store';
import { FILE_SITE, siteDecision, siteKey } from '../../lib/sites';
import type { Topic } from '../../lib/pack/schema';
import pack from '../fixtures/options-pack.json';
import { installFakeI18n } from '../fixtures/fake-i18n';

const shipped = pack.topics as Topic[];
const defaults = (): Settings => structuredClone(DEFAULT_SETTINGS);

function ownTopic(id: string, title = 'My topic'): Topic {
  return { id, title: { en: title }, summary: { en: 'Summary.' }, asOf: '2025-04-01', aliases: { en: [title] } };
}

beforeEach(() => {
  fakeBrowser.reset();
  installFakeI18n('en');
});
afterEach(() => {
  vi.restoreAllMocks();
});

describe('defaults', () => {
  it('empty storage reads as the defaults, with nothing reported as repaired', async () => {
    expect(await loadSettingsWithReport()).toEqual({ settings: DEFAULT_SETTINGS, repaired: [] });
  });

  it('the defaults are valid and unchanged by repair', () => {
    expect(repairSettings(DEFAULT_SETTINGS)).toEqual({ settings: DEFAULT_SETTINGS, repaired: [] });
  });

  it('loadSettings hands out a copy: changing it does not change the defaults', async () => {
    const s = await loadSettings();
    s.alwaysOn.push('example.com');
    expect(DEFAULT_SETTINGS.alwaysOn).toEqual([]);
  });

  it('topicPrefs gives the stored choice, or the default for the topic\u2019s place', () => {
    const s = { ...defaults(), topics: { b: { enabled: false, color: 'violet' as const, style: 'underline' as const } } };
    expect(topicPrefs(s, 'b', 1)).toEqual({ enabled: false, color: 'violet', style: 'underline' });
    expect(topicPrefs(s, 'a', 0)).toEqual({ enabled: true, color: 'amber', style: 'background' });
    expect(topicPrefs(s, 'c', 1)).toEqual({ enabled: true, color: 'sky', style: 'background' });
  });
});

describe('repairSettings: field by field, keeping the rest', () => {
  it.each([null, undefined, 42, 'settings', [], true])('%j becomes the defaults', (raw) => {
    const { settings, repaired } = repairSettings(raw);
    expect(settings).toEqual(DEFAULT_SETTINGS);
    expect(repaired).toEqual(raw === undefined || raw === null || typeof raw !== 'object' || Array.isArray(raw) ? ['(all)'] : []);
  });

  it('repairs only the broken fields', () => {
    const raw = {
      paused: 'yes',
      siteMode: 'all',
      alwaysOn: ['Example.com', 42, '*', 'news.example.org', 'example.com'],
      neverOn: 'bbc.com',
      topics: {
        ceasefire: { enabled: false, color: 'violet', style: 'underline' },
        'jeddah-talks': { enabled: 'no', color: 'neon', style: 'underline' },
        broken: 7,
      },
      popover: { openOnHover: true, showTimeline: 'x' },
      highlightMode: 'every',
      theme: 'sepia',
      extra: 1,
    };
    const { settings, repaired } = repairSettings(raw);
    expect(settings).toEqual({
      paused: false,
      siteMode: 'all',
      alwaysOn: ['example.com', 'news.example.org'],
      neverOn: [],
      topics: {
        ceasefire: { enabled: false, color: 'violet', style: 'underline' },
        'jeddah-talks': { enabled: true, color: 'amber', style: 'underline' },
      },
      popover: { openOnHover: true, showTimeline: true, showQuotes: true, showInArticle: true },
      highlightMode: 'every',
      theme: 'auto',
    } satisfies Settings);
    expect(repaired).toEqual([
      'paused',
      'alwaysOn[1]',
      'alwaysOn[2]',
      'neverOn',
      'topics.jeddah-talks.enabled',
      'topics.jeddah-talks.color',
      'topics.broken',
      'popover.showTimeline',
      'popover.showQuotes',
      'popover.showInArticle',
      'theme',
      'unknown: extra',
    ]);
  });

  it('a partly missing object keeps what is there', () => {
    const { settings, repaired } = repairSettings({ siteMode: 'listed', alwaysOn: ['cnn.com'] });
    expect(settings).toEqual({ ...DEFAULT_SETTINGS, siteMode: 'listed', alwaysOn: ['cnn.com'] });
    expect(repaired).toEqual(expect.arrayContaining(['paused', 'neverOn', 'topics', 'popover', 'highlightMode', 'theme']));
    expect(repaired).not.toContain('siteMode');
    expect(repaired).not.toContain('alwaysOn');
  });

  it('corrupt stored settings load repaired, and are not thrown', async () => {
    await fakeBrowser.storage.sync.set({ settings: { siteMode: 'all', neverOn: [null, 'bbc.com'], theme: 3 }, settings$: { v: 2 } });
    const { settings, repaired } = await loadSettingsWithReport();
    expect(settings.siteMode).toBe('all');
    expect(settings.neverOn).toEqual(['bbc.com']);
    expect(settings.theme).toBe('auto');
    expect(repaired).toContain('neverOn[0]');
    expect(repaired).toContain('theme');
  });
});

describe('migration from version 1', () => {
  const v1 = {
    enabled: false,
    sites: { 'www.BBC.com': true, 'cnn.com': false, 'bad host!': true, 'example.org': 'yes', 'kyivindependent.com': true },
    hoverPopover: true,
  };

  it('migrateSettingsV1 maps each old field', () => {
    expect(migrateSettingsV1(v1)).toEqual({
      ...DEFAULT_SETTINGS,
      paused: true,
      alwaysOn: ['www.bbc.com', 'kyivindependent.com'],
      neverOn: ['cnn.com'],
      popover: { ...DEFAULT_SETTINGS.popover, openOnHover: true },
    });
    expect(migrateSettingsV1({ enabled: true })).toEqual(DEFAULT_SETTINGS);
    expect(migrateSettingsV1('garbage')).toEqual(DEFAULT_SETTINGS);
  });

  it('stored v1 data is migrated in storage: value and version read back', async () => {
    // A v1 install: the value without a version (wxt reads a missing version as 1).
    await fakeBrowser.storage.sync.set({ settings: v1 });
    await settingsItem.migrate();

    const stored = await fakeBrowser.storage.sync.get(['settings', 'settings$']);
    expect(stored.settings$).toEqual({ v: SETTINGS_VERSION });
    expect(stored.settings).toEqual(migrateSettingsV1(v1));
    expect(await settingsItem.getMeta()).toEqual({ v: 2 });

    const loaded = await loadSettingsWithReport();
    expect(loaded.repaired).toEqual([]);
    expect(loaded.settings.paused).toBe(true);
    expect(siteDecision('https://www.bbc.com/news/x', { ...loaded.settings, paused: false }, false)).toBe('on');
    expect(siteDecision('https://edition.cnn.com/x', { ...loaded.settings, paused: false }, true)).toBe('on');
    expect(siteDecision('https://cnn.com/x', { ...loaded.settings, paused: false }, true)).toBe('site-off');
  });

  it('v1 data with an explicit version 1 is migrated too', async () => {
    await fakeBrowser.storage.sync.set({ settings: { enabled: true, sites: { 'bbc.com': false } }, settings$: { v: 1 } });
    await settingsItem.migrate();
    expect(await settingsItem.getMeta()).toEqual({ v: 2 });
    expect((await loadSettings()).neverOn).toEqual(['bbc.com']);
  });

  it('current data is left alone by the migration', async () => {
    const current = { ...defaults(), siteMode: 'all' as const };
    await fakeBrowser.storage.sync.set({ settings: current, settings$: { v: 2 } });
    await settingsItem.migrate();
    expect((await fakeBrowser.storage.sync.get('settings')).settings).toEqual(current);
  });

  it('a first save on a fresh install is stored as the current shape and survives a migration run', async () => {
    expect((await saveSettings({ theme: 'dark' })).ok).toBe(true);
    await fakeBrowser.storage.sync.set({ settings$: { v: SETTINGS_VERSION } });
    await settingsItem.migrate();
    expect((await fakeBrowser.storage.sync.get('settings')).settings).toEqual({ ...DEFAULT_SETTINGS, theme: 'dark' });
  });
});

describe('saveSettings', () => {
  it('merges a partial update and repairs before writing', async () => {
    await saveSettings({ siteMode: 'listed' });
    await saveSettings((s) => ({ ...s, alwaysOn: [...s.alwaysOn, 'Example.COM.', 'not a site'] }));
    const stored = (await fakeBrowser.storage.sync.get('settings')).settings as Settings;
    expect(stored.siteMode).toBe('listed');
    expect(stored.alwaysOn).toEqual(['example.com']);
  });

  it('saves in order: two quick changes both land', async () => {
    await Promise.all([saveSettings((s) => ({ ...s, alwaysOn: [...s.alwaysOn, 'a.com'] })), saveSettings((s) => ({ ...s, alwaysOn: [...s.alwaysOn, 'b.com'] }))]);
    expect((await loadSettings()).alwaysOn).toEqual(['a.com', 'b.com']);
  });

  it('a quota error keeps the previous stored value and returns a clear message', async () => {
    await saveSettings({ alwaysOn: ['bbc.com'] });
    const before = await fakeBrowser.storage.sync.get(null);
    const set = vi.spyOn(fakeBrowser.storage.sync, 'set').mockRejectedValue(new Error('QUOTA_BYTES_PER_ITEM quota exceeded'));

    const result = await saveSettings((s) => ({ ...s, alwaysOn: [...s.alwaysOn, 'cnn.com'] }));

    expect(set).toHaveBeenCalled();
    expect(result).toEqual({
      ok: false,
      reason: 'quota',
      messageKey: 'options_error_quota_sync',
      message: expect.stringContaining('too large to sync'),
    });
    if (!result.ok) expect(result.message).toContain('previous settings are kept');
    expect(await fakeBrowser.storage.sync.get(null)).toEqual(before);
    expect((await loadSettings()).alwaysOn).toEqual(['bbc.com']);
  });

  it('Firefox\u2019s quota error and the write-rate limit are quota errors too', async () => {
    vi.spyOn(fakeBrowser.storage.sync, 'set').mockRejectedValueOnce(new Error('QuotaExceededError: storage.sync API call exceeded its quota limitations.'));
    expect(await saveSettings({ paused: true })).toMatchObject({ ok: false, reason: 'quota', messageKey: 'options_error_quota_sync' });
    vi.spyOn(fakeBrowser.storage.sync, 'set').mockRejectedValueOnce(new Error('MAX_WRITE_OPERATIONS_PER_MINUTE quota exceeded'));
    const rate = await saveSettings({ paused: true });
    expect(rate).toMatchObject({ ok: false, reason: 'quota', messageKey: 'options_error_quota_rate' });
    if (!rate.ok) expect(rate.message).toMatch(/wait a minute/i);
  });

  it('settings over the 8 KB item quota are refused before writing, and nothing is lost', async () => {
    await saveSettings({ neverOn: ['cnn.com'] });
    const set = vi.spyOn(fakeBrowser.storage.sync, 'set');
    const many = Array.from({ length: 600 }, (_, i) => `site-number-${i}.example.com`);
    expect(syncItemBytes('settings', { ...defaults(), alwaysOn: many })).toBeGreaterThan(SYNC_QUOTA_BYTES_PER_ITEM);

    const result = await saveSettings({ alwaysOn: many });

    expect(result).toMatchObject({ ok: false, reason: 'quota' });
    expect(set).not.toHaveBeenCalled();
    expect(await loadSettings()).toEqual({ ...DEFAULT_SETTINGS, neverOn: ['cnn.com'] });
  });

  it('another storage error is reported, not thrown', async () => {
    vi.spyOn(fakeBrowser.storage.sync, 'set').mockRejectedValue(new Error('IO error: disk full'));
    const result = await saveSettings({ paused: true });
    expect(result).toMatchObject({ ok: false, reason: 'error', messageKey: 'options_error_save' });
    if (!result.ok) expect(result.message).toContain('IO error: disk full');
  });

  it('an updater that throws is reported, not thrown', async () => {
    const result = await saveSettings(() => {
      throw new Error('bug');
    });
    expect(result).toMatchObject({ ok: false, reason: 'error' });
  });
});

describe('watchSettings', () => {
  it('reports changes (repaired) until unwatched', async () => {
    const seen: Settings[] = [];
    const stop = watchSettings((s) => seen.push(s));
    await saveSettings({ siteMode: 'all' });
    await fakeBrowser.storage.sync.set({ settings: { siteMode: 'listed', theme: 'neon' } });
    stop();
    await saveSettings({ siteMode: 'news' });
    expect(seen.map((s) => s.siteMode)).toEqual(['all', 'listed']);
    expect(seen[1]!.theme).toBe('auto');
  });
});

describe('setSiteEnabled', () => {
  const base = defaults();
  // [description, lists before, host, enabled, alwaysOn after, neverOn after]
  const cases: [string, Partial<Settings>, string, boolean, string[], string[]][] = [
    ['turn on a new site', {}, 'example.com', true, ['example.com'], []],
    ['turn off a new site', {}, 'example.com', false, [], ['example.com']],
    ['www. is stored as the site', {}, 'www.example.com', false, [], ['example.com']],
    ['case and trailing dot', {}, 'News.Example.COM.', true, ['news.example.com'], []],
    ['on moves a site out of never', { neverOn: ['example.com'] }, 'example.com', true, ['example.com'], []],
    ['off moves a site out of always', { alwaysOn: ['example.com'] }, 'www.example.com', false, [], ['example.com']],
    ['on removes a never wildcard that covers it', { neverOn: ['*.example.com', 'cnn.com'] }, 'news.example.com', true, ['news.example.com'], ['cnn.com']],
    ['on does not duplicate an always wildcard', { alwaysOn: ['*.example.com'] }, 'news.example.com', true, ['*.example.com'], []],
    ['off keeps an always wildcard (never beats it)', { alwaysOn: ['*.example.com'] }, 'news.example.com', false, ['*.example.com'], ['news.example.com']],
    ['off does not duplicate a never wildcard', { neverOn: ['*.example.com'] }, 'a.example.com', false, [], ['*.example.com']],
    ['local files', {}, FILE_SITE, true, [FILE_SITE], []],
    ['local files off', { alwaysOn: [FILE_SITE] }, FILE_SITE, false, [], [FILE_SITE]],
    ['IDN host', {}, 'пример.рф', true, ['xn--e1afmkfd.xn--p1ai'], []],
    ['no site: unchanged', { alwaysOn: ['a.com'] }, '', true, ['a.com'], []],
    ['a wildcard is not a host: unchanged', {}, '*.example.com', true, [], []],
    ['garbage: unchanged', {}, 'not a host', false, [], []],
  ];
  it.each(cases)('%s', (_name, lists, host, enabled, alwaysOn, neverOn) => {
    const before = { ...base, ...lists };
    const snapshot = JSON.stringify(before);
    const after = setSiteEnabled(before, host, enabled);
    expect(after.alwaysOn).toEqual(alwaysOn);
    expect(after.neverOn).toEqual(neverOn);
    expect(JSON.stringify(before)).toBe(snapshot);
  });

  it('the switch always has the effect the reader asked for, in every mode', () => {
    const urls = ['https://www.bbc.com/news/x', 'https://news.example.com/a', 'file:///tmp/a.html'];
    for (const siteMode of ['news', 'all', 'listed'] as const) {
      for (const url of urls) {
        for (const isNews of [true, false]) {
          let s: Settings = { ...base, siteMode, alwaysOn: ['*.example.com'], neverOn: ['*.bbc.com'] };
          s = setSiteEnabled(s, siteKey(url), true);
          expect(siteDecision(url, s, isNews)).toBe('on');
          s = setSiteEnabled(s, siteKey(url), false);
          expect(siteDecision(url, s, isNews)).toBe('site-off');
        }
      }
    }
  });
});

describe('topics in storage.local', () => {
  it('effectiveTopics: user topics replace shipped ones by id, overrides apply to shipped only, own topics follow', () => {
    const [jeddah, ceasefire] = shipped as [Topic, Topic];
    const importedCeasefire = { ...ceasefire, summary: { en: 'Imported summary.' } };
    const mine = ownTopic('my-topic');
    const result = effectiveTopics(shipped, [mine, importedCeasefire], {
      'jeddah-talks': { aliases: { en: ['Jiddah'] } },
      ceasefire: { aliases: { en: ['ignored'] } },
      'my-topic': { aliases: { en: ['ignored too'] } },
    });
    expect(result.map((t) => t.id)).toEqual(['jeddah-talks', 'ceasefire', 'my-topic']);
    expect(result[0]!.aliases).toEqual({ en: ['Jiddah'] });
    expect(result[0]!.title).toEqual(jeddah.title);
    expect(result[1]).toBe(importedCeasefire);
    expect(result[2]).toBe(mine);
    expect(shipped[0]!.aliases.en).toEqual(['Jeddah', 'Jidda']);
  });

  it('effectiveTopics with nothing of the reader\u2019s is the shipped list', () => {
    expect(effectiveTopics(shipped, [], {})).toEqual(shipped);
  });

  it('saves and loads user topics and overrides', async () => {
    expect(await saveUserTopics([ownTopic('a'), ownTopic('b', 'Bee')])).toEqual({ ok: true });
    expect((await loadUserTopics()).map((t) => t.id)).toEqual(['a', 'b']);
    expect(await saveTopicOverrides({ ceasefire: { aliases: { en: ['truce'] } } })).toEqual({ ok: true });
    expect(await loadTopicOverrides()).toEqual({ ceasefire: { aliases: { en: ['truce'] } } });
    const topics = await loadEffectiveTopics(shipped);
    expect(topics.map((t) => t.id)).toEqual(['jeddah-talks', 'ceasefire', 'a', 'b']);
    expect(topics[1]!.aliases).toEqual({ en: ['truce'] });
  });

  it('refuses an invalid or duplicated topic without writing', async () => {
    await saveUserTopics([ownTopic('a')]);
    const bad = { ...ownTopic('b'), title: { en: '<b>x</b>' } };
    expect(await saveUserTopics([ownTopic('a'), bad])).toMatchObject({ ok: false, messageKey: 'options_error_invalid_topic' });
    expect(await saveUserTopics([ownTopic('a'), ownTopic('a')])).toMatchObject({ ok: false });
    // Valid for the schema, not for the matcher: a topic without any alias could never be found.
    const late = { ...ownTopic('late'), aliases: { en: [] } };
    const refused = await saveUserTopics([ownTopic('a'), late]);
    expect(refused).toMatchObject({ ok: false, messageKey: 'options_error_invalid_topic' });
    if (!refused.ok) expect(refused.message).toMatch(/^Not saved: the topic "late" is not valid\. .+/);
    expect((await loadUserTopics()).map((t) => t.id)).toEqual(['a']);
  });

  it('a quota error on storage.local keeps the stored topics', async () => {
    await saveUserTopics([ownTopic('a')]);
    vi.spyOn(fakeBrowser.storage.local, 'set').mockRejectedValue(new Error('QUOTA_BYTES quota exceeded'));
    const result = await saveUserTopics([ownTopic('a'), ownTopic('b')]);
    expect(result).toMatchObject({ ok: false, reason: 'quota', messageKey: 'options_error_quota_local' });
    if (!result.ok) expect(result.message).toContain('Nothing was changed');
    expect((await loadUserTopics()).map((t) => t.id)).toEqual(['a']);
  });

  it('corrupt stored topics keep the valid ones', async () => {
    await fakeBrowser.storage.local.set({
      userTopics: [ownTopic('good'), { id: 'Bad Id' }, 'text', ownTopic('good', 'Dup'), ownTopic('other')],
      topicOverrides: { ceasefire: { aliases: { en: ['truce'] } }, 'Bad Id': { aliases: {} }, 'jeddah-talks': { aliases: { english: ['?'] } } },
    });
    expect((await loadUserTopics()).map((t) => t.id)).toEqual(['good', 'other']);
    expect(repairUserTopics(await fakeBrowser.storage.local.get('userTopics').then((r) => r.userTopics)).dropped).toEqual([1, 2, 3]);
    expect(await loadTopicOverrides()).toEqual({ ceasefire: { aliases: { en: ['truce'] } } });
    await fakeBrowser.storage.local.set({ userTopics: { not: 'a list' }, topicOverrides: 'nope' });
    expect(await loadUserTopics()).toEqual([]);
    expect(await loadTopicOverrides()).toEqual({});
  });
});
