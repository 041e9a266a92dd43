/**
 * Elementwise binary kernels. Each takes arrays or numbers (at least one
 * array), `options.out` and `options.signal`, and resolves to the result
 * array. Result dtypes follow src/promote.ts (numpy's table); a result from
 * SharedArrayBuffer inputs is SharedArrayBuffer-backed. `out` may be one of
 * the inputs (in place). They never throw: bad input rejects with a coded
 * TypeError or RangeError naming the argument.
 */
import type { NumericArray } from '../dtypes.js';
import type { MapOptions } from './map_args.js';
import { runMap } from './run_map.js';
import { settle } from './boundary.js';

/** An operand of an elementwise kernel: an array, or a number broadcast over it. */
export type Operand = NumericArray | number;

/**
 * Elementwise x + y.
 * Python equivalent: `numpy.add(x, y)`.
 * @param x - array or number
 * @param y - array or number, the same length as x when both are arrays
 * @param options - `out` (result dtype and length; may be x or y) and `signal`
 * @returns `out`, or a new array of the result dtype (see promotion); integer results wrap modulo 2^bits
 * @throws (rejects) TypeError ERR_INVALID_ARG_TYPE / ERR_INVALID_DTYPE / ERR_DETACHED_BUFFER / ERR_INVALID_OPTION,
 *   RangeError ERR_LENGTH_MISMATCH / ERR_OUT_OF_RANGE / ERR_OVERLAP, AbortError ABORT_ERR.
 */
export function add(x: Operand, y: Operand, options?: MapOptions): Promise<NumericArray> {
  return settle(() => runMap('add', [x, y], options));
}

/**
 * Elementwise x − y.
 * Python equivalent: `numpy.subtract(x, y)`.
 * @param x - array or number
 * @param y - array or number, the same length as x when both are arrays
 * @param options - `out` (result dtype and length; may be x or y) and `signal`
 * @returns `out`, or a new array of the result dtype; integer results wrap modulo 2^bits
 * @throws (rejects) TypeError ERR_INVALID_ARG_TYPE / ERR_INVALID_DTYPE / ERR_DETACHED_BUFFER / ERR_INVALID_OPTION,
 *   RangeError ERR_LENGTH_MISMATCH / ERR_OUT_OF_RANGE / ERR_OVERLAP, AbortError ABORT_ERR.
 */
export function sub(x: Operand, y: Operand, options?: MapOptions): Promise<NumericArray> {
  return settle(() => runMap('sub', [x, y], options));
}

/**
 * Elementwise x × y.
 * Python equivalent: `numpy.multiply(x, y)`.
 * @param x - array or number
 * @param y - array or number, the same length as x when both are arrays
 * @param options - `out` (result dtype and length; may be x or y) and `signal`
 * @returns `out`, or a new array of the result dtype; integer results wrap modulo 2^bits (an int32 product equals Math.imul)
 * @throws (rejects) TypeError ERR_INVALID_ARG_TYPE / ERR_INVALID_DTYPE / ERR_DETACHED_BUFFER / ERR_INVALID_OPTION,
 *   RangeError ERR_LENGTH_MISMATCH / ERR_OUT_OF_RANGE / ERR_OVERLAP, AbortError ABORT_ERR.
 */
export function mul(x: Operand, y: Operand, options?: MapOptions): Promise<NumericArray> {
  return settle(() => runMap('mul', [x, y], options));
}

/**
 * Elementwise x ÷ y (true division).
 * Python equivalent: `numpy.true_divide(x, y)`.
 * @param x - array or number
 * @param y - array or number, the same length as x when both are arrays
 * @param options - `out` (result dtype and length; may be x or y) and `signal`
 * @returns `out`, or a new array of float64 for integer inputs, else the float result dtype
 * @throws (rejects) TypeError ERR_INVALID_ARG_TYPE / ERR_INVALID_DTYPE / ERR_DETACHED_BUFFER / ERR_INVALID_OPTION,
 *   RangeError ERR_LENGTH_MISMATCH / ERR_OUT_OF_RANGE / ERR_OVERLAP, AbortError ABORT_ERR.
 */
export function div(x: Operand, y: Operand, options?: MapOptions): Promise<NumericArray> {
  return settle(() => runMap('div', [x, y], options));
}

/**
 * Elementwise the smaller of x and y; NaN propagates.
 * Python equivalent: `numpy.minimum(x, y)`.
 * @param x - array or number
 * @param y - array or number, the same length as x when both are arrays
 * @param options - `out` (result dtype and length; may be x or y) and `signal`
 * @returns `out`, or a new array of the result dtype
 * @throws (rejects) TypeError ERR_INVALID_ARG_TYPE / ERR_INVALID_DTYPE / ERR_DETACHED_BUFFER / ERR_INVALID_OPTION,
 *   RangeError ERR_LENGTH_MISMATCH / ERR_OUT_OF_RANGE / ERR_OVERLAP, AbortError ABORT_ERR.
 */
export function minimum(x: Operand, y: Operand, options?: MapOptions): Promise<NumericArray> {
  return settle(() => runMap('minimum', [x, y], options));
}

/**
 * Elementwise the larger of x and y; NaN propagates.
 * Python equivalent: `numpy.maximum(x, y)`.
 * @param x - array or number
 * @param y - array or number, the same length as x when both are arrays
 * @param options - `out` (result dtype and length; may be x or y) and `signal`
 * @returns `out`, or a new array of the result dtype
 * @throws (rejects) TypeError ERR_INVALID_ARG_TYPE / ERR_INVALID_DTYPE / ERR_DETACHED_BUFFER / ERR_INVALID_OPTION,
 *   RangeError ERR_LENGTH_MISMATCH / ERR_OUT_OF_RANGE / ERR_OVERLAP, AbortError ABORT_ERR.
 */
