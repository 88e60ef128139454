/**
 * Reads a Chromium trace (CDP `Tracing`, `traceEvents` format) for the benchmark: the page's
 * main-thread work as the reader feels it. Pure functions, no browser: unit-tested on hand-made
 * traces in trace.test.ts. Method: docs/decisions/007-benchmark-method.md, "The reader's table".
 *
 * A task is a top-level `RunTask` (or `ThreadControllerImpl::RunTask`, when the `toplevel`
 * category is on) of the page's renderer main thread (`CrRendererMain`); a task nested in another
 * one (both names recorded) counts once. Busy time is the sum of the tasks' durations, total
 * blocking time the sum of (duration - 50 ms) over tasks longer than 50 ms, as Lighthouse and the
 * Long Tasks API define them. Chrome's own capture of the page's text ({@link PAGE_TEXT_CAPTURE})
 * is taken out of the task it runs in, and listed on its own.
 */

/** One trace event, as much of it as we read. `ts` and `dur` are in microseconds. */
export interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  cat?: string;
  args?: Record<string, any>;
}

export const LONG_TASK_MS = 50;
export const TASK_NAMES = new Set(['RunTask', 'ThreadControllerImpl::RunTask']);

/**
 * Chrome's capture of the page's text for its own features (language detection for translation,
 * phishing detection, page annotations), trace category `renderer`. It reads the whole page's
 * `innerText` inside the first rendering update after the load event, whoever asks for that frame:
 * our first painting frame if we are on, else the reader's first scroll or hover, else never. On the
 * 10 MB articles it takes 49-114 ms, so it made whichever frame came first long (decision 007,
 * addendum 4). It is the browser's work, owed by the page in every load, so the figures take it out
 * of the task it runs in, and list it on its own: whole, or, given `textCaptureAllowanceMs` (what it
 * took in the load without us), only up to that, so what it takes longer with us stays counted. The
 * bench takes it out whole (addendum 6: one browser at a time, it takes as long with us as without).
 */
export const PAGE_TEXT_CAPTURE = 'ChromeRenderFrameObserver::CapturePageText';

/**
 * The trace events the figures need; the bench keeps only these while the trace streams in, so a
 * minute of tracing a 10 MB page does not hold every event of every process in memory.
 */
export function isKept(e: TraceEvent): boolean {
  if (e.ph === 'M') return e.name === 'thread_name' || e.name === 'process_name';
  if (FRAME_REQUESTS.has(e.name)) return true;
  if (TASK_NAMES.has(e.name) || e.name === PAGE_TEXT_CAPTURE) return e.ph === 'X';
  if (e.cat?.includes('blink.user_timing')) return true;
  return e.ph === 'X' && !!e.cat?.includes('devtools.timeline');
}

/** True for an event that ran an extension's script: its `args.data.url` is the extension's. */
export function isExtensionScript(e: TraceEvent): boolean {
  if (e.name !== 'FunctionCall' && e.name !== 'EvaluateScript') return false;
  const url: unknown = e.args?.data?.url;
  return typeof url === 'string' && /^(chrome|moz)-extension:\/\//.test(url);
}

/**
 * Instant events a script leaves when what it did needs a frame: a change of style or layout, or an
 * animation frame asked for (the painter changes the highlight registry only in one).
 */
const FRAME_REQUESTS = new Set(['ScheduleStyleRecalculation', 'InvalidateLayout', 'RequestAnimationFrame']);

/** Events that only a rendering task (a frame) holds: what makes a task a frame here. */
const FRAME_EVENTS = new Set(['PrePaint', 'Paint', 'Layerize', 'Commit', 'FireAnimationFrame', 'HitTest']);

/**
 * The tasks an extension is answerable for, among `tasks` (top-level, sorted): each task that ran
 * its script, and each frame after a task in which its script asked for one (changed style or
 * layout, or asked for an animation frame) since the previous frame, since the frame renders what
 * that script changed. Conservative: a frame that renders the page's changes and ours both counts
 * as ours whole. Blind to one thing: a task of the page's own made longer by us (a garbage
 * collection of our allocations, say), which only the comparison with a load without us can see.
 */
