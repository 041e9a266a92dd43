/**
 * Elementwise unary kernels. Each takes one TypedArray (any dtype, ordinary
 * or SharedArrayBuffer memory), `options.out` and `options.signal`, and
 * resolves to the result array; a result computed from a SharedArrayBuffer
 * input is SharedArrayBuffer-backed, and `out` may be x itself (in place).
 * Result dtypes: abs/neg/sign/square keep x's dtype; isnan/isfinite give
 * Uint8Array; the rest give Float32Array for float32 x and Float64Array
 * otherwise. They never throw: bad input rejects with a coded error.
 *
 * Accuracy: exact kernels (abs, neg, sign, square, sqrt, reciprocal, floor,
 * ceil, round, trunc) are bit-identical on both backends; the transcendental
 * ones are within 1 ulp of the correctly rounded result on each backend.
 */
import type { NumericArray } from '../dtypes.js';
import type { MapOptions } from './map_args.js';
import { runMap } from './run_map.js';
import { settle } from './boundary.js';

const X = ['x'] as const;

export * from './unary_transcendental.js';

/**
 * Elementwise |x|. Integers keep their dtype and wrap like numpy's: abs of int8 −128 is −128.
 * Python equivalent: `numpy.abs(x)`.
 * @param x - a TypedArray
 * @param options - `out` (result dtype, x's length; may be x) and `signal`
 * @returns `out`, or a new array of x's dtype (Uint8ClampedArray gives Uint8Array)
 * @throws (rejects) TypeError ERR_INVALID_ARG_TYPE / ERR_INVALID_DTYPE / ERR_DETACHED_BUFFER / ERR_INVALID_OPTION,
 *   RangeError ERR_LENGTH_MISMATCH / ERR_OVERLAP, AbortError ABORT_ERR.
 */
export function abs(x: NumericArray, options?: MapOptions): Promise<NumericArray> {
  return settle(() => runMap('abs', [x], options, X));
}

/**
 * Elementwise −x. Integers keep their dtype and wrap (neg of uint8 1 is 255).
 * Python equivalent: `numpy.negative(x)`.
 * @param x - a TypedArray
 * @param options - `out` (result dtype, x's length; may be x) and `signal`
 * @returns `out`, or a new array of x's dtype (Uint8ClampedArray gives Uint8Array)
 * @throws (rejects) TypeError ERR_INVALID_ARG_TYPE / ERR_INVALID_DTYPE / ERR_DETACHED_BUFFER / ERR_INVALID_OPTION,
 *   RangeError ERR_LENGTH_MISMATCH / ERR_OVERLAP, AbortError ABORT_ERR.
 */
export function neg(x: NumericArray, options?: MapOptions): Promise<NumericArray> {
  return settle(() => runMap('neg', [x], options, X));
}

/**
 * Elementwise sign: −1, 0 or 1 in x's dtype; sign(±0) is +0 and sign(NaN) is NaN.
 * Python equivalent: `numpy.sign(x)`.
 * @param x - a TypedArray
 * @param options - `out` (result dtype, x's length; may be x) and `signal`
 * @returns `out`, or a new array of x's dtype (Uint8ClampedArray gives Uint8Array)
 * @throws (rejects) TypeError ERR_INVALID_ARG_TYPE / ERR_INVALID_DTYPE / ERR_DETACHED_BUFFER / ERR_INVALID_OPTION,
 *   RangeError ERR_LENGTH_MISMATCH / ERR_OVERLAP, AbortError ABORT_ERR.
 */
export function sign(x: NumericArray, options?: MapOptions): Promise<NumericArray> {
  return settle(() => runMap('sign', [x], options, X));
}

/**
 * Elementwise square root, correctly rounded; sqrt(−0) is −0, negative inputs give NaN.
 * Python equivalent: `numpy.sqrt(x)`.
 * @param x - a TypedArray
 * @param options - `out` (result dtype, x's length; may be x) and `signal`
 * @returns `out`, or a new Float32Array for float32 x, else a Float64Array
 * @throws (rejects) TypeError ERR_INVALID_ARG_TYPE / ERR_INVALID_DTYPE / ERR_DETACHED_BUFFER / ERR_INVALID_OPTION,
 *   RangeError ERR_LENGTH_MISMATCH / ERR_OVERLAP, AbortError ABORT_ERR.
 */
export function sqrt(x: NumericArray, options?: MapOptions): Promise<NumericArray> {
  return settle(() => runMap('sqrt', [x], options, X));
}

/**
 * Elementwise x·x. Integers keep their dtype and wrap: an int32 square equals Math.imul(x, x).
 * Python equivalent: `numpy.square(x)`.
 * @param x - a TypedArray
 * @param options - `out` (result dtype, x's length; may be x) and `signal`
 * @returns `out`, or a new array of x's dtype (Uint8ClampedArray gives Uint8Array)
 * @throws (rejects) TypeError ERR_INVALID_ARG_TYPE / ERR_INVALID_DTYPE / ERR_DETACHED_BUFFER / ERR_INVALID_OPTION,
 *   RangeError ERR_LENGTH_MISMATCH / ERR_OVERLAP, AbortError ABORT_ERR.
 */
export function square(x: NumericArray, options?: MapOptions): Promise<NumericArray> {
  return settle(() => runMap('square', [x], options, X));
}

