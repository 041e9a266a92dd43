/**
 * Reductions that return a Promise. They never throw: bad input rejects with
 * a coded TypeError or RangeError, and the event loop stays free while large
 * inputs are processed on other threads.
 */
import { selection } from '../backend/select.js';
import type { NumericArray } from '../dtypes.js';
import type { ReduceName } from '../kernels/registry.js';
import { reduceArgs } from './reduce_args.js';

async function reduce(name: ReduceName, a: unknown, b?: unknown): Promise<number> {
  const { id, ops } = reduceArgs(name, a, b);
  return selection().backend.reduce(id, ops);
}

/**
 * Sum of all elements. Floats are summed in fixed 8-lane blocks combined
 * pairwise (more accurate than a running total, identical for any thread
 * count); integer dtypes are summed exactly while |total| < 2^53.
 * Python equivalent: `numpy.sum(a)`.
 * @param a - the array; may be SharedArrayBuffer-backed, at any byteOffset.
 * @returns the sum; 0 for an empty array.
 * @throws (rejects) TypeError ERR_INVALID_ARG_TYPE / ERR_INVALID_DTYPE / ERR_DETACHED_BUFFER.
 */
export function sum(a: NumericArray): Promise<number> {
  return reduce('sum', a);
}

/**
 * Arithmetic mean: {@link sum} divided by the length.
 * Python equivalent: `numpy.mean(a)`.
 * @returns the mean; NaN for an empty array (numpy warns and returns nan).
 * @throws (rejects) as {@link sum}.
 */
export function mean(a: NumericArray): Promise<number> {
  return reduce('mean', a);
}

/**
 * Smallest element. A NaN anywhere makes the result NaN, as in numpy; of
 * equal minima (such as -0 and +0) the first one is returned.
 * Python equivalent: `numpy.min(a)`.
 * @throws (rejects) RangeError ERR_EMPTY_INPUT for an empty array, and as {@link sum}.
 */
export function min(a: NumericArray): Promise<number> {
  return reduce('min', a);
}

/**
 * Largest element, with the NaN and tie rules of {@link min}.
 * Python equivalent: `numpy.max(a)`.
 * @throws (rejects) RangeError ERR_EMPTY_INPUT for an empty array, and as {@link sum}.
 */
export function max(a: NumericArray): Promise<number> {
  return reduce('max', a);
}

/**
 * Index of the first smallest element, or of the first NaN if there is one.
 * Python equivalent: `numpy.argmin(a)`.
 * @throws (rejects) RangeError ERR_EMPTY_INPUT for an empty array, and as {@link sum}.
 */
export function argmin(a: NumericArray): Promise<number> {
  return reduce('argmin', a);
}

/**
 * Index of the first largest element, or of the first NaN if there is one.
 * Python equivalent: `numpy.argmax(a)`.
 * @throws (rejects) RangeError ERR_EMPTY_INPUT for an empty array, and as {@link sum}.
 */
export function argmax(a: NumericArray): Promise<number> {
  return reduce('argmax', a);
}

/**
 * Inner product of two arrays of the same dtype and length, accumulated in
 * float64 in the same fixed order as {@link sum}.
 * Python equivalent: `numpy.dot(a, b)` for 1-D arrays.
 * @returns the inner product; 0 for empty arrays.
 * @throws (rejects) TypeError ERR_INVALID_DTYPE when the dtypes differ,
 *   RangeError ERR_LENGTH_MISMATCH when the lengths differ, and as {@link sum}.
 */
export function dot(a: NumericArray, b: NumericArray): Promise<number> {
  return reduce('dot', a, b);
}

/**
 * Euclidean (L2) norm: the square root of the sum of squares.
 * Python equivalent: `numpy.linalg.norm(a)`.
 * @returns the norm; 0 for an empty array.
 * @throws (rejects) as {@link sum}.
 */
export function norm(a: NumericArray): Promise<number> {
  return reduce('norm', a);
}
