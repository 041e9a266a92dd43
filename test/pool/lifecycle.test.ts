import { ErrorCode, Pool } from 'corepool';
import { describe, expect, it } from 'vitest';
import { fixture, runNode } from '../helpers/child.js';

const sleep = (ms: number): Promise<string> => new Promise((r) => setTimeout(() => r('slept'), ms));
const sleepTask = (ms: number): Promise<string> => new Promise((r) => setTimeout(() => r('slept'), ms));

describe('close, join, terminate', () => {
  it('join() before close() rejects like Python (ValueError); after close() the work finishes and workers exit', async () => {
    const pool = new Pool({ processes: 2 });
    await expect(pool.join()).rejects.toMatchObject({ name: 'PoolStateError', code: ErrorCode.POOL_RUNNING });
    const pending = pool.mapAsync(sleepTask, [50, 50, 50]);
    pool.close();
    expect(pool.state).toBe('closed');
    await pool.join();
    expect(pending.ready()).toBe(true);
    expect(await pending).toEqual(['slept', 'slept', 'slept']);
    expect(pool.stats().workers).toBe(0);
  });

  it('new work after close() rejects with ERR_POOL_NOT_RUNNING, without throwing', async () => {
    const pool = new Pool({ processes: 1 });
    pool.close();
    await expect(pool.apply((x: number) => x, [1])).rejects.toMatchObject({ code: ErrorCode.POOL_NOT_RUNNING });
    await expect(pool.map((x: number) => x, [1])).rejects.toMatchObject({ code: ErrorCode.POOL_NOT_RUNNING });
    const r = pool.applyAsync((x: number) => x, [1]);
    await r.wait();
    expect(r.successful()).toBe(false);
    await expect(pool.imap((x: number) => x, [1]).next()).rejects.toMatchObject({ code: ErrorCode.POOL_NOT_RUNNING });
    await pool.join();
  });

  it('terminate() stops running and queued tasks at once; they reject with ERR_POOL_TERMINATED', async () => {
    const pool = new Pool({ processes: 1 });
    const running = pool.applyAsync(() => {
      for (;;);
    });
    const queued = pool.applyAsync((x: number) => x, [1]);
    for (let i = 0; i < 400 && pool.stats().running < 1; i++) await sleep(25); // start-up time varies with load
    expect(pool.stats()).toMatchObject({ running: 1, queued: 1 });
    await pool.terminate();
    await expect(running.get()).rejects.toMatchObject({ code: ErrorCode.POOL_TERMINATED });
    await expect(queued.get()).rejects.toMatchObject({ code: ErrorCode.POOL_TERMINATED });
    expect(pool.stats().workers).toBe(0);
    expect(pool.state).toBe('terminated');
    await pool.join();
    await expect(pool.apply(() => 1)).rejects.toMatchObject({ code: ErrorCode.POOL_NOT_RUNNING });
  });

  it('await using: leaving the block closes the pool and waits for submitted work (close + join)', async () => {
    let outside: Pool | undefined;
    let result: ReturnType<Pool['mapAsync']> | undefined;
    {
      await using pool = new Pool({ processes: 2 });
      outside = pool;
      result = pool.mapAsync(sleepTask, [30, 30]);
    }
    expect(outside!.state).toBe('closed');
    expect(result!.ready()).toBe(true);
    expect(await result!).toEqual(['slept', 'slept']);
    expect(outside!.stats().workers).toBe(0);
  });
});

