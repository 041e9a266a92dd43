/**
 * Issue 14, point 4: `context: 'inline'`, Python's ThreadPool (and
 * ThreadPoolExecutor): tasks run on the calling thread, at most `processes`
 * (× concurrentTasksPerWorker) in flight, with the whole Pool / Executor API.
 * Functions may be closures, and values are passed by reference, so the tests
 * observe concurrency with plain counters in the test's own scope.
 */
import { threadId } from 'node:worker_threads';
import { currentTask, ErrorCode, Executor, Pool, type WorkerCreateEvent } from 'corepool';
import { afterEach, describe, expect, it } from 'vitest';

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const until = async (check: () => boolean): Promise<void> => {
  while (!check()) await sleep(5);
};

/** Counts the tasks in flight through it and the most seen at once. */
function tracker(): { run: <T>(value: T, ms: number) => Promise<T>; peak: () => number; now: () => number } {
  let now = 0;
  let peak = 0;
  return {
    async run<T>(value: T, ms: number): Promise<T> {
      now++;
      peak = Math.max(peak, now);
      try {
        await sleep(ms);
        return value;
      } finally {
        now--;
      }
    },
    peak: () => peak,
    now: () => now,
  };
}

describe("context 'inline'", () => {
  let pool: Pool | undefined;
  afterEach(async () => {
    await pool?.terminate();
    pool = undefined;
  });

  it('map runs closures on the calling thread, at most `processes` at once, results in input order', async () => {
    pool = new Pool({ context: 'inline', processes: 3 });
    const t = tracker();
    const results = await pool.map((x: number) => t.run(x * 2, 20), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], { chunksize: 1 });
    expect(results).toEqual([2, 4, 6, 8, 10, 12, 14, 16, 18, 20]);
    expect(t.peak()).toBe(3);
    expect(await pool.apply(() => threadId)).toBe(threadId);
  });

  it('imap, imapUnordered, starmap and applyAsync work as in the other contexts', async () => {
    pool = new Pool({ context: 'inline', processes: 2 });
    const t = tracker();
    const ordered: number[] = [];
    for await (const r of pool.imap((ms: number) => t.run(ms, ms), [60, 10, 30])) ordered.push(r);
    expect(ordered).toEqual([60, 10, 30]);
    const unordered: number[] = [];
    for await (const r of pool.imapUnordered((ms: number) => t.run(ms, ms), [120, 5])) unordered.push(r);
    expect(unordered).toEqual([5, 120]);
    expect(
      await pool.starmap(
        (a: number, b: number) => a + b,
        [
          [1, 2],
          [3, 4],
        ],
      ),
    ).toEqual([3, 7]);
    const seen: number[] = [];
    const result = pool.applyAsync((x: number) => t.run(x, 5), [7], { callback: (v) => seen.push(v) });
    expect(await result.get()).toBe(7);
    expect(seen).toEqual([7]);
    expect(t.peak()).toBe(2);
  });

  it('passes arguments, results and errors by reference', async () => {
    pool = new Pool({ context: 'inline', processes: 2 });
    const list = [1];
    const made = { made: true };
    const back = await pool.apply(
      (l: number[]) => {
        l.push(2);
        return made;
      },
      [list],
    );
    expect(list).toEqual([1, 2]);
    expect(back).toBe(made);
    class MyError extends Error {}
    const thrown = new MyError('mine', { cause: new RangeError('why') });
    const error = await pool
      .apply(async () => {
        await sleep(1);
        throw thrown;
      })
      .catch((e: unknown) => e);
    expect(error).toBe(thrown);
    expect((error as Error).cause).toBeInstanceOf(RangeError);
    expect(await pool.map((x: { made: boolean }) => x, [made])).toEqual([made]);
    expect((await pool.map((x: { made: boolean }) => x, [made]))[0]).toBe(made);
  });

  it('currentTask() inside a task gives its worker and signal; outside one it is undefined', async () => {
    pool = new Pool({ context: 'inline', processes: 2 });
    const ids = await pool.map(
      async () => {
        await sleep(10);
        return currentTask()?.workerId;
      },
      [1, 2],
      { chunksize: 1 },
    );
    expect(new Set(ids)).toEqual(new Set([1, 2]));
    expect(currentTask()).toBeUndefined();
  });

  it('a timeout rejects the call and fires the task signal; the task keeps its seat until it really ends', async () => {
    pool = new Pool({ context: 'inline', processes: 1 });
    let aborted: string | undefined;
    let firstDone = false;
    const stubborn = async (): Promise<string> => {
      currentTask()?.signal.addEventListener('abort', (e) => {
        aborted = ((e.target as AbortSignal).reason as DOMException).name;
      });
      await sleep(300); // ignores its signal
      firstDone = true;
      return 'late';
    };
    const overdue = pool.apply(stubborn, [], { timeout: 50 });
    await expect(overdue).rejects.toMatchObject({ name: 'TimeoutError', code: ErrorCode.TASK_TIMEOUT });
    expect(aborted).toBe('AbortError');
    // The replacement worker starts only once the abandoned task has ended: never two at once.
    expect(await pool.apply(() => firstDone)).toBe(true);
  });

  it('with abortGrace a task that winds down in time keeps its worker', async () => {
    pool = new Pool({ context: 'inline', processes: 1, abortGrace: 2000 });
    const exits: string[] = [];
    pool.on('workerExit', ({ cause }) => exits.push(cause));
    const polite = async (): Promise<string> => {
      const signal = currentTask()!.signal;
      await new Promise((resolve) => signal.addEventListener('abort', resolve, { once: true }));
      return (signal.reason as DOMException).name;
    };
    await expect(pool.apply(polite, [], { timeout: 50 })).rejects.toMatchObject({ code: ErrorCode.TASK_TIMEOUT });
    const controller = new AbortController();
    const call = pool.apply(polite, [], { signal: controller.signal });
    await sleep(20);
    controller.abort();
    await expect(call).rejects.toMatchObject({ name: 'AbortError' });
    expect(await pool.apply((x: number) => x + 1, [1])).toBe(2);
    expect(exits).toEqual([]);
  });

  it('terminate() rejects running calls and fires their signals', async () => {
    pool = new Pool({ context: 'inline', processes: 2 });
    const t = tracker();
    let fired = 0;
    const waiter = async (): Promise<void> => {
      currentTask()?.signal.addEventListener('abort', () => fired++);
      await t.run(undefined, 100);
    };
    const calls = [pool.apply(waiter), pool.apply(waiter), pool.apply(waiter)];
    await until(() => t.now() === 2);
    await pool.terminate();
    for (const call of calls) await expect(call).rejects.toMatchObject({ code: ErrorCode.POOL_TERMINATED });
    expect(fired).toBe(2);
  });

  it('concurrentTasksPerWorker: up to processes × k async tasks in flight', async () => {
    pool = new Pool({ context: 'inline', processes: 2, concurrentTasksPerWorker: 3 });
    const t = tracker();
    const results = await pool.map(
      (x: number) => t.run(x, 30),
      Array.from({ length: 20 }, (_, i) => i),
      { chunksize: 1 },
    );
    expect(results).toEqual(Array.from({ length: 20 }, (_, i) => i));
    expect(t.peak()).toBe(6);
  });

  it('a synchronous task runs alone and to its end; the initializer (a closure) runs once per worker', async () => {
    let inits = 0;
    pool = new Pool({ context: 'inline', processes: 2, initializer: () => void inits++ });
    const created: WorkerCreateEvent[] = [];
    pool.on('workerCreate', (event) => created.push(event));
    let running = 0;
    let overlap = false;
    const busy = (n: number): number => {
      running++;
      if (running > 1) overlap = true;
      let sum = 0;
      for (let i = 0; i < n; i++) sum += i;
      running--;
      return sum;
    };
    expect(await pool.map(busy, [1000, 2000, 3000], { chunksize: 1 })).toEqual([499500, 1999000, 4498500]);
    expect(overlap).toBe(false);
    expect(inits).toBe(2);
    await sleep(0);
    expect(created.every((e) => e.context === 'inline')).toBe(true);
  });
});

