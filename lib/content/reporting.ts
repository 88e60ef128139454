/**
 * What the page tells the outside: its status and counts to the background (the badge and the
 * popup), sent only when they change; and each scan's timings to the page's performance timeline
 * (the benchmark, and a developer's Performance panel).
 */
import { browser } from 'wxt/browser';
import type { Message, PageReport, PageStatus } from '../messages';

/** Sends this page's report to the background when it changes. */
export class PageReporter {
  /** The last report sent (what the popup gets when it asks). */
  last: PageReport = { status: 'no-mentions', url: '', topics: [], total: 0 };
  private lastSerialized = '';

  /** Reports `status` and the mention `counts` per topic id (titled by `titleOf`), unless nothing changed. */
  report(status: PageStatus, url: string, counts: ReadonlyMap<string, number>, titleOf: (topicId: string) => string): void {
    const topics = [...counts].map(([topicId, count]) => ({ topicId, count, title: titleOf(topicId) }));
    const report: PageReport = { status, url, topics, total: topics.reduce((n, x) => n + x.count, 0) };
    const serialized = JSON.stringify(report);
    if (serialized === this.lastSerialized) return;
    this.lastSerialized = serialized;
    this.last = report;
    void browser.runtime.sendMessage({ type: 'report', report } satisfies Message).catch(() => undefined);
  }
}

/** Timings of one scan, published as a `performance.measure` for the benchmark (npm run bench). */
export interface ScanStats {
  busyMs: number;
  slices: number;
  /** The longest slice of each step (`compile`, `metadata`, `read`, `wrap`...), in the order they ran. */
  longestByStep: Map<string, number>;
  /** Time spent waiting for the background's answer with the terms of the page's other languages (not busy time). */
  termsWaitMs?: number;
}

/**
 * Leave the scan's timings in the page's performance timeline (visible to the benchmark, and to a
 * developer in the Performance panel). The numbers travel in the name: entries made in a content
 * script's world are readable from the page's, their `detail` objects are not.
 */
export function publishStats(start: number, stats: ScanStats, mentions: number): void {
  try {
    const steps = [...stats.longestByStep];
    const [longestAt, longest] = steps.reduce((a, b) => (b[1] > a[1] ? b : a), ['', 0]);
    // `prescan` is the metadata slice, which reads the page and decides whether to go on.
    const prescan = stats.longestByStep.get('metadata') ?? 0;
    const name =
      `factlight:scan busy=${stats.busyMs.toFixed(2)} longest=${longest.toFixed(2)} slices=${stats.slices} mentions=${mentions} ` +
      `prescan=${prescan.toFixed(2)} longestAt=${longestAt} steps=${steps.map(([step, ms]) => `${step}:${ms.toFixed(1)}`).join(',')}` +
      (stats.termsWaitMs !== undefined ? ` termsWait=${stats.termsWaitMs.toFixed(2)}` : '');
    performance.measure(name, { start, end: performance.now() });
  } catch {
    // performance.measure with options is missing in old engines: timings are optional.
  }
}

/** Counts a slice of `ms` in `stats`, under its step `phase`. */
export function addSlice(stats: ScanStats, ms: number, phase: string): void {
  stats.busyMs += ms;
  stats.slices++;
  stats.longestByStep.set(phase, Math.max(ms, stats.longestByStep.get(phase) ?? 0));
}