export function maximum(x: Operand, y: Operand, options?: MapOptions): Promise<NumericArray> {
  return settle(() => runMap('maximum', [x, y], options));
}

/**
 * Elementwise x == y as 0/1.
 * Python equivalent: `numpy.equal(x, y)`.
 * @param x - array or number
 * @param y - array or number, the same length as x when both are arrays
 * @param options - `out` (result dtype and length; may be x or y) and `signal`
 * @returns `out`, or a new array of Uint8Array
 * @throws (rejects) TypeError ERR_INVALID_ARG_TYPE / ERR_INVALID_DTYPE / ERR_DETACHED_BUFFER / ERR_INVALID_OPTION,
 *   RangeError ERR_LENGTH_MISMATCH / ERR_OUT_OF_RANGE / ERR_OVERLAP, AbortError ABORT_ERR.
 */
export function eq(x: Operand, y: Operand, options?: MapOptions): Promise<NumericArray> {
  return settle(() => runMap('eq', [x, y], options));
}

/**
 * Elementwise x != y as 0/1 (NaN != NaN is 1).
 * Python equivalent: `numpy.not_equal(x, y)`.
 * @param x - array or number
 * @param y - array or number, the same length as x when both are arrays
 * @param options - `out` (result dtype and length; may be x or y) and `signal`
 * @returns `out`, or a new array of Uint8Array
 * @throws (rejects) TypeError ERR_INVALID_ARG_TYPE / ERR_INVALID_DTYPE / ERR_DETACHED_BUFFER / ERR_INVALID_OPTION,
 *   RangeError ERR_LENGTH_MISMATCH / ERR_OUT_OF_RANGE / ERR_OVERLAP, AbortError ABORT_ERR.
 */
export function ne(x: Operand, y: Operand, options?: MapOptions): Promise<NumericArray> {
  return settle(() => runMap('ne', [x, y], options));
}

/**
 * Elementwise x < y as 0/1.
 * Python equivalent: `numpy.less(x, y)`.
 * @param x - array or number
 * @param y - array or number, the same length as x when both are arrays
 * @param options - `out` (result dtype and length; may be x or y) and `signal`
 * @returns `out`, or a new array of Uint8Array
 * @throws (rejects) TypeError ERR_INVALID_ARG_TYPE / ERR_INVALID_DTYPE / ERR_DETACHED_BUFFER / ERR_INVALID_OPTION,
 *   RangeError ERR_LENGTH_MISMATCH / ERR_OUT_OF_RANGE / ERR_OVERLAP, AbortError ABORT_ERR.
 */
export function lt(x: Operand, y: Operand, options?: MapOptions): Promise<NumericArray> {
  return settle(() => runMap('lt', [x, y], options));
}

/**
 * Elementwise x <= y as 0/1.
 * Python equivalent: `numpy.less_equal(x, y)`.
 * @param x - array or number
 * @param y - array or number, the same length as x when both are arrays
 * @param options - `out` (result dtype and length; may be x or y) and `signal`
 * @returns `out`, or a new array of Uint8Array
 * @throws (rejects) TypeError ERR_INVALID_ARG_TYPE / ERR_INVALID_DTYPE / ERR_DETACHED_BUFFER / ERR_INVALID_OPTION,
 *   RangeError ERR_LENGTH_MISMATCH / ERR_OUT_OF_RANGE / ERR_OVERLAP, AbortError ABORT_ERR.
 */
export function le(x: Operand, y: Operand, options?: MapOptions): Promise<NumericArray> {
  return settle(() => runMap('le', [x, y], options));
}

/**
 * Elementwise x > y as 0/1.
 * Python equivalent: `numpy.greater(x, y)`.
 * @param x - array or number
 * @param y - array or number, the same length as x when both are arrays
 * @param options - `out` (result dtype and length; may be x or y) and `signal`
 * @returns `out`, or a new array of Uint8Array
 * @throws (rejects) TypeError ERR_INVALID_ARG_TYPE / ERR_INVALID_DTYPE / ERR_DETACHED_BUFFER / ERR_INVALID_OPTION,
 *   RangeError ERR_LENGTH_MISMATCH / ERR_OUT_OF_RANGE / ERR_OVERLAP, AbortError ABORT_ERR.
 */
export function gt(x: Operand, y: Operand, options?: MapOptions): Promise<NumericArray> {
  return settle(() => runMap('gt', [x, y], options));
}

/**
 * Elementwise x >= y as 0/1.
 * Python equivalent: `numpy.greater_equal(x, y)`.
 * @param x - array or number
 * @param y - array or number, the same length as x when both are arrays
 * @param options - `out` (result dtype and length; may be x or y) and `signal`
 * @returns `out`, or a new array of Uint8Array
 * @throws (rejects) TypeError ERR_INVALID_ARG_TYPE / ERR_INVALID_DTYPE / ERR_DETACHED_BUFFER / ERR_INVALID_OPTION,
 *   RangeError ERR_LENGTH_MISMATCH / ERR_OUT_OF_RANGE / ERR_OVERLAP, AbortError ABORT_ERR.
 */
export function ge(x: Operand, y: Operand, options?: MapOptions): Promise<NumericArray> {
  return settle(() => runMap('ge', [x, y], options));
}
