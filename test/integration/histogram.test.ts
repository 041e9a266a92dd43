import * as cp from 'corepool';
import * as sync from 'corepool/sync';
import { describe, expect, it } from 'vitest';
import { CTORS, DTYPES, makeArray, rng } from '../helpers/data.js';

const SIZES = [0, 1, 2, 17, 16383, 16384, 16385, 65537, 100_003];

/** numpy's rule, element by element: edges[i] <= x < edges[i+1], the last bin closed. */
function refCounts(a: ArrayLike<number>, edges: ArrayLike<number>, weights?: ArrayLike<number>): Float64Array {
  const bins = edges.length - 1;
  const counts = new Float64Array(bins);
  for (let i = 0; i < a.length; i++) {
    const v = a[i]!;
    if (!(v >= edges[0]! && v <= edges[bins]!)) continue;
    let k = bins - 1;
    for (let j = 0; j < bins; j++) {
      if (v < edges[j + 1]!) {
        k = j;
        break;
      }
    }
    counts[k]! += weights === undefined ? 1 : weights[i]!;
  }
  return counts;
}

/** numpy.linspace(lo, hi, bins + 1). */
function linspace(lo: number, hi: number, bins: number): Float64Array {
  const step = (hi - lo) / bins;
  const e = Float64Array.from({ length: bins + 1 }, (_, i) => i * step + lo);
  e[bins] = hi;
  return e;
}

