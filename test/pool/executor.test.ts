import { CancelledError, ErrorCode, Executor, Future, PoolStateError, TimeoutError } from 'corepool';
import { afterAll, describe, expect, it } from 'vitest';
import { fixture, runNode } from '../helpers/child.js';

const executor = new Executor({ maxWorkers: 2 });
afterAll(() => executor.shutdown({ cancelFutures: true }));

const square = (x: number): number => x * x;
const sleep = (ms: number, value?: unknown): Promise<unknown> => new Promise((r) => setTimeout(() => r(value ?? ms), ms));
const block = (ms: number): number => {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
  return ms;
};
const fail = (message: string): never => {
  class ValueError extends Error {
    override name = 'ValueError';
  }
  throw new ValueError(message);
};
const until = async (check: () => boolean): Promise<void> => {
  for (let i = 0; i < 500 && !check(); i++) await new Promise((r) => setTimeout(r, 5));
};

describe('Executor.submit and Future', () => {
  it('returns an awaitable Future with the result; done() once settled', async () => {
    const f = executor.submit((a: number, b: number) => a * b, 6, 7);
    expect(f).toBeInstanceOf(Future);
    expect(await f).toBe(42);
    expect(await f.result()).toBe(42);
    expect(f.done()).toBe(true);
    expect(f.cancelled()).toBe(false);
    expect(f.running()).toBe(false);
    expect(await f.exception()).toBeUndefined();
  });

  it("carries the call's own error: result() rejects, exception() resolves to it", async () => {
    const f = executor.submit(fail, 'bad input');
    await expect(f.result()).rejects.toMatchObject({ name: 'ValueError', message: 'bad input' });
    const error = await f.exception();
    expect(error).toMatchObject({ name: 'ValueError', message: 'bad input' });
    await expect(f).rejects.toBe(error);
  });

  it('result(timeout) raises TimeoutError while the call goes on', async () => {
    const f = executor.submit(sleep, 300, 'late');
    const error = await f.result(20).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).toMatchObject({ code: ErrorCode.TIMEOUT });
    await expect(f.exception(10)).rejects.toBeInstanceOf(TimeoutError);
    expect(f.done()).toBe(false);
    expect(await f.result()).toBe('late');
  });

  it('running() is true while a worker runs it; cancel() then fails, and succeeds for a queued call', async () => {
    const one = new Executor({ maxWorkers: 1 });
    const running = one.submit(block, 300);
    const queued = one.submit(square, 3);
    const other = one.submit(square, 4);
    await until(() => running.running());
    expect(running.running()).toBe(true);
    expect(running.cancel()).toBe(false);
    expect(queued.running()).toBe(false);
    expect(queued.cancel()).toBe(true);
    expect(queued.cancel()).toBe(true);
    expect(queued.cancelled() && queued.done()).toBe(true);
    await expect(queued.result()).rejects.toBeInstanceOf(CancelledError);
    await expect(queued.exception()).rejects.toMatchObject({ code: ErrorCode.CANCELLED });
    expect(await running).toBe(300);
    expect(await other).toBe(16);
    expect(other.cancel()).toBe(false);
    await one.shutdown();
  });

  it('addDoneCallback runs on completion, at once when already done, and on cancel; a throwing callback does not stop the rest', async () => {
    const calls: string[] = [];
    const f = executor.submit(sleep, 30, 'v');
    f.addDoneCallback(() => {
      throw new Error('callback bug');
    });
    f.addDoneCallback((done) => calls.push(`first ${String(done === f)}`));
    await f;
    f.addDoneCallback(() => calls.push('late'));
    expect(calls).toEqual(['first true', 'late']);
    const one = new Executor({ maxWorkers: 1 });
    one.submit(block, 100);
    const queued = one.submit(square, 2);
    queued.addDoneCallback((done) => calls.push(`cancelled ${String(done.cancelled())}`));
    queued.cancel();
    expect(calls).toContain('cancelled true');
    expect(() => f.addDoneCallback(5 as never)).toThrow(TypeError);
    await one.shutdown();
  });

  it('rejects a bad timeout and a closure without throwing', async () => {
    await expect(executor.submit(square, 2).result(-1)).rejects.toMatchObject({ code: ErrorCode.INVALID_ARG_TYPE });
    const offset = 1;
    await expect(executor.submit((x: number) => x + offset, 1)).rejects.toMatchObject({ code: ErrorCode.FN_NOT_SELF_CONTAINED });
  });
});

