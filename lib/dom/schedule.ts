/**
 * Runs work in idle time in small slices, so scanning and highlighting a long page never blocks
 * scrolling or typing: no task of ours should come near the 50 ms "long task" threshold.
 */

/** Options of {@link runChunked}. */
export interface ChunkOptions {
  /** Milliseconds of work per slice (default 12): a slice ends at the first item boundary past it. */
  budgetMs?: number;
  /** Stops between items; the promise then rejects with `signal.reason`. */
  signal?: AbortSignal;
  /**
   * Longest wait for an idle period before a slice runs anyway (default 1000): a page that is never
   * idle (animations, a busy live blog) still gets its highlights, one small slice at a time.
   */
  idleTimeoutMs?: number;
  /** Called after each slice with its duration (for the benchmark's "longest task of ours"). */
  onSlice?: (durationMs: number) => void;
  /** Seams for tests; default to the global functions. */
  now?: () => number;
  requestIdle?: (cb: (deadline: IdleDeadlineLike) => void, opts: { timeout: number }) => void;
  /** Seam for tests: queues a task (default: a message to ourselves, see `postTask`). */
  postTask?: (cb: () => void) => void;
  /** Seam for tests: where runs leave their last idle period (default: one shared by all runs; with the other seams, one per run). */
  idleMemory?: IdleMemory;
}

/** The idle period of the last idle slice of any run (see `runSteps`). */
export interface IdleMemory {
  last: IdleDeadlineLike | null;
}

/** The part of `IdleDeadline` we use. */
export interface IdleDeadlineLike {
  timeRemaining(): number;
  readonly didTimeout: boolean;
}

/**
 * `requestIdleCallback` when the page has it (Chrome, Firefox), else a `setTimeout(0)` slice with
 * the budget as its only limit (Safari, and DOM libraries in tests).
 */
function defaultRequestIdle(cb: (deadline: IdleDeadlineLike) => void, opts: { timeout: number }): void {
  const ric = (globalThis as { requestIdleCallback?: typeof requestIdleCallback }).requestIdleCallback;
  if (typeof ric === 'function') {
    ric.call(globalThis, cb, opts);
    return;
  }
  setTimeout(() => cb({ timeRemaining: () => Infinity, didTimeout: true }), 0);
}

/** Callbacks waiting for their task; one channel serves them all. */
const posted: (() => void)[] = [];
let channel: MessageChannel | null = null;

/**
 * Queues `cb` as a task of its own, at once: a message to ourselves, which (unlike `setTimeout(0)`,
 * clamped to 4 ms when nested) runs as soon as the tasks before it, input and frames first.
 */
function postTask(cb: () => void): void {
  if (typeof MessageChannel !== 'function') {
    setTimeout(cb, 0);
    return;
  }
  if (!channel) {
    channel = new MessageChannel();
    channel.port1.onmessage = () => posted.shift()?.();
  }
  posted.push(cb);
  channel.port2.postMessage(null);
}

/** Idle time an idle period must have left for the next slice to run in it, in a task of its own. */
const CONTINUE_MIN_MS = 8;

/**
 * Calls `work(item, index)` for each item, in order, in idle-time slices of about `budgetMs`.
 * The deadline is checked between items, so one item should be small (one segment, one block);
 * an item that throws rejects the promise and stops the rest.
 *
 * Resolves when every item is done; rejects with `signal.reason` if aborted (before or during).
 */
export function runChunked<T>(items: readonly T[], work: (item: T, index: number) => void, options: ChunkOptions = {}): Promise<void> {
  let index = 0;
  if (items.length === 0) return options.signal?.aborted ? Promise.reject(options.signal.reason) : Promise.resolve();
  return runSteps(() => {
    work(items[index]!, index);
    index++;
    return index < items.length;
  }, options);
}

/**
 * The idle slice whose task is running now: a run that starts in that task (in a promise
 * continuation of the slice that just ended) carries on in it while the task is under budget,
 * instead of waiting for the next idle period. During a page's load the browser gives one idle
 * period per frame, so a scan of a dozen short steps, each waiting for its own, took a dozen
 * frames (about 200 ms) before its first result, for 30 ms of work.
 */
