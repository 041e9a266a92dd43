import { BrokenPoolError, ErrorCode, Executor, Pool, TimeoutError, Value, WorkerCrashedError } from 'corepool';
import { afterAll, describe, expect, it } from 'vitest';
import { fixture, runNode } from '../helpers/child.js';

const pool = new Pool({ processes: 2, context: 'process' });
afterAll(() => pool.terminate());

const hang = (): Promise<never> => new Promise(() => {});
const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};
const until = async (check: () => boolean, tries = 400): Promise<void> => {
  for (let i = 0; i < tries && !check(); i++) await new Promise((r) => setTimeout(r, 5));
};

describe("context 'process': the Pool API over child processes", () => {
  it('runs map, starmap, apply and imap in other processes', async () => {
    expect(await pool.map((x: number) => x + 1, [1, 2, 3])).toEqual([2, 3, 4]);
    const big = Array.from({ length: 1000 }, (_, i) => i);
    expect(await pool.map((x: number) => x * 2, big)).toEqual(big.map((x) => x * 2));
    expect(
      await pool.starmap(
        (a: number, b: number) => a * b,
        [
          [2, 3],
          [4, 5],
        ],
      ),
    ).toEqual([6, 20]);
    expect(await pool.apply((parent: number) => process.pid !== parent, [process.pid])).toBe(true);
    const out: number[] = [];
    for await (const x of pool.imap((x: number) => x * x, [1, 2, 3])) out.push(x as number);
    expect(out).toEqual([1, 4, 9]);
    expect(pool.stats().perWorker.every((w) => w.osId > 0 && w.osId !== process.pid)).toBe(true);
  });

  it("re-creates the task's own error; copies typed arrays and Maps (advanced serialization)", async () => {
    await expect(
      pool.apply(() => {
        throw new RangeError('too big');
      }),
    ).rejects.toMatchObject({ name: 'RangeError', message: 'too big' });
    const back = await pool.apply(
      (a: Float64Array, m: Map<string, number>) => [a.length, m.get('k')],
      [new Float64Array(4), new Map([['k', 9]])],
    );
    expect(back).toEqual([4, 9]);
  });

  it('rejects a SharedArrayBuffer, a SAB-backed array or a shareable Value with a coded error; other tasks go on', async () => {
    const sab = new SharedArrayBuffer(16);
    for (const arg of [sab, new Float64Array(sab), { nested: [new Int32Array(sab)] }, new Value('i', 0)]) {
      const error = await pool.apply((x: unknown) => x, [arg]).catch((e: unknown) => e);
      expect(error).toMatchObject({ name: 'TypeError', code: ErrorCode.SHARED_MEMORY_UNAVAILABLE });
      expect((error as Error).message).toMatch(/SharedArrayBuffer .*cannot cross into a child process \(context 'process'\)/);
    }
    const results = await Promise.allSettled([
      pool.apply((x: number) => x, [1]),
      pool.apply((x: unknown) => x, [sab]),
      pool.apply((x: number) => x, [3]),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    await expect(pool.parallelFor(4, (s: number) => s, { shared: new Float64Array(sab) })).rejects.toMatchObject({
      code: ErrorCode.SHARED_MEMORY_UNAVAILABLE,
    });
  });
});

describe("context 'process': crash contract", () => {
  it('process.exit in a task rejects it with WorkerCrashedError (exit code), and the worker is replaced', async () => {
    const crashes = pool.stats().crashes;
    const error = await pool.apply(() => process.exit(7)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WorkerCrashedError);
    expect(error).toMatchObject({ code: ErrorCode.WORKER_CRASHED, exitCode: 7, signal: null });
    expect(pool.stats().crashes).toBe(crashes + 1);
    expect(await pool.map((x: number) => x + 1, [1, 2, 3, 4])).toEqual([2, 3, 4, 5]);
  });

  it('an uncaught error in the child rejects the task it held, with the error as cause', async () => {
    const error = await pool
      .apply(
        () =>
          new Promise(() =>
            setTimeout(() => {
              throw new SyntaxError('async boom');
            }, 0),
          ),
      )
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WorkerCrashedError);
    expect((error as WorkerCrashedError).exitCode).toBe(1);
    expect((error as Error).cause).toMatchObject({ name: 'SyntaxError', message: 'async boom' });
    expect(await pool.apply(() => 'still fine')).toBe('still fine');
  });

  it('a child killed with SIGKILL from outside rejects its task with the signal; the others complete', async () => {
    const victim = pool.applyAsync(hang);
    const others = pool.map((x: number) => x * 3, [1, 2, 3]);
    await until(() => pool.stats().perWorker.some((w) => w.held > 0));
    await new Promise((r) => setTimeout(r, 50));
    const busy = pool.stats().perWorker.find((w) => w.held > 0)!;
    process.kill(busy.osId, 'SIGKILL');
    const error = await victim.get().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WorkerCrashedError);
    expect(error).toMatchObject({ exitCode: null, signal: 'SIGKILL' });
    expect((error as Error).message).toContain('was killed by SIGKILL');
    expect(await others).toEqual([3, 6, 9]);
  });

  it('running out of memory under resourceLimits kills only that child (SIGABRT); a new one takes over', async () => {
    const small = new Pool({ processes: 1, context: 'process', resourceLimits: { maxOldGenerationSizeMb: 32 } });
    const hog = (): never => {
      const keep: unknown[] = [];
      for (;;) keep.push(new Array(1e5).fill({ x: 1 }));
    };
    const error = await small.apply(hog).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WorkerCrashedError);
    expect(error).toMatchObject({ exitCode: null, signal: 'SIGABRT' });
    expect(await small.apply(() => 5)).toBe(5);
    await small.terminate();
  });

  it('taskTimeout stops the child running the overdue task and replaces it', async () => {
    const timed = new Pool({ processes: 1, context: 'process', taskTimeout: 150 });
    const first = await timed.apply(() => process.pid);
    await expect(timed.apply(hang)).rejects.toMatchObject({ name: 'TimeoutError', code: ErrorCode.TASK_TIMEOUT });
    await expect(timed.apply(hang)).rejects.toBeInstanceOf(TimeoutError);
    const second = await timed.apply(() => process.pid);
    expect(second).not.toBe(first);
    await until(() => !alive(first));
    expect(alive(first)).toBe(false);
    await timed.terminate();
  });

  it('a failing initializer breaks the pool (BrokenPoolError) instead of looping', async () => {
    const broken = new Pool({
      processes: 2,
      context: 'process',
      initializer: () => {
        throw new Error('no config');
      },
    });
    const error = await broken.apply(() => 1).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BrokenPoolError);
    expect(broken.state).toBe('broken');
    expect(String((error as Error).message)).toMatch(/during start-up/);
    await broken.terminate();
  });

  it('an initializer that calls process.exit also breaks the pool', async () => {
    const broken = new Pool({ processes: 1, context: 'process', initializer: () => process.exit(4) });
    await expect(broken.apply(() => 1)).rejects.toMatchObject({ code: ErrorCode.POOL_BROKEN });
    await broken.terminate();
  });
});

