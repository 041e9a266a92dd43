/**
 * Reductions that return a Promise. They never throw: bad input rejects with
 * a coded TypeError or RangeError, and the event loop stays free while large
 * inputs are processed on other threads. Every one takes `options.signal`,
 * which cancels it between blocks (it then rejects with an AbortError, code
 * ABORT_ERR). More reductions (prod, var, std, nansum, …) are in stats.ts.
 */
import type { NumericArray } from '../dtypes.js';
import { normKernel, type NormOptions, type ReduceOptions } from './reduce_args.js';
import { runReduce } from './run_reduce.js';
import { isMatrixDot, type MatrixDotOptions } from './linalg_args.js';
import { matrixDot } from './linalg.js';
import { settle } from './boundary.js';

/**
 * Matrix product of row-major matrices when the options give a shape (any of
 * m, k, n): the same as {@link matmul}(a, b, options), which it calls.
 * Python equivalent: `numpy.dot(a.reshape(m, k), b.reshape(k, n))`.
 * @returns a new m x n array (or `options.out`).
 * @throws (rejects) as {@link matmul}.
 */
export function dot(
  a: Float64Array | Float32Array,
  b: Float64Array | Float32Array,
  options: MatrixDotOptions,
): Promise<Float64Array | Float32Array>;
/**
 * Inner product of two arrays of the same dtype and length, accumulated in
 * float64 in the same fixed order as {@link sum}.
 * Python equivalent: `numpy.dot(a, b)` for 1-D arrays.
 * @returns the inner product; 0 for empty arrays.
 * @throws (rejects) TypeError ERR_INVALID_DTYPE when the dtypes differ,
 *   RangeError ERR_LENGTH_MISMATCH when the lengths differ, and as {@link sum}.
 */
export function dot(a: NumericArray, b: NumericArray, options?: ReduceOptions): Promise<number>;
export function dot(
  a: NumericArray,
  b: NumericArray,
  options?: ReduceOptions | MatrixDotOptions,
): Promise<number | Float64Array | Float32Array> {
  return settle(async () => {
    if (isMatrixDot(options)) return matrixDot(a, b, options as MatrixDotOptions);
    return runReduce('dot', a, b, options);
  });
}

/**
 * Vector norm. `ord` 2 (the default) is the Euclidean norm, the square root
 * of the sum of squares; `ord` 1 sums |x| in the order of {@link sum};
 * `ord` Infinity is the largest |x| (NaN if any element is NaN). Every dtype
 * is widened to float64.
 * Python equivalent: `numpy.linalg.norm(a, ord)`.
 * @param options - `ord` (1, 2 or Infinity) and `signal`.
 * @returns the norm; 0 for an empty array with `ord` 1 or 2.
 * @throws (rejects) RangeError ERR_INVALID_OPTION for another `ord`, RangeError
 *   ERR_EMPTY_INPUT for an empty array with `ord` Infinity (numpy raises too),
 *   and as {@link sum}.
 */
export function norm(a: NumericArray, options?: NormOptions): Promise<number> {
  return settle(() => runReduce(normKernel(options), a, undefined, options, 'norm'));
}
