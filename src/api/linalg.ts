/**
 * Dense linear algebra on row-major Float64Array / Float32Array matrices
 * (async: every call returns a Promise and rejects, never throws).
 *
 * Native: cache-blocked GEMM with packed panels and SIMD micro-kernels chosen
 * at run time, parallel over the pool; results are identical for every
 * thread count. Fallback: a blocked JS GEMM whose every element is one
 * float64 sum in ascending k order, split by rows across the kernel workers,
 * identical for every worker count. The backends agree within rounding
 * (|error| <= c * k * eps * sum_l |a_il b_lj|), not bit for bit.
 */
import { selection } from '../backend/select.js';
import type { NumericArray } from '../dtypes.js';
import { runAbortable } from './abortable.js';
import {
  prepareMatmul,
  prepareMatvec,
  prepareOuter,
  prepareTranspose,
  type MatmulOptions,
  type MatvecOptions,
  type OuterOptions,
  type TransposeOptions,
} from './linalg_args.js';
import { settle } from './boundary.js';

export type { MatmulOptions, MatrixDotOptions, MatvecOptions, OuterOptions, TransposeOptions } from './linalg_args.js';

/**
 * Matrix product C = alpha * op(A) * op(B) + beta * C (BLAS dgemm/sgemm).
 * op(A) is m x k (A is stored k x m when `transA`), op(B) is k x n (B stored
 * n x k when `transB`). Sizes left out of the options are inferred from the
 * lengths (give at least one; any may be 0). With beta 0 (the default) C is
 * not read; with alpha 0 or k 0, C = beta * C.
 * Python equivalent: `alpha * (a.reshape(m, k) @ b.reshape(k, n)) + beta * c` (numpy.matmul).
 * @param a - op(A) data, row-major; may be SharedArrayBuffer-backed, at any byteOffset.
 * @param b - op(B) data, the same dtype as a.
 * @param options - m, k, n, transA, transB, alpha, beta, `out` (C, m x n; required when beta != 0), signal.
 * @returns `out`, or a new m x n array (SharedArrayBuffer-backed when a is).
 * @throws (rejects) TypeError ERR_INVALID_ARG_TYPE / ERR_INVALID_DTYPE (not float, or mixed dtypes) /
 *   ERR_DETACHED_BUFFER / ERR_INVALID_OPTION, RangeError ERR_OUT_OF_RANGE (a size that is not a
 *   non-negative integer), ERR_LENGTH_MISMATCH (a, b or out of the wrong length), ERR_OVERLAP
 *   (out overlapping a or b), ERR_INVALID_OPTION (beta != 0 without out), AbortError ABORT_ERR.
 */
export function matmul(
  a: Float64Array | Float32Array,
  b: Float64Array | Float32Array,
  options: MatmulOptions,
): Promise<Float64Array | Float32Array> {
  return settle(async () => {
    const { p, signal } = prepareMatmul(a, b, options);
    const backend = selection().backend;
    await runAbortable(signal, (flag) => backend.gemm(p, flag));
    return p.c;
  });
}

/**
 * Matrix-vector product y = alpha * op(A) * x + beta * y (BLAS dgemv/sgemv),
 * A stored m x n, op(A) = A (x has n elements, y m) or A^T with `trans`
 * (x has m, y n). m and n default from x.length and a.length.
 * Python equivalent: `alpha * (a.reshape(m, n) @ x) + beta * y` (`a.reshape(m, n).T @ x` with trans).
 * @param options - m, n, trans, alpha, beta, `out` (y; required when beta != 0), signal.
 * @returns `out`, or a new array (SharedArrayBuffer-backed when a is).
 * @throws (rejects) as {@link matmul}.
 */
export function matvec(
  a: Float64Array | Float32Array,
  x: Float64Array | Float32Array,
  options?: MatvecOptions,
): Promise<Float64Array | Float32Array> {
  return settle(async () => {
    const { p, signal } = prepareMatvec(a, x, options);
    const backend = selection().backend;
    await runAbortable(signal, (flag) => backend.gemv(p, flag));
    return p.y;
  });
}

/**
 * Transpose of A (rows x cols) into a cols x rows array, in cache tiles.
 * `out` may be `a` itself: the transpose is then in place (the shape changes
 * to cols x rows; non-square matrices go through a temporary copy).
 * Python equivalent: `numpy.ascontiguousarray(a.reshape(rows, cols).T)`.
 * @param options - rows and/or cols (the other is inferred), `out`, signal.
 * @returns `out`, or a new array (SharedArrayBuffer-backed when a is).
 * @throws (rejects) as {@link matmul}; ERR_OVERLAP when out overlaps a without being a.
 */
export function transpose(a: Float64Array | Float32Array, options: TransposeOptions): Promise<Float64Array | Float32Array> {
  return settle(async () => {
    const { a: input, out, rows, cols, signal } = prepareTranspose(a, options);
    const backend = selection().backend;
    await runAbortable(signal, (flag) => backend.transpose(input, out, rows, cols, flag));
    return out;
  });
}

/**
 * Outer product out[i * y.length + j] = x[i] * y[j] (one rounding per element).
 * Python equivalent: `numpy.outer(x, y)`.
 * @param options - `out` (x.length x y.length) and signal.
 * @returns `out`, or a new array (SharedArrayBuffer-backed when x is).
 * @throws (rejects) as {@link matmul}.
 */
export function outer(
  x: Float64Array | Float32Array,
  y: Float64Array | Float32Array,
  options?: OuterOptions,
): Promise<Float64Array | Float32Array> {
  return settle(async () => {
    const { x: xs, y: ys, out, signal } = prepareOuter(x, y, options);
    const backend = selection().backend;
    await runAbortable(signal, (flag) => backend.outer(xs, ys, out, flag));
    return out;
  });
}

/** dot(a, b, { m, k, n }): the matrix form, routed here by reductions.ts. */
export function matrixDot(a: NumericArray, b: NumericArray, options: MatmulOptions): Promise<Float64Array | Float32Array> {
  return settle(() => matmul(a as Float64Array, b as Float64Array, options));
}
