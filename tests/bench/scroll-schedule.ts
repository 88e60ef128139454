/**
 * When the two loads of a bench pair scroll (issue 14's reader table): at the same age since their
 * navigation start, one after the other, each while the other page sits at rest. The browser times
 * some of a page's own work by its age: V8's memory reducer ran a 690 ms major collection on the
 * flat 10 MB article 30 s after navigation, with no extension in the browser
 * (scripts/experiments/gc-ours.ts). Scrolled together at the same minute, the first load of a pair
 * was 10-20 s older than the second and met that collection in its scroll, while the second met it
 * after its scroll. Decision 007, addendum 3.
 */

/** What the schedule needs of a page and of the clock (the bench gives Playwright and Date.now). */
export interface ScrollRig<P, D> {
  /** This process's clock, ms. */
  now(): number;
  /** Resolves once now() ≥ `ms`. */
  sleepUntil(ms: number): Promise<void>;
  /** This process's clock at `page`'s navigation start. */
  navigationStart(page: P): Promise<number>;
  /** How long a scroll of `page` and the collection of its trace take, at most. */
  scrollEstimateMs(page: P): Promise<number>;
  /** Scrolls `page` through; `navigatedAt` lets it report its age at the first step. */
  scrollThrough(page: P, navigatedAt: number): Promise<D>;
}

/** The schedule of one pair. */
export interface ScrollSchedule<P, D> {
  /** A load, once quiet, waits here for its turn to scroll, and scrolls. */
  turn: (page: P, windowMs: number) => Promise<D>;
  /** The first load's window, and when (this process's clock) the second load may start. */
  firstArrived: Promise<{ windowMs: number; secondAt: number }>;
  /** The first load's trace is collected and its page closed: the second may scroll. */
  firstFinished: () => void;
  /** The second load failed: the first scrolls alone. */
  abandon: () => void;
}

/** Between one load's scroll and the next, and before the first scroll once both are quiet. */
export const SCROLL_GAP_MS = { beforeSecondLoad: 1_000, beforeScroll: 500 };

/**
 * Schedules a pair:
 * - the first load, once quiet, hands over its window and when the second load may start: late
 *   enough that the second's scroll, at the same age, starts after the first's scroll is done;
 * - once both are quiet, the first load scrolls; the second waits until the first's trace is
 *   collected and until it is as old as the first was at its scroll, then scrolls.
 */
export function scrollSchedule<P, D>(rig: ScrollRig<P, D>): ScrollSchedule<P, D> {
  let arrived!: (v: { windowMs: number; secondAt: number }) => void;
  const firstArrived = new Promise<{ windowMs: number; secondAt: number }>((ok) => (arrived = ok));
  let bothHere!: () => void;
  const both = new Promise<void>((ok) => (bothHere = ok));
  let finished!: () => void;
  const firstDone = new Promise<void>((ok) => (finished = ok));
  let scrollAge: number | null = null;
  let turns = 0;
  return {
    firstArrived,
    firstFinished: () => finished(),
    abandon: () => bothHere(),
    turn: async (page, windowMs) => {
      const navigatedAt = await rig.navigationStart(page);
      if (turns++ === 0) {
        const gap = Math.max(rig.now() - navigatedAt, await rig.scrollEstimateMs(page)) + SCROLL_GAP_MS.beforeSecondLoad;
        arrived({ windowMs, secondAt: navigatedAt + gap });
        await both;
        scrollAge = rig.now() - navigatedAt + SCROLL_GAP_MS.beforeScroll;
        await rig.sleepUntil(navigatedAt + scrollAge);
        return rig.scrollThrough(page, navigatedAt);
      }
      bothHere();
      await firstDone;
      await rig.sleepUntil(navigatedAt + scrollAge!);
      return rig.scrollThrough(page, navigatedAt);
    },
  };
}
