import { render } from 'preact';
import { browser } from 'wxt/browser';
import { Popup, type PopupApi } from '../../components/popup/Popup';
import { loadTabReport } from '../../lib/tab-reports';
import { loadSettings, saveSettings, setSiteEnabled, watchSettings } from '../../lib/settings/store';
import { uiLanguage } from '../../lib/i18n';
import './popup.css';

/** `popup.html?tab=<id>` controls that tab (tests, "open in a tab"); from the toolbar, the active tab. */
async function targetTab() {
  const fromQuery = Number(new URLSearchParams(location.search).get('tab'));
  if (Number.isInteger(fromQuery) && fromQuery > 0) return browser.tabs.get(fromQuery);
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab;
}

const api: PopupApi = {
  targetTab,
  loadReport: loadTabReport,
  loadSettings,
  saveSettings,
  setSiteEnabled,
  watchSettings,
  jump: (tabId, topicId, direction) =>
    browser.tabs.sendMessage(tabId, { type: 'jump', topicId, direction }, { frameId: 0 }).then(() => undefined),
  openOptions: () => browser.runtime.openOptionsPage(),
  onReportChange(tabId, cb) {
    const listener = (changes: Record<string, unknown>) => {
      if (`tab:${tabId}` in changes) void loadTabReport(tabId).then(cb);
    };
    const area = browser.storage.session ?? browser.storage.local;
    area.onChanged.addListener(listener);
    return () => area.onChanged.removeListener(listener);
  },
};

document.documentElement.lang = uiLanguage();
render(<Popup api={api} />, document.getElementById('app')!);
