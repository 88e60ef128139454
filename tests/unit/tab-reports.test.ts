import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import type { PageReport } from '../../lib/messages';

const report = (over: Partial<PageReport>): PageReport => ({ status: 'on', url: 'https://news.example/a', topics: [], total: 0, ...over });
const counts = (ceasefire: number, redLines = 0) => [
  ...(ceasefire ? [{ topicId: 'ceasefire', title: 'Ceasefire', count: ceasefire }] : []),
  ...(redLines ? [{ topicId: 'red-lines', title: 'Red lines', count: redLines }] : []),
];

describe('tab reports (what the badge and popup show)', () => {
  beforeEach(() => {
    fakeBrowser.reset();
    vi.resetModules();
  });

  it('adds up the frames of a tab, by topic', async () => {
    const { saveFrameReport } = await import('../../lib/tab-reports');
    await saveFrameReport(7, 0, report({ topics: counts(2), total: 2 }));
    const combined = await saveFrameReport(7, 3, report({ url: 'https://embed.example/x', topics: counts(1, 4), total: 5 }));
    expect(combined.total).toBe(7);
    expect(combined.topics).toEqual(counts(3, 4));
    expect(combined.url).toBe('https://news.example/a');
  });

  it('lights the badge when only a frame found mentions', async () => {
    const { saveFrameReport } = await import('../../lib/tab-reports');
    await saveFrameReport(1, 0, report({ status: 'no-mentions' }));
    const combined = await saveFrameReport(1, 2, report({ url: 'https://embed.example/x', topics: counts(1), total: 1 }));
    expect(combined.status).toBe('on');
  });

  it('forgets the previous page when the top frame reports a new URL', async () => {
    const { saveFrameReport } = await import('../../lib/tab-reports');
    await saveFrameReport(1, 0, report({ topics: counts(2), total: 2 }));
    await saveFrameReport(1, 5, report({ url: 'https://embed.example/x', topics: counts(1), total: 1 }));
    const next = await saveFrameReport(1, 0, report({ url: 'https://news.example/b', status: 'no-mentions' }));
    expect(next).toMatchObject({ url: 'https://news.example/b', total: 0, status: 'no-mentions' });
  });

  it('survives the background being stopped: a fresh module instance reads the same state', async () => {
    const first = await import('../../lib/tab-reports');
    await first.saveFrameReport(9, 0, report({ topics: counts(3), total: 3 }));
    vi.resetModules(); // what a restarted service worker is: the same code, nothing in memory
    const restarted = await import('../../lib/tab-reports');
    expect(restarted).not.toBe(first);
    expect((await restarted.loadTabReport(9))?.total).toBe(3);
    await restarted.clearTab(9);
    expect(await restarted.loadTabReport(9)).toBeNull();
  });
});

describe('frames reporting at the same moment', () => {
  it('keeps every frame\'s report (writes to a tab are not interleaved)', async () => {
    fakeBrowser.reset();
    vi.resetModules();
    const { saveFrameReport, loadTabReport } = await import('../../lib/tab-reports');
    // As in a browser: each read answers later, with a copy of what is stored.
    const session = fakeBrowser.storage.session;
    const get = session.get.bind(session);
    vi.spyOn(session, 'get').mockImplementation((async (keys: never) => {
      const value = structuredClone(await get(keys));
      await new Promise((r) => setTimeout(r, 5));
      return value;
    }) as never);
    const report = (url: string, total: number) => ({ status: 'on' as const, url, topics: [{ topicId: 'ceasefire', title: 'C', count: total }], total });
    await saveFrameReport(7, 0, report('https://news.example/a', 1));
    await Promise.all([1, 2, 3, 4].map((frameId) => saveFrameReport(7, frameId, report(`https://widget.example/${frameId}`, 2))));
    expect((await loadTabReport(7))!.total).toBe(9);
  });
});
