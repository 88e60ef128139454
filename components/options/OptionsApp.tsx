/**
 * The options page: topics, sites, popover and highlights, appearance, import and export.
 * State lives in storage (lib/settings/store.ts); this component mirrors it, writes every change at
 * once, and follows changes made elsewhere (the popup's site switch, another device) live.
 * Every save is announced in a polite live region; every failure in a visible alert, after which the
 * page shows what is really stored again, so it never pretends a change was kept.
 */
import { useCallback, useEffect, useMemo, useState } from 'preact/hooks';
import { t, uiLanguage } from '../../lib/i18n';
import type { Topic } from '../../lib/pack/schema';
import type { Settings } from '../../lib/settings/schema';
import {
  effectiveTopics,
  loadSettings,
  loadSettingsWithReport,
  loadTopicOverrides,
  loadUserTopics,
  saveSettings,
  saveTopicOverrides,
  saveUserTopics,
  watchSettings,
  watchTopics,
  type SaveResult,
  type TopicOverrides,
} from '../../lib/settings/store';
import { TopicsSection } from './TopicsSection';
import { SitesSection } from './SitesSection';
import { PopoverSection } from './PopoverSection';
import { AppearanceSection } from './AppearanceSection';
import { ImportExportSection } from './ImportExportSection';
import { aliasLanguageOf, trackedPhrase, urlWithoutTrack } from './track';
import type { PackLanguage } from '../../lib/pack/schema';

/** Everything a section needs to read and change the reader's data. */
export interface OptionsModel {
  settings: Settings;
  shipped: Topic[];
  userTopics: Topic[];
  overrides: TopicOverrides;
  /** Shipped topics with the reader's changes, then the reader's own: what the matcher uses. */
  topics: Topic[];
  lang: string;
  /** Change settings; announces success, shows failures. */
  updateSettings: (update: (s: Settings) => Settings) => Promise<SaveResult>;
  updateUserTopics: (topics: Topic[], doneKey: string, subs?: string[]) => Promise<SaveResult>;
  updateOverrides: (overrides: TopicOverrides, doneKey: string, subs?: string[]) => Promise<SaveResult>;
  /** Say something to screen readers (and show it in the status line). */
  announce: (text: string) => void;
  /** Show a failure the reader must see. */
  fail: (text: string) => void;
  /** Reload topics from storage (after an import or a restore). */
  reloadTopics: () => Promise<void>;
  /** A phrase to start a new topic with ("Track this phrase"), and the alias list it goes in. */
  track: { phrase: string; lang: PackLanguage } | null;
  /** The tracked phrase became a topic: forget it (and drop `?track=` from the address). */
  trackDone: () => void;
}

export interface OptionsAppProps {
  /** The shipped pack's topics (data/pack.json), passed in so tests can use a fixture pack. */
  shipped: Topic[];
  /**
   * A phrase to track, from the context menu's `options.html?track=<phrase>` (read from the address
   * when not given).
   */
  track?: string | null;
}

/** Apply the appearance setting to our own page: `auto` follows the system (CSS media query). */
function applyTheme(theme: Settings['theme']) {
  document.documentElement.dataset.theme = theme;
}

