/**
 * The toolbar popup: what Factlight found on this page, the switches for this site and for
 * everywhere, why the page is or is not highlighted, and the way to the options page.
 * Everything it touches arrives through `api`, so component tests drive it with fakes.
 */
import { useEffect, useState } from 'preact/hooks';
import type { Browser } from 'wxt/browser';
import type { PageReport, PageStatus } from '../../lib/messages';
import type { Settings } from '../../lib/settings/schema';
import { siteDecision, siteOfUrl } from '../../lib/sites';
import { t } from '../../lib/i18n';
import { tPlural } from '../../lib/plural';

type SaveResult = { ok: true } | { ok: false; message: string };

/** What the popup needs from the browser and storage. */
export interface PopupApi {
  targetTab(): Promise<Browser.tabs.Tab | undefined>;
  loadReport(tabId: number): Promise<PageReport | null>;
  loadSettings(): Promise<Settings>;
  saveSettings(next: Settings): Promise<SaveResult>;
  setSiteEnabled(settings: Settings, site: string, enabled: boolean): Settings;
  watchSettings(cb: (s: Settings) => void): () => void;
  jump(tabId: number, topicId: string, direction: 1 | -1): Promise<void>;
  openOptions(): Promise<void>;
  onReportChange(tabId: number, cb: (r: PageReport | null) => void): () => void;
}

/** The status the popup explains: the page's own report, else what the URL and settings say. */
export function effectiveStatus(url: string, settings: Settings, report: PageReport | null): PageStatus | 'not-scanned' {
  const decision = siteDecision(url, settings, report ? report.status !== 'not-news' : true);
  if (decision !== 'on') return decision;
  if (!report) return 'not-scanned';
  return report.status;
}

const STATUS_KEY: Record<PageStatus | 'not-scanned', string> = {
  on: 'popup_statusOn',
  'no-mentions': 'popup_statusNoMentions',
  'not-news': 'popup_statusNotNews',
  'site-off': 'popup_statusSiteOff',
  paused: 'popup_statusPaused',
  'before-events': 'popup_statusBeforeEvents',
  restricted: 'popup_statusRestricted',
  'not-scanned': 'popup_statusNotScanned',
};

function Switch(props: { id: string; label: string; checked: boolean; disabled?: boolean; onChange(v: boolean): void }) {
  return (
    <div class="switch-row">
      <label id={`${props.id}-label`} for={props.id}>
        {props.label}
      </label>
      <button
        id={props.id}
        type="button"
        role="switch"
        class="switch"
        aria-checked={props.checked}
        aria-labelledby={`${props.id}-label`}
        disabled={props.disabled}
        onClick={() => props.onChange(!props.checked)}
      >
        <span class="track" aria-hidden="true">
          <span class="thumb" />
        </span>
        <span class="state" aria-hidden="true">{props.checked ? t('popup_on') : t('popup_off')}</span>
      </button>
    </div>
  );
}

export function Popup({ api }: { api: PopupApi }) {
  const [tab, setTab] = useState<Browser.tabs.Tab | null | undefined>(undefined);
  const [settings, setSettings] = useState<Settings | null>(null);
  const [report, setReport] = useState<PageReport | null>(null);
  const [error, setError] = useState<string>('');

  useEffect(() => {
    let stopReport = () => {};
    void (async () => {
      const current = (await api.targetTab()) ?? null;
      setTab(current);
      setSettings(await api.loadSettings());
      if (current?.id !== undefined) {
        setReport(await api.loadReport(current.id));
        stopReport = api.onReportChange(current.id, setReport);
      }
    })();
    const stopSettings = api.watchSettings(setSettings);
    return () => {
      stopSettings();
      stopReport();
    };
  }, [api]);

  if (tab === undefined || !settings) return <main class="popup" aria-busy="true" />;
  // tab.url needs activeTab (granted by the toolbar click); the page's own report knows it too.
  const url = tab?.url || report?.url || '';
  const status = effectiveStatus(url, settings, report);
  const restricted = status === 'restricted';
  const site = restricted ? '' : (siteOfUrl(url) ?? '');
  // The switch shows this site's own setting, whatever the pause switch says.
  const isNews = report ? report.status !== 'not-news' : true;
  const siteOn = !restricted && siteDecision(url, { ...settings, paused: false }, isNews) === 'on';

  async function save(next: Settings) {
    const result = await api.saveSettings(next);
    if (result.ok) {
      setSettings(next);
      setError('');
    } else setError(result.message);
  }

  const topics = report && status === 'on' ? report.topics : [];
  return (
    <main class="popup">
      <header>
        <h1>Factlight</h1>
        {site && <p class="site">{site}</p>}
      </header>
      <p class={`status status-${status}`} role="status" data-status={status}>
        {t(STATUS_KEY[status])}
      </p>

      {topics.length > 0 && (
        <section aria-labelledby="found-heading">
          <h2 id="found-heading">{t('popup_found')}</h2>
          <ul class="topics">
            {topics.map((topic) => (
              <li key={topic.topicId} data-topic={topic.topicId}>
                <span class="topic-title">{topic.title}</span>
                <span class="count" aria-label={tPlural({ one: 'popup_mentions_one', few: 'popup_mentions_few', many: 'popup_mentions_many', other: 'popup_mentions_other' }, topic.count)}>
                  {topic.count}
                </span>
                <span class="nav">
                  <button type="button" aria-label={t('popup_prev', topic.title)} title={t('popup_prev', topic.title)} onClick={() => tab?.id && api.jump(tab.id, topic.topicId, -1)}>
                    <span aria-hidden="true">↑</span>
                  </button>
                  <button type="button" aria-label={t('popup_next', topic.title)} title={t('popup_next', topic.title)} onClick={() => tab?.id && api.jump(tab.id, topic.topicId, 1)}>
                    <span aria-hidden="true">↓</span>
                  </button>
                </span>
              </li>
            ))}
          </ul>
        </section>
      )}

      <section class="switches" aria-label={t('popup_controls')}>
        <Switch
          id="site-switch"
          label={t('popup_siteSwitch')}
          checked={siteOn}
          disabled={restricted || settings.paused}
          onChange={(on) => save(api.setSiteEnabled(settings, site, on))}
        />
        <Switch id="pause-switch" label={t('popup_pauseSwitch')} checked={settings.paused} onChange={(paused) => save({ ...settings, paused })} />
      </section>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      <footer>
        <a
          href="#"
          onClick={(e) => {
            e.preventDefault();
            void api.openOptions();
          }}
        >
          {t('popup_options')}
        </a>
      </footer>
    </main>
  );
}
