import { AsyncResult, ErrorCode, Pool, Queue, Value, kernels, task, type PoolFn } from 'corepool';
import { afterAll, describe, expect, it } from 'vitest';

const pool = new Pool({ processes: 2 });
afterAll(() => pool.terminate());

const work = (name: string): PoolFn => task(new URL('../fixtures/pool_work.mjs', import.meta.url), name);

describe('apply / applyAsync', () => {
  it('runs a self-contained function, sync or async, with its arguments', async () => {
    expect(await pool.apply((a: number, b: number) => a * b, [6, 7])).toBe(42);
    expect(await pool.apply(async (s: string) => `${s}!`, ['hi'])).toBe('hi!');
    expect(await pool.apply(() => 'no args')).toBe('no args');
  });

  it('runs method shorthand and recursive named functions', async () => {
    const obj = {
      square(x: number) {
        return x * x;
      },
    };
    expect(await pool.apply(obj.square, [9])).toBe(81);
    expect(
      await pool.apply(
        function fact(n: number): number {
          return n <= 1 ? 1 : n * fact(n - 1);
        },
        [5],
      ),
    ).toBe(120);
  });

  it('rejects a closure before it reaches a worker, naming the free variable', async () => {
    const offset = 3;
    const before = pool.stats().completed + pool.stats().failed;
    const error = await pool.apply((x: number) => x + offset, [1]).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'TypeError', code: ErrorCode.FN_NOT_SELF_CONTAINED });
    expect((error as Error).message).toContain("'offset'");
    expect((error as { freeVariables: string[] }).freeVariables).toEqual(['offset']);
    expect(pool.stats().completed + pool.stats().failed).toBe(before);
  });

  it('rejects native and bound functions, and non-functions, without throwing', async () => {
    await expect(pool.apply(Math.sqrt, [4])).rejects.toMatchObject({ code: ErrorCode.FN_NOT_SELF_CONTAINED });
    await expect(pool.apply(((x: number) => x).bind(null), [4])).rejects.toMatchObject({ code: ErrorCode.FN_NOT_SELF_CONTAINED });
    await expect(pool.apply(42 as never, [])).rejects.toMatchObject({ code: ErrorCode.INVALID_ARG_TYPE });
    await expect(pool.apply((x: number) => x, 5 as never)).rejects.toMatchObject({ code: ErrorCode.INVALID_ARG_TYPE });
  });

  it("re-creates the task's own error: class, message, stack, code, extra fields and cause", async () => {
    const error = await pool
      .apply(() => {
        const e = Object.assign(new RangeError('too big'), { code: 'E_BIG', limit: 10 });
        e.cause = new Error('root cause');
        throw e;
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RangeError);
    expect(error).toMatchObject({ name: 'RangeError', message: 'too big', code: 'E_BIG', limit: 10 });
    expect((error as Error).stack).toContain('too big');
    expect((error as Error).cause).toMatchObject({ message: 'root cause' });
    const custom = await pool
      .apply(() => {
        class MyError extends Error {
          override name = 'MyError';
        }
        throw new MyError('mine');
      })
      .catch((e: unknown) => e);
    expect(custom).toMatchObject({ name: 'MyError', message: 'mine' });
    await expect(
      pool.apply(() => {
        throw 'a string';
      }),
    ).rejects.toBe('a string');
  });

  it('AsyncResult: callback, ready, successful, wait, get(timeout) and await', async () => {
    const seen: unknown[] = [];
    const r = pool.applyAsync((ms: number) => new Promise((res) => setTimeout(() => res('done'), ms)), [200], {
      callback: (v) => seen.push(v),
    });
    expect(r).toBeInstanceOf(AsyncResult);
    expect(r.ready()).toBe(false);
    expect(() => r.successful()).toThrow(expect.objectContaining({ code: ErrorCode.RESULT_NOT_READY }));
    await expect(r.get(10)).rejects.toMatchObject({ name: 'TimeoutError', code: ErrorCode.TIMEOUT });
    await r.wait(5);
    expect(r.ready()).toBe(false);
    expect(await r).toBe('done');
    expect(r.ready()).toBe(true);
    expect(r.successful()).toBe(true);
    expect(seen).toEqual(['done']);
    await r.wait();
    expect(await r.get(0)).toBe('done');
  });

  it('AsyncResult: errorCallback, and no unhandled rejection when never awaited', async () => {
    const errors: unknown[] = [];
    const r = pool.applyAsync(
      () => {
        throw new Error('boom');
      },
      [],
      { errorCallback: (e) => errors.push(e) },
    );
    await r.wait();
    expect(r.successful()).toBe(false);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ message: 'boom' });
    await expect(r.get()).rejects.toMatchObject({ message: 'boom' });
    await expect(r.get(-1)).rejects.toMatchObject({ code: ErrorCode.INVALID_ARG_TYPE });
  });
});

