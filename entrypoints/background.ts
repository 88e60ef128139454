/**
 * The background: the badge, the keyboard commands, the context menu, and the popover's timelines
 * and quotes (the content script carries the rest of each topic: decision 010). It keeps no state in memory
 * (an MV3 service worker is stopped when idle): tab reports live in storage.session, settings in
 * storage.sync, and every listener is registered synchronously at start-up so a wake-up event finds it.
 */
import { browser, type Browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { isMessage, type Message, type PageReport } from '../lib/messages';
import { clearTab, loadTabReport, saveFrameReport } from '../lib/tab-reports';
import { loadEffectiveTopics, loadSettings, saveSettings, setSiteEnabled } from '../lib/settings/store';
import { detailsFor, type TopicDetails } from '../lib/pack/lean';
import { termsFor, type LanguageTerms } from '../lib/matcher/languages';
import { SHIPPED_PACK } from '../data/shipped-pack';
import { siteDecision, siteOfUrl } from '../lib/sites';
import { t } from '../lib/i18n';
import { tPlural } from '../lib/plural';
import { timelineUrl } from '../lib/timeline-url';
import { popoverMessagesFor } from '../lib/popover-messages';
import type { ChromeMessages } from '../lib/locales';

/**
 * Every language's popover messages, bundled here (not in the content script) so a popover can
 * speak the page's language rather than the browser's (lib/popover-messages.ts).
 */
const POPOVER_LOCALES: Record<string, ChromeMessages> = Object.fromEntries(
  Object.entries(import.meta.glob<ChromeMessages>('../locales/*/popover.json', { eager: true, import: 'default' })).map(([path, messages]) => [
    path.split('/').at(-2)!,
    messages,
  ]),
);

const MENU_TRACK = 'factlight-track-phrase';
/** Dark slate with white text: readable on light and on dark toolbars. */
const BADGE_BG = '#1e293b';

/** browser.action in MV3, browserAction in Firefox's MV2 build. */
function action() {
  return (browser.action ?? (browser as unknown as { browserAction: typeof browser.action }).browserAction)!;
}

async function showBadge(tabId: number, report: PageReport | null): Promise<void> {
  const count = report && report.status === 'on' ? report.total : 0;
  const text = count > 0 ? (count > 999 ? '999+' : String(count)) : '';
  const title = count > 0 ? tPlural({ one: 'badge_title_one', few: 'badge_title_few', many: 'badge_title_many', other: 'badge_title_other' }, count) : t('actionTitle');
  try {
    await action().setBadgeText({ tabId, text });
    await action().setBadgeBackgroundColor({ tabId, color: BADGE_BG });
    await action().setBadgeTextColor?.({ tabId, color: '#ffffff' });
    await action().setTitle({ tabId, title });
  } catch {
    // The tab closed while we were updating it: nothing to show.
  }
}

async function activeTab(): Promise<Browser.tabs.Tab | undefined> {
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab;
}

/** The shortcut: flip highlights for the active tab's site and say so on the page. */
async function toggleActiveSite(): Promise<void> {
  const tab = await activeTab();
  if (!tab?.id || !tab.url) return;
  const settings = await loadSettings();
  const report = await loadTabReport(tab.id);
  const isOn = siteDecision(tab.url, settings, report ? report.status !== 'not-news' : true) === 'on';
  const result = await saveSettings(setSiteEnabled(settings, siteOfUrl(tab.url) ?? '', !isOn));
  const text = !result.ok ? result.message : isOn ? t('popover_announceOff') : null;
  if (text) await browser.tabs.sendMessage(tab.id, { type: 'announce', text }, { frameId: 0 }).catch(() => undefined);
  // Turning on: the page announces its own count once it has scanned (see the content script).
  if (!isOn && result.ok) await browser.tabs.sendMessage(tab.id, { type: 'announce', text: '' }, { frameId: 0 }).catch(() => undefined);
}

/**
 * The timelines and quotes of `topicIds`, from the topics in effect (the shipped pack, or the
 * reader's edit of a topic). The content script carries the rest of each topic itself.
 */
async function topicDetails(topicIds: unknown): Promise<Record<string, TopicDetails>> {
  return detailsFor(await loadEffectiveTopics(SHIPPED_PACK.topics), topicIds);
}

/**
 * The terms of `languages` (aliases, per-language anchors and exclusions) of the topics in effect:
 * the content script carries en, uk and ru only, and asks for a page's other languages.
 */
async function topicTerms(languages: unknown): Promise<Record<string, LanguageTerms>> {
  return termsFor(await loadEffectiveTopics(SHIPPED_PACK.topics), languages);
}

/**
 * Open the timeline page for `topicId` next to the reader's tab. Only what the page needs travels
 * in its address (a topic id and a date), and both are checked first: the message comes from a
 * content script running in a page we do not trust.
 */
async function openTimeline(topicId: unknown, published: unknown, tab: Browser.tabs.Tab | undefined): Promise<void> {
  const url = timelineUrl(browser.runtime.getURL('/timeline.html'), topicId, published);
  await browser.tabs.create({ url, ...(tab?.index !== undefined && { index: tab.index + 1 }), ...(tab?.id !== undefined && { openerTabId: tab.id }) });
}

/**
 * A frame asks what the top page of its tab says about its article (lib/content/frame-context.ts):
 * ask the tab's top frame, and pass its answer on. Null for a top frame or a tab that is gone.
 */
async function topArticle(sender: Browser.runtime.MessageSender): Promise<unknown> {
  const tabId = sender.tab?.id;
  if (tabId === undefined || !sender.frameId) return null;
  // A frame's script can start before the top page's has: until the top page listens, the message
  // finds no one. Ask again a few times, for as long as the frame waits (lib/content/frame-context.ts).
  for (let attempt = 0; attempt < 8; attempt++) {
    try {
      return await browser.tabs.sendMessage(tabId, { type: 'article-context' } satisfies Message, { frameId: 0 });
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  return null;
}

export default defineBackground(() => {
  browser.runtime.onMessage.addListener((message: unknown, sender: Browser.runtime.MessageSender) => {
    if (!isMessage(message)) return undefined;
    if (message.type === 'topic-details') return topicDetails(message.topicIds);
    if (message.type === 'topic-terms') return topicTerms(message.languages);
    if (message.type === 'open-timeline') return openTimeline(message.topicId, message.published, sender.tab);
    if (message.type === 'popover-messages') return Promise.resolve(popoverMessagesFor(POPOVER_LOCALES, message.lang));
    if (message.type === 'top-article') return topArticle(sender);
    if (message.type !== 'report' || sender.tab?.id === undefined) return undefined;
    const tabId = sender.tab.id;
    return saveFrameReport(tabId, sender.frameId ?? 0, message.report).then((combined) => showBadge(tabId, combined));
  });

  browser.tabs.onRemoved.addListener((tabId) => void clearTab(tabId));
  browser.tabs.onUpdated.addListener((tabId, info) => {
    if (info.status === 'loading' && info.url) void clearTab(tabId).then(() => showBadge(tabId, null));
  });

  browser.commands.onCommand.addListener((command) => {
    if (command === 'toggle-highlights') void toggleActiveSite();
    if (command === 'next-mention')
      void activeTab().then((tab) => tab?.id && browser.tabs.sendMessage(tab.id, { type: 'jump', direction: 1 }, { frameId: 0 }).catch(() => undefined));
  });

  browser.runtime.onInstalled.addListener(() => {
    browser.contextMenus.create({ id: MENU_TRACK, title: t('menu_trackPhrase'), contexts: ['selection'] }, () => void browser.runtime.lastError);
  });
  browser.contextMenus.onClicked.addListener((info) => {
    if (info.menuItemId !== MENU_TRACK || !info.selectionText) return;
    const phrase = info.selectionText.trim().slice(0, 120);
    void browser.tabs.create({ url: `${browser.runtime.getURL('/options.html')}?track=${encodeURIComponent(phrase)}#topics` });
  });
});
