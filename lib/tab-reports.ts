/**
 * What each tab's frames reported, kept in storage.session rather than in memory: an MV3 service
 * worker is stopped whenever it is idle, and the badge and popup must not forget a tab when it is.
 */
import { browser } from 'wxt/browser';
import type { PageReport, TopicCount } from './messages';

type FrameReports = Record<string, PageReport>;
const key = (tabId: number) => `tab:${tabId}`;

/** storage.session where the browser has it (Chrome 102+, Firefox 115+), else local (cleared on start). */
function area() {
  return browser.storage.session ?? browser.storage.local;
}

/**
 * Each tab's writes, one after another: frames report at the same moment, and two read-then-write
 * updates running side by side would each write back the tab's reports without the other's.
 */
const writes = new Map<number, Promise<unknown>>();

/** Record one frame's report; returns the tab's combined report. */
export function saveFrameReport(tabId: number, frameId: number, report: PageReport): Promise<PageReport> {
  const write = (writes.get(tabId) ?? Promise.resolve())
    .catch(() => undefined)
    .then(async () => {
      const stored = ((await area().get(key(tabId)))[key(tabId)] ?? {}) as FrameReports;
      // A new top-frame page replaces everything the previous page and its frames said.
      const frames: FrameReports = frameId === 0 && stored['0']?.url !== report.url ? {} : stored;
      frames[String(frameId)] = report;
      await area().set({ [key(tabId)]: frames });
      return combineReports(frames);
    });
  writes.set(tabId, write);
  void write.finally(() => writes.get(tabId) === write && writes.delete(tabId));
  return write;
}

/** The tab's combined report, or null when no content script has reported for it. */
export async function loadTabReport(tabId: number): Promise<PageReport | null> {
  const frames = (await area().get(key(tabId)))[key(tabId)] as FrameReports | undefined;
  return frames && Object.keys(frames).length ? combineReports(frames) : null;
}

/** Forget a tab (closed, or navigating to a new page). */
export async function clearTab(tabId: number): Promise<void> {
  await area().remove(key(tabId));
}

/**
 * Add up frames: counts by topic, and the top frame's status unless a frame found mentions
 * (an article embedded in a frame still lights the badge).
 */
export function combineReports(frames: FrameReports): PageReport {
  const top = frames['0'] ?? Object.values(frames)[0]!;
  const byTopic = new Map<string, TopicCount>();
  for (const report of Object.values(frames)) {
    for (const topic of report.topics) {
      const seen = byTopic.get(topic.topicId);
      byTopic.set(topic.topicId, seen ? { ...seen, count: seen.count + topic.count } : { ...topic });
    }
  }
  const topics = [...byTopic.values()].filter((t) => t.count > 0);
  const total = topics.reduce((n, t) => n + t.count, 0);
  return { ...top, status: total > 0 ? 'on' : top.status, topics, total };
}