export function tasksOfExtension(events: TraceEvent[], pid: number, tid: number, tasks: TraceEvent[]): { task: TraceEvent; why: 'script' | 'frame' }[] {
  const inner = events
    .filter((e) => e.pid === pid && e.tid === tid && ((e.ph === 'X' && (isExtensionScript(e) || FRAME_EVENTS.has(e.name))) || FRAME_REQUESTS.has(e.name)))
    .sort((a, b) => a.ts - b.ts);
  const out: { task: TraceEvent; why: 'script' | 'frame' }[] = [];
  let i = 0;
  let oursSinceFrame = false;
  for (const task of tasks) {
    const end = task.ts + task.dur!;
    while (i < inner.length && inner[i]!.ts < task.ts) i++;
    let script = false;
    let frame = false;
    let asked = false;
    let scriptEnd = -Infinity;
    for (; i < inner.length && inner[i]!.ts < end; i++) {
      const e = inner[i]!;
      if (isExtensionScript(e)) {
        script = true;
        scriptEnd = Math.max(scriptEnd, e.ts + e.dur!);
      } else if (FRAME_REQUESTS.has(e.name)) {
        if (e.ts <= scriptEnd) asked = true; // left by our script, inside it
      } else frame = true;
    }
    if (script) out.push({ task, why: 'script' });
    else if (frame && oursSinceFrame) out.push({ task, why: 'frame' });
    if (frame) oursSinceFrame = false;
    if (asked && !frame) oursSinceFrame = true;
  }
  return out;
}

export interface TaskFigures {
  /** Sum of top-level task durations, ms. */
  busyMs: number;
  /** Sum of (duration - 50 ms) over tasks longer than 50 ms, ms. */
  tbtMs: number;
  /** Tasks longer than 50 ms. */
  longTasks: number;
  longestMs: number;
  tasks: number;
  /** The long tasks' durations (ms) and starts (ms after navigation start), longest first (at most 20). */
  long: { atMs: number; ms: number }[];
}

export interface TraceFigures {
  /** The renderer main thread the figures are of. */
  thread: { pid: number; tid: number; name: string | null };
  /** Trace clock (µs) of the page's navigation start: every `…Ms` below is measured from it. */
  navigationStartUs: number;
  /** The page's load event end, ms after navigation start (null when the trace missed it). */
  loadEventEndMs: number | null;
  /** Tasks that started in [0, loadWindowMs): loading, our scan, and the quiet second after it. */
  load: TaskFigures;
  /**
   * Each run of Chrome's capture of the page's text ({@link PAGE_TEXT_CAPTURE}) after navigation
   * start, in order: when (ms after navigation start), how long, and how much of it still counts
   * (`chargedMs`, over the allowance). Every figure of tasks here is net of the rest.
   */
  textCaptures: { atMs: number; ms: number; chargedMs: number }[];
  /**
   * The load window's tasks still running at or after `splitAtMs` (the page's DOMContentLoaded end,
   * before which a `document_idle` content script has not run): the page's own parsing is left
   * out, whose long tasks split differently from one load to the next. A task that runs across the
   * split counts whole, so the page's own post-load frame counts alike whether it began just before
   * the split in one load or just after it in the other. Null without `splitAtMs`.
   */
  afterSplit: TaskFigures | null;
  /**
   * The tasks of `afterSplit` the extension is answerable for ({@link tasksOfExtension}); in a load
   * without an extension, none.
   */
  oursAfterSplit: TaskFigures | null;
  /** Tasks that started between the scroll marks (plus `scrollTailMs`), or null without the marks. */
  scroll: TaskFigures | null;
  /**
   * Self time (ms) by event name inside the load window's tasks: where the work goes (Layout,
   * UpdateLayoutTree, PrePaint, Paint, FunctionCall, …). The task's own remainder is `(task)`.
   */
  selfByName: Record<string, number>;
}

