/**
 * Outer product, the JS twin of native/kernels/outer.cc: out (x.length x
 * y.length) = x y^T. One rounded multiplication per element (for float32 the
 * float64 product of two float32 values is exact, so storing it rounds once,
 * as a float32 multiply does): every backend and split gives the same bits.
 */
import type { FloatArray } from './matmul.js';

/** Writes rows [i0, i1) of out. Returns false when `flag[0]` became non-zero first (checked every 64 rows). */
export function outerRange(x: FloatArray, y: FloatArray, out: FloatArray, i0: number, i1: number, flag?: Int32Array): boolean {
  const n = y.length;
  for (let i = i0; i < i1; i++) {
    if ((i - i0) % 64 === 0 && flag !== undefined && Atomics.load(flag, 0) !== 0) return false;
    const xi = x[i]!;
    const row = i * n;
    for (let j = 0; j < n; j++) out[row + j] = xi * y[j]!;
  }
  return true;
}

/** The whole product on the calling thread. */
export function outer(x: FloatArray, y: FloatArray, out: FloatArray): void {
  outerRange(x, y, out, 0, x.length);
}
