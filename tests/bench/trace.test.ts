import { describe, expect, it } from 'vitest';
import { analyzeTrace, firstScreenDelay, groupSelfTime, isExtensionScript, isKept, PAGE_TEXT_CAPTURE, selfTimeByName, tasksOfExtension, topLevelTasks, type TraceEvent } from './trace';

const URL_ = 'http://127.0.0.1:1234/page.html';
const PID = 10;
const MAIN = 11;
const ms = (x: number) => x * 1000;
/** A trace clock that does not start at zero, as a real one does not. */
const T0 = 5_000_000;

const task = (atMs: number, durMs: number, tid = MAIN, name = 'RunTask'): TraceEvent => ({
  name, ph: 'X', cat: 'disabled-by-default-devtools.timeline', ts: T0 + ms(atMs), dur: ms(durMs), pid: PID, tid,
});
const child = (name: string, atMs: number, durMs: number): TraceEvent => ({ name, ph: 'X', cat: 'devtools.timeline', ts: T0 + ms(atMs), dur: ms(durMs), pid: PID, tid: MAIN });
const mark = (name: string, atMs: number, args: Record<string, unknown> = {}): TraceEvent => ({ name, ph: 'R', cat: 'blink.user_timing', ts: T0 + ms(atMs), pid: PID, tid: MAIN, args });

/** A hand-made load: navigation at 0 ms, load event at 100 ms, a scroll from 1000 to 1200 ms. */
function trace(): TraceEvent[] {
  return [
    { name: 'thread_name', ph: 'M', ts: 0, pid: PID, tid: MAIN, args: { name: 'CrRendererMain' } },
    { name: 'thread_name', ph: 'M', ts: 0, pid: PID, tid: 99, args: { name: 'Compositor' } },
    // Before navigation (the warm-up page): not counted.
    task(-200, 80),
    mark('navigationStart', 0, { frame: 'F1', data: { documentLoaderURL: URL_, isLoadingMainFrame: true } }),
    // A subframe's navigation on the same thread: not the page's.
    mark('navigationStart', 5, { frame: 'F2', data: { documentLoaderURL: 'about:srcdoc', isLoadingMainFrame: false } }),
    task(10, 30), // parse: 30 ms, not long
    child('ParseHTML', 12, 25),
    task(60, 120), // 120 ms: long, blocks 70 ms
    child('FunctionCall', 61, 100),
    child('Layout', 70, 40), // forced layout inside the script: self time of FunctionCall is 60
    child('Paint', 165, 10),
    // The same task under its second name, nested: counted once.
    task(60, 119.9, MAIN, 'ThreadControllerImpl::RunTask'),
    mark('loadEventEnd', 100, { frame: 'F1' }),
    mark('loadEventEnd', 101, { frame: 'F2' }), // the subframe's
    task(300, 50), // exactly 50 ms: not long
    task(400, 51), // 51 ms: long, blocks 1 ms
    task(100, 500, 99), // another thread: not counted
    task(900, 20), // after the load window (800 ms)
    mark('bench:scroll-start', 1000),
    task(1010, 90), // long, in the scroll
    task(1100, 10),
    mark('bench:scroll-end', 1200),
    task(1250, 60), // in the tail (100 ms)
    task(1400, 70), // after the tail
  ];
}