describe('map / starmap', () => {
  it('keeps input order for every chunksize and takes any iterable', async () => {
    const input = Array.from({ length: 103 }, (_, i) => i);
    const expected = input.map((x) => x * x);
    for (const chunksize of [undefined, 0, 1, 7, 500]) {
      expect(await pool.map((x: number) => x * x, input, { chunksize })).toEqual(expected);
    }
    expect(await pool.map((x: number) => x + 1, new Set([1, 2, 3]))).toEqual([2, 3, 4]);
    async function* gen(): AsyncGenerator<number> {
      yield 1;
      yield 2;
    }
    expect(await pool.map((x: number) => x * 10, gen())).toEqual([10, 20]);
    expect(await pool.map((x: number) => x, [])).toEqual([]);
  });

  it('numeric chunks (sent packed) keep NaN, -0, Infinity and non-number results intact', async () => {
    const input = Array.from({ length: 40 }, (_, i) => [NaN, -0, Infinity, -Infinity, 2 ** 53 + 2, i][i % 6]!);
    const same = await pool.map((x: number) => x, input, { chunksize: 20 });
    expect(same.map((x) => (Object.is(x, -0) ? '-0' : String(x)))).toEqual(input.map((x) => (Object.is(x, -0) ? '-0' : String(x))));
    const mixed = await pool.map(
      (x: number) => (x === 7 ? 'seven' : x),
      Array.from({ length: 32 }, (_, i) => i),
      { chunksize: 32 },
    );
    expect(mixed[7]).toBe('seven');
    expect(mixed[8]).toBe(8);
    const objects = await pool.map(
      (x: number) => ({ x }),
      Array.from({ length: 20 }, (_, i) => i),
    );
    expect(objects[19]).toEqual({ x: 19 });
  });

  it('mapAsync and starmapAsync call back with the whole list', async () => {
    let got: unknown;
    const r = pool.starmapAsync(
      (a: number, b: number) => a - b,
      [
        [5, 1],
        [9, 3],
      ],
      { callback: (v) => (got = v) },
    );
    expect(await r).toEqual([4, 6]);
    expect(got).toEqual([4, 6]);
    expect(await pool.starmap((a: string, b: string) => a + b, [['x', 'y']])).toEqual(['xy']);
    const m = pool.mapAsync((x: number) => -x, [1, 2]);
    expect(await m.get(10_000)).toEqual([-1, -2]);
  });

  it('reports progress (done, total) per chunk', async () => {
    const progress: Array<[number, number | undefined]> = [];
    await pool.map(
      (x: number) => x,
      Array.from({ length: 10 }, (_, i) => i),
      { chunksize: 3, onProgress: (d, t) => progress.push([d, t]) },
    );
    expect(progress.map(([, t]) => t)).toEqual([10, 10, 10, 10]);
    const done = progress.map(([d]) => d);
    expect(done.at(-1)).toBe(10);
    for (let i = 1; i < done.length; i++) expect(done[i]).toBeGreaterThan(done[i - 1]!);
  });

  it('rejects a non-iterable and bad options without throwing', async () => {
    await expect(pool.map((x: number) => x, 5 as never)).rejects.toMatchObject({ code: ErrorCode.INVALID_ARG_TYPE });
    await expect(pool.map((x: number) => x, [1], { chunksize: -1 })).rejects.toMatchObject({ code: ErrorCode.INVALID_OPTION });
    await expect(pool.map((x: number) => x, [1], { onProgress: 3 as never })).rejects.toMatchObject({ code: ErrorCode.INVALID_OPTION });
  });
});

describe('module references', () => {
  it('calls named and default exports of an ESM module, keeping module state per worker', async () => {
    expect(await pool.map(work('square'), [1, 2, 3])).toEqual([1, 4, 9]);
    expect(await pool.map(work('slowSquare'), [4, 5])).toEqual([16, 25]);
    expect(await pool.apply(work('default'), [21])).toBe(42);
    const solo = new Pool({ processes: 1 });
    expect(await solo.map(work('countCalls'), [0, 0, 0], { chunksize: 1 })).toEqual([1, 2, 3]);
    await solo.terminate();
  });

  it('calls exports of a CommonJS module', async () => {
    const cube = task(new URL('../fixtures/pool_work.cjs', import.meta.url), 'cube');
    expect(await pool.map(cube, [2, 3])).toEqual([8, 27]);
    const byPath = task('test/fixtures/pool_work.cjs', 'cube');
    expect(await pool.apply(byPath, [4])).toBe(64);
  });

  it('rejects a missing export or module as the task error', async () => {
    await expect(pool.apply(work('nope'), [])).rejects.toMatchObject({ name: 'TypeError', message: expect.stringContaining("'nope'") });
    const missing = task(new URL('../fixtures/does_not_exist.mjs', import.meta.url), 'x');
    await expect(pool.apply(missing, [])).rejects.toMatchObject({ code: 'ERR_MODULE_NOT_FOUND' });
    expect(() => task(42 as never)).toThrow(expect.objectContaining({ code: ErrorCode.INVALID_ARG_TYPE }));
  });
});