let running: { start: number; deadline: IdleDeadlineLike; budgetMs: number } | null = null;

/**
 * The idle period the last slice ran in. A run that starts after an await (a message to the
 * background, the storage) while that period still has time left starts in it, in a task of its
 * own, instead of waiting for the next one: on the every-paragraph page, such hops left the scan
 * waiting 30-50 ms each, about 200 ms in all before the first screen was painted, for 170 ms of work.
 */
const sharedIdle: IdleMemory = { last: null };

/**
 * Calls `step()` in idle-time slices of about `budgetMs` until it returns false: for work whose
 * size is not known in advance, such as walking a page one segment at a time. Same guarantees as
 * {@link runChunked}: at least one step per slice, abort rejects at once, a throwing step rejects.
 * Started in the task of another run's slice with time left, its first slice runs in that task.
 */
export function runSteps(step: () => boolean, options: ChunkOptions = {}): Promise<void> {
  const { budgetMs = 12, signal, idleTimeoutMs = 1000 } = options;
  const now = options.now ?? (() => performance.now());
  const requestIdle = options.requestIdle ?? defaultRequestIdle;
  // Test seams run alone: their clocks and idle periods are their own.
  const mayContinue = !options.now && !options.requestIdle;
  const post = options.postTask ?? (mayContinue ? postTask : null);
  // With test seams and no memory of their own, a run remembers only its own slices.
  const memory = options.idleMemory ?? (mayContinue ? sharedIdle : { last: null });
  return new Promise<void>((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    // Reject at once on abort, not at the next slice (which may be a second away on a busy page).
    const onAbort = () => reject(signal!.reason);
    signal?.addEventListener('abort', onAbort, { once: true });
    const settle = (error?: unknown) => {
      signal?.removeEventListener('abort', onAbort);
      if (error === undefined) resolve();
      else reject(error);
    };
    const slice = (deadline: IdleDeadlineLike, taskStart?: number) => {
      if (signal?.aborted) return; // already rejected by onAbort
      const start = now();
      // A slice forced by the timeout ran on a busy page: no idle period to carry on in.
      memory.last = deadline.didTimeout ? null : deadline;
      // The task's budget counts from its first slice.
      const budgetFrom = taskStart ?? start;
      if (mayContinue && taskStart === undefined) {
        const current = { start, deadline, budgetMs };
        running = current;
        setTimeout(() => running === current && (running = null), 0);
      }
      let more = true;
      try {
        // At least one step per slice, so a page that is never idle still makes progress.
        do {
          more = step();
        } while (
          more &&
          !signal?.aborted &&
          now() - budgetFrom < budgetMs &&
          // An idle period shorter than our budget (the browser expects a frame soon) ends the slice
          // early; after a timeout the deadline says 0, and the budget alone limits the slice.
          (deadline.didTimeout || deadline.timeRemaining() > 1)
        );
      } catch (error) {
        options.onSlice?.(now() - start);
        settle(error ?? new Error('work item threw'));
        return;
      }
      options.onSlice?.(now() - start);
      if (signal?.aborted) return;
      if (!more) settle();
      // The slice used its budget: the next one (see `nextSlice`).
      else nextSlice();
    };
    /**
     * Runs the next slice in the last idle period (this run's or, after an await, any run's) while
     * it has time left (a long one, up to 50 ms, when nothing else is going on), in a task of its
     * own, so the browser may handle input or draw a frame in between; else in the next idle
     * period. Asking for another idle period every time waited for this one to end: on a page at
     * rest, 12 ms of work and then 38 ms of nothing, slice after slice, so the first screen's
     * mentions took 400 ms for 130 ms of work.
     */
    const nextSlice = () => {
      const period = memory.last;
      if (post && period && period.timeRemaining() > CONTINUE_MIN_MS) post(() => slice(period));
      else requestIdle(slice, { timeout: idleTimeoutMs });
    };
    const task = running;
    if (mayContinue && task && now() - task.start < task.budgetMs / 2 && (task.deadline.didTimeout || task.deadline.timeRemaining() > 2)) {
      slice(task.deadline, task.start);
    } else {
      nextSlice();
    }
  });
}