describe("context 'inline' inside a pool worker", () => {
  it("an inline pool made in a thread worker's task leaves that task's currentTask() alone", async () => {
    const pool = new Pool({ processes: 1 });
    try {
      const outer = async (): Promise<unknown[]> => {
        const corepool = require('corepool');
        const inner = new corepool.Pool({ context: 'inline', processes: 1 });
        const innerId = await inner.apply(() => corepool.currentTask()?.workerId);
        await inner.terminate();
        return [corepool.currentTask()?.workerId, innerId];
      };
      expect(await pool.apply(outer)).toEqual([1, 1]);
    } finally {
      await pool.terminate();
    }
  });
});

describe("context 'inline': Executor (ThreadPoolExecutor)", () => {
  it('submit and map run closures, at most maxWorkers at once', async () => {
    const executor = new Executor({ context: 'inline', maxWorkers: 2 });
    try {
      const t = tracker();
      const futures = [1, 2, 3, 4].map((x) => executor.submit((y: number) => t.run(y * 10, 20), x));
      expect(await Promise.all(futures.map((f) => f.result()))).toEqual([10, 20, 30, 40]);
      expect(t.peak()).toBe(2);
      const mapped: number[] = [];
      for await (const v of executor.map((x: number) => t.run(x + 1, 5), [1, 2, 3])) mapped.push(v);
      expect(mapped).toEqual([2, 3, 4]);
    } finally {
      await executor.shutdown();
    }
  });
});

describe("context 'inline': option checks", () => {
  it.each([
    ['maxTasksPerChild', 10],
    ['maxMemoryPerChild', 100],
    ['resourceLimits', { maxOldGenerationSizeMb: 64 }],
  ] as const)('refuses %s with ERR_INVALID_OPTION', (key, value) => {
    expect(() => new Pool({ context: 'inline', [key]: value })).toThrow(
      expect.objectContaining({
        code: ErrorCode.INVALID_OPTION,
        message: expect.stringContaining(`options.${key} must be left out with context 'inline'`),
      }),
    );
  });

  it('Executor refuses them too; maxTasksPerChild null (never) is fine', async () => {
    expect(() => new Executor({ context: 'inline', maxTasksPerChild: 5 })).toThrow(
      expect.objectContaining({ code: ErrorCode.INVALID_OPTION }),
    );
    expect(() => new Executor({ context: 'inline', resourceLimits: {} })).toThrow(
      expect.objectContaining({ code: ErrorCode.INVALID_OPTION }),
    );
    const pool = new Pool({ context: 'inline', processes: 1, maxTasksPerChild: null });
    expect(await pool.apply(() => 1)).toBe(1);
    await pool.terminate();
  });

  it('an unknown context names the three', () => {
    expect(() => new Pool({ context: 'threads' as never })).toThrow("options.context must be 'thread', 'process' or 'inline'");
  });
});