describe('analyzeTrace', () => {
  const figures = analyzeTrace(trace(), { url: URL_, loadWindowMs: 800, scrollStartMark: 'bench:scroll-start', scrollEndMark: 'bench:scroll-end', scrollTailMs: 100 });

  it('finds the page main thread, its navigation and its load event', () => {
    expect(figures.thread).toEqual({ pid: PID, tid: MAIN, name: 'CrRendererMain' });
    expect(figures.navigationStartUs).toBe(T0);
    expect(figures.loadEventEndMs).toBe(100);
  });

  it('sums the top-level tasks of the load window: busy time, blocking time, long tasks', () => {
    expect(figures.load.tasks).toBe(4);
    expect(figures.load.busyMs).toBeCloseTo(30 + 120 + 50 + 51);
    expect(figures.load.tbtMs).toBeCloseTo(70 + 1);
    expect(figures.load.longTasks).toBe(2);
    expect(figures.load.longestMs).toBeCloseTo(120);
    expect(figures.load.long.map((l) => [l.atMs, l.ms])).toEqual([[60, 120], [400, 51]]);
  });

  it('sums the tasks running from a split time on, leaving out the page\'s own parsing', () => {
    const split = analyzeTrace(trace(), { url: URL_, loadWindowMs: 800, splitAtMs: 60 }).afterSplit!;
    expect(split.tasks).toBe(3);
    expect(split.longTasks).toBe(2);
    expect(split.busyMs).toBeCloseTo(120 + 50 + 51);
    // A task running across the split counts whole: the 120 ms task from 60 ms, split at 61 or 179.
    expect(analyzeTrace(trace(), { url: URL_, loadWindowMs: 800, splitAtMs: 179 }).afterSplit!.longTasks).toBe(2);
    expect(analyzeTrace(trace(), { url: URL_, loadWindowMs: 800, splitAtMs: 180 }).afterSplit!.longTasks).toBe(1);
    expect(figures.afterSplit).toBeNull();
  });

  it('counts the long tasks between the scroll marks and in the tail after them', () => {
    expect(figures.scroll).not.toBeNull();
    expect(figures.scroll!.longTasks).toBe(2);
    expect(figures.scroll!.tbtMs).toBeCloseTo(40 + 10);
    expect(figures.scroll!.busyMs).toBeCloseTo(90 + 10 + 60);
  });

  it('charges self time to the innermost event', () => {
    expect(figures.selfByName.Layout).toBeCloseTo(40);
    expect(figures.selfByName.FunctionCall).toBeCloseTo(60);
    expect(figures.selfByName.Paint).toBeCloseTo(10);
    expect(figures.selfByName.ParseHTML).toBeCloseTo(25);
    // 30 - 25 + 120 - 100 - 10 + 50 + 51
    expect(figures.selfByName['(task)']).toBeCloseTo(116);
    const groups = groupSelfTime(figures.selfByName);
    expect(groups.layout).toBeCloseTo(40);
    expect(groups.script).toBeCloseTo(60);
    expect(groupSelfTime({ 'V8.GC_SCAVENGER_SCAVENGE_PARALLEL': 3, MajorGC: 2, FunctionCall: 1 })).toMatchObject({ gc: 5, script: 1 });
  });

  it('has no scroll figures without the marks, and fails loudly without the navigation', () => {
    expect(analyzeTrace(trace(), { url: URL_, loadWindowMs: 800 }).scroll).toBeNull();
    expect(() => analyzeTrace(trace(), { url: 'http://elsewhere/', loadWindowMs: 800 })).toThrow(/navigationStart/);
  });

  it("takes Chrome's capture of the page's text out of the task it runs in, and lists it", () => {
    const capture = (atMs: number, durMs: number): TraceEvent => ({ ...child(PAGE_TEXT_CAPTURE, atMs, durMs), cat: 'renderer' });
    // A 70 ms frame of which the capture is 49 ms: 21 ms of work, not long. A 120 ms task with a
    // 60 ms capture inside is still long (60 ms). A capture on another thread is not the page's.
    const events = [...trace().filter((e) => e.ts < T0 + ms(250)), task(500, 70), capture(515, 49), task(600, 120), capture(610, 60), { ...capture(700, 30), tid: 99 }];
    const figures = analyzeTrace(events, { url: URL_, loadWindowMs: 800, splitAtMs: 450 });
    expect(figures.textCaptures).toEqual([{ atMs: 515, ms: 49, chargedMs: 0 }, { atMs: 610, ms: 60, chargedMs: 0 }]);
    expect(figures.afterSplit).toMatchObject({ tasks: 2, busyMs: 21 + 60, longTasks: 1, tbtMs: 10, longestMs: 60 });
    expect(figures.load.busyMs).toBe(30 + 120 + 21 + 60);
    expect(isKept(capture(0, 1))).toBe(true);

    // With us: each capture comes out only up to what it took without us; the rest still counts.
    // The first (49 ms) had 40 ms without us: its frame is 70 - 40 = 30 ms. The second (60 ms) had
    // 20 ms: its task is 120 - 20 = 100 ms. A capture under 1 ms is not matched with one.
    const ours = analyzeTrace([...events, capture(400, 0.5)], { url: URL_, loadWindowMs: 800, splitAtMs: 450, textCaptureAllowanceMs: [40, 20] });
    expect(ours.textCaptures.map((c) => c.chargedMs)).toEqual([0, 9, 40]);
    expect(ours.afterSplit).toMatchObject({ busyMs: 30 + 100, longTasks: 1, tbtMs: 50, longestMs: 100 });
    // A capture the load without us did not have counts whole.
    const extra = analyzeTrace(events, { url: URL_, loadWindowMs: 800, splitAtMs: 450, textCaptureAllowanceMs: [49] });
    expect(extra.afterSplit).toMatchObject({ busyMs: 21 + 120, longTasks: 1, tbtMs: 70 });
  });

  it('takes the last navigation to the URL when the page was loaded twice', () => {
    const twice = [...trace(), mark('navigationStart', 2000, { frame: 'F1', data: { documentLoaderURL: URL_, isLoadingMainFrame: true } }), task(2010, 55)];
    const again = analyzeTrace(twice, { url: URL_, loadWindowMs: 800 });
    expect(again.navigationStartUs).toBe(T0 + ms(2000));
    expect(again.load.tasks).toBe(1);
    expect(again.loadEventEndMs).toBeNull();
  });
});

