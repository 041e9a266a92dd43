/**
 * Issue 14, point 2 on the Executor: submitWith({ timeout, signal, priority }),
 * Executor.map's taskTimeout / signal / priority, and the constructor's
 * taskTimeout, abortGrace, idleTimeout and resourceLimits. Tasks report
 * through files (no shared memory in the process context); no clock is
 * asserted on.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ErrorCode, Executor, Future } from 'corepool';
import { afterAll, afterEach, describe, expect, it } from 'vitest';

const dir = mkdtempSync(join(tmpdir(), 'corepool-executor-limits-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;
const file = (): string => join(dir, `f-${files++}`);
const until = async (check: () => boolean): Promise<void> => {
  while (!check()) await new Promise((r) => setTimeout(r, 5));
};

const sleep = (ms: number): Promise<number> => new Promise((r) => setTimeout(() => r(ms), ms));
const hang = (): Promise<never> => new Promise<never>(() => {});
/** Shipped functions name `currentTask` as written (the worker provides it); built from source so no loader renames it. */
const ct = 'currentTask';
/** Writes its worker id to `started`, waits for its signal, writes the reason's name to `done`. */
const cooperative = new Function(
  'started',
  'done',
  `return (async () => {
    const fs = require('node:fs');
    const task = ${ct}();
    fs.writeFileSync(started, String(task.workerId));
    await new Promise((resolve) => task.signal.addEventListener('abort', resolve, { once: true }));
    fs.writeFileSync(done, task.signal.reason.name);
    return 'wound down';
  })();`,
) as (started: string, done: string) => Promise<string>;
const workerId = new Function(`return ${ct}().workerId;`) as () => number;