describe('maxQueue, maxTasksPerChild, idleTimeout, initializer', () => {
  it('maxQueue: a single task beyond the limit rejects with ERR_QUEUE_FULL; map waits for room', async () => {
    const pool = new Pool({ processes: 1, maxQueue: 2 });
    const gate = new Int32Array(new SharedArrayBuffer(4));
    const block = (g: Int32Array): number => {
      while (Atomics.load(g, 0) === 0) Atomics.wait(g, 0, 0, 50);
      return 1;
    };
    const first = pool.apply(block, [gate]);
    // Wait until the first task is in the worker, not the queue (worker start-up
    // time varies with load, so no fixed sleep).
    for (let i = 0; i < 400 && pool.stats().running < 1; i++) await sleep(25);
    expect(pool.stats().running).toBe(1);
    const q1 = pool.applyAsync((x: number) => x, [1]);
    const q2 = pool.applyAsync((x: number) => x, [2]);
    const over = pool.applyAsync((x: number) => x, [3]);
    await expect(over.get()).rejects.toMatchObject({ code: ErrorCode.QUEUE_FULL });
    const mapped = pool.map((x: number) => x * 2, [1, 2, 3, 4, 5, 6], { chunksize: 1 });
    await sleep(50);
    expect(pool.stats().queued).toBeLessThanOrEqual(2);
    Atomics.store(gate, 0, 1);
    Atomics.notify(gate, 0);
    expect(await first).toBe(1);
    expect([await q1, await q2]).toEqual([1, 2]);
    expect(await mapped).toEqual([2, 4, 6, 8, 10, 12]);
    await pool.terminate();
  });

  it('maxTasksPerChild replaces a worker after that many tasks', async () => {
    const pool = new Pool({ processes: 1, maxTasksPerChild: 2 });
    const ids = await pool.map(() => require('node:worker_threads').threadId as number, [0, 0, 0, 0, 0, 0], { chunksize: 1 });
    expect(ids).toHaveLength(6);
    const distinct = [...new Set(ids)];
    expect(distinct).toHaveLength(3);
    expect(ids).toEqual([distinct[0], distinct[0], distinct[1], distinct[1], distinct[2], distinct[2]]);
    await pool.terminate();
  });

  it('idleTimeout stops idle workers; they come back on demand', async () => {
    const pool = new Pool({ processes: 2, idleTimeout: 50 });
    expect(await pool.apply((x: number) => x + 1, [1])).toBe(2);
    for (let i = 0; i < 100 && pool.stats().workers > 0; i++) await sleep(20);
    expect(pool.stats().workers).toBe(0);
    expect(await pool.map((x: number) => x * 3, [1, 2])).toEqual([3, 6]);
    await pool.terminate();
  });

  it('initializer runs once per worker with initargs (function or module reference)', async () => {
    const pool = new Pool({
      processes: 2,
      initializer: (tag: string) => {
        (globalThis as Record<string, unknown>).tag = `${tag}-${require('node:worker_threads').threadId}`;
      },
      initargs: ['init'],
    });
    const tags = await pool.map(() => (globalThis as Record<string, unknown>).tag, [0, 0, 0, 0], { chunksize: 1 });
    expect(tags.every((t) => typeof t === 'string' && (t as string).startsWith('init-'))).toBe(true);
    await pool.terminate();
    const { task } = await import('corepool');
    const mod = new URL('../fixtures/pool_init.mjs', import.meta.url);
    const viaModule = new Pool({ processes: 1, initializer: task(mod, 'setup'), initargs: ['w', 7] });
    expect(await viaModule.apply(task(mod, 'read'), ['x'])).toBe('w7:x');
    await viaModule.terminate();
  });

  it('initargs may hold shareable objects (they arrive as the same object)', async () => {
    const { Value } = await import('corepool');
    const started = Value('i', 0);
    const pool = new Pool({
      processes: 2,
      initializer: (v: { value: number; getLock(): { acquireSync(): void; release(): void } }) => {
        const lock = v.getLock();
        lock.acquireSync();
        v.value += 1;
        lock.release();
      },
      initargs: [started],
    });
    expect(await pool.map((x: number) => x, [1, 2, 3, 4], { chunksize: 1 })).toEqual([1, 2, 3, 4]);
    for (let i = 0; i < 100 && started.value < 2; i++) await sleep(20);
    expect(started.value).toBe(2);
    await pool.terminate();
  });

  it('an initializer that uses outside variables is refused at construction', () => {
    const secret = 1;
    expect(() => new Pool({ processes: 1, initializer: () => secret })).toThrow(
      expect.objectContaining({ code: ErrorCode.FN_NOT_SELF_CONTAINED }),
    );
  });
});

describe('no leaked workers (child processes)', () => {
  it.each(['idle', 'close-join', 'after-work', 'await-using', 'terminate', 'cjs'])('the process exits by itself: %s', async (mode) => {
    const script = fixture(mode === 'cjs' ? 'pool_exit.cjs' : 'pool_exit.mjs');
    const r = await runNode(script, [mode], {}, [], 30_000);
    expect(r.signal, r.stderr).toBeNull();
    expect(r.status, r.stderr).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toContain(`ok ${mode}`);
    // Pending work kept the process alive until its callback ran.
    if (mode === 'after-work') expect(lines.at(-1)).toBe('callback ran');
  });
});
