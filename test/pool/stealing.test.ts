/**
 * Issue 14 point 1: no task waits behind a long one while a worker is idle,
 * and Future.cancel() succeeds on any task not started yet, as in Python.
 * Thread context (a process has no claim ring; see WorkerHandle.steal). No
 * clock is read: the long task blocks on a shared flag until the test lets
 * it go, so the quick tasks can only finish first if another worker ran them.
 */
import { CancelledError, Executor, Pool } from 'corepool';
import { afterEach, describe, expect, it } from 'vitest';

/** Blocks until `gate[0]` is set when `block`, else returns at once; counts its runs in `runs[0]`. */
const task = (gate: Int32Array, runs: Int32Array, block: boolean, label: number): number => {
  Atomics.add(runs, 0, 1);
  // 30 s: a broken scheduler fails the test below instead of hanging it.
  if (block) Atomics.wait(gate, 0, 0, 30_000);
  return label;
};

const shared = (): Int32Array => new Int32Array(new SharedArrayBuffer(4));

/** Lets every task blocked on `gate` go on. */
function open(gate: Int32Array): void {
  Atomics.store(gate, 0, 1);
  Atomics.notify(gate, 0);
}

/** Rejects with `message` unless `promise` settles within 20 s (the failure mode is a task stuck behind the gate). */
function within<T>(promise: Promise<T>, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), 20_000);
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

/** Resolves once the last progress count recorded in `done` is `count`. */
function reaches(done: number[], count: number): Promise<void> {
  return new Promise((resolve) => {
    const poll = setInterval(() => {
      if (done.at(-1) === count) {
        clearInterval(poll);
        resolve();
      }
    }, 5);
  });
}

describe('work stealing (thread context)', () => {
  let pool: Pool | undefined;
  afterEach(async () => {
    await pool?.terminate();
    pool = undefined;
  });

  it('quick tasks queued with a blocked one all finish on the other worker while it blocks', async () => {
    pool = new Pool({ processes: 2 });
    const gate = shared();
    const runs = shared();
    // Measured quick, the function's tasks are batched: several go in line behind the blocked one.
    for (let i = 0; i < 20; i++) await pool.apply(task, [gate, runs, false, -1]);
    const blocked = pool.applyAsync(task, [gate, runs, true, 0]);
    const quick = Array.from({ length: 40 }, (_, i) => pool!.applyAsync(task, [gate, runs, false, i + 1]));
    const values = await within(Promise.all(quick), 'a quick task waited behind the blocked one');
    expect(values).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    open(gate);
    expect(await blocked).toBe(0);
    // Each task ran exactly once: none was both stolen and run where it was first sent.
    expect(Atomics.load(runs, 0)).toBe(20 + 1 + 40);
    expect(pool.stats().steals).toBeGreaterThan(0);
    // A stolen task's wait in the queue is counted once.
    expect(pool.stats().waitTime.count).toBe(20 + 1 + 40);
  });

  it('[long, short, medium] on 2 workers: the short one never waits behind the long one', async () => {
    pool = new Pool({ processes: 2 });
    const gate = shared();
    const runs = shared();
    for (let i = 0; i < 4; i++) await pool.apply(task, [gate, runs, false, -1]);
    const long = pool.applyAsync(task, [gate, runs, true, 300]);
    const short = pool.applyAsync(task, [gate, runs, false, 50]);
    const medium = pool.applyAsync(task, [gate, runs, false, 150]);
    expect(await within(Promise.all([short, medium]), 'a task waited behind the long one')).toEqual([50, 150]);
    open(gate);
    expect(await long).toBe(300);
  });

  it('map chunks behind a blocked chunk are taken by the idle worker', async () => {
    pool = new Pool({ processes: 2 });
    const gate = shared();
    for (let i = 0; i < 20; i++) await pool.apply((x: number) => x, [i]);
    const chunk = (g: Int32Array, x: number): number => {
      if (x === 0) Atomics.wait(g, 0, 0, 30_000);
      return x * 2;
    };
    const done: number[] = [];
    const mapped = pool.starmap(
      chunk,
      Array.from({ length: 64 }, (_, i) => [gate, i] as [Int32Array, number]),
      { chunksize: 1, onProgress: (n) => void done.push(n) },
    );
    // Every chunk but the blocked first one completes while it blocks.
    await within(reaches(done, 63), 'map chunks waited behind the blocked one');
    open(gate);
    expect(await mapped).toEqual(Array.from({ length: 64 }, (_, i) => i * 2));
  });
});