describe.each(['thread', 'process'] as const)('Executor limits (%s context)', (context) => {
  let executor: Executor | undefined;
  afterEach(async () => {
    await executor?.shutdown({ wait: true, cancelFutures: true }).catch(() => {});
    executor = undefined;
  });

  it('submitWith: timeout counts from the start; an overdue call fails with TimeoutError ERR_TASK_TIMEOUT', async () => {
    executor = new Executor({ maxWorkers: 1, context });
    const slow = executor.submit(sleep, 200);
    const quick = executor.submitWith({ timeout: 100 }, (x: number) => x + 1, 1);
    expect(quick).toBeInstanceOf(Future);
    expect(await quick).toBe(2);
    expect(await slow).toBe(200);
    await expect(executor.submitWith({ timeout: 40 }, hang).result()).rejects.toMatchObject({
      name: 'TimeoutError',
      code: ErrorCode.TASK_TIMEOUT,
    });
    expect(await executor.submit((x: number) => x * 2, 21)).toBe(42);
  });

  it('the taskTimeout option applies to every call; submitWith timeout overrides it', async () => {
    executor = new Executor({ maxWorkers: 1, context, taskTimeout: 40 });
    await expect(executor.submit(hang).result()).rejects.toMatchObject({ code: ErrorCode.TASK_TIMEOUT });
    expect(await executor.submitWith({ timeout: Infinity }, sleep, 100)).toBe(100);
  });

  it('submitWith: signal withdraws a queued call and interrupts a running one (AbortError); priority orders the queue', async () => {
    executor = new Executor({ maxWorkers: 1, context, abortGrace: 10_000 });
    const [started, done] = [file(), file()];
    const running = new AbortController();
    const queued = new AbortController();
    const first = executor.submitWith({ signal: running.signal }, cooperative, started, done);
    const second = executor.submitWith({ signal: queued.signal }, (x: number) => x, 1);
    const low = executor.submitWith({ priority: -1 }, () => 'low');
    const high = executor.submitWith({ priority: 5 }, () => 'high');
    const order: string[] = [];
    for (const f of [low, high]) f.addDoneCallback((g) => void g.result().then((v) => order.push(v as string)));
    await until(() => existsSync(started));
    queued.abort();
    await expect(second.result()).rejects.toMatchObject({ name: 'AbortError' });
    running.abort();
    await expect(first.result()).rejects.toMatchObject({ name: 'AbortError' });
    await until(() => existsSync(done));
    expect(readFileSync(done, 'utf8')).toBe('AbortError');
    expect([await low, await high]).toEqual(['low', 'high']);
    expect(order).toEqual(['high', 'low']);
    // abortGrace: the call wound down, so its worker was kept.
    expect(await executor.submit(workerId)).toBe(Number(readFileSync(started, 'utf8')));
    const aborted = new AbortController();
    aborted.abort();
    await expect(executor.submitWith({ signal: aborted.signal }, () => 1).result()).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('map: taskTimeout applies per chunk from its start, signal aborts the map', async () => {
    executor = new Executor({ maxWorkers: 2, context });
    const hangOn3 = (x: number): Promise<number> | number => (x === 3 ? new Promise<number>(() => {}) : x);
    const it = executor.map(hangOn3, [1, 2, 3, 4], { taskTimeout: 50 });
    expect(await it.next()).toEqual({ done: false, value: 1 });
    expect(await it.next()).toEqual({ done: false, value: 2 });
    await expect(it.next()).rejects.toMatchObject({ code: ErrorCode.TASK_TIMEOUT });
    const out: number[] = [];
    for await (const v of executor.map(sleep, [30, 30, 30, 30], { taskTimeout: 1000, chunksize: 2 })) out.push(v);
    expect(out).toEqual([30, 30, 30, 30]);
    const controller = new AbortController();
    const stopped = executor.map(hang, [1, 2, 3], { signal: controller.signal, priority: 1 });
    const pending = stopped.next();
    controller.abort();
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
    await expect(stopped.next()).rejects.toMatchObject({ name: 'AbortError' });
    const already = executor.map((x: number) => x, [1], { signal: controller.signal });
    await expect(already.next()).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('idleTimeout stops idle workers (restarted on demand)', async () => {
    executor = new Executor({ maxWorkers: 1, context, idleTimeout: 20 });
    const first = await executor.submit(workerId);
    let later = first;
    while (later === first) {
      await new Promise((r) => setTimeout(r, 30));
      later = await executor.submit(workerId);
    }
    expect(later).toBeGreaterThan(first);
  });
});

describe('Executor limits options are validated', () => {
  it('the constructor checks taskTimeout, abortGrace, idleTimeout and resourceLimits', () => {
    expect(() => new Executor({ maxWorkers: 1, taskTimeout: 0 })).toThrow(/options\.taskTimeout must be/);
    expect(() => new Executor({ maxWorkers: 1, abortGrace: -1 })).toThrow(/options\.abortGrace must be/);
    expect(() => new Executor({ maxWorkers: 1, idleTimeout: 'x' as never })).toThrow(/options\.idleTimeout must be/);
    expect(() => new Executor({ maxWorkers: 1, resourceLimits: 5 as never })).toThrow(/options\.resourceLimits must be an object/);
    expect(() => new Executor({ maxWorkers: 1, taskTimout: 5 } as never)).toThrow(/did you mean taskTimeout\?/);
  });

  it('resourceLimits reach the workers', async () => {
    const executor = new Executor({ maxWorkers: 1, resourceLimits: { maxOldGenerationSizeMb: 64 } });
    try {
      const limits = await executor.submit(() => require('node:worker_threads').resourceLimits);
      expect(limits).toMatchObject({ maxOldGenerationSizeMb: 64 });
    } finally {
      await executor.shutdown();
    }
  });

  it('submitWith and map check their options', async () => {
    const executor = new Executor({ maxWorkers: 1 });
    try {
      await expect(executor.submitWith({ timeout: 0 }, () => 1).result()).rejects.toMatchObject({
        code: ErrorCode.INVALID_OPTION,
        message: expect.stringMatching(/^options\.timeout must be a number of milliseconds > 0/),
      });
      await expect(executor.submitWith({ timout: 5 } as never, () => 1).result()).rejects.toThrow(/did you mean timeout\?/);
      await expect(executor.submitWith({ signal: 5 } as never, () => 1).result()).rejects.toMatchObject({ code: ErrorCode.INVALID_OPTION });
      await expect(executor.submitWith(5 as never, () => 1).result()).rejects.toMatchObject({ code: ErrorCode.INVALID_ARG_TYPE });
      await expect(executor.map((x: number) => x, [1], { taskTimeout: -1 }).next()).rejects.toThrow(/^options\.taskTimeout must be/);
      await expect(executor.map((x: number) => x, [1], { priority: Number.NaN }).next()).rejects.toThrow(/options\.priority must be/);
      await expect(executor.map((x: number) => x, [1], { taskTimout: 1 } as never).next()).rejects.toThrow(/did you mean taskTimeout\?/);
    } finally {
      await executor.shutdown();
    }
  });
});
