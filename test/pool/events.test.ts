/**
 * Issue 14: a Pool is an EventEmitter of drain, workerCreate, workerExit,
 * taskError and backpressure, in both contexts. No clock is read.
 */
import { once } from 'node:events';
import { ErrorCode, Pool, type PoolEvents, type WorkerExitEvent } from 'corepool';
import { afterEach, describe, expect, it } from 'vitest';
import { fixture, runNode } from '../helpers/child.js';

const id = (x: unknown): unknown => x;
const nap = (ms: number): Promise<number> => new Promise((r) => setTimeout(() => r(ms), ms));

/** Collects every payload of `name` the pool emits. */
function record<K extends keyof PoolEvents>(pool: Pool, name: K): Array<PoolEvents[K]> {
  const seen: Array<PoolEvents[K]> = [];
  pool.on(name, ((...args: PoolEvents[K]) => void seen.push(args)) as never);
  return seen;
}

/** The next workerExit whose cause is `cause`. */
function exitOf(pool: Pool, cause: WorkerExitEvent['cause']): Promise<WorkerExitEvent> {
  return new Promise((resolve) => {
    const listener = (e: WorkerExitEvent): void => {
      if (e.cause !== cause) return;
      pool.off('workerExit', listener);
      resolve(e);
    };
    pool.on('workerExit', listener);
  });
}

describe.each(['thread', 'process'] as const)('Pool events (%s context)', (context) => {
  let pool: Pool | undefined;
  afterEach(async () => {
    await pool?.terminate();
    pool = undefined;
  });

  it('workerCreate reports the first workers to listeners added right after the constructor', async () => {
    pool = new Pool({ processes: 2, context });
    const created = record(pool, 'workerCreate');
    await pool.apply(id, [1]);
    expect(created.map(([e]) => e.workerId).sort()).toEqual([1, 2]);
    for (const [e] of created) {
      expect(e.context).toBe(context);
      expect(typeof e.osId).toBe('number');
    }
    expect(new Set(created.map(([e]) => e.osId)).size).toBe(2);
  });

  it('workerExit gives the exit code and cause: maxTasksPerChild, crash, taskTimeout, close, terminate', async () => {
    pool = new Pool({ processes: 1, context, maxTasksPerChild: 1 });
    const created = record(pool, 'workerCreate');
    const retired = exitOf(pool, 'maxTasksPerChild');
    await pool.apply(id, [1]);
    expect(await retired).toMatchObject({ workerId: 1, cause: 'maxTasksPerChild', error: undefined });
    await pool.terminate();

    pool = new Pool({ processes: 1, context });
    const crashed = exitOf(pool, 'crash');
    await expect(pool.apply(() => process.exit(3))).rejects.toMatchObject({ code: ErrorCode.WORKER_CRASHED });
    expect(await crashed).toMatchObject({ workerId: 1, exitCode: 3, signal: null, cause: 'crash' });
    await pool.terminate();

    pool = new Pool({ processes: 1, context, taskTimeout: 50 });
    const overdue = exitOf(pool, 'taskTimeout');
    await expect(pool.apply(() => new Promise(() => {}))).rejects.toMatchObject({ code: ErrorCode.TASK_TIMEOUT });
    expect(await overdue).toMatchObject({ cause: 'taskTimeout', error: { code: ErrorCode.TASK_TIMEOUT } });
    await pool.terminate();

    pool = new Pool({ processes: 1, context });
    await pool.apply(id, [1]);
    const closed = exitOf(pool, 'close');
    pool.close();
    await pool.join();
    expect(await closed).toMatchObject({ workerId: 1, cause: 'close' });

    pool = new Pool({ processes: 1, context });
    await pool.apply(id, [1]);
    const stopped = exitOf(pool, 'terminate');
    await pool.terminate();
    expect(await stopped).toMatchObject({ workerId: 1, cause: 'terminate' });
    // The retired worker was replaced.
    expect(created.map(([e]) => e.workerId)).toEqual([1, 2]);
  });

  it('workerExit: idle after idleTimeout', async () => {
    pool = new Pool({ processes: 1, context, idleTimeout: 10 });
    const idle = exitOf(pool, 'idle');
    await pool.apply(id, [1]);
    expect(await idle).toMatchObject({ workerId: 1, cause: 'idle', error: undefined });
  });

  it('taskError carries the error the caller gets and the worker that ran the task', async () => {
    pool = new Pool({ processes: 1, context });
    const errors = record(pool, 'taskError');
    const failing = (): never => {
      throw new RangeError('bad input');
    };
    await expect(pool.apply(failing)).rejects.toThrow('bad input');
    expect(errors).toHaveLength(1);
    expect(errors[0]![0].error).toBeInstanceOf(RangeError);
    expect(errors[0]![0]).toMatchObject({ error: { message: 'bad input' }, workerId: 1 });
    // A call refused before it reaches the pool is the caller's own error, not a task's.
    await expect(pool.apply(id, [1], { chunksize: 1 } as never)).rejects.toMatchObject({ code: ErrorCode.INVALID_OPTION });
    expect(errors).toHaveLength(1);
  });

  it('backpressure fires when the queue reaches maxQueue', async () => {
    pool = new Pool({ processes: 1, context, maxQueue: 2 });
    const pressure = record(pool, 'backpressure');
    await pool.apply(id, [0]);
    const running = pool.applyAsync(nap, [20]);
    await Promise.resolve();
    const first = pool.applyAsync(nap, [1]);
    expect(pressure).toHaveLength(0);
    const second = pool.applyAsync(nap, [2]);
    expect(pressure).toEqual([[{ queued: 2, maxQueue: 2 }]]);
    await expect(pool.apply(nap, [3])).rejects.toMatchObject({ code: ErrorCode.QUEUE_FULL });
    expect(await Promise.all([running, first, second])).toEqual([20, 1, 2]);
    expect(pressure).toHaveLength(1);
  });

  it('a listener that throws surfaces as an uncaught exception and never disturbs the pool', async () => {
    const r = await runNode(fixture('pool_throwing_listener.mjs'), [context], {}, [], 30_000);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('[2,"TypeError",[2,4,6]] uncaught true');
  });

  it('drain fires once every submitted task has settled', async () => {
    pool = new Pool({ processes: 2, context });
    await pool.apply(id, [0]);
    const results = [pool.applyAsync(nap, [5]), pool.mapAsync((x: number) => x * 2, [1, 2, 3], { chunksize: 1 })];
    const drained = once(pool, 'drain').then(() => results.map((r) => r.ready()));
    expect(await drained).toEqual([true, true]);
    expect(pool.stats()).toMatchObject({ queued: 0, running: 0 });
    // Each busy spell ends with one drain.
    const drains = record(pool, 'drain');
    const next = once(pool, 'drain');
    await pool.map((x: number) => x, [1, 2, 3]);
    await next;
    expect(drains.length).toBe(1);
  });
});
