/**
 * Issue 14, point 4: `concurrentTasksPerWorker` lets one worker run that many
 * async tasks at once (Pool and Executor, thread and process contexts).
 * Overlap is observed, not timed: each task counts the tasks in flight on its
 * worker (a counter on the worker's globalThis) and reports the peak it saw.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ErrorCode, Executor, Pool } from 'corepool';
import { afterAll, afterEach, describe, expect, it } from 'vitest';

// Tasks say they have started by writing a file (no shared memory in the process context).
const dir = mkdtempSync(join(tmpdir(), 'corepool-concurrent-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;
const file = (): string => join(dir, `f-${files++}`);
const until = async (check: () => boolean): Promise<void> => {
  while (!check()) await new Promise((r) => setTimeout(r, 5));
};

/** Counts itself in flight on its worker for `ms`, then returns the most tasks it saw in flight there. */
const tracked = new Function(
  'ms',
  `return (async () => {
    const g = globalThis;
    g.inflight = (g.inflight || 0) + 1;
    g.peak = Math.max(g.peak || 0, g.inflight);
    await new Promise((resolve) => setTimeout(resolve, ms));
    g.inflight -= 1;
    return g.peak;
  })();`,
) as (ms: number) => Promise<number>;

/** The same for a task that sleeps `ms` and returns `[value, peak]`. */
const echo = new Function(
  'value',
  'ms',
  `return (async () => {
    const g = globalThis;
    g.inflight = (g.inflight || 0) + 1;
    g.peak = Math.max(g.peak || 0, g.inflight);
    await new Promise((resolve) => setTimeout(resolve, ms));
    g.inflight -= 1;
    return [value, g.peak];
  })();`,
) as (value: number, ms: number) => Promise<[number, number]>;

/** Writes `started` (when given), waits for its signal (or `ms`), then says whether it was aborted and why. */
const cooperative = new Function(
  'ms',
  'started',
  `return (async () => {
    if (started) require('node:fs').writeFileSync(started, 'x');
    const task = currentTask();
    await new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      task.signal.addEventListener('abort', () => { clearTimeout(timer); resolve(); }, { once: true });
    });
    return task.signal.aborted ? task.signal.reason.name : 'not aborted';
  })();`,
) as (ms: number, started?: string) => Promise<string>;

const failing = async (message: string): Promise<never> => {
  await new Promise((resolve) => setTimeout(resolve, 20));
  throw new Error(message, { cause: new RangeError('the cause') });
};
const hang = (started?: string): Promise<never> => {
  if (started !== undefined) require('node:fs').writeFileSync(started, 'x');
  return new Promise<never>(() => {});
};