export interface AnalyzeOptions {
  /** The page's URL (its main frame's navigation is found by it). */
  url: string;
  /** The load window's length in ms after navigation start. */
  loadWindowMs: number;
  /** Also sum the load window's tasks from this time on (ms after navigation start): see `afterSplit`. */
  splitAtMs?: number | null;
  /** User-timing marks that bracket the scripted scroll. */
  scrollStartMark?: string;
  scrollEndMark?: string;
  /** Tasks that start this long after the scroll's end mark still count as the scroll's. */
  scrollTailMs?: number;
  /**
   * How much of each of Chrome's text captures of 1 ms or more, in order, to take out of the
   * tasks: those of the load without us, for the load with us. A capture beyond the list is
   * counted whole. Without it, every capture is taken out whole.
   */
  textCaptureAllowanceMs?: readonly number[] | null;
}

export function taskFigures(durationsUs: { ts: number; dur: number }[], originUs: number): TaskFigures {
  let busy = 0;
  let tbt = 0;
  let longest = 0;
  const long: { atMs: number; ms: number }[] = [];
  for (const t of durationsUs) {
    const ms = t.dur / 1000;
    busy += ms;
    longest = Math.max(longest, ms);
    if (ms > LONG_TASK_MS) {
      tbt += ms - LONG_TASK_MS;
      long.push({ atMs: (t.ts - originUs) / 1000, ms });
    }
  }
  long.sort((a, b) => b.ms - a.ms);
  return { busyMs: busy, tbtMs: tbt, longTasks: long.length, longestMs: longest, tasks: durationsUs.length, long: long.slice(0, 20) };
}

/**
 * The renderer main thread that loaded `url`: the thread of its main frame's `navigationStart`
 * mark (the last one, if the page was loaded twice), and that mark's time. Null when absent.
 */
export function findNavigation(events: TraceEvent[], url: string): { pid: number; tid: number; ts: number; frame: string | null } | null {
  let found: TraceEvent | null = null;
  for (const e of events) {
    if (e.name !== 'navigationStart') continue;
    const data = e.args?.data;
    if (data?.documentLoaderURL !== url || data?.isLoadingMainFrame === false) continue;
    if (!found || e.ts > found.ts) found = e;
  }
  return found ? { pid: found.pid, tid: found.tid, ts: found.ts, frame: (found.args?.frame as string | undefined) ?? null } : null;
}

/** Top-level tasks of one thread, sorted, with a task nested in another (two names for one task) dropped. */
export function topLevelTasks(events: TraceEvent[], pid: number, tid: number): TraceEvent[] {
  const tasks = events
    .filter((e) => e.ph === 'X' && e.pid === pid && e.tid === tid && TASK_NAMES.has(e.name) && e.dur != null)
    .sort((a, b) => a.ts - b.ts || b.dur! - a.dur!);
  const out: TraceEvent[] = [];
  let end = -Infinity;
  for (const t of tasks) {
    if (t.ts < end) continue; // inside the previous top-level task
    out.push(t);
    end = t.ts + t.dur!;
  }
  return out;
}

/**
 * Self time by event name of the complete (`X`) events of one thread that lie inside `tasks`:
 * each event's duration minus its children's, nesting found by time (events of one thread nest).
 */
