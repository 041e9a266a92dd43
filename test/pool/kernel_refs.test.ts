import * as cp from 'corepool';
import { ErrorCode, Pool, exp, kernels, sum } from 'corepool';
import * as sync from 'corepool/sync';
import { afterAll, describe, expect, it } from 'vitest';

// Runs under both backends: kernel references go to whichever one is loaded.
const pool = new Pool({ processes: 2 });
afterAll(() => pool.terminate());

describe('kernel references', () => {
  it('runs corepool kernels on the backend, not on the JS workers', async () => {
    const arrays = [new Float64Array([1, 2, 3]), new Float64Array(1000).fill(0.5), new Float64Array(0)];
    const tasksBefore = pool.stats().perWorker.reduce((n, w) => n + w.tasks, 0);
    const sums = await pool.map(kernels.sum, arrays);
    expect(sums).toEqual(await Promise.all(arrays.map((a) => sum(a))));
    expect(await pool.starmap(kernels.dot, [[arrays[0]!, arrays[0]!]])).toEqual([14]);
    expect(await pool.apply(kernels.norm, [new Float64Array([3, 4])])).toBe(5);
    expect(pool.stats().perWorker.reduce((n, w) => n + w.tasks, 0)).toBe(tasksBefore);
    await expect(pool.map(kernels.min, [new Float64Array(0)])).rejects.toMatchObject({ code: ErrorCode.EMPTY_INPUT });
  });

  it('imap and elementwise kernels work too, and results match the direct calls', async () => {
    const a = new Float64Array([1, 2, 3]);
    const b = new Float64Array([4, 5, 6]);
    const [added] = await pool.starmap(kernels.add, [[a, b]]);
    expect(Array.from(added as Float64Array)).toEqual([5, 7, 9]);
    const maxima: unknown[] = [];
    for await (const m of pool.imap(kernels.max, [a, b])) maxima.push(m);
    expect(maxima).toEqual([3, 6]);
    expect(Object.keys(kernels)).toEqual(expect.arrayContaining(['sum', 'mean', 'min', 'max', 'argmin', 'argmax', 'dot', 'norm']));
  });

  it('exposes every kernel: unary, binary math, stats, sorting, linalg and random too', async () => {
    const arrays = [new Float32Array([0, 1]), new Float32Array([2])];
    const exps = (await pool.map(kernels.exp, arrays)) as Float32Array[];
    expect(exps.map((e) => e.constructor)).toEqual([Float32Array, Float32Array]);
    expect(Array.from(exps[0]!)).toEqual(Array.from(await exp(arrays[0]!)));
    const api = cp as Record<string, unknown>;
    for (const name of Object.keys(sync)) {
      if (typeof api[name.replace(/Sync$/, '')] !== 'function') continue;
      expect(kernels, name).toHaveProperty(name.replace(/Sync$/, ''));
    }
    expect(Object.keys(kernels).length).toBeGreaterThanOrEqual(85);
    expect(await pool.map(kernels.variance, [new Float64Array([1, 3])])).toEqual([1]);
    const [normal] = (await pool.starmap(kernels.random.normal, [[3, { seed: 1 }]])) as Float64Array[];
    expect(Array.from(normal!)).toEqual(Array.from(await cp.random.normal(3, { seed: 1 })));
    const [doubled] = (await pool.starmap(kernels.evaluate, [['a * 2 + 1', { a: new Float64Array([1, 2]) }]])) as Float64Array[];
    expect(Array.from(doubled!)).toEqual([3, 5]);
  });

  it('close() + join() wait for kernel calls; terminate() rejects the ones not finished', async () => {
    const p = new Pool({ processes: 1 });
    const arrays = Array.from({ length: 20 }, (_, i) => new Float64Array(50_000).fill(i));
    const result = p.mapAsync(kernels.sum, arrays, { chunksize: 1 });
    p.close();
    await p.join();
    expect(result.ready()).toBe(true);
    expect(await result).toEqual(arrays.map((_, i) => i * 50_000));
    const q = new Pool({ processes: 1 });
    const pending = q.mapAsync(kernels.sum, arrays, { chunksize: 1 });
    await q.terminate();
    await expect(pending.get()).rejects.toMatchObject({ code: ErrorCode.POOL_TERMINATED });
  });
});