describe('trace helpers', () => {
  it('keeps one task of two names for the same work', () => {
    expect(topLevelTasks(trace(), PID, MAIN).filter((t) => t.ts === T0 + ms(60))).toHaveLength(1);
  });

  it('clips a child that overruns its parent', () => {
    const events = [task(0, 10), child('Layout', 5, 20)];
    expect(selfTimeByName(events, PID, MAIN, topLevelTasks(events, PID, MAIN))).toEqual({ Layout: 5, '(task)': 5 });
  });

  it('keeps what the figures need while the trace streams in', () => {
    expect(isKept(task(0, 1))).toBe(true);
    expect(isKept({ name: 'RasterTask', ph: 'X', cat: 'cc', ts: 0, dur: 1, pid: 1, tid: 2 })).toBe(false);
    expect(isKept(mark('anything', 0))).toBe(true);
    expect(isKept({ name: 'thread_name', ph: 'M', ts: 0, pid: 1, tid: 2 })).toBe(true);
  });
});

describe('tasksOfExtension', () => {
  const EXT = 'chrome-extension://abcdefghijklmnop/content-scripts/content.js';
  const call = (atMs: number, durMs: number, url = EXT): TraceEvent => ({ ...child('FunctionCall', atMs, durMs), args: { data: { url } } });
  const asks = (name: string, atMs: number): TraceEvent => ({ name, ph: 'I', cat: 'devtools.timeline', ts: T0 + ms(atMs), pid: PID, tid: MAIN });
  const events = [
    task(0, 60), call(1, 40, 'http://127.0.0.1:1234/page.js'), asks('ScheduleStyleRecalculation', 20), // the page's script: not ours
    task(100, 70), call(101, 65), asks('ScheduleStyleRecalculation', 120), // ours: ran our script, and changed style
    task(200, 20), child('UpdateLayoutTree', 201, 5), // a forced style update, not a frame
    task(300, 80), child('Paint', 301, 70), // the frame after our script's change: ours
    task(400, 90), child('Paint', 401, 80), // the next frame: the page's own
    task(500, 55), child('FireAnimationFrame', 501, 2), call(501, 2), child('Paint', 504, 40), // our rAF in a frame: ours
    task(600, 60), child('Paint', 601, 50), // after a frame that ran our script: the page's
    task(670, 5), call(671, 3), // our script, asking for nothing (it only read the page)
    task(680, 5), call(681, 1), asks('InvalidateLayout', 683), // the page's change after our script ended
    task(690, 70), child('Paint', 691, 60), // the frame after: the page's
  ];
  const tasks = topLevelTasks(events, PID, MAIN);

  it('names the tasks that ran our script and the frames right after a change of ours', () => {
    expect(tasksOfExtension(events, PID, MAIN, tasks).map((x) => [(x.task.ts - T0) / 1000, x.why])).toEqual([
      [100, 'script'],
      [300, 'frame'],
      [500, 'script'],
      [670, 'script'],
      [680, 'script'],
    ]);
  });

  it('feeds the load figures: our long tasks after the split', () => {
    const withNav = [
      { name: 'thread_name', ph: 'M', ts: 0, pid: PID, tid: MAIN, args: { name: 'CrRendererMain' } },
      mark('navigationStart', -10, { frame: 'F1', data: { documentLoaderURL: URL_, isLoadingMainFrame: true } }),
      ...events,
    ];
    const figures = analyzeTrace(withNav, { url: URL_, loadWindowMs: 800, splitAtMs: 0 });
    expect(figures.afterSplit!.longTasks).toBe(7);
    expect(figures.oursAfterSplit!.longTasks).toBe(3);
    expect(figures.oursAfterSplit!.tbtMs).toBeCloseTo(20 + 30 + 5);
    expect(analyzeTrace(withNav, { url: URL_, loadWindowMs: 800 }).oursAfterSplit).toBeNull();
  });

  it('knows an extension script by its URL', () => {
    expect(isExtensionScript(call(0, 1))).toBe(true);
    expect(isExtensionScript(call(0, 1, 'moz-extension://x/content.js'))).toBe(true);
    expect(isExtensionScript(call(0, 1, 'https://news.example/app.js'))).toBe(false);
    expect(isExtensionScript(child('FunctionCall', 0, 1))).toBe(false);
  });
});

describe('firstScreenDelay', () => {
  it('is the last first-screen highlight after the load event', () => {
    const h = [
      { atMs: 150, top: 10, bottom: 30 },
      { atMs: 420, top: 880, bottom: 905 }, // straddles the fold: in the first screen
      { atMs: 9000, top: 2000, bottom: 2020 }, // below it
    ];
    expect(firstScreenDelay(h, 900, 100)).toEqual({ ms: 320, count: 2 });
  });
  it('is 0 for highlights there before the load event, null with none in the first screen', () => {
    expect(firstScreenDelay([{ atMs: 50, top: 0, bottom: 10 }], 900, 100).ms).toBe(0);
    expect(firstScreenDelay([{ atMs: 50, top: 1000, bottom: 1010 }], 900, 100)).toEqual({ ms: null, count: 0 });
  });
});
