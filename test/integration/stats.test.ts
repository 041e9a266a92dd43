import * as cp from 'corepool';
import * as sync from 'corepool/sync';
import { describe, expect, it } from 'vitest';
import { bigSum, CTORS, DTYPES, fsum, makeArray, rng } from '../helpers/data.js';

const SIZES = [1, 2, 7, 8, 9, 16383, 16384, 16385, 65537, 100_003];
const isFloat = (d: string): boolean => d.startsWith('float');
type Fn = (a: unknown, o?: unknown) => Promise<unknown>;
type SyncFn = (a: unknown, o?: unknown) => unknown;
const api = cp as unknown as Record<string, Fn>;
const apiSync = sync as unknown as Record<string, SyncFn>;

/** Exact variance * n (the sum of squared deviations) as a double, via BigInt-free fsum of exact terms. */
function refM2(values: number[]): number {
  const n = values.length;
  const mean = fsum(values) / n;
  // Deviations from a rounded mean, plus the correction for its rounding: exact enough for 1e-12.
  const dev = values.map((v) => v - mean);
  const d = fsum(dev);
  return fsum(dev.map((v) => v * v)) - (d * d) / n;
}

describe(`stats reductions on the ${process.env.COREPOOL_BACKEND} backend`, () => {
  describe.each(DTYPES)('%s', (dtype) => {
    it.each(SIZES)('n=%i: prod, var, std, countNonzero, any, all, norms and nan* match references', async (n) => {
      for (const shared of [false, true]) {
        const a = makeArray(dtype, n, { offset: 3, shared, seed: n + 11 });
        const values = Array.from(a);
        const absSum = fsum(values.map(Math.abs));
        const m2 = refM2(values);
        const v = await cp.variance(a);
        expect(Math.abs(v - m2 / n)).toBeLessThanOrEqual(1e-12 * (m2 / n) + 1e-300);
        const v1 = await cp.var(a, { ddof: 1 });
        if (n === 1) expect(v1).toBeNaN();
        else expect(Math.abs(v1 - m2 / (n - 1))).toBeLessThanOrEqual(1e-12 * (m2 / (n - 1)) + 1e-300);
        expect(Object.is(await cp.std(a), Math.sqrt(v))).toBe(true);
        expect(await cp.countNonzero(a)).toBe(values.filter((x) => x !== 0).length);
        expect(await cp.any(a)).toBe(values.some((x) => x !== 0));
        expect(await cp.all(a)).toBe(values.every((x) => x !== 0));
        const n1 = await cp.norm(a, { ord: 1 });
        expect(Math.abs(n1 - absSum)).toBeLessThanOrEqual(1e-12 * absSum);
        expect(await cp.norm(a, { ord: Infinity })).toBe(values.reduce((m, x) => Math.max(m, Math.abs(x)), 0));
        expect(await cp.norm(a, { ord: 2 })).toBe(await cp.norm(a));
        const s = await cp.nansum(a);
        if (isFloat(dtype)) expect(Math.abs(s - fsum(values))).toBeLessThanOrEqual(1e-12 * absSum);
        else expect(s).toBe(bigSum(values));
        expect(Object.is(s, await cp.sum(a))).toBe(true);
        expect(await cp.nanmean(a)).toBe(await cp.mean(a));
        expect(await cp.nanmin(a)).toBe(await cp.min(a));
        expect(await cp.nanmax(a)).toBe(await cp.max(a));
        // Against a running product, over a slice short enough to stay finite.
        const few = isFloat(dtype) ? 40 : 8;
        const p = await cp.prod(a.subarray(0, Math.min(n, few)));
        const naive = values.slice(0, few).reduce((x, y) => x * y, 1);
        expect(Math.abs(p - naive)).toBeLessThanOrEqual(Math.abs(naive) * 1e-13);
        // The blocking twins give the same bits.
        for (const name of ['prod', 'variance', 'std', 'countNonzero', 'nansum', 'nanmean', 'nanmin', 'nanmax']) {
          expect(Object.is(apiSync[`${name}Sync`]!(a), await api[name]!(a))).toBe(true);
        }
        expect(sync.anySync(a)).toBe(await cp.any(a));
        expect(sync.allSync(a)).toBe(await cp.all(a));
        expect(sync.varSync(a, { ddof: 1 })).toBe(await cp.var(a, { ddof: 1 }));
        expect(sync.normSync(a, { ord: 1 })).toBe(n1);
      }
    });
  });

  it('var and std divide by max(n - ddof, 0) like numpy', async () => {
    const a = new Float64Array([1, 2, 3, 4]);
    expect(await cp.var(a)).toBe(1.25);
    expect(await cp.var(a, { ddof: 1 })).toBe(5 / 3);
    expect(await cp.std(a, { ddof: 1 })).toBe(Math.sqrt(5 / 3));
    expect(await cp.var(a, { ddof: 4 })).toBe(Infinity);
    expect(await cp.var(a, { ddof: 6 })).toBe(Infinity);
    expect(await cp.var(a, { ddof: 0.5 })).toBe(5 / 3.5);
    expect(await cp.var(new Float64Array([7]), { ddof: 1 })).toBeNaN();
    expect(await cp.var(new Float64Array(0))).toBeNaN();
    // A constant: block means round, so numpy and corepool both leave a trace.
    expect(await cp.var(new Float64Array(100_000).fill(3.1))).toBeLessThan(1e-28);
    expect(await cp.var(new Int16Array(100_000).fill(-7))).toBe(0);
    expect(await cp.var(new Float64Array([1, Infinity]))).toBeNaN();
  });

  it('var is accurate far from zero (data 1e9 + noise)', async () => {
    const r = rng(5);
    const a = new Float64Array(300_001);
    for (let i = 0; i < a.length; i++) a[i] = 1e9 + r();
    const values = Array.from(a);
    const ref = refM2(values) / a.length;
    // Lane-order sums of squares: about sqrt(2048) ulp of error, far below 1e-13.
    expect(Math.abs((await cp.var(a)) - ref) / ref).toBeLessThan(1e-13);
    // A naive one-pass E[x^2] - E[x]^2 loses every digit here.
    const naive = fsum(values.map((v) => v * v)) / a.length - (fsum(values) / a.length) ** 2;
    expect(Math.abs(naive - ref) / ref).toBeGreaterThan(1e-3);
  });

  it('handles empty input like numpy', async () => {
    for (const dtype of DTYPES) {
      const empty = new CTORS[dtype](new ArrayBuffer(0), 0, 0);
      expect(await cp.prod(empty)).toBe(1);
      expect(await cp.countNonzero(empty)).toBe(0);
      expect(await cp.any(empty)).toBe(false);
      expect(await cp.all(empty)).toBe(true);
      expect(await cp.nansum(empty)).toBe(0);
      expect(await cp.nanmean(empty)).toBeNaN();
      expect(await cp.norm(empty, { ord: 1 })).toBe(0);
      for (const call of [() => cp.nanmin(empty), () => cp.nanmax(empty), () => cp.norm(empty, { ord: Infinity })]) {
        await expect(call()).rejects.toMatchObject({ name: 'RangeError', code: 'ERR_EMPTY_INPUT' });
      }
      expect(() => sync.nanminSync(empty)).toThrow(expect.objectContaining({ code: 'ERR_EMPTY_INPUT' }));
    }
  });

  it('skips NaN in nansum/nanmean/nanmin/nanmax; all-NaN gives 0, NaN, NaN, NaN', async () => {
    for (const n of [9, 70_001]) {
      const a = new Float64Array(n).fill(2);
      a[0] = NaN;
      a[n - 1] = NaN;
      a[5] = -3;
      a[6] = 8;
      expect(await cp.nansum(a)).toBe(2 * (n - 4) + 5);
      expect(await cp.nanmean(a)).toBe((2 * (n - 4) + 5) / (n - 2));
      expect(await cp.nanmin(a)).toBe(-3);
      expect(await cp.nanmax(a)).toBe(8);
      const nans = new Float32Array(n).fill(NaN);
      expect(Object.is(await cp.nansum(nans), 0)).toBe(true);
      expect(await cp.nanmean(nans)).toBeNaN();
      expect(await cp.nanmin(nans)).toBeNaN();
      expect(await cp.nanmax(nans)).toBeNaN();
    }
  });

  it('orders -0 below +0 in nanmin/nanmax, whatever their positions', async () => {
    for (const n of [4, 40_000]) {
      const a = new Float64Array(n).fill(1);
      a[1] = 0;
      a[n - 1] = -0;
      a[2] = NaN;
      expect(Object.is(await cp.nanmin(a), -0)).toBe(true);
      const b = new Float64Array(n).fill(-1);
      b[0] = -0;
      b[n - 2] = 0;
      expect(Object.is(await cp.nanmax(b), 0)).toBe(true);
    }
  });

  it('propagates NaN through prod, var and the Infinity norm; counts NaN as non-zero', async () => {
    const a = new Float64Array(70_000).fill(1);
    a[69_000] = NaN;
    expect(await cp.prod(a)).toBeNaN();
    expect(await cp.var(a)).toBeNaN();
    expect(await cp.norm(a, { ord: Infinity })).toBeNaN();
    expect(await cp.countNonzero(a)).toBe(70_000);
    expect(await cp.all(a)).toBe(true);
    const z = new Float64Array(70_000);
    z[3] = -0;
    expect(await cp.any(z)).toBe(false);
    z[69_999] = NaN;
    expect(await cp.any(z)).toBe(true);
    expect(await cp.countNonzero(z)).toBe(1);
  });

  it('multiplies in float64 for every dtype (exact below 2^53)', async () => {
    expect(await cp.prod(new Int32Array([3, -5, 7, 1, 2]))).toBe(-210);
    expect(await cp.prod(new Uint8Array(60).fill(2))).toBe(2 ** 60);
    expect(await cp.prod(new Int32Array([2 ** 30, 2 ** 30, 2 ** 30]))).toBe(2 ** 90);
    expect(await cp.prod(new Float32Array([0.5, 0.25]))).toBe(0.125);
  });

  it('never over- or underflows before the end: prod is 0, ±Infinity or NaN only when the true product is', async () => {
    expect(await cp.prod(new Float64Array([1e200, 1e200, 1e-200, 1e-200]))).toBe(1);
    for (const n of [40, 100_000]) {
      const a = new Float64Array(2 * n).fill(2 ** 40, 0, n).fill(2 ** -40, n);
      expect(await cp.prod(a)).toBe(1);
      a[n + 3] = 0;
      expect(Object.is(await cp.prod(a), 0)).toBe(true);
      a[n + 3] = -Infinity;
      expect(await cp.prod(a)).toBe(-Infinity);
      a[5] = 0;
      expect(await cp.prod(a)).toBeNaN();
      const big = new Int32Array(n).fill(-(2 ** 31));
      expect(await cp.prod(big)).toBe(n % 2 ? -Infinity : Infinity);
      big[n - 1] = 0;
      expect(Object.is(await cp.prod(big), n % 2 ? 0 : -0)).toBe(true);
      const tiny = new Float64Array(n).fill(0.5);
      tiny[0] = 2 ** 1000;
      expect(await cp.prod(tiny)).toBe(n < 2000 ? 2 ** (1001 - n) : 0);
    }
    // The product lands among the subnormals with one rounding.
    expect(await cp.prod(new Float64Array([2 ** -540, 2 ** -530, 3]))).toBe(3 * 2 ** -1070);
    expect(await cp.prod(new Float64Array([2 ** 500, 2 ** -1000, 2 ** -574, 1.5]))).toBe(2 ** -1073);
  });

  it('rejects bad options with coded errors, never throwing synchronously', async () => {
    const a = new Float64Array(4);
    const cases: Array<[() => Promise<unknown>, string, string]> = [
      [() => cp.norm(a, { ord: 3 }), 'RangeError', 'ERR_INVALID_OPTION'],
      [() => cp.norm(a, { ord: '1' as unknown as number }), 'TypeError', 'ERR_INVALID_OPTION'],
      [() => cp.var(a, { ddof: -1 }), 'RangeError', 'ERR_INVALID_OPTION'],
      [() => cp.var(a, { ddof: NaN }), 'RangeError', 'ERR_INVALID_OPTION'],
      [() => cp.std(a, { ddof: '1' as unknown as number }), 'TypeError', 'ERR_INVALID_OPTION'],
      [() => cp.sum(a, 5 as unknown as object), 'TypeError', 'ERR_INVALID_ARG_TYPE'],
      [() => cp.prod(a, { signal: {} as AbortSignal }), 'TypeError', 'ERR_INVALID_OPTION'],
      [() => cp.prod([1, 2] as unknown as Float64Array), 'TypeError', 'ERR_INVALID_ARG_TYPE'],
      [() => cp.nanmean(new BigInt64Array(2) as unknown as Float64Array), 'TypeError', 'ERR_INVALID_DTYPE'],
    ];
    for (const [call, name, code] of cases) {
      let promise: Promise<unknown> | undefined;
      expect(() => {
        promise = call();
      }).not.toThrow();
      await expect(promise).rejects.toMatchObject({ name, code });
    }
    expect(() => sync.normSync(a, { ord: 0 })).toThrow(expect.objectContaining({ code: 'ERR_INVALID_OPTION' }));
  });
});