describe('Executor options', () => {
  it('validates maxWorkers and unknown keys with `options.X must be …`', () => {
    expect(() => new Executor({ maxWorkers: 0 })).toThrow(/options\.maxWorkers must be greater than 0/);
    expect(() => new Executor({ maxWorkers: 1.5 })).toThrow(/options\.maxWorkers must be an integer/);
    expect(() => new Executor({ processes: 2 } as never)).toThrow(/options\.processes is not an option of Executor/);
  });

  it('runs the initializer with initargs in each worker, and maxTasksPerChild replaces workers', async () => {
    const init = (value: number): void => {
      (globalThis as { seed?: number }).seed = value;
    };
    const count = (): number => {
      const g = globalThis as { seed?: number; n?: number };
      g.n = (g.n ?? 0) + 1;
      return g.seed! * 100 + g.n;
    };
    const fresh = new Executor({ maxWorkers: 1, initializer: init, initargs: [7], maxTasksPerChild: 1 });
    const results = await Promise.all([1, 2, 3].map(() => fresh.submit(count)));
    expect(results).toEqual([701, 701, 701]);
    await fresh.shutdown();
    const reused = new Executor({ maxWorkers: 1, initializer: init, initargs: [7] });
    expect(await Promise.all([1, 2, 3].map(() => reused.submit(count)))).toEqual([701, 702, 703]);
    await reused.shutdown();
  });
});

describe('Executor.shutdown', () => {
  it('refuses new work after shutdown with a failed future (Python: RuntimeError)', async () => {
    const ex = new Executor({ maxWorkers: 1 });
    const before = ex.submit(sleep, 50, 'finished');
    const done = ex.shutdown();
    const after = ex.submit(square, 2);
    await expect(after).rejects.toBeInstanceOf(PoolStateError);
    await expect(after.result()).rejects.toThrow(/cannot schedule new futures after shutdown/);
    await done;
    expect(before.done()).toBe(true);
    expect(await before).toBe('finished');
    const it = ex.map(square, [1]);
    await expect(it.next()).rejects.toMatchObject({ code: ErrorCode.POOL_NOT_RUNNING });
  });

  it('cancelFutures cancels the queued calls and lets the running one finish', async () => {
    const ex = new Executor({ maxWorkers: 1 });
    const running = ex.submit(block, 150);
    const queued = [1, 2, 3].map((x) => ex.submit(square, x));
    await until(() => running.running());
    await ex.shutdown({ cancelFutures: true });
    expect(await running).toBe(150);
    expect(queued.map((f) => f.cancelled())).toEqual([true, true, true]);
  });

  it('Symbol.asyncDispose waits for the submitted work, like leaving a `with` block', async () => {
    const ex = new Executor({ maxWorkers: 2 });
    const f = ex.submit(sleep, 80, 'waited');
    await ex[Symbol.asyncDispose]();
    expect(f.done()).toBe(true);
    expect(await f).toBe('waited');
  });

  it.each(['shutdown', 'no-wait', 'idle'])('the process exits by itself (%s)', async (mode) => {
    const r = await runNode(fixture('executor_exit.mjs'), [mode], {}, [], 30_000);
    expect(r.signal, r.stderr).toBeNull();
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain(`ok ${mode}`);
    if (mode === 'no-wait') expect(r.stdout).toContain('done 100');
  });
});

describe('python-reference.md program 6', () => {
  it('executor.map over 1..10 in an `await using` block, and the submit → future form', async () => {
    const r = await runNode('examples/executor.ts', [], {}, ['--import', 'tsx'], 60_000);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('map: 1 4 9 16 25 36 49 64 81 100');
    expect(r.stdout).toContain('submit: 144');
    expect(r.stdout).toContain('as completed: 1 4 9 16');
    expect(r.stdout).toContain('after the block: the executor is shut down');
  });
});
