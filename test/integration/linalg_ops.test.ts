import * as cp from 'corepool';
import * as sync from 'corepool/sync';
import { describe, expect, it } from 'vitest';
import { dot2, firstDifference, floats, outsideTolerance, unitRoundoff, type Floats } from '../helpers/linalg_ref.js';

/** y = alpha op(A) x + beta y0 with compensated sums, and the allowed |error|. */
function gemvReference(
  a: Floats,
  x: Floats,
  m: number,
  n: number,
  trans: boolean,
  alpha: number,
  beta: number,
  y0: Floats,
): { ref: Float64Array; tol: Float64Array } {
  const len = trans ? n : m;
  const inner = trans ? m : n;
  const u = unitRoundoff(a);
  const ref = new Float64Array(len);
  const tol = new Float64Array(len);
  for (let i = 0; i < len; i++) {
    const d = dot2(
      inner,
      (l) => a[trans ? l * n + i : i * n + l]!,
      (l) => x[l]!,
    );
    const old = beta === 0 ? 0 : beta * y0[i]!;
    ref[i] = alpha * d.value + old;
    tol[i] = 2 * (inner + 2) * u * (Math.abs(alpha) * d.abs + Math.abs(old)) + 1e-300;
  }
  return { ref, tol };
}

function naiveTranspose(a: Floats, rows: number, cols: number): Float64Array {
  const out = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) out[j * rows + i] = a[i * cols + j]!;
  return out;
}

const SIZES = [0, 1, 2, 3, 31, 33, 64, 65, 257];

describe(`matvec on the ${process.env.COREPOOL_BACKEND} backend`, () => {
  it.each([false, true])('float32=%s: both orientations, alpha/beta, offsets and SharedArrayBuffer', async (float32) => {
    for (const m of SIZES)
      for (const n of [0, 1, 5, 64, 300]) {
        for (const trans of [false, true]) {
          for (const [alpha, beta] of [
            [1, 0],
            [-2, 0.5],
          ] as const) {
            const shared = (m + n) % 2 === 1;
            const a = floats(float32, m * n, m * 31 + n, { offset: 1, shared });
            const x = floats(float32, trans ? m : n, n + 7, { offset: 2, shared });
            const y0 = floats(float32, trans ? n : m, 3, { offset: 3, shared }).fill(beta === 0 ? NaN : 1.5);
            const { ref, tol } = gemvReference(a, x, m, n, trans, alpha, beta, y0);
            const out = y0.slice();
            const y = await cp.matvec(a, x, { m, n, trans, alpha, beta, out: y0 });
            const label = `m=${m} n=${n} trans=${trans} alpha=${alpha}`;
            expect(outsideTolerance(y, ref, tol), label).toBeUndefined();
            expect(firstDifference(sync.matvecSync(a, x, { m, n, trans, alpha, beta, out }), y), label).toBeUndefined();
          }
        }
      }
  });

  it('infers m and n from x, and runs large shared inputs in parallel', async () => {
    const a = new Float64Array([1, 2, 3, 4, 5, 6]);
    expect(Array.from(await cp.matvec(a, new Float64Array([1, 0, -1])))).toEqual([-2, -2]);
    expect(Array.from(await cp.matvec(a, new Float64Array([1, -1]), { trans: true }))).toEqual([-3, -3, -3]);
    expect(Array.from(sync.matvecSync(a, new Float64Array([1, 1]), { m: 3 }))).toEqual([3, 7, 11]);
    for (const trans of [false, true]) {
      const [m, n] = [1100, 1003];
      const big = floats(false, m * n, 9, { shared: true });
      const x = floats(false, trans ? m : n, 10, { shared: true });
      const { ref, tol } = gemvReference(big, x, m, n, trans, 1, 0, x);
      const y = await cp.matvec(big, x, { m, trans });
      expect(outsideTolerance(y, ref, tol)).toBeUndefined();
      expect(firstDifference(sync.matvecSync(big, x, { m, trans }), y)).toBeUndefined();
    }
  });
});

describe(`transpose on the ${process.env.COREPOOL_BACKEND} backend`, () => {
  it.each([false, true])('float32=%s: out of place and in place, square and not, across the tile edges', async (float32) => {
    const shapes = [
      [0, 0],
      [0, 3],
      [1, 1],
      [1, 7],
      [7, 1],
      [2, 3],
      [31, 33],
      [32, 32],
      [33, 33],
      [64, 65],
      [100, 100],
      [257, 31],
    ];
    for (const [rows, cols] of shapes as Array<[number, number]>) {
      const shared = rows % 2 === 1;
      const a = floats(float32, rows * cols, rows + cols, { offset: 1, shared });
      const expected = naiveTranspose(a, rows, cols);
      const label = `${rows} x ${cols}`;
      expect(firstDifference(await cp.transpose(a, { rows, cols }), expected), label).toBeUndefined();
      expect(firstDifference(sync.transposeSync(a, cols === 0 ? { rows, cols } : { cols }), expected), label).toBeUndefined();
      const out = floats(float32, rows * cols, 1, { offset: 2, shared: !shared });
      expect(await cp.transpose(a, rows === 0 ? { rows, cols, out } : { rows, out })).toBe(out);
      expect(firstDifference(out, expected), label).toBeUndefined();
      const inPlace = a.slice();
      expect(await cp.transpose(inPlace, { rows, cols, out: inPlace })).toBe(inPlace);
      expect(firstDifference(inPlace, expected), label).toBeUndefined();
      const inPlaceSync = a.slice();
      sync.transposeSync(inPlaceSync, { rows, cols, out: inPlaceSync });
      expect(firstDifference(inPlaceSync, expected), label).toBeUndefined();
    }
  });

  it('large shared matrices (parallel paths), in place too', async () => {
    for (const [rows, cols] of [
      [1200, 1100],
      [1100, 1100],
    ] as const) {
      const a = floats(false, rows * cols, 4, { shared: true });
      const expected = naiveTranspose(a, rows, cols);
      expect(firstDifference(await cp.transpose(a, { rows }), expected)).toBeUndefined();
      await cp.transpose(a, { rows, out: a });
      expect(firstDifference(a, expected)).toBeUndefined();
    }
  });
});

describe(`outer on the ${process.env.COREPOOL_BACKEND} backend`, () => {
  it.each([false, true])('float32=%s: one rounding per element, every size', async (float32) => {
    for (const [p, q] of [
      [0, 0],
      [0, 5],
      [1, 1],
      [3, 7],
      [65, 33],
      [1100, 1000],
    ] as const) {
      const shared = p > 1000;
      const x = floats(float32, p, p + 1, { offset: 1, shared });
      const y = floats(float32, q, q + 2, { offset: 3, shared });
      const expected = float32 ? new Float32Array(p * q) : new Float64Array(p * q);
      for (let i = 0; i < p; i++) for (let j = 0; j < q; j++) expected[i * q + j] = x[i]! * y[j]!;
      const r = await cp.outer(x, y);
      expect(r).toBeInstanceOf(float32 ? Float32Array : Float64Array);
      expect(firstDifference(r, expected)).toBeUndefined();
      expect(firstDifference(sync.outerSync(x, y), expected)).toBeUndefined();
    }
  });
});