describe.each(['thread', 'process'] as const)('concurrentTasksPerWorker (%s context)', (context) => {
  let pool: Pool | undefined;
  afterEach(async () => {
    await pool?.terminate();
    pool = undefined;
  });

  it('two async tasks on one worker overlap with 2, and never with the default 1', async () => {
    pool = new Pool({ processes: 1, context, concurrentTasksPerWorker: 2 });
    const peaks = await pool.map(tracked, [200, 200], { chunksize: 1 });
    expect(Math.max(...peaks)).toBe(2);
    await pool.terminate();
    pool = new Pool({ processes: 1, context });
    expect(Math.max(...(await pool.map(tracked, [50, 50], { chunksize: 1 })))).toBe(1);
  });

  it('holds the cap: never more than k in flight on a worker, all of them used', async () => {
    pool = new Pool({ processes: 1, context, concurrentTasksPerWorker: 3 });
    const calls = Array.from({ length: 10 }, () => pool!.apply(tracked, [40]));
    const peaks = await Promise.all(calls);
    expect(Math.max(...peaks)).toBe(3);
    const more = await pool.map(
      tracked,
      Array.from({ length: 9 }, () => 30),
      { chunksize: 1 },
    );
    expect(Math.max(...more)).toBe(3);
  });

  it('keeps map order while tasks end out of order; imapUnordered yields them as they end', async () => {
    pool = new Pool({ processes: 1, context, concurrentTasksPerWorker: 4 });
    const sleeps = [120, 80, 40, 0];
    const results = await pool.starmap(
      echo,
      sleeps.map((ms, i) => [i, ms]),
      { chunksize: 1 },
    );
    expect(results.map(([value]) => value)).toEqual([0, 1, 2, 3]);
    expect(Math.max(...results.map(([, peak]) => peak))).toBe(4);
    const values: number[] = [];
    const later = (ms: number): Promise<number> => new Promise((r) => setTimeout(() => r(ms), ms));
    for await (const value of pool.imapUnordered(later, [150, 5], { chunksize: 1 })) values.push(value);
    expect(values).toEqual([5, 150]);
  });

  it("a task's error reaches its caller (with its cause), the others succeed", async () => {
    pool = new Pool({ processes: 1, context, concurrentTasksPerWorker: 2 });
    const bad = pool.apply(failing, ['boom']);
    const good = pool.apply(tracked, [60]);
    await expect(bad).rejects.toMatchObject({ message: 'boom', cause: { name: 'RangeError', message: 'the cause' } });
    expect(await good).toBeGreaterThanOrEqual(1);
  });

  it('a timeout rejects only that task; with abortGrace the others keep running on the same worker', async () => {
    pool = new Pool({ processes: 1, context, concurrentTasksPerWorker: 3, abortGrace: 5000 });
    const exits: string[] = [];
    pool.on('workerExit', ({ cause }) => exits.push(cause));
    const slow = pool.apply(cooperative, [400]);
    const overdue = pool.apply(cooperative, [60_000], { timeout: 100 });
    const other = pool.apply(cooperative, [400]);
    await expect(overdue).rejects.toMatchObject({ name: 'TimeoutError', code: ErrorCode.TASK_TIMEOUT });
    expect(await slow).toBe('not aborted');
    expect(await other).toBe('not aborted');
    expect(exits).toEqual([]);
  });

  it('without abortGrace the worker is replaced: the overdue task times out, the others running beside it fail as in a crash and are retried under `retries`', async () => {
    pool = new Pool({ processes: 1, context, concurrentTasksPerWorker: 3 });
    const beside = pool.apply(tracked, [2000]);
    const overdue = pool.apply(hang, [], { timeout: 100 });
    await expect(overdue).rejects.toMatchObject({ name: 'TimeoutError', code: ErrorCode.TASK_TIMEOUT });
    await expect(beside).rejects.toMatchObject({ name: 'WorkerCrashedError', cause: { name: 'TimeoutError' } });
    expect(await pool.apply((x: number) => x + 1, [1])).toBe(2);
    await pool.terminate();

    // An aborted task is never retried; a task running beside it is, as after a crash.
    pool = new Pool({ processes: 1, context, concurrentTasksPerWorker: 3, retries: 1 });
    const retried = pool.apply(tracked, [1000]);
    const controller = new AbortController();
    const started = file();
    const aborted = pool.apply(hang, [started], { signal: controller.signal });
    await until(() => existsSync(started));
    controller.abort();
    await expect(aborted).rejects.toMatchObject({ name: 'AbortError' });
    expect(await retried).toBeGreaterThanOrEqual(1);
    expect(pool.stats().retries).toBe(1);
  });

  it("aborting one call fires only that task's signal (abortGrace)", async () => {
    pool = new Pool({ processes: 1, context, concurrentTasksPerWorker: 2, abortGrace: 5000 });
    const controller = new AbortController();
    const [one, two] = [file(), file()];
    const aborted = pool.apply(cooperative, [60_000, one], { signal: controller.signal });
    const kept = pool.apply(cooperative, [300, two]);
    await until(() => existsSync(one) && existsSync(two));
    controller.abort();
    await expect(aborted).rejects.toMatchObject({ name: 'AbortError' });
    expect(await kept).toBe('not aborted');
  });

  it('terminate() with abortGrace fires every running task signal: the worker stops once both have wound down', async () => {
    // A 60 s grace: terminate() resolves long before it only if both tasks saw their signal and ended.
    pool = new Pool({ processes: 1, context, concurrentTasksPerWorker: 2, abortGrace: 60_000 });
    const [one, two] = [file(), file()];
    const a = pool.apply(cooperative, [120_000, one]);
    const b = pool.apply(cooperative, [120_000, two]);
    await until(() => existsSync(one) && existsSync(two));
    const t0 = performance.now();
    const done = pool.terminate();
    await expect(a).rejects.toMatchObject({ code: ErrorCode.POOL_TERMINATED });
    await expect(b).rejects.toMatchObject({ code: ErrorCode.POOL_TERMINATED });
    await done;
    expect(performance.now() - t0).toBeLessThan(30_000);
  });

  it('Executor: concurrentTasksPerWorker overlaps its futures', async () => {
    const executor = new Executor({ maxWorkers: 1, context, concurrentTasksPerWorker: 2 });
    try {
      const futures = [executor.submit(tracked, 200), executor.submit(tracked, 200)];
      const peaks = await Promise.all(futures.map((f) => f.result()));
      expect(Math.max(...peaks)).toBe(2);
      expect(await executor.submit((x: number) => x * 2, 21)).toBe(42);
    } finally {
      await executor.shutdown();
    }
  });
});

describe('concurrentTasksPerWorker: option checks', () => {
  it.each([0, -1, 1.5, Infinity, Number.NaN])('Pool refuses %s with RangeError ERR_INVALID_OPTION', (value) => {
    expect(() => new Pool({ concurrentTasksPerWorker: value })).toThrow(
      expect.objectContaining({
        name: 'RangeError',
        code: ErrorCode.INVALID_OPTION,
        message: expect.stringContaining('options.concurrentTasksPerWorker'),
      }),
    );
  });

  it('refuses a non-number with TypeError, on Pool and Executor', () => {
    for (const make of [
      () => new Pool({ concurrentTasksPerWorker: '2' as never }),
      () => new Executor({ concurrentTasksPerWorker: '2' as never }),
    ])
      expect(make).toThrow(expect.objectContaining({ name: 'TypeError', code: ErrorCode.INVALID_OPTION }));
    expect(() => new Executor({ concurrentTasksPerWorker: 0 })).toThrow(expect.objectContaining({ code: ErrorCode.INVALID_OPTION }));
  });

  it('a misspelt key is an unknown option that suggests the right one', () => {
    expect(() => new Pool({ concurrentTaskPerWorker: 2 } as never)).toThrow(/did you mean concurrentTasksPerWorker\?/);
    expect(() => new Executor({ concurrentTaskPerWorker: 2 } as never)).toThrow(/did you mean concurrentTasksPerWorker\?/);
  });
});
