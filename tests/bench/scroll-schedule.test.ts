import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { scrollSchedule, SCROLL_GAP_MS, type ScrollRig } from './scroll-schedule';

/** A page of the fake rig: when it navigated, and how long its scroll takes. */
interface FakePage {
  name: string;
  navigatedAt: number;
  scrollMs: number;
}

interface Scrolled {
  name: string;
  startedAt: number;
  endedAt: number;
  ageMs: number;
}

/** A rig on vitest's fake clock: scrolls take their time and are logged. */
function fakeRig(estimateMs: number, log: Scrolled[]): ScrollRig<FakePage, Scrolled> {
  const sleepUntil = (ms: number) => new Promise<void>((r) => setTimeout(r, Math.max(0, ms - Date.now())));
  return {
    now: () => Date.now(),
    sleepUntil,
    navigationStart: async (page) => page.navigatedAt,
    scrollEstimateMs: async () => estimateMs,
    scrollThrough: async (page, navigatedAt) => {
      const startedAt = Date.now();
      await sleepUntil(startedAt + page.scrollMs);
      const done = { name: page.name, startedAt, endedAt: Date.now(), ageMs: startedAt - navigatedAt };
      log.push(done);
      return done;
    },
  };
}

describe('scrollSchedule: the two loads of a pair scroll at the same age, one after the other', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(0);
  });
  afterEach(() => vi.useRealTimers());

  it('starts the second load late enough, then scrolls both at the first one\'s age, the second after the first is done', async () => {
    const log: Scrolled[] = [];
    const schedule = scrollSchedule(fakeRig(16_000, log));
    const first: FakePage = { name: 'first', navigatedAt: 0, scrollMs: 15_000 };
    // The first load is quiet 10 s after its navigation.
    await vi.advanceTimersByTimeAsync(10_000);
    const firstScroll = schedule.turn(first, 9_000).then((d) => (schedule.firstFinished(), d));
    const { windowMs, secondAt } = await schedule.firstArrived;
    expect(windowMs).toBe(9_000);
    // Not before the first's scroll (its estimate) plus a gap, counted from its navigation.
    expect(secondAt).toBe(16_000 + SCROLL_GAP_MS.beforeSecondLoad);

    await vi.advanceTimersByTimeAsync(secondAt - Date.now());
    const second: FakePage = { name: 'second', navigatedAt: Date.now(), scrollMs: 15_000 };
    await vi.advanceTimersByTimeAsync(10_000); // the second load's window
    const secondScroll = schedule.turn(second, windowMs);
    await vi.advanceTimersByTimeAsync(120_000);
    await Promise.all([firstScroll, secondScroll]);

    const [a, b] = log;
    expect(a!.name).toBe('first');
    expect(b!.name).toBe('second');
    // The first scrolls once both are quiet, at its age then (plus a short gap).
    expect(a!.ageMs).toBe(secondAt + 10_000 + SCROLL_GAP_MS.beforeScroll);
    // Equal ages, and no overlap: the second starts after the first is done.
    expect(b!.ageMs).toBe(a!.ageMs);
    expect(b!.startedAt).toBeGreaterThanOrEqual(a!.endedAt);
  });

  it('lets the second scroll late rather than early when the first overruns its estimate', async () => {
    const log: Scrolled[] = [];
    const schedule = scrollSchedule(fakeRig(5_000, log));
    const firstScroll = schedule.turn({ name: 'first', navigatedAt: 0, scrollMs: 30_000 }, 4_000).then((d) => (schedule.firstFinished(), d));
    const { secondAt } = await schedule.firstArrived;
    await vi.advanceTimersByTimeAsync(secondAt);
    const secondScroll = schedule.turn({ name: 'second', navigatedAt: Date.now(), scrollMs: 1_000 }, 4_000);
    await vi.advanceTimersByTimeAsync(120_000);
    await Promise.all([firstScroll, secondScroll]);
    const [a, b] = log;
    // Never two scrolls at once: the second waits for the first, and is older by the overrun.
    expect(b!.startedAt).toBeGreaterThanOrEqual(a!.endedAt);
    expect(b!.ageMs).toBeGreaterThan(a!.ageMs);
  });

  it('scrolls the first load alone when the second one failed', async () => {
    const log: Scrolled[] = [];
    const schedule = scrollSchedule(fakeRig(1_000, log));
    const firstScroll = schedule.turn({ name: 'first', navigatedAt: 0, scrollMs: 1_000 }, 500);
    await schedule.firstArrived;
    schedule.abandon();
    await vi.advanceTimersByTimeAsync(10_000);
    expect((await firstScroll).name).toBe('first');
    expect(log.map((s) => s.name)).toEqual(['first']);
  });
});