describe('memory: shared, transferred, copied', () => {
  it('shares SharedArrayBuffers (writes are visible) and copies ordinary buffers', async () => {
    const shared = new Int32Array(new SharedArrayBuffer(16));
    const plain = new Int32Array(4);
    await pool.apply(
      (s: Int32Array, p: Int32Array) => {
        s[0] = 7;
        p[0] = 7;
      },
      [shared, plain],
    );
    expect(shared[0]).toBe(7);
    expect(plain[0]).toBe(0);
  });

  it('shareable objects (Value with its lock, Queue) arrive in tasks as the same shared object', async () => {
    const counter = Value('i', 0);
    await pool.starmap(
      (c: typeof counter) => {
        const lock = c.getLock();
        for (let i = 0; i < 500; i++) {
          lock.acquireSync();
          c.value += 1;
          lock.release();
        }
      },
      [[counter], [counter], [counter], [counter]],
      { chunksize: 1 },
    );
    expect(counter.value).toBe(2000);
    const queue = new Queue();
    await pool.apply(
      (q: Queue) => {
        for (const ch of 'hello') q.putSync(ch);
      },
      [queue],
    );
    const got: unknown[] = [];
    for (let i = 0; i < 5; i++) got.push(await queue.get());
    expect(got.join('')).toBe('hello');
  });

  it('transfers argument buffers listed in options.transfer, and results wrapped with transfer()', async () => {
    const a = new Float64Array(1024).fill(2);
    const total = await pool.apply((x: Float64Array) => x.reduce((s, v) => s + v, 0), [a], { transfer: [a.buffer] });
    expect(total).toBe(2048);
    expect(a.buffer.byteLength).toBe(0);
    const made = await pool.apply(work('makeBuffer'), [16]);
    expect(made).toBeInstanceOf(Float64Array);
    expect(Array.from(made as Float64Array).every((v) => v === 7)).toBe(true);
    const manual = await pool.apply(() => {
      const b = new Uint8Array(8).fill(1);
      return { [Symbol.for('corepool.transfer')]: [b.buffer], value: b };
    });
    expect(manual).toEqual(new Uint8Array(8).fill(1));
  });

  it('fails only the task whose arguments cannot be cloned', async () => {
    const good = pool.applyAsync((x: number) => x, [1]);
    const bad = pool.applyAsync((x: unknown) => x, [() => 1]);
    expect(await good).toBe(1);
    await expect(bad.get()).rejects.toMatchObject({
      name: 'MaybeEncodingError',
      code: ErrorCode.ARG_NOT_CLONEABLE,
      cause: { name: 'DataCloneError' },
    });
  });
});

describe('parallelFor', () => {
  it('runs blocks [start, end) covering [0, n) over shared memory and returns per-block values', async () => {
    const n = 10_001;
    const a = new Float64Array(new SharedArrayBuffer(8 * n));
    const counts = await pool.parallelFor(
      n,
      (start: number, end: number, s: unknown) => {
        const { out } = s as { out: Float64Array };
        for (let i = start; i < end; i++) out[i] = i * 2;
        return end - start;
      },
      { shared: { out: a }, blocks: 4 },
    );
    expect(counts).toEqual([2501, 2500, 2500, 2500]);
    expect(a.every((v, i) => v === i * 2)).toBe(true);
    expect(await pool.parallelFor(0, () => 1)).toEqual([]);
  });

  it('rejects shared arrays over ordinary memory and kernel references', async () => {
    await expect(pool.parallelFor(4, () => 0, { shared: { a: new Float64Array(4) } })).rejects.toMatchObject({
      code: ErrorCode.INVALID_OPTION,
      message: expect.stringContaining('options.shared.a'),
    });
    await expect(pool.parallelFor(-1, () => 0)).rejects.toMatchObject({ name: 'RangeError' });
    await expect(pool.parallelFor(4, kernels.sum as never)).rejects.toMatchObject({ code: ErrorCode.INVALID_ARG_TYPE });
  });
});

describe('stats', () => {
  it('counts tasks and reports per-worker utilisation and time percentiles', async () => {
    const p = new Pool({ processes: 2 });
    await p.map((x: number) => x, [1, 2, 3, 4], { chunksize: 1 });
    await p
      .apply(() => {
        throw new Error('x');
      })
      .catch(() => {});
    const s = p.stats();
    expect(s).toMatchObject({ processes: 2, workers: 2, completed: 4, failed: 1, queued: 0, running: 0, crashes: 0 });
    expect(s.runTime.count).toBe(5);
    expect(s.runTime.p50).toBeLessThanOrEqual(s.runTime.p99);
    expect(s.waitTime.count).toBe(5);
    expect(s.perWorker).toHaveLength(2);
    expect(s.perWorker.reduce((n, w) => n + w.tasks, 0)).toBe(5);
    for (const w of s.perWorker) expect(w.utilization).toBeGreaterThanOrEqual(0);
    await p.terminate();
  });
});
