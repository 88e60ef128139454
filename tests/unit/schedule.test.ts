import { afterEach, describe, expect, it, vi } from 'vitest';
import { runChunked, runSteps, type IdleDeadlineLike } from '../../lib/dom/schedule';

/** A fake clock and an idle queue we drain by hand: each drained callback is one slice. */
function fakeIdle(deadline: Partial<IdleDeadlineLike> = {}) {
  let time = 0;
  const queue: ((d: IdleDeadlineLike) => void)[] = [];
  const slices: number[][] = [];
  return {
    now: () => time,
    advance: (ms: number) => {
      time += ms;
    },
    requestIdle: (cb: (d: IdleDeadlineLike) => void) => {
      queue.push(cb);
    },
    pending: () => queue.length,
    /** Runs one slice, recording the items it ran (via `mark`). */
    runSlice: () => {
      slices.push([]);
      queue.shift()!({ timeRemaining: () => 50, didTimeout: false, ...deadline });
    },
    mark: (item: number) => slices[slices.length - 1]!.push(item),
    slices,
  };
}

const flush = () => new Promise((r) => setTimeout(r, 0));

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('runChunked', () => {
  it('splits work into slices of about the budget, in order', async () => {
    const idle = fakeIdle();
    const items = Array.from({ length: 10 }, (_, i) => i);
    const done = runChunked(items, (i) => {
      idle.mark(i);
      idle.advance(5); // each item takes 5 ms
    }, { budgetMs: 12, now: idle.now, requestIdle: idle.requestIdle });
    while (idle.pending()) idle.runSlice();
    await expect(done).resolves.toBeUndefined();
    // 0→5→10 ms: still under 12, one more; 15 ms: stop. Three items per slice.
    expect(idle.slices).toEqual([[0, 1, 2], [3, 4, 5], [6, 7, 8], [9]]);
  });

  it('runs at least one item per slice even when an item alone exceeds the budget', async () => {
    const idle = fakeIdle();
    const done = runChunked([1, 2, 3], (i) => {
      idle.mark(i);
      idle.advance(30);
    }, { budgetMs: 12, now: idle.now, requestIdle: idle.requestIdle });
    while (idle.pending()) idle.runSlice();
    await done;
    expect(idle.slices).toEqual([[1], [2], [3]]);
  });

  it('ends a slice early when the idle period is nearly over', async () => {
    const idle = fakeIdle({ timeRemaining: () => 0 });
    const done = runChunked([1, 2, 3], (i) => idle.mark(i), { now: idle.now, requestIdle: idle.requestIdle });
    while (idle.pending()) idle.runSlice();
    await done;
    expect(idle.slices).toEqual([[1], [2], [3]]);
  });

  it('after an idle timeout, the budget alone limits the slice', async () => {
    const idle = fakeIdle({ timeRemaining: () => 0, didTimeout: true });
    const done = runChunked([1, 2, 3, 4], (i) => {
      idle.mark(i);
      idle.advance(4);
    }, { budgetMs: 10, now: idle.now, requestIdle: idle.requestIdle });
    while (idle.pending()) idle.runSlice();
    await done;
    expect(idle.slices).toEqual([[1, 2, 3], [4]]);
  });

  it('resolves at once for no items', async () => {
    const work = vi.fn();
    await runChunked([], work);
    expect(work).not.toHaveBeenCalled();
  });

  it('rejects with the reason when aborted before it starts, and runs nothing', async () => {
    const work = vi.fn();
    const signal = AbortSignal.abort(new Error('stop'));
    await expect(runChunked([1], work, { signal })).rejects.toThrow('stop');
    expect(work).not.toHaveBeenCalled();
  });

  it('stops between items when aborted mid-slice, and rejects', async () => {
    const idle = fakeIdle();
    const controller = new AbortController();
    const ran: number[] = [];
    const done = runChunked([1, 2, 3, 4], (i) => {
      ran.push(i);
      if (i === 2) controller.abort(new Error('navigated'));
    }, { signal: controller.signal, now: idle.now, requestIdle: idle.requestIdle });
    idle.runSlice();
    await expect(done).rejects.toThrow('navigated');
    expect(ran).toEqual([1, 2]);
    expect(idle.pending()).toBe(0);
  });

  it('rejects promptly when aborted while waiting for idle time, and the late slice does nothing', async () => {
    const idle = fakeIdle();
    const controller = new AbortController();
    const work = vi.fn();
    const done = runChunked([1, 2], work, { signal: controller.signal, now: idle.now, requestIdle: idle.requestIdle });
    controller.abort(new Error('off'));
    await expect(done).rejects.toThrow('off');
    idle.runSlice(); // the browser still calls the idle callback later
    expect(work).not.toHaveBeenCalled();
  });

  it('rejects with the error of a throwing item and stops', async () => {
    const idle = fakeIdle();
    const ran: number[] = [];
    const done = runChunked([1, 2, 3], (i) => {
      ran.push(i);
      if (i === 2) throw new Error('bad item');
    }, { now: idle.now, requestIdle: idle.requestIdle });
    idle.runSlice();
    await expect(done).rejects.toThrow('bad item');
    expect(ran).toEqual([1, 2]);
    expect(idle.pending()).toBe(0);
  });

  it('uses requestIdleCallback with a timeout when the page has it', async () => {
    const calls: { timeout: number }[] = [];
    vi.stubGlobal('requestIdleCallback', (cb: (d: IdleDeadlineLike) => void, opts: { timeout: number }) => {
      calls.push(opts);
      setTimeout(() => cb({ timeRemaining: () => 10, didTimeout: false }), 0);
      return 1;
    });
    const ran: number[] = [];
    await runChunked([1, 2], (i) => ran.push(i), { idleTimeoutMs: 500 });
    expect(ran).toEqual([1, 2]);
    expect(calls[0]).toEqual({ timeout: 500 });
  });

  it('falls back to setTimeout without requestIdleCallback', async () => {
    vi.stubGlobal('requestIdleCallback', undefined);
    const ran: number[] = [];
    const done = runChunked(Array.from({ length: 100 }, (_, i) => i), (i) => ran.push(i));
    await flush();
    await done;
    expect(ran).toHaveLength(100);
  });
});