describe(`options.signal on every reduction (${process.env.COREPOOL_BACKEND})`, () => {
  const ONE = [
    'sum',
    'mean',
    'min',
    'max',
    'argmin',
    'argmax',
    'norm',
    'prod',
    'variance',
    'std',
    'countNonzero',
    'any',
    'all',
    'nansum',
    'nanmean',
    'nanmin',
    'nanmax',
  ];

  it.each([false, true])('an aborted signal rejects with AbortError ABORT_ERR (shared: %s)', async (shared) => {
    const a = makeArray('float64', 3_000_000, { shared, seed: 3 });
    const reason = new Error('stop');
    for (const name of [...ONE, 'dot']) {
      const call = (signal: AbortSignal): Promise<unknown> => (name === 'dot' ? cp.dot(a, a, { signal }) : api[name]!(a, { signal }));
      const before = AbortSignal.abort(reason);
      await expect(call(before)).rejects.toMatchObject({ name: 'AbortError', code: 'ABORT_ERR', cause: reason });
      const blocking = (): unknown =>
        name === 'dot' ? sync.dotSync(a, a, { signal: before }) : apiSync[`${name}Sync`]!(a, { signal: before });
      expect(blocking).toThrow(expect.objectContaining({ name: 'AbortError', code: 'ABORT_ERR' }));
      const controller = new AbortController();
      const pending = call(controller.signal);
      controller.abort(reason);
      await expect(pending).rejects.toMatchObject({ name: 'AbortError', code: 'ABORT_ERR' });
    }
  });

  it('a signal that never fires changes nothing', async () => {
    const a = makeArray('float32', 200_003, { shared: true, seed: 4 });
    const { signal } = new AbortController();
    for (const name of ONE) {
      expect(Object.is(await api[name]!(a, { signal }), await api[name]!(a))).toBe(true);
    }
    expect(await cp.dot(a, a, { signal })).toBe(await cp.dot(a, a));
    expect(await cp.norm(a, { ord: 1, signal })).toBe(await cp.norm(a, { ord: 1 }));
  });
});
