// random.* filling NDArrays (a shape gives a new array, a view is filled in
// its C order with the numbers of a flat fill of its size) and histogram /
// bincount of NDArrays (numpy flattens: the result equals that of the
// flattened copy).
import { type NDArray, ndarray, zeros } from 'corepool';
import * as cp from 'corepool';
import { bincountSync, histogramSync, randomSync } from 'corepool/sync';
import { describe, expect, it } from 'vitest';

const same = (view: NDArray, flat: ArrayLike<number>): void => {
  expect(Array.from(view.copy().data)).toEqual(Array.from(flat));
};

describe('random fills NDArrays', () => {
  it('gives a new C-contiguous NDArray for a shape, with the flat stream', async () => {
    const r = await cp.random.uniform([3, 4], { seed: 11, low: -1, high: 2 });
    expect(r.shape).toEqual([3, 4]);
    expect(r.isContiguous).toBe(true);
    same(r, await cp.random.uniform(12, { seed: 11, low: -1, high: 2 }));
    const f = randomSync.normal([2, 0, 3], { seed: 1, dtype: 'float32' });
    expect(f.shape).toEqual([2, 0, 3]);
    expect(f.dtype).toBe('float32');
    const s = await cp.random.integers([5, 2], { high: 9, seed: 4, dtype: 'int16', shared: true });
    expect(s.data).toBeInstanceOf(Int16Array);
    expect(s.data.buffer).toBeInstanceOf(SharedArrayBuffer);
    same(s, randomSync.integers(10, { high: 9, seed: 4, dtype: 'int16' }));
  });

  it('fills any view in its C order, as a flat fill of its size', async () => {
    const base = zeros([6, 5]);
    const views = [base.T, base.slice('1:5, ::-2'), base.slice('::2, 1:4'), base.slice('2')];
    for (const [i, v] of views.entries()) {
      const options = { seed: 100 + i, offset: 7 };
      expect(await cp.random.normal(v, options)).toBe(v);
      same(v, await cp.random.normal(v.size, options));
      expect(randomSync.uniform(v, options)).toBe(v);
      same(v, randomSync.uniform(v.size, options));
    }
    const ints = zeros([4, 6], { dtype: 'uint8' }).T.slice(':, 1:');
    await cp.random.integers(ints, { low: 3, high: 200, seed: 5 });
    same(ints, await cp.random.integers(ints.size, { low: 3, high: 200, seed: 5, dtype: 'uint8' }));
  });

  it('leaves the elements outside the view alone', async () => {
    const base = zeros([4, 4], { dtype: 'float32' });
    await cp.random.uniform(base.slice('1:3, 1:3'), { seed: 2, low: 1, high: 2 });
    const flat = base.data;
    const inside = new Set([5, 6, 9, 10]);
    for (let i = 0; i < 16; i++) expect(flat[i] !== 0).toBe(inside.has(i));
  });

  it('refuses broadcast views, bad shapes and dtypes', async () => {
    await expect(cp.random.uniform(cp.broadcastTo(zeros([3]), [2, 3]), { seed: 1 })).rejects.toMatchObject({ code: 'ERR_OVERLAP' });
    await expect(cp.random.uniform([2, -1] as never, { seed: 1 })).rejects.toMatchObject({ code: 'ERR_OUT_OF_RANGE' });
    await expect(cp.random.uniform([2.5] as never, { seed: 1 })).rejects.toMatchObject({ code: 'ERR_OUT_OF_RANGE' });
    await expect(cp.random.uniform(zeros([2], { dtype: 'int32' }) as never)).rejects.toMatchObject({ code: 'ERR_INVALID_DTYPE' });
    expect(() => randomSync.integers(zeros([2]) as never, { high: 3 })).toThrow(expect.objectContaining({ code: 'ERR_INVALID_DTYPE' }));
  });
});

describe('histogram and bincount flatten NDArrays', () => {
  const values = ndarray(
    Float64Array.from({ length: 60 }, (_, i) => Math.sin(i) * 10),
    [3, 4, 5],
  );

  it('histogram of a view equals histogram of its flattened copy', async () => {
    for (const v of [values, values.T, values.slice('::-1, 1:3, ::2')]) {
      const flat = v.copy().data;
      const got = await cp.histogram(v, { bins: 7 });
      const want = await cp.histogram(flat, { bins: 7 });
      expect(Array.from(got.counts)).toEqual(Array.from(want.counts));
      expect(Array.from(got.edges)).toEqual(Array.from(want.edges));
      const weights = ndarray(
        Float64Array.from({ length: v.size }, (_, i) => i % 4),
        [...v.shape].reverse(),
      ).T;
      const weighted = histogramSync(v, { bins: [-10, -2, 0, 3, 10], weights });
      const wantWeighted = histogramSync(flat, { bins: [-10, -2, 0, 3, 10], weights: weights.copy().data });
      expect(Array.from(weighted.counts)).toEqual(Array.from(wantWeighted.counts));
    }
  });

  it('bincount of a view equals bincount of its flattened copy', async () => {
    const ints = ndarray(
      Int32Array.from({ length: 24 }, (_, i) => (i * 7) % 9),
      [4, 6],
    ).T;
    expect(Array.from(await cp.bincount(ints))).toEqual(Array.from(bincountSync(ints.copy().data)));
    const w = zeros([6, 4]).slice('::-1');
    w.data.fill(0.5);
    expect(Array.from(bincountSync(ints, { weights: w }))).toEqual(Array.from(bincountSync(ints.copy().data, { weights: w.copy().data })));
  });

  it('wants weights of the same shape as the input', async () => {
    await expect(cp.histogram(values, { weights: zeros([60]) })).rejects.toMatchObject({ code: 'ERR_SHAPE_MISMATCH' });
    expect(() => histogramSync(values, { weights: zeros([3, 4, 4]) })).toThrow(expect.objectContaining({ code: 'ERR_SHAPE_MISMATCH' }));
  });
});