describe('runSteps: a run started by another run\'s last slice', () => {
  it('carries on in the same task while the task is under budget, instead of waiting for another idle period', async () => {
    const order: string[] = [];
    await runSteps(() => {
      order.push('first');
      // A task queued now runs only after the task of this slice has ended.
      setTimeout(() => order.push('next task'), 0);
      return false;
    }).then(() =>
      runSteps(() => {
        order.push('second');
        return false;
      }),
    );
    expect(order.slice(0, 2)).toEqual(['first', 'second']);
  });
});

describe('runSteps: a slice that used its budget in a long idle period', () => {
  /** The fake idle queue, plus a task queue; `remaining` is what the idle deadline says is left. */
  function setup(remaining: () => number) {
    const idle = fakeIdle({ timeRemaining: remaining });
    const tasks: (() => void)[] = [];
    let steps = 0;
    const done = runSteps(
      () => {
        steps++;
        idle.advance(5);
        return steps < 9;
      },
      { now: idle.now, requestIdle: idle.requestIdle, postTask: (cb) => tasks.push(cb), budgetMs: 12 },
    );
    return { idle, tasks, done, steps: () => steps };
  }

  it('runs the next slice in a task of its own, in the same idle period, rather than waiting for another', async () => {
    const { idle, tasks, done, steps } = setup(() => 40);
    idle.runSlice();
    expect(steps()).toBe(3); // 15 ms: past the 12 ms budget
    expect(tasks).toHaveLength(1);
    expect(idle.pending()).toBe(0);
    tasks.shift()!();
    expect(steps()).toBe(6);
    tasks.shift()!();
    await done;
    expect(steps()).toBe(9);
  });

  it('waits for the next idle period when this one is nearly over', () => {
    const { idle, tasks } = setup(() => 5);
    idle.runSlice();
    expect(tasks).toHaveLength(0);
    expect(idle.pending()).toBe(1);
  });

  it('waits for an idle period after a slice forced by the idle timeout (the page is busy)', () => {
    const idle = fakeIdle({ timeRemaining: () => 0, didTimeout: true });
    const tasks: (() => void)[] = [];
    let steps = 0;
    void runSteps(() => (idle.advance(5), ++steps < 9), { now: idle.now, requestIdle: idle.requestIdle, postTask: (cb) => tasks.push(cb) });
    idle.runSlice();
    expect(tasks).toHaveLength(0);
    expect(idle.pending()).toBe(1);
  });
});

describe('runSteps: a run that starts after an await, inside the last slice\'s idle period', () => {
  /** Run A does one short slice; run B starts afterwards (as after a message to the background). */
  async function afterAnAwait(deadline: Partial<IdleDeadlineLike>) {
    const idle = fakeIdle(deadline);
    const tasks: (() => void)[] = [];
    const seams = { now: idle.now, requestIdle: idle.requestIdle, postTask: (cb: () => void) => tasks.push(cb), idleMemory: { last: null } };
    const a = runSteps(() => (idle.advance(3), false), seams);
    idle.runSlice();
    await a;
    let ranB = false;
    const b = runSteps(() => ((ranB = true), false), seams);
    return { idle, tasks, b, ranB: () => ranB };
  }

  it('starts in a task of its own in that period, not in the next one', async () => {
    const { idle, tasks, b, ranB } = await afterAnAwait({ timeRemaining: () => 30 });
    expect(idle.pending()).toBe(0);
    expect(tasks).toHaveLength(1);
    tasks.shift()!();
    await b;
    expect(ranB()).toBe(true);
  });

  it('waits for the next idle period when that one is nearly over, or was forced by the timeout', async () => {
    for (const deadline of [{ timeRemaining: () => 5 }, { timeRemaining: () => 0, didTimeout: true }]) {
      const { idle, tasks, b, ranB } = await afterAnAwait(deadline);
      expect(tasks).toHaveLength(0);
      expect(idle.pending()).toBe(1);
      idle.runSlice();
      await b;
      expect(ranB()).toBe(true);
    }
  });
});