describe("context 'process': Executor and lifetime", () => {
  it('Executor({ context: "process" }) submits and maps', async () => {
    const ex = new Executor({ maxWorkers: 2, context: 'process' });
    expect(await ex.submit((a: number, b: number) => a + b, 2, 3)).toBe(5);
    const out: unknown[] = [];
    for await (const x of ex.map((x: number) => x * x, [1, 2, 3, 4], { chunksize: 2 })) out.push(x);
    expect(out).toEqual([1, 4, 9, 16]);
    await expect(ex.submit((x: unknown) => x, new SharedArrayBuffer(8))).rejects.toMatchObject({
      code: ErrorCode.SHARED_MEMORY_UNAVAILABLE,
    });
    await ex.shutdown();
  });

  it.each(['close-join', 'terminate', 'idle'])('the process exits by itself and leaves no child behind (%s)', async (mode) => {
    const r = await runNode(fixture('process_exit.mjs'), [mode], {}, [], 30_000);
    expect(r.signal, r.stderr).toBeNull();
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain(`ok ${mode}`);
    const pids = /pids ([\d,]+)/.exec(r.stdout)![1]!.split(',').map(Number);
    expect(pids).toHaveLength(2);
    await until(() => pids.every((pid) => !alive(pid)));
    expect(pids.filter(alive)).toEqual([]);
  });

  it.each(['shutdown', 'no-wait', 'idle'])('an Executor in process context lets the process exit (%s)', async (mode) => {
    const r = await runNode(fixture('executor_exit.mjs'), [mode, 'process'], {}, [], 30_000);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain(`ok ${mode}`);
  });
});
