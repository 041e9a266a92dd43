import * as cp from 'corepool';
import * as sync from 'corepool/sync';
import { describe, expect, it } from 'vitest';
import { bigSum, CTORS, DTYPES, fsum, makeArray, refArg } from '../helpers/data.js';

const SIZES = [1, 2, 7, 8, 9, 16383, 16384, 16385, 65537, 100_003];
const isFloat = (d: string): boolean => d.startsWith('float');

describe(`reductions on the ${process.env.COREPOOL_BACKEND} backend`, () => {
  it('runs on the backend the project asked for', () => {
    expect(cp.backend).toBe(process.env.COREPOOL_BACKEND);
    expect(cp.threads).toBeGreaterThanOrEqual(1);
  });

  // The native scan keeps 4 accumulators of 16-byte vectors: 8 float64, 16
  // float32/int32, 32 int16 and 64 int8 elements a step. Every position on
  // either side of those steps must win, ties going to the first.
  it.each(DTYPES)('%s: min, max, argmin, argmax find the extreme at every position around the vector steps', (dtype) => {
    const C = CTORS[dtype];
    for (const n of [1, 7, 8, 9, 15, 16, 17, 31, 32, 33, 63, 64, 65, 127, 128, 129]) {
      const a = new C(new ArrayBuffer((n + 1) * C.BYTES_PER_ELEMENT), C.BYTES_PER_ELEMENT, n);
      for (let p = 0; p < n; p++) {
        a.fill(5);
        a[p] = 9;
        if (p + 1 < n) a[p + 1] = 9; // a tie after p: p still wins
        expect([sync.argmaxSync(a), sync.maxSync(a)]).toEqual([p, 9]);
        a.fill(5);
        a[p] = 1;
        if (p + 1 < n) a[p + 1] = 1;
        expect([sync.argminSync(a), sync.minSync(a)]).toEqual([p, 1]);
      }
    }
  });

  describe.each(DTYPES)('%s', (dtype) => {
    it.each(SIZES)('n=%i: sum, mean, min, max, argmin, argmax, dot, norm match references', async (n) => {
      for (const shared of [false, true]) {
        const a = makeArray(dtype, n, { offset: 3, shared, seed: n });
        const b = makeArray(dtype, n, { offset: 1, shared, seed: n + 7 });
        const values = Array.from(a);
        const products = values.map((v, i) => v * b[i]!);
        const squares = values.map((v) => v * v);
        const exact = isFloat(dtype) ? fsum(values) : bigSum(values);
        const s = await cp.sum(a);
        if (isFloat(dtype)) expect(Math.abs(s - exact)).toBeLessThanOrEqual(1e-12 * fsum(values.map(Math.abs)));
        else expect(s).toBe(exact);
        expect(await cp.mean(a)).toBe(s / n);
        expect(await cp.min(a)).toBe(Math.min(...values.slice(0, 200_000)));
        expect(await cp.max(a)).toBe(Math.max(...values.slice(0, 200_000)));
        expect(await cp.argmin(a)).toBe(refArg(values, false));
        expect(await cp.argmax(a)).toBe(refArg(values, true));
        const d = await cp.dot(a, b);
        expect(Math.abs(d - fsum(products))).toBeLessThanOrEqual(1e-12 * fsum(products.map(Math.abs)) + 1e-300);
        const nrm = await cp.norm(a);
        expect(Math.abs(nrm - Math.sqrt(fsum(squares)))).toBeLessThanOrEqual(1e-12 * nrm + 1e-300);
        // The blocking twins return the very same bits.
        expect(Object.is(sync.sumSync(a), s)).toBe(true);
        expect(Object.is(sync.dotSync(a, b), d)).toBe(true);
        expect(Object.is(sync.normSync(a), nrm)).toBe(true);
        expect(sync.meanSync(a)).toBe(s / n);
        expect(sync.minSync(a)).toBe(await cp.min(a));
        expect(sync.maxSync(a)).toBe(await cp.max(a));
        expect(sync.argminSync(a)).toBe(await cp.argmin(a));
        expect(sync.argmaxSync(a)).toBe(await cp.argmax(a));
      }
    });
  });

  it('follows numpy on empty input: sum 0, mean NaN, dot 0, norm 0', async () => {
    for (const dtype of DTYPES) {
      const empty = new CTORS[dtype](new ArrayBuffer(0), 0, 0);
      expect(await cp.sum(empty)).toBe(0);
      expect(await cp.mean(empty)).toBeNaN();
      expect(await cp.dot(empty, empty)).toBe(0);
      expect(await cp.norm(empty)).toBe(0);
      expect(sync.sumSync(empty)).toBe(0);
    }
  });

  it('propagates NaN like numpy: the first NaN wins min/max/argmin/argmax', async () => {
    for (const n of [5, 70_000]) {
      const a = new Float64Array(n).fill(1);
      a[3] = -5;
      a[n - 2] = NaN;
      a[n - 1] = NaN;
      expect(await cp.min(a)).toBeNaN();
      expect(await cp.max(a)).toBeNaN();
      expect(await cp.argmin(a)).toBe(n - 2);
      expect(await cp.argmax(a)).toBe(n - 2);
      expect(await cp.sum(a)).toBeNaN();
    }
  });

  it('returns the first of equal extremes, keeping the sign of zero', async () => {
    for (const n of [8, 70_000]) {
      const a = new Float64Array(n).fill(3);
      a[1] = 0;
      a[2] = -0;
      expect(Object.is(await cp.min(a), 0)).toBe(true);
      expect(await cp.argmin(a)).toBe(1);
      a[1] = -0;
      a[2] = 0;
      expect(Object.is(await cp.min(a), -0)).toBe(true);
      const ties = new Int16Array(n).fill(7);
      ties[n - 1] = 9;
      ties[n - 5] = 9;
      expect(await cp.argmax(ties)).toBe(n - 5);
    }
  });

  it('handles infinities and a sum of negative zeros', async () => {
    const a = new Float64Array([1, Infinity, -3]);
    expect(await cp.sum(a)).toBe(Infinity);
    expect(await cp.max(a)).toBe(Infinity);
    expect(await cp.sum(new Float64Array([Infinity, -Infinity]))).toBeNaN();
    // numpy's add.reduce starts from +0: a sum of only -0 is +0 (issue 10, finding 12).
    expect(Object.is(await cp.sum(new Float64Array([-0, -0])), 0)).toBe(true);
    expect(Object.is(await cp.sum(new Float64Array([-0])), 0)).toBe(true);
    expect(Object.is(sync.sumSync(new Float32Array([-0, -0, -0])), 0)).toBe(true);
    expect(Object.is(await cp.dot(new Float64Array([-0]), new Float64Array([1])), -0)).toBe(true); // numpy: the one product
  });

  it('reads only the view: elements around a subarray do not leak in', async () => {
    const whole = new Float64Array(100_000).fill(1000);
    const view = whole.subarray(5, 99_990).fill(1);
    expect(await cp.sum(view)).toBe(99_985);
    expect(await cp.max(view)).toBe(1);
  });
});