describe(`histogram on the ${process.env.COREPOOL_BACKEND} backend`, () => {
  describe.each(DTYPES)('%s', (dtype) => {
    it.each(SIZES)('n=%i: counts follow the edges exactly, with and without range', async (n) => {
      for (const shared of [false, true]) {
        const a = makeArray(dtype, n, { offset: 2, shared, seed: n + 3 });
        const values = Array.from(a);
        for (const bins of [1, 10, 37]) {
          const h = await cp.histogram(a, { bins });
          let lo = n === 0 ? 0 : Math.min(...values.slice(0, 200_000));
          let hi = n === 0 ? 1 : Math.max(...values.slice(0, 200_000));
          if (lo === hi) [lo, hi] = [lo - 0.5, hi + 0.5];
          expect(Array.from(h.edges)).toEqual(Array.from(linspace(lo, hi, bins)));
          expect(Array.from(h.counts)).toEqual(Array.from(refCounts(values, h.edges)));
          expect(h.counts.buffer instanceof SharedArrayBuffer).toBe(shared);
          const total = h.counts.reduce((s, c) => s + c, 0);
          expect(total).toBe(n);
          const blocking = sync.histogramSync(a, { bins });
          expect(Array.from(blocking.counts)).toEqual(Array.from(h.counts));
        }
        const range: [number, number] = [-0.25 * Math.abs(values[0] ?? 1), 0.5 * Math.abs(values[1] ?? 1) + 1];
        const ranged = await cp.histogram(a, { bins: 7, range });
        expect(Array.from(ranged.edges)).toEqual(Array.from(linspace(range[0], range[1], 7)));
        expect(Array.from(ranged.counts)).toEqual(Array.from(refCounts(values, ranged.edges)));
      }
    });
  });

  it('puts values on an edge in the bin to its right, and the top edge in the last bin', async () => {
    const edges = linspace(0, 1, 10);
    const a = Float64Array.from([...edges, ...edges, -1e-300, 1 + 2 ** -52, NaN, Infinity, -Infinity]);
    const h = await cp.histogram(a, { bins: 10, range: [0, 1] });
    expect(Array.from(h.counts)).toEqual([2, 2, 2, 2, 2, 2, 2, 2, 2, 4]);
    // Near-edge values from the float formula's rounding still land by the edges.
    const near = new Float64Array(200_000).map((_, i) => edges[1 + (i % 9)]! + ((i % 3) - 1) * 2 ** -53);
    const c = await cp.histogram(near, { bins: 10, range: [0, 1] });
    expect(Array.from(c.counts)).toEqual(Array.from(refCounts(near, c.edges)));
  });

  it('takes bins as an array of increasing edges (duplicates allowed), ignoring range', async () => {
    const a = new Float64Array([0, 0.5, 1, 1, 2, 3, 3.5, 4, 9, -1, NaN]);
    const h = await cp.histogram(a, { bins: [0, 1, 1, 3, 4], range: [200, 100] });
    expect(Array.from(h.edges)).toEqual([0, 1, 1, 3, 4]);
    expect(Array.from(h.counts)).toEqual([2, 0, 3, 3]);
    const big = makeArray('int16', 100_003, { shared: true, seed: 4 });
    const edges = [-30000, -1000, 0, 5, 6, 20000, 32767];
    const hb = await cp.histogram(big, { bins: Int32Array.from(edges) });
    expect(Array.from(hb.counts)).toEqual(Array.from(refCounts(big, edges)));
    expect(Array.from(sync.histogramSync(big, { bins: edges }).counts)).toEqual(Array.from(hb.counts));
  });

  it('sums weights of any dtype in place of counts', async () => {
    for (const n of [100, 100_003]) {
      for (const shared of [false, true]) {
        const a = makeArray('float32', n, { shared, seed: 6 });
        const w = makeArray('int8', n, { shared, seed: 7 });
        const h = await cp.histogram(a, { bins: 13, weights: w });
        expect(Array.from(h.counts)).toEqual(Array.from(refCounts(a, h.edges, w)));
        const wf = makeArray('float64', n, { shared, seed: 8 });
        const hf = await cp.histogram(a, { bins: 13, weights: wf });
        const ref = refCounts(a, hf.edges, wf);
        for (let i = 0; i < 13; i++) expect(Math.abs(hf.counts[i]! - ref[i]!)).toBeLessThanOrEqual(1e-12 * n);
        expect(Array.from(sync.histogramSync(a, { bins: 13, weights: wf }).counts)).toEqual(Array.from(hf.counts));
      }
    }
  });

  it('widens a single-valued range by 0.5 and uses [0, 1] for empty input, as numpy', async () => {
    const h = await cp.histogram(new Int32Array(1000).fill(5), { bins: 4 });
    expect(Array.from(h.edges)).toEqual([4.5, 4.75, 5, 5.25, 5.5]);
    expect(Array.from(h.counts)).toEqual([0, 0, 1000, 0]);
    const e = await cp.histogram(new Float64Array(0), { bins: 2 });
    expect(Array.from(e.edges)).toEqual([0, 0.5, 1]);
    expect(Array.from(e.counts)).toEqual([0, 0]);
    const r = await cp.histogram(new Float64Array([3, 3]), { range: [3, 3], bins: 1 });
    expect(Array.from(r.edges)).toEqual([2.5, 3.5]);
  });

  it('rejects NaN or Infinity when the range comes from the data (numpy raises too)', async () => {
    for (const bad of [NaN, Infinity, -Infinity]) {
      const a = new Float64Array(70_000).fill(1);
      a[123] = bad;
      await expect(cp.histogram(a)).rejects.toMatchObject({ name: 'RangeError', code: 'ERR_OUT_OF_RANGE' });
      expect(() => sync.histogramSync(a)).toThrow(expect.objectContaining({ code: 'ERR_OUT_OF_RANGE' }));
      const h = await cp.histogram(a, { range: [0, 2] });
      expect(h.counts.reduce((s, c) => s + c, 0)).toBe(69_999);
    }
  });

  it('rejects bad options with coded errors, never throwing synchronously', async () => {
    const a = new Float64Array(10);
    const cases: Array<[unknown, string, string]> = [
      [{ bins: 0 }, 'RangeError', 'ERR_INVALID_OPTION'],
      [{ bins: 2.5 }, 'RangeError', 'ERR_INVALID_OPTION'],
      [{ bins: 'auto' }, 'TypeError', 'ERR_INVALID_OPTION'],
      [{ bins: [1] }, 'RangeError', 'ERR_INVALID_OPTION'],
      [{ bins: [0, 2, 1] }, 'RangeError', 'ERR_INVALID_OPTION'],
      [{ bins: [0, NaN, 1] }, 'RangeError', 'ERR_INVALID_OPTION'],
      [{ bins: [0, '1'] }, 'RangeError', 'ERR_INVALID_OPTION'],
      [{ bins: new BigInt64Array(3) }, 'RangeError', 'ERR_INVALID_OPTION'],
      [{ range: [1, 0] }, 'RangeError', 'ERR_INVALID_OPTION'],
      [{ range: [0, Infinity] }, 'RangeError', 'ERR_INVALID_OPTION'],
      [{ range: [0] }, 'TypeError', 'ERR_INVALID_OPTION'],
      [{ range: 'wide' }, 'TypeError', 'ERR_INVALID_OPTION'],
      [{ weights: new Float64Array(9) }, 'RangeError', 'ERR_LENGTH_MISMATCH'],
      [{ weights: [1] }, 'TypeError', 'ERR_INVALID_ARG_TYPE'],
      [{ signal: 1 }, 'TypeError', 'ERR_INVALID_OPTION'],
      [null, 'TypeError', 'ERR_INVALID_ARG_TYPE'],
    ];
    for (const [options, name, code] of cases) {
      let promise: Promise<unknown> | undefined;
      expect(() => {
        promise = cp.histogram(a, options as cp.HistogramOptions);
      }).not.toThrow();
      await expect(promise).rejects.toMatchObject({ name, code });
      expect(() => sync.histogramSync(a, options as cp.HistogramOptions)).toThrow(expect.objectContaining({ code }));
    }
    await expect(cp.histogram('a' as unknown as Float64Array)).rejects.toMatchObject({ code: 'ERR_INVALID_ARG_TYPE' });
  });
});