export function selfTimeByName(events: TraceEvent[], pid: number, tid: number, tasks: TraceEvent[]): Record<string, number> {
  const out: Record<string, number> = {};
  if (!tasks.length) return out;
  const inner = events
    .filter((e) => e.ph === 'X' && e.pid === pid && e.tid === tid && e.dur != null && !TASK_NAMES.has(e.name))
    .sort((a, b) => a.ts - b.ts || b.dur! - a.dur!);
  let i = 0;
  for (const task of tasks) {
    const taskEnd = task.ts + task.dur!;
    while (i < inner.length && inner[i]!.ts < task.ts) i++;
    // A stack of open events: [name, end, child time].
    const stack: { name: string; end: number; children: number; dur: number }[] = [{ name: '(task)', end: taskEnd, children: 0, dur: task.dur! }];
    const close = () => {
      const top = stack.pop()!;
      out[top.name] = (out[top.name] ?? 0) + (top.dur - top.children) / 1000;
    };
    for (; i < inner.length && inner[i]!.ts < taskEnd; i++) {
      const e = inner[i]!;
      while (stack.length > 1 && e.ts >= stack[stack.length - 1]!.end) close();
      const parent = stack[stack.length - 1]!;
      const dur = Math.min(e.dur!, parent.end - e.ts);
      parent.children += dur;
      stack.push({ name: e.name, end: e.ts + dur, children: 0, dur });
    }
    while (stack.length) close();
  }
  return out;
}

/** A text capture of the page's main thread, and how much of it (µs) the figures take out. */
interface TextCapture {
  event: TraceEvent;
  takenUs: number;
}

/** The page thread's text captures after navigation, in order, each with what is taken out of it (see `textCaptureAllowanceMs`). */
function textCaptures(events: TraceEvent[], nav: { pid: number; tid: number; ts: number }, allowanceMs: readonly number[] | null): TextCapture[] {
  const found = events
    .filter((e) => e.name === PAGE_TEXT_CAPTURE && e.ph === 'X' && e.pid === nav.pid && e.tid === nav.tid && e.ts >= nav.ts && e.dur != null)
    .sort((a, b) => a.ts - b.ts);
  let i = 0;
  return found.map((event) => {
    // A capture under 1 ms (a leftover of the page before) is no capture of this page: out whole, not matched.
    if (!allowanceMs || event.dur! < 1000) return { event, takenUs: event.dur! };
    return { event, takenUs: Math.min(event.dur!, (allowanceMs[i++] ?? 0) * 1000) };
  });
}

/** What the figures take out of `task` (µs): the taken part of the captures inside it, in proportion to how much of each it holds. */
function takenOutUs(task: TraceEvent, captures: TextCapture[]): number {
  const end = task.ts + task.dur!;
  let us = 0;
  for (const { event, takenUs } of captures) {
    if (event.ts >= end) break;
    const overlap = Math.max(0, Math.min(end, event.ts + event.dur!) - Math.max(task.ts, event.ts));
    if (overlap > 0) us += (takenUs * overlap) / event.dur!;
  }
  return us;
}

function markTs(events: TraceEvent[], pid: number, name: string | undefined, after: number): number | null {
  if (!name) return null;
  let ts: number | null = null;
  for (const e of events) if (e.name === name && e.pid === pid && e.ts >= after && (ts == null || e.ts > ts)) ts = e.ts;
  return ts;
}