/**
 * Elementwise 1/x, correctly rounded (numpy's integer reciprocal truncates; this gives float64).
 * Python equivalent: `numpy.reciprocal(x.astype(float))`.
 * @param x - a TypedArray
 * @param options - `out` (result dtype, x's length; may be x) and `signal`
 * @returns `out`, or a new Float32Array for float32 x, else a Float64Array
 * @throws (rejects) TypeError ERR_INVALID_ARG_TYPE / ERR_INVALID_DTYPE / ERR_DETACHED_BUFFER / ERR_INVALID_OPTION,
 *   RangeError ERR_LENGTH_MISMATCH / ERR_OVERLAP, AbortError ABORT_ERR.
 */
export function reciprocal(x: NumericArray, options?: MapOptions): Promise<NumericArray> {
  return settle(() => runMap('reciprocal', [x], options, X));
}

/**
 * Elementwise largest integer ≤ x (floor(−0.5) is −1).
 * Python equivalent: `numpy.floor(x)`.
 * @param x - a TypedArray
 * @param options - `out` (result dtype, x's length; may be x) and `signal`
 * @returns `out`, or a new Float32Array for float32 x, else a Float64Array
 * @throws (rejects) TypeError ERR_INVALID_ARG_TYPE / ERR_INVALID_DTYPE / ERR_DETACHED_BUFFER / ERR_INVALID_OPTION,
 *   RangeError ERR_LENGTH_MISMATCH / ERR_OVERLAP, AbortError ABORT_ERR.
 */
export function floor(x: NumericArray, options?: MapOptions): Promise<NumericArray> {
  return settle(() => runMap('floor', [x], options, X));
}

/**
 * Elementwise smallest integer ≥ x (ceil(−0.5) is −0).
 * Python equivalent: `numpy.ceil(x)`.
 * @param x - a TypedArray
 * @param options - `out` (result dtype, x's length; may be x) and `signal`
 * @returns `out`, or a new Float32Array for float32 x, else a Float64Array
 * @throws (rejects) TypeError ERR_INVALID_ARG_TYPE / ERR_INVALID_DTYPE / ERR_DETACHED_BUFFER / ERR_INVALID_OPTION,
 *   RangeError ERR_LENGTH_MISMATCH / ERR_OVERLAP, AbortError ABORT_ERR.
 */
export function ceil(x: NumericArray, options?: MapOptions): Promise<NumericArray> {
  return settle(() => runMap('ceil', [x], options, X));
}

/**
 * Elementwise rounding to the nearest integer, halves to even (round(2.5) is 2, round(−0.5) is −0).
 * Python equivalent: `numpy.round(x)`.
 * @param x - a TypedArray
 * @param options - `out` (result dtype, x's length; may be x) and `signal`
 * @returns `out`, or a new Float32Array for float32 x, else a Float64Array
 * @throws (rejects) TypeError ERR_INVALID_ARG_TYPE / ERR_INVALID_DTYPE / ERR_DETACHED_BUFFER / ERR_INVALID_OPTION,
 *   RangeError ERR_LENGTH_MISMATCH / ERR_OVERLAP, AbortError ABORT_ERR.
 */
export function round(x: NumericArray, options?: MapOptions): Promise<NumericArray> {
  return settle(() => runMap('round', [x], options, X));
}

/**
 * Elementwise rounding toward zero.
 * Python equivalent: `numpy.trunc(x)`.
 * @param x - a TypedArray
 * @param options - `out` (result dtype, x's length; may be x) and `signal`
 * @returns `out`, or a new Float32Array for float32 x, else a Float64Array
 * @throws (rejects) TypeError ERR_INVALID_ARG_TYPE / ERR_INVALID_DTYPE / ERR_DETACHED_BUFFER / ERR_INVALID_OPTION,
 *   RangeError ERR_LENGTH_MISMATCH / ERR_OVERLAP, AbortError ABORT_ERR.
 */
export function trunc(x: NumericArray, options?: MapOptions): Promise<NumericArray> {
  return settle(() => runMap('trunc', [x], options, X));
}

/**
 * Elementwise 1 where x is NaN, else 0.
 * Python equivalent: `numpy.isnan(x)`.
 * @param x - a TypedArray
 * @param options - `out` (Uint8Array, x's length; may be x when x is a Uint8Array) and `signal`
 * @returns `out`, or a new Uint8Array of 0/1
 * @throws (rejects) TypeError ERR_INVALID_ARG_TYPE / ERR_INVALID_DTYPE / ERR_DETACHED_BUFFER / ERR_INVALID_OPTION,
 *   RangeError ERR_LENGTH_MISMATCH / ERR_OVERLAP, AbortError ABORT_ERR.
 */
export function isnan(x: NumericArray, options?: MapOptions): Promise<NumericArray> {
  return settle(() => runMap('isnan', [x], options, X));
}

/**
 * Elementwise 1 where x is finite (not NaN or ±Infinity), else 0.
 * Python equivalent: `numpy.isfinite(x)`.
 * @param x - a TypedArray
 * @param options - `out` (Uint8Array, x's length; may be x when x is a Uint8Array) and `signal`
 * @returns `out`, or a new Uint8Array of 0/1
 * @throws (rejects) TypeError ERR_INVALID_ARG_TYPE / ERR_INVALID_DTYPE / ERR_DETACHED_BUFFER / ERR_INVALID_OPTION,
 *   RangeError ERR_LENGTH_MISMATCH / ERR_OVERLAP, AbortError ABORT_ERR.
 */
export function isfinite(x: NumericArray, options?: MapOptions): Promise<NumericArray> {
  return settle(() => runMap('isfinite', [x], options, X));
}
