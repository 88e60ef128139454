/**
 * The benchmark's settings for a browser with the extension: on everywhere, every mention, and the
 * shipped topics without their start date, as the reader's edit of them: the same aliases, context
 * and combined RegExp, but a page dated before March 2025 (all of the corpus) or not dated at all
 * (the generated pages) is scanned in full instead of being skipped as "before the events". We
 * measure the scan.
 */
import { SHIPPED_PACK } from '../../data/shipped-pack';
import type { ChromiumSession } from '../e2e/harness/chromium';

/** Sets `session`'s extension to highlight every mention of the dateless shipped topics everywhere. */
export async function highlightEverything(session: ChromiumSession): Promise<void> {
  await session.setSettings({ siteMode: 'all', highlightMode: 'every', paused: false });
  const dateless = SHIPPED_PACK.topics.map((topic) => {
    const copy: Record<string, unknown> = { ...topic };
    delete copy.eventsBegin;
    return copy;
  });
  await (await session.worker()).evaluate((topics) => chrome.storage.local.set({ userTopics: topics, userTopics$: { v: 1 } }), dateless);
  // The content scripts read settings on their next page load; give storage a moment to settle.
  await new Promise((r) => setTimeout(r, 300));
}
