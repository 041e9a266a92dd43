/**
 * A task whose result or arguments structured clone refuses fails alone,
 * with MaybeEncodingError, and its worker lives on (ISSUE10 finding 6;
 * Python: MaybeEncodingError, the pool keeps its workers).
 */
import { ErrorCode, Executor, MaybeEncodingError, Pool } from 'corepool';
import { afterAll, describe, expect, it } from 'vitest';

/** Returns the unclonable value number `k`: a function, a symbol, a WeakMap, an object with an own method. */
const unclonable = (k: number): unknown => [() => 1, Symbol('s'), new WeakMap(), { method() {} }, { deep: [1, { f: () => 2 }] }][k];
const KINDS = [0, 1, 2, 3, 4];
/** The worker's identity: its thread id, or its pid in a child process. */
const whoAmI = (): string => `${process.pid}:${require('node:worker_threads').threadId}`;

describe.each(['thread', 'process'] as const)('unclonable values in %s context', (context) => {
  const pool = new Pool({ processes: 1, context });
  afterAll(() => pool.terminate());

  it('each unclonable result rejects its task with ERR_RESULT_NOT_CLONEABLE; the same worker serves the next tasks', async () => {
    const before = await pool.apply(whoAmI);
    for (const k of KINDS) {
      const error = await pool.apply(unclonable, [k]).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(MaybeEncodingError);
      expect(error).toMatchObject({ name: 'MaybeEncodingError', code: ErrorCode.RESULT_NOT_CLONEABLE });
      expect((error as MaybeEncodingError).cause).toBeInstanceOf(Error);
    }
    const error = (await pool.apply(unclonable, [0]).catch((e: unknown) => e)) as MaybeEncodingError;
    expect(error.valueType).toBe('function');
    expect(await pool.apply(whoAmI)).toBe(before);
    const stats = pool.stats();
    expect(stats.crashes).toBe(0);
    expect(stats.perWorker.map((w) => w.id)).toEqual([1]);
    expect(pool.state).toBe('running');
  });

  it('map rejects with the chunk error; imap rejects that chunk at its position and yields the others', async () => {
    const fn = (x: number): unknown => (x === 3 ? () => x : x);
    await expect(pool.map(fn, [1, 2, 3, 4, 5], { chunksize: 2 })).rejects.toMatchObject({ code: ErrorCode.RESULT_NOT_CLONEABLE });
    const it = pool.imap(fn, [1, 2, 3, 4, 5], { chunksize: 2 });
    expect(await it.next()).toEqual({ done: false, value: 1 });
    expect(await it.next()).toEqual({ done: false, value: 2 });
    await expect(it.next()).rejects.toMatchObject({ code: ErrorCode.RESULT_NOT_CLONEABLE });
    expect(await it.next()).toEqual({ done: false, value: 5 });
    expect((await it.next()).done).toBe(true);
    expect(pool.stats().crashes).toBe(0);
  });

  it('unclonable arguments reject the call (never throw) with ERR_ARG_NOT_CLONEABLE; other calls go on', async () => {
    const good = pool.apply((x: number) => x + 1, [1]);
    let bad: Promise<unknown> | undefined;
    expect(() => {
      bad = pool.apply((f: unknown) => typeof f, [() => 1]);
    }).not.toThrow();
    await expect(bad).rejects.toMatchObject({ name: 'MaybeEncodingError', code: ErrorCode.ARG_NOT_CLONEABLE });
    expect(await good).toBe(2);
    await expect(pool.map((x: unknown) => x, [1, Symbol('s'), 3], { chunksize: 1 })).rejects.toMatchObject({
      code: ErrorCode.ARG_NOT_CLONEABLE,
    });
    expect(await pool.map((x: number) => x * 2, [1, 2, 3])).toEqual([2, 4, 6]);
    expect(pool.stats().crashes).toBe(0);
  });

  it('Executor.submit: the future rejects with MaybeEncodingError, for a result and for an argument', async () => {
    const executor = new Executor({ maxWorkers: 1, context });
    try {
      await expect(executor.submit(unclonable, 2).result()).rejects.toMatchObject({ code: ErrorCode.RESULT_NOT_CLONEABLE });
      await expect(executor.submit((w: unknown) => typeof w, new WeakMap()).result()).rejects.toMatchObject({
        code: ErrorCode.ARG_NOT_CLONEABLE,
      });
      expect(await executor.submit((x: number) => x * 3, 3).result()).toBe(9);
    } finally {
      await executor.shutdown();
    }
  });
});