describe(`bincount on the ${process.env.COREPOOL_BACKEND} backend`, () => {
  it.each(DTYPES)('%s: counts, weights and minlength match a direct count', async (dtype) => {
    for (const n of [0, 1, 17, 16385, 65537, 100_003]) {
      for (const shared of [false, true]) {
        const C = CTORS[dtype];
        const x = new C(
          shared ? new SharedArrayBuffer((n + 1) * C.BYTES_PER_ELEMENT) : new ArrayBuffer((n + 1) * C.BYTES_PER_ELEMENT),
          C.BYTES_PER_ELEMENT,
          n,
        );
        const r = rng(n + 17);
        for (let i = 0; i < n; i++) x[i] = Math.floor(r() * r() * 120);
        const w = makeArray('float32', n, { shared, seed: n });
        const top = n === 0 ? -1 : Math.max(...Array.from(x));
        const direct = new Float64Array(Math.max(top + 1, 5));
        const weighted = new Float64Array(top + 1);
        for (let i = 0; i < n; i++) {
          direct[x[i]!]! += 1;
          weighted[x[i]!]! += w[i]!;
        }
        const counts = await cp.bincount(x, { minlength: 5 });
        expect(Array.from(counts)).toEqual(Array.from(direct));
        expect(counts.buffer instanceof SharedArrayBuffer).toBe(shared);
        const sums = await cp.bincount(x, { weights: w });
        expect(sums.length).toBe(top + 1);
        // Sequential per-slot sums when the input is one part; the fixed part order otherwise.
        for (let k = 0; k <= top; k++) expect(Math.abs(sums[k]! - weighted[k]!)).toBeLessThanOrEqual(1e-9 * n);
        if (n <= 16384) expect(Array.from(sums)).toEqual(Array.from(weighted));
        expect(Array.from(sync.bincountSync(x, { weights: w }))).toEqual(Array.from(sums));
        expect(Array.from(sync.bincountSync(x, { minlength: 5 }))).toEqual(Array.from(direct));
      }
    }
  });

  it('rejects negative, fractional and non-finite values with RangeError ERR_OUT_OF_RANGE', async () => {
    for (const n of [5, 70_000]) {
      for (const [C, bad] of [
        [Int32Array, -1],
        [Float64Array, 1.5],
        [Float64Array, NaN],
        [Float32Array, Infinity],
        [Int8Array, -128],
        [Float64Array, -1],
      ] as const) {
        const x = new C(n);
        x[n - 1] = bad;
        await expect(cp.bincount(x)).rejects.toMatchObject({ name: 'RangeError', code: 'ERR_OUT_OF_RANGE' });
        expect(() => sync.bincountSync(x)).toThrow(expect.objectContaining({ code: 'ERR_OUT_OF_RANGE' }));
      }
    }
    const huge = new Float64Array([2 ** 31]);
    await expect(cp.bincount(huge)).rejects.toMatchObject({ code: 'ERR_OUT_OF_RANGE' });
    expect(Array.from(await cp.bincount(new Float64Array([-0, 2])))).toEqual([1, 0, 1]);
  });

  it('rejects bad options', async () => {
    const x = new Uint8Array(4);
    await expect(cp.bincount(x, { minlength: -1 })).rejects.toMatchObject({ name: 'RangeError', code: 'ERR_INVALID_OPTION' });
    await expect(cp.bincount(x, { minlength: 1.5 })).rejects.toMatchObject({ code: 'ERR_INVALID_OPTION' });
    await expect(cp.bincount(x, { minlength: '3' as unknown as number })).rejects.toMatchObject({
      name: 'TypeError',
      code: 'ERR_INVALID_OPTION',
    });
    await expect(cp.bincount(x, { weights: new Float64Array(3) })).rejects.toMatchObject({ code: 'ERR_LENGTH_MISMATCH' });
    expect(() => sync.bincountSync(x, { weights: new Float64Array(3) })).toThrow(expect.objectContaining({ code: 'ERR_LENGTH_MISMATCH' }));
  });

  it.each([false, true])('options.signal cancels histogram and bincount (shared: %s)', async (shared) => {
    const a = makeArray('uint8', 5_000_000, { shared, seed: 1 });
    const reason = new Error('halt');
    await expect(cp.histogram(a, { signal: AbortSignal.abort(reason) })).rejects.toMatchObject({
      name: 'AbortError',
      code: 'ABORT_ERR',
      cause: reason,
    });
    await expect(cp.bincount(a, { signal: AbortSignal.abort(reason) })).rejects.toMatchObject({ code: 'ABORT_ERR' });
    expect(() => sync.bincountSync(a, { signal: AbortSignal.abort() })).toThrow(expect.objectContaining({ code: 'ABORT_ERR' }));
    for (const call of [
      (signal: AbortSignal) => cp.histogram(a, { signal }),
      (signal: AbortSignal) => cp.histogram(a, { range: [0, 100], signal }),
      (signal: AbortSignal) => cp.bincount(a, { signal }),
    ]) {
      const controller = new AbortController();
      const pending = call(controller.signal);
      controller.abort(reason);
      await expect(pending).rejects.toMatchObject({ name: 'AbortError', code: 'ABORT_ERR', cause: reason });
    }
    const { signal } = new AbortController();
    expect(Array.from((await cp.histogram(a, { signal })).counts)).toEqual(Array.from((await cp.histogram(a)).counts));
  });
});
