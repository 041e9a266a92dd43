/**
 * Matrix-vector product, the JS twin of native/kernels/gemv.cc:
 * y = alpha * op(A) * x + beta * y with A stored m x n, row-major.
 *
 * Each y element is one float64 running sum in ascending order of the inner
 * index, scaled once, so any split of y across workers gives the same bits.
 * op(A) = A reads rows (dot products); op(A) = A^T walks A row by row and
 * adds x[i] * A[i, j0..j1) into a float64 accumulator (contiguous reads, the
 * same per-element order).
 */
import type { FloatArray } from './matmul.js';

/** The operands of one gemv call, validated (src/api/linalg_args.ts). */
export interface GemvParams {
  a: FloatArray;
  x: FloatArray;
  y: FloatArray;
  /** A is stored m x n. */
  m: number;
  n: number;
  /** false: x has n elements, y has m; true: x has m, y has n. */
  trans: boolean;
  alpha: number;
  beta: number;
}

/** Output elements per step between abort-flag checks (and per transposed accumulator). */
export const GEMV_STEP = 1024;

/** Length of y. */
export const gemvOutLength = (p: GemvParams): number => (p.trans ? p.n : p.m);

function finish(p: GemvParams, i: number, sum: number): void {
  p.y[i] = p.beta === 0 ? p.alpha * sum : p.alpha * sum + p.beta * p.y[i]!;
}

function rowsStep(p: GemvParams, i0: number, i1: number): void {
  const { a, x, n } = p;
  for (let i = i0; i < i1; i++) {
    let sum = 0;
    const row = i * n;
    for (let j = 0; j < n; j++) sum += a[row + j]! * x[j]!;
    finish(p, i, sum);
  }
}

function colsStep(p: GemvParams, acc: Float64Array, j0: number, j1: number): void {
  const { a, x, m, n } = p;
  const w = j1 - j0;
  acc.fill(0, 0, w);
  for (let i = 0; i < m; i++) {
    const xi = x[i]!;
    const row = i * n + j0;
    for (let j = 0; j < w; j++) acc[j] = acc[j]! + a[row + j]! * xi;
  }
  for (let j = 0; j < w; j++) finish(p, j0 + j, acc[j]!);
}

/** y[begin, end) = beta * y, for alpha == 0 or an empty inner dimension (A and x are not read). */
function scaleOnly(p: GemvParams, begin: number, end: number): void {
  if (p.beta === 0) p.y.fill(0, begin, end);
  else if (p.beta !== 1) for (let i = begin; i < end; i++) p.y[i] = p.beta * p.y[i]!;
}

/** Computes y[begin, end). Returns false when `flag[0]` became non-zero first (checked between steps). */
export function gemvRange(p: GemvParams, begin: number, end: number, flag?: Int32Array): boolean {
  const inner = p.trans ? p.m : p.n;
  if (p.alpha === 0 || inner === 0) {
    scaleOnly(p, begin, end);
    return true;
  }
  const acc = p.trans ? new Float64Array(Math.min(GEMV_STEP, end - begin)) : undefined;
  for (let lo = begin; lo < end; lo += GEMV_STEP) {
    if (flag !== undefined && Atomics.load(flag, 0) !== 0) return false;
    const hi = Math.min(end, lo + GEMV_STEP);
    if (acc === undefined) rowsStep(p, lo, hi);
    else colsStep(p, acc, lo, hi);
  }
  return true;
}

/** The whole product on the calling thread. */
export function gemv(p: GemvParams): void {
  gemvRange(p, 0, gemvOutLength(p));
}