/** The figures of one traced page load (see TraceFigures). Throws when the trace has no navigation to `url`. */
export function analyzeTrace(events: TraceEvent[], options: AnalyzeOptions): TraceFigures {
  const nav = findNavigation(events, options.url);
  if (!nav) throw new Error(`the trace has no main-frame navigationStart for ${options.url}`);
  const name = events.find((e) => e.ph === 'M' && e.name === 'thread_name' && e.pid === nav.pid && e.tid === nav.tid)?.args?.name ?? null;
  const tasks = topLevelTasks(events, nav.pid, nav.tid).filter((t) => t.ts >= nav.ts);
  const loadEnd = nav.ts + options.loadWindowMs * 1000;
  const loadTasks = tasks.filter((t) => t.ts < loadEnd);

  let loadEventEndMs: number | null = null;
  for (const e of events) {
    if (e.name !== 'loadEventEnd' || e.pid !== nav.pid || e.ts < nav.ts) continue;
    if (nav.frame && e.args?.frame && e.args.frame !== nav.frame) continue;
    const ms = (e.ts - nav.ts) / 1000;
    if (loadEventEndMs == null || ms < loadEventEndMs) loadEventEndMs = ms;
  }

  const afterSplit = options.splitAtMs == null ? null : loadTasks.filter((t) => t.ts + t.dur! > nav.ts + options.splitAtMs! * 1000);
  const captures = textCaptures(events, nav, options.textCaptureAllowanceMs ?? null);
  const figuresOf = (ts: TraceEvent[]) => taskFigures(ts.map((t) => ({ ts: t.ts, dur: t.dur! - takenOutUs(t, captures) })), nav.ts);

  let scroll: TaskFigures | null = null;
  const scrollStart = markTs(events, nav.pid, options.scrollStartMark, nav.ts);
  const scrollEnd = markTs(events, nav.pid, options.scrollEndMark, nav.ts);
  if (scrollStart != null && scrollEnd != null) {
    const until = scrollEnd + (options.scrollTailMs ?? 0) * 1000;
    scroll = figuresOf(tasks.filter((t) => t.ts >= scrollStart && t.ts < until));
  }

  return {
    thread: { pid: nav.pid, tid: nav.tid, name },
    navigationStartUs: nav.ts,
    loadEventEndMs,
    load: figuresOf(loadTasks),
    textCaptures: captures.map((c) => ({ atMs: (c.event.ts - nav.ts) / 1000, ms: c.event.dur! / 1000, chargedMs: (c.event.dur! - c.takenUs) / 1000 })),
    afterSplit: afterSplit && figuresOf(afterSplit),
    oursAfterSplit: afterSplit && figuresOf(tasksOfExtension(events, nav.pid, nav.tid, afterSplit).map((x) => x.task)),
    scroll,
    selfByName: selfTimeByName(events, nav.pid, nav.tid, loadTasks),
  };
}

/**
 * How long after the load event the mentions of the first screen were all highlighted: the latest
 * time a highlight inside the first viewport appeared, minus the load event's end (never below 0;
 * a highlight there before the load event counts as on time). Null when the first screen has none.
 */
export function firstScreenDelay(
  highlights: { atMs: number; top: number; bottom: number }[],
  viewportHeight: number,
  loadEventEndMs: number,
): { ms: number | null; count: number } {
  const visible = highlights.filter((h) => h.bottom > 0 && h.top < viewportHeight);
  if (!visible.length) return { ms: null, count: 0 };
  const last = Math.max(...visible.map((h) => h.atMs));
  return { ms: Math.max(0, last - loadEventEndMs), count: visible.length };
}

/** Self time grouped the way DevTools' summary does, for one line per page. */
export function groupSelfTime(selfByName: Record<string, number>): Record<'script' | 'style' | 'layout' | 'prepaint' | 'paint' | 'parse' | 'gc' | 'other', number> {
  const groups = { script: 0, style: 0, layout: 0, prepaint: 0, paint: 0, parse: 0, gc: 0, other: 0 };
  for (const [name, ms] of Object.entries(selfByName)) {
    const g: keyof typeof groups = /GC|BlinkGC/.test(name)
      ? 'gc'
      : /^(FunctionCall|EvaluateScript|v8\.|V8\.|TimerFire|FireIdleCallback|FireAnimationFrame|EventDispatch|RunMicrotasks|v8\.callFunction|v8\.run|v8\.compile|CompileScript|CompileCode|OptimizeCode)/.test(name)
        ? 'script'
        : /^(UpdateLayoutTree|RecalculateStyles|ScheduleStyleRecalculation|ParseAuthorStyleSheet)/.test(name)
          ? 'style'
          : /^(Layout|UpdateLayout|IntersectionObserverController)/.test(name)
            ? 'layout'
            : /^(PrePaint|Layerize|UpdateLayer|Commit|CompositingInputs)/.test(name)
              ? 'prepaint'
              : /^(Paint|PaintImage|RasterTask|Decode)/.test(name)
                ? 'paint'
                : /^ParseHTML/.test(name)
                  ? 'parse'
                  : 'other';
    groups[g] += ms;
  }
  return groups;
}
