import { BrokenPoolError, ErrorCode, Pool, TimeoutError, WorkerCrashedError } from 'corepool';
import { describe, expect, it } from 'vitest';

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
const threadId = (): number => require('node:worker_threads').threadId as number;

async function settleAll<T>(results: Array<PromiseLike<T>>): Promise<Array<PromiseSettledResult<T>>> {
  return Promise.allSettled(results.map((r) => Promise.resolve(r)));
}

/** Every crash mode: the crashing task rejects with WorkerCrashedError, the rest complete, the worker is replaced. */
describe('crash contract', () => {
  const modes: Array<[string, (x: number) => unknown, number | null, string | undefined]> = [
    [
      'an uncaught error',
      (x) =>
        x === 3
          ? new Promise(() =>
              setTimeout(() => {
                throw new Error('async boom');
              }, 5),
            )
          : x,
      1,
      'async boom',
    ],
    ['process.exit', (x) => (x === 3 ? process.exit(7) : x), 7, undefined],
  ];

  it.each(modes)('%s rejects only the task it ran; the others complete on a replacement', async (_name, fn, exitCode, causeMessage) => {
    const pool = new Pool({ processes: 2 });
    const idsBefore = pool.stats().perWorker.map((w) => w.id);
    const results = Array.from({ length: 10 }, (_, i) => pool.applyAsync(fn, [i]));
    const settled = await settleAll(results);
    const rejected = settled.flatMap((s, i) => (s.status === 'rejected' ? [[i, s.reason] as const] : []));
    expect(rejected.map(([i]) => i)).toEqual([3]);
    const error = rejected[0]![1] as WorkerCrashedError;
    expect(error).toBeInstanceOf(WorkerCrashedError);
    expect(error).toMatchObject({ code: ErrorCode.WORKER_CRASHED, exitCode });
    expect(typeof error.workerId).toBe('number');
    if (causeMessage !== undefined) expect(error.cause).toMatchObject({ message: causeMessage });
    expect(settled.filter((s) => s.status === 'fulfilled').map((s) => (s as PromiseFulfilledResult<unknown>).value)).toEqual([
      0, 1, 2, 4, 5, 6, 7, 8, 9,
    ]);
    const s = pool.stats();
    expect(s.crashes).toBe(1);
    const idsAfter = s.perWorker.map((w) => w.id);
    expect(idsAfter).toHaveLength(2);
    expect(idsAfter).not.toContain(error.workerId);
    expect(idsAfter.filter((id) => !idsBefore.includes(id))).toHaveLength(1);
    expect(await pool.map((x: number) => x * 2, [1, 2, 3, 4], { chunksize: 1 })).toEqual([2, 4, 6, 8]);
    await pool.terminate();
  });

  it('a task that runs out of memory under resourceLimits rejects with the OOM cause; the pool goes on', async () => {
    const pool = new Pool({ processes: 1, resourceLimits: { maxOldGenerationSizeMb: 24, maxYoungGenerationSizeMb: 4 } });
    const hog = (): number => {
      const keep: number[][] = [];
      for (;;) keep.push(new Array(1e5).fill(Math.random()));
    };
    const error = await pool.apply(hog).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WorkerCrashedError);
    expect((error as WorkerCrashedError).cause).toMatchObject({ code: 'ERR_WORKER_OUT_OF_MEMORY' });
    expect(await pool.apply((x: number) => x * 2, [21])).toBe(42);
    await pool.terminate();
  });

  it('batched tasks a dying worker never started are re-queued, finished ones keep their results', async () => {
    const pool = new Pool({ processes: 1 });
    const fn = (x: number): number => (x === 50 ? process.exit(3) : x);
    await pool.map(fn, [0, 1, 2]); // measured as cheap: later tasks travel in batches
    const settled = await settleAll(Array.from({ length: 100 }, (_, i) => pool.applyAsync(fn, [i])));
    const rejected = settled.flatMap((s, i) => (s.status === 'rejected' ? [i] : []));
    expect(rejected).toEqual([50]);
    expect(pool.stats().crashes).toBe(1);
    await pool.terminate();
  });

  it('a map with a crashing item rejects with WorkerCrashedError and nothing hangs', async () => {
    const pool = new Pool({ processes: 2 });
    await expect(
      pool.map(
        (x: number) => (x === 5 ? process.exit(9) : x),
        Array.from({ length: 20 }, (_, i) => i),
        { chunksize: 1 },
      ),
    ).rejects.toMatchObject({ code: ErrorCode.WORKER_CRASHED, exitCode: 9 });
    expect(await pool.map((x: number) => x + 1, [1, 2, 3])).toEqual([2, 3, 4]);
    await pool.terminate();
  });
});

