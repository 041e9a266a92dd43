import {
  ALL_COMPLETED,
  asCompleted,
  ErrorCode,
  Executor,
  FIRST_COMPLETED,
  FIRST_EXCEPTION,
  TimeoutError,
  wait,
  type Future,
} from 'corepool';
import { afterAll, describe, expect, it } from 'vitest';

const executor = new Executor({ maxWorkers: 2 });
afterAll(() => executor.shutdown({ cancelFutures: true }));

const sleep = (ms: number, value?: unknown): Promise<unknown> => new Promise((r) => setTimeout(() => r(value ?? ms), ms));
const collect = async <T>(it: AsyncIterable<T>): Promise<T[]> => {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
};

describe('Executor.map', () => {
  it('yields results in input order, whatever order they finish in', async () => {
    const delays = [60, 10, 40, 0, 20];
    expect(await collect(executor.map(sleep, delays))).toEqual(delays);
  });

  it("zips several iterables like Python's zip, stopping at the shortest", async () => {
    const add = (a: number, b: string): string => `${a}${b}`;
    expect(await collect(executor.map(add, [1, 2, 3, 4], ['a', 'b', 'c']))).toEqual(['1a', '2b', '3c']);
    expect(await collect(executor.map(add, [], ['a']))).toEqual([]);
    expect(await collect(executor.map(() => 1))).toEqual([]);
  });

  it('gives the same results for any chunksize, and takes async iterables', async () => {
    const inc = (x: number): number => x + 1;
    const input = Array.from({ length: 103 }, (_, i) => i);
    const expected = input.map((x) => x + 1);
    for (const chunksize of [1, 7, 50, 200]) expect(await collect(executor.map(inc, input, { chunksize }))).toEqual(expected);
    async function* gen(): AsyncGenerator<number> {
      for (const x of input) yield x;
    }
    expect(await collect(executor.map(inc, gen(), { chunksize: 10 }))).toEqual(expected);
  });

  it('raises the first failing call in order, after the earlier results, and cancels the rest', async () => {
    const one = new Executor({ maxWorkers: 1 });
    const f = (x: number): number => {
      if (x === 3) throw new RangeError(`bad ${x}`);
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 5);
      return x;
    };
    const seen: number[] = [];
    const error = await (async () => {
      for await (const x of one.map(f, [1, 2, 3, 4, 5, 6, 7, 8])) seen.push(x);
    })().catch((e: unknown) => e);
    expect(seen).toEqual([1, 2]);
    expect(error).toMatchObject({ name: 'RangeError', message: 'bad 3' });
    await one.shutdown();
  });

  it('timeout (ms from the call) makes the iterator throw TimeoutError', async () => {
    const it = executor.map(sleep, [10, 400, 400], { timeout: 100 });
    expect(await it.next()).toEqual({ done: false, value: 10 });
    const error = await it.next().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).toMatchObject({ code: ErrorCode.TIMEOUT });
    await expect(it.next()).rejects.toBe(error);
  });

  it('buffersize bounds what is pulled from an endless input', async () => {
    let pulled = 0;
    function* naturals(): Generator<number> {
      for (let i = 0; ; i++) {
        pulled++;
        yield i;
      }
    }
    const taken: number[] = [];
    for await (const x of executor.map((x: number) => x * 2, naturals(), { buffersize: 4 })) {
      taken.push(x as number);
      if (taken.length === 10) break;
    }
    expect(taken).toEqual([0, 2, 4, 6, 8, 10, 12, 14, 16, 18]);
    expect(pulled).toBeLessThanOrEqual(10 + 4 + 1);
  });

  it('validates its options', async () => {
    await expect(executor.map((x: number) => x, [1], { chunksize: 0 }).next()).rejects.toThrow(
      /options\.chunksize must be an integer >= 1/,
    );
    await expect(executor.map((x: number) => x, [1], { timeout: -1 }).next()).rejects.toThrow(/options\.timeout must be >= 0/);
    await expect(executor.map((x: number) => x, [1], { bogus: 1 } as never).next()).rejects.toThrow(
      /options\.bogus is not an option of Executor\.map/,
    );
    await expect(executor.map((x: number) => x, 5 as never).next()).rejects.toMatchObject({ code: ErrorCode.INVALID_ARG_TYPE });
  });
});

describe('asCompleted', () => {
  it('yields futures as they complete (done ones first), each once', async () => {
    const done = executor.submit(sleep, 0, 'first');
    await done;
    const slow = executor.submit(sleep, 150, 'slow');
    const fast = executor.submit(sleep, 20, 'fast');
    const order: unknown[] = [];
    // TypeScript types a for-await variable as the awaited value; at run time it is the Future itself.
    for await (const f of asCompleted([slow, fast, done, fast])) order.push(await (f as unknown as Future).result());
    expect(order).toEqual(['first', 'fast', 'slow']);
  });

  it('throws TimeoutError naming the unfinished count when time runs out', async () => {
    const fast = executor.submit(sleep, 0, 'x');
    const slow = executor.submit(sleep, 500, 'y');
    const seen: Future[] = [];
    const error = await (async () => {
      for await (const f of asCompleted([fast, slow], 80)) seen.push(f as Future);
    })().catch((e: unknown) => e);
    expect(seen).toEqual([fast]);
    expect(error).toBeInstanceOf(TimeoutError);
    expect((error as Error).message).toBe('1 (of 2) futures unfinished');
    await slow;
  });
});

describe('wait', () => {
  it('ALL_COMPLETED (default) returns once all are done', async () => {
    const fs = [10, 30, 50].map((ms) => executor.submit(sleep, ms));
    const { done, notDone } = await wait(fs);
    expect(done.size).toBe(3);
    expect(notDone.size).toBe(0);
    expect((await wait(fs, { returnWhen: ALL_COMPLETED })).done.size).toBe(3);
  });

  it('FIRST_COMPLETED returns at the first completion', async () => {
    const slow = executor.submit(sleep, 400);
    const fast = executor.submit(sleep, 10);
    const { done, notDone } = await wait([slow, fast], { returnWhen: FIRST_COMPLETED });
    expect([...done]).toEqual([fast]);
    expect([...notDone]).toEqual([slow]);
    await slow;
  });

  it('FIRST_EXCEPTION returns at the first failure, or when all are done without one', async () => {
    const slow = executor.submit(sleep, 400);
    const bad = executor.submit((ms: number) => new Promise((_, reject) => setTimeout(() => reject(new Error('no')), ms)), 20);
    const { done, notDone } = await wait([slow, bad], { returnWhen: FIRST_EXCEPTION });
    expect([...done]).toEqual([bad]);
    expect(notDone.has(slow)).toBe(true);
    const ok = [executor.submit(sleep, 5), executor.submit(sleep, 15)];
    expect((await wait(ok, { returnWhen: FIRST_EXCEPTION })).done.size).toBe(2);
    await slow;
  });

  it('a timeout resolves with what is done so far; bad options reject', async () => {
    const slow = executor.submit(sleep, 300);
    const fast = executor.submit(sleep, 0);
    await fast;
    const { done, notDone } = await wait([slow, fast], { timeout: 30 });
    expect([...done]).toEqual([fast]);
    expect([...notDone]).toEqual([slow]);
    await expect(wait([slow], { returnWhen: 'SOMETIMES' as never })).rejects.toMatchObject({ code: ErrorCode.INVALID_OPTION });
    await expect(wait([slow], { timeout: -5 })).rejects.toThrow(/options\.timeout must be/);
    await slow;
  });
});