describe('tasks sent again (thread context)', () => {
  let pool: Pool | undefined;
  afterEach(async () => {
    await pool?.terminate();
    pool = undefined;
  });

  it('map chunks of plain numbers (sent packed) stolen from a blocked worker give the right results', async () => {
    const gate = shared();
    // The gate reaches the workers through the initializer: a map's function sees only its item.
    pool = new Pool({
      processes: 2,
      initializer: (g: Int32Array) => {
        (globalThis as { gate?: Int32Array }).gate = g;
      },
      initargs: [gate],
    });
    const twice = (x: number): number => {
      if (x === -1) Atomics.wait((globalThis as unknown as { gate: Int32Array }).gate, 0, 0, 30_000);
      return x * 2;
    };
    await pool.map(twice, [1, 2, 3, 4], { chunksize: 1 });
    const items = [-1, ...Array.from({ length: 63 }, (_, i) => i)];
    const done: number[] = [];
    const mapped = pool.map(twice, items, { chunksize: 1, onProgress: (n) => void done.push(n) });
    await within(reaches(done, 63), 'map chunks waited behind the blocked one');
    open(gate);
    expect(await mapped).toEqual(items.map((x) => x * 2));
    expect(pool.stats().steals).toBeGreaterThan(0);
  });

  it('a call whose arguments were transferred to a worker that dies before starting it fails, never runs on a detached copy', async () => {
    pool = new Pool({ processes: 1, retries: 2 });
    const gate = shared();
    // One function for both calls, measured quick first, so the pool batches them into one message.
    const fn = (g: Int32Array, a: Float64Array, die: boolean): number => {
      if (die) {
        Atomics.wait(g, 0, 0, 30_000);
        process.exit(3);
      }
      return a.length;
    };
    const length = (a: Float64Array): Promise<number> => pool!.apply(fn, [gate, a, false]);
    for (let i = 0; i < 20; i++) await length(new Float64Array(1));
    const dying = pool.applyAsync(fn, [gate, new Float64Array(0), true]);
    const moved = new Float64Array(8);
    const call = pool.applyAsync(fn, [gate, moved, false], { transfer: [moved.buffer] });
    // Transferred: the worker holds it (in line behind the dying task) and the array here is detached.
    while (moved.length !== 0) await new Promise((resolve) => setTimeout(resolve, 2));
    open(gate);
    await expect(dying).rejects.toMatchObject({ name: 'WorkerCrashedError' });
    await expect(call).rejects.toMatchObject({ name: 'WorkerCrashedError', message: expect.stringContaining('transferred arguments') });
    // The pool goes on.
    expect(await length(new Float64Array(2))).toBe(2);
  });
});

describe('Future.cancel() (thread context)', () => {
  let executor: Executor | undefined;
  afterEach(async () => {
    await executor?.shutdown({ wait: false, cancelFutures: true });
    executor = undefined;
  });

  it('succeeds on every task not started, queued or already handed to a busy worker, and those never run', async () => {
    executor = new Executor({ maxWorkers: 2 });
    const gate = shared();
    const runs = shared();
    for (let i = 0; i < 20; i++) await executor.submit(task, gate, runs, false, -1);
    const blockers = [executor.submit(task, gate, runs, true, 0)];
    while (!blockers[0]!.running()) await new Promise((resolve) => setTimeout(resolve, 2));
    blockers.push(executor.submit(task, gate, runs, true, 0));
    while (!blockers[1]!.running()) await new Promise((resolve) => setTimeout(resolve, 2));
    const waiting = Array.from({ length: 10 }, (_, i) => executor!.submit(task, gate, runs, false, i + 1));
    // Let the dispatch happen: measured quick, some of them now sit in the busy workers' batches.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(Atomics.load(runs, 0)).toBe(22);
    expect(waiting.map((f) => f.cancel())).toEqual(Array(10).fill(true));
    for (const f of waiting) {
      expect(f.cancelled()).toBe(true);
      await expect(f.result()).rejects.toBeInstanceOf(CancelledError);
    }
    open(gate);
    expect(await Promise.all(blockers.map((f) => f.result()))).toEqual([0, 0]);
    // The workers reached the cancelled ones and skipped them.
    expect(await executor.submit(task, gate, runs, false, 99).result()).toBe(99);
    expect(Atomics.load(runs, 0)).toBe(23);
  });

  it('fails on a task that has started', async () => {
    executor = new Executor({ maxWorkers: 1 });
    const gate = shared();
    const runs = shared();
    const running = executor.submit(task, gate, runs, true, 1);
    while (!running.running()) await new Promise((resolve) => setTimeout(resolve, 2));
    expect(running.cancel()).toBe(false);
    open(gate);
    expect(await running.result()).toBe(1);
  });
});