describe('broken pool', () => {
  it('workers that keep failing at start-up break the pool: pending and new work reject with BrokenPoolError', async () => {
    const pool = new Pool({
      processes: 2,
      initializer: () => {
        throw new Error('init failed');
      },
    });
    const pending = pool.apply((x: number) => x, [1]);
    const error = await pending.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BrokenPoolError);
    expect(error).toMatchObject({ code: ErrorCode.POOL_BROKEN });
    expect((error as Error).cause).toMatchObject({ message: 'init failed' });
    expect(pool.state).toBe('broken');
    await expect(pool.map((x: number) => x, [1, 2])).rejects.toBeInstanceOf(BrokenPoolError);
    expect(pool.stats().crashes).toBeGreaterThanOrEqual(3);
    expect(pool.stats().crashes).toBeLessThanOrEqual(4);
    await pool.join();
  });

  it('one failing start-up does not break the pool', async () => {
    const flag = new Int32Array(new SharedArrayBuffer(4));
    const pool = new Pool({
      processes: 2,
      initializer: (f: Int32Array) => {
        if (Atomics.add(f, 0, 1) === 0) throw new Error('first one fails');
      },
      initargs: [flag],
    });
    expect(await pool.map((x: number) => x * 2, [1, 2, 3])).toEqual([2, 4, 6]);
    for (let i = 0; i < 200 && pool.stats().crashes === 0; i++) await sleep(10);
    expect(pool.state).toBe('running');
    expect(pool.stats().crashes).toBe(1);
    expect(await pool.map((x: number) => x * 3, [1, 2, 3], { chunksize: 1 })).toEqual([3, 6, 9]);
    await pool.terminate();
  });
});

describe('taskTimeout and abort', () => {
  it('taskTimeout stops the worker running an overdue task, rejects it with TimeoutError, and the pool stays usable', async () => {
    const pool = new Pool({ processes: 1, taskTimeout: 200 });
    const before = await pool.apply(threadId);
    const quick = Array.from({ length: 20 }, (_, i) => pool.applyAsync((x: number) => x, [i]));
    const error = await pool
      .apply(() => {
        for (;;);
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).toMatchObject({ code: ErrorCode.TASK_TIMEOUT });
    expect(await Promise.all(quick)).toEqual(Array.from({ length: 20 }, (_, i) => i));
    expect(
      await pool.apply(
        async (ms: number) => {
          await new Promise((r) => setTimeout(r, ms));
          return 'in time';
        },
        [50],
      ),
    ).toBe('in time');
    expect(await pool.apply(threadId)).not.toBe(before);
    await pool.terminate();
  });

  it('a timeout inside a batch: the overdue task fails, no task runs twice, unstarted ones complete', async () => {
    const pool = new Pool({ processes: 1, taskTimeout: 300 });
    const runs = new Int32Array(new SharedArrayBuffer(4 * 100));
    const fn = (x: number, counts: Int32Array): number => {
      Atomics.add(counts, x, 1);
      if (x === 50) for (;;);
      return x;
    };
    await pool.map((x: number) => x, [0, 1, 2]);
    await pool.apply(fn, [0, new Int32Array(new SharedArrayBuffer(400))]); // measured cheap: the next ones travel in batches
    const settled = await settleAll(Array.from({ length: 100 }, (_, i) => pool.applyAsync(fn, [i, runs])));
    const rejected = settled.flatMap((r, i) => (r.status === 'rejected' ? [[i, (r.reason as Error).name] as const] : []));
    // Tasks the worker finished but had not reported yet are lost with it (they reject, never re-run);
    // tasks it had not started go back to the queue and complete.
    expect(rejected.at(-1)).toEqual([50, 'TimeoutError']);
    for (const [i, name] of rejected.slice(0, -1)) {
      expect(i).toBeLessThan(50);
      expect(name).toBe('WorkerCrashedError');
    }
    expect(settled.slice(51).every((r) => r.status === 'fulfilled')).toBe(true);
    expect(Array.from(runs).every((n) => n === 1)).toBe(true);
    await pool.terminate();
  });

  it('an AbortSignal removes a queued task before it runs', async () => {
    const pool = new Pool({ processes: 1 });
    const gate = new Int32Array(new SharedArrayBuffer(8));
    const blocker = pool.apply(
      (g: Int32Array) => {
        while (Atomics.load(g, 0) === 0) Atomics.wait(g, 0, 0, 50);
        return 'released';
      },
      [gate],
    );
    const controller = new AbortController();
    const queued = pool.apply((g: Int32Array) => Atomics.add(g, 1, 1), [gate], { signal: controller.signal });
    await sleep(50);
    controller.abort();
    await expect(queued).rejects.toMatchObject({ name: 'AbortError', code: ErrorCode.ABORTED });
    Atomics.store(gate, 0, 1);
    Atomics.notify(gate, 0);
    expect(await blocker).toBe('released');
    expect(await pool.apply((x: number) => x, [5])).toBe(5);
    expect(Atomics.load(gate, 1)).toBe(0);
    await pool.terminate();
  });

  it('an AbortSignal stops a running task by replacing its worker; an aborted signal rejects at once', async () => {
    const pool = new Pool({ processes: 1 });
    const controller = new AbortController();
    const running = pool.apply(
      () => {
        for (;;);
      },
      [],
      { signal: controller.signal },
    );
    await sleep(100);
    controller.abort(new Error('enough'));
    await expect(running).rejects.toMatchObject({ name: 'AbortError', cause: expect.objectContaining({ message: 'enough' }) });
    expect(await pool.apply((x: number) => x + 1, [1])).toBe(2);
    await expect(pool.map((x: number) => x, [1], { signal: AbortSignal.abort() })).rejects.toMatchObject({ name: 'AbortError' });
    await expect(pool.apply((x: number) => x, [1], { signal: AbortSignal.abort() })).rejects.toMatchObject({ name: 'AbortError' });
    expect(pool.stats().crashes).toBe(0);
    await pool.terminate();
  });
});