/** The options page. */
export function OptionsApp({ shipped, track: trackProp }: OptionsAppProps) {
  const [settings, setSettings] = useState<Settings | null>(null);
  const [userTopics, setUserTopics] = useState<Topic[]>([]);
  const [overrides, setOverrides] = useState<TopicOverrides>({});
  const [status, setStatus] = useState('');
  const [error, setError] = useState('');
  const lang = useMemo(() => uiLanguage(), []);
  const [trackPhrase, setTrackPhrase] = useState<string | null>(() =>
    trackProp === undefined ? trackedPhrase(location.search) : trackProp,
  );
  const track = useMemo(() => (trackPhrase ? { phrase: trackPhrase, lang: aliasLanguageOf(trackPhrase, lang) } : null), [trackPhrase, lang]);
  const trackDone = useCallback(() => {
    setTrackPhrase(null);
    if (new URLSearchParams(location.search).has('track')) history.replaceState(history.state, '', urlWithoutTrack(location.href));
  }, []);

  const reloadTopics = useCallback(async () => {
    const [user, over] = await Promise.all([loadUserTopics(), loadTopicOverrides()]);
    setUserTopics(user);
    setOverrides(over);
  }, []);

  useEffect(() => {
    document.documentElement.lang = lang;
    document.title = t('options_title');
  }, [lang]);

  useEffect(() => {
    let alive = true;
    void (async () => {
      const { settings: loaded, repaired } = await loadSettingsWithReport();
      await reloadTopics();
      if (!alive) return;
      setSettings(loaded);
      applyTheme(loaded.theme);
      if (repaired.length > 0) setStatus(t('options_repaired', [repaired.join(', ')]));
    })();
    const stopSettings = watchSettings((next) => {
      setSettings(next);
      applyTheme(next.theme);
    });
    const stopTopics = watchTopics(() => void reloadTopics());
    return () => {
      alive = false;
      stopSettings();
      stopTopics();
    };
  }, [reloadTopics]);

  const announce = useCallback((text: string) => {
    setError('');
    // Clear first so the same words twice in a row are announced twice.
    setStatus('');
    setTimeout(() => setStatus(text), 30);
  }, []);
  const fail = useCallback((text: string) => setError(text), []);

  const finish = useCallback(
    async (result: SaveResult, doneKey: string, subs?: string[]) => {
      if (result.ok) announce(t(doneKey, subs));
      else {
        fail(result.message);
        // Show what is really stored, not the change that was refused.
        const stored = await loadSettings();
        setSettings(stored);
        await reloadTopics();
      }
      return result;
    },
    [announce, fail, reloadTopics],
  );

  const updateSettings = useCallback(
    async (update: (s: Settings) => Settings) => {
      setSettings((s) => (s ? update(structuredClone(s)) : s));
      return finish(await saveSettings(update), 'options_saved');
    },
    [finish],
  );
  const updateUserTopics = useCallback(
    async (topics: Topic[], doneKey: string, subs?: string[]) => {
      setUserTopics(topics);
      return finish(await saveUserTopics(topics), doneKey, subs);
    },
    [finish],
  );
  const updateOverrides = useCallback(
    async (next: TopicOverrides, doneKey: string, subs?: string[]) => {
      setOverrides(next);
      return finish(await saveTopicOverrides(next), doneKey, subs);
    },
    [finish],
  );

  const topics = useMemo(() => effectiveTopics(shipped, userTopics, overrides), [shipped, userTopics, overrides]);

  if (!settings) {
    return (
      <main class="options" aria-busy="true">
        <h1>{t('options_title')}</h1>
        <p>{t('options_loading')}</p>
      </main>
    );
  }

  const model: OptionsModel = {
    settings,
    shipped,
    userTopics,
    overrides,
    topics,
    lang,
    updateSettings,
    updateUserTopics,
    updateOverrides,
    announce,
    fail,
    reloadTopics,
    track,
    trackDone,
  };

  return (
    <main class="options">
      <header class="page-header">
        <h1>{t('options_title')}</h1>
        <p class="lede">{t('options_lede')}</p>
        <nav aria-label={t('options_nav')}>
          <ul class="toc">
            <li><a href="#topics">{t('options_topics_heading')}</a></li>
            <li><a href="#sites">{t('options_sites_heading')}</a></li>
            <li><a href="#popover">{t('options_popover_heading')}</a></li>
            <li><a href="#appearance">{t('options_appearance_heading')}</a></li>
            <li><a href="#import">{t('options_import_heading')}</a></li>
          </ul>
        </nav>
      </header>
      <div class="notices">
        <p class="status" role="status" aria-live="polite">{status}</p>
        <div role="alert" class={error ? 'error-banner' : 'error-banner empty'}>
          {error && (
            <>
              <span>{error}</span>{' '}
              <button type="button" class="link-button" onClick={() => setError('')}>
                {t('options_dismiss')}
              </button>
            </>
          )}
        </div>
      </div>
      <TopicsSection model={model} />
      <SitesSection model={model} />
      <PopoverSection model={model} />
      <AppearanceSection model={model} />
      <ImportExportSection model={model} />
    </main>
  );
}
