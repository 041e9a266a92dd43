/**
 * The transcendental unary kernels (see unary.ts for the shared contract):
 * within 1 ulp of the correctly rounded result on each backend, special
 * values (±0, ±Infinity, NaN, domain edges) as numpy gives them.
 */
import type { NumericArray } from '../dtypes.js';
import type { MapOptions } from './map_args.js';
import { runMap } from './run_map.js';
import { settle } from './boundary.js';

const X = ['x'] as const;

/**
 * Elementwise cube root (within 1 ulp), defined for negative x.
 * Python equivalent: `numpy.cbrt(x)`.
 * @param x - a TypedArray
 * @param options - `out` (result dtype, x's length; may be x) and `signal`
 * @returns `out`, or a new Float32Array for float32 x, else a Float64Array
 * @throws (rejects) TypeError ERR_INVALID_ARG_TYPE / ERR_INVALID_DTYPE / ERR_DETACHED_BUFFER / ERR_INVALID_OPTION,
 *   RangeError ERR_LENGTH_MISMATCH / ERR_OVERLAP, AbortError ABORT_ERR.
 */
export function cbrt(x: NumericArray, options?: MapOptions): Promise<NumericArray> {
  return settle(() => runMap('cbrt', [x], options, X));
}

/**
 * Elementwise e^x (within 1 ulp).
 * Python equivalent: `numpy.exp(x)`.
 * @param x - a TypedArray
 * @param options - `out` (result dtype, x's length; may be x) and `signal`
 * @returns `out`, or a new Float32Array for float32 x, else a Float64Array
 * @throws (rejects) TypeError ERR_INVALID_ARG_TYPE / ERR_INVALID_DTYPE / ERR_DETACHED_BUFFER / ERR_INVALID_OPTION,
 *   RangeError ERR_LENGTH_MISMATCH / ERR_OVERLAP, AbortError ABORT_ERR.
 */
export function exp(x: NumericArray, options?: MapOptions): Promise<NumericArray> {
  return settle(() => runMap('exp', [x], options, X));
}

/**
 * Elementwise e^x − 1, accurate for small x (within 1 ulp).
 * Python equivalent: `numpy.expm1(x)`.
 * @param x - a TypedArray
 * @param options - `out` (result dtype, x's length; may be x) and `signal`
 * @returns `out`, or a new Float32Array for float32 x, else a Float64Array
 * @throws (rejects) TypeError ERR_INVALID_ARG_TYPE / ERR_INVALID_DTYPE / ERR_DETACHED_BUFFER / ERR_INVALID_OPTION,
 *   RangeError ERR_LENGTH_MISMATCH / ERR_OVERLAP, AbortError ABORT_ERR.
 */
export function expm1(x: NumericArray, options?: MapOptions): Promise<NumericArray> {
  return settle(() => runMap('expm1', [x], options, X));
}

/**
 * Elementwise 2^x (within 1 ulp).
 * Python equivalent: `numpy.exp2(x)`.
 * @param x - a TypedArray
 * @param options - `out` (result dtype, x's length; may be x) and `signal`
 * @returns `out`, or a new Float32Array for float32 x, else a Float64Array
 * @throws (rejects) TypeError ERR_INVALID_ARG_TYPE / ERR_INVALID_DTYPE / ERR_DETACHED_BUFFER / ERR_INVALID_OPTION,
 *   RangeError ERR_LENGTH_MISMATCH / ERR_OVERLAP, AbortError ABORT_ERR.
 */
export function exp2(x: NumericArray, options?: MapOptions): Promise<NumericArray> {
  return settle(() => runMap('exp2', [x], options, X));
}

/**
 * Elementwise natural logarithm (within 1 ulp); log(0) is −Infinity, negative x gives NaN.
 * Python equivalent: `numpy.log(x)`.
 * @param x - a TypedArray
 * @param options - `out` (result dtype, x's length; may be x) and `signal`
 * @returns `out`, or a new Float32Array for float32 x, else a Float64Array
 * @throws (rejects) TypeError ERR_INVALID_ARG_TYPE / ERR_INVALID_DTYPE / ERR_DETACHED_BUFFER / ERR_INVALID_OPTION,
 *   RangeError ERR_LENGTH_MISMATCH / ERR_OVERLAP, AbortError ABORT_ERR.
 */
export function log(x: NumericArray, options?: MapOptions): Promise<NumericArray> {
  return settle(() => runMap('log', [x], options, X));
}

/**
 * Elementwise log(1 + x), accurate for small x (within 1 ulp).
 * Python equivalent: `numpy.log1p(x)`.
 * @param x - a TypedArray
 * @param options - `out` (result dtype, x's length; may be x) and `signal`
 * @returns `out`, or a new Float32Array for float32 x, else a Float64Array
 * @throws (rejects) TypeError ERR_INVALID_ARG_TYPE / ERR_INVALID_DTYPE / ERR_DETACHED_BUFFER / ERR_INVALID_OPTION,
 *   RangeError ERR_LENGTH_MISMATCH / ERR_OVERLAP, AbortError ABORT_ERR.
 */
export function log1p(x: NumericArray, options?: MapOptions): Promise<NumericArray> {
  return settle(() => runMap('log1p', [x], options, X));
}

/**
 * Elementwise base-2 logarithm (within 1 ulp; exact powers of two give exact integers).
 * Python equivalent: `numpy.log2(x)`.
 * @param x - a TypedArray
 * @param options - `out` (result dtype, x's length; may be x) and `signal`
 * @returns `out`, or a new Float32Array for float32 x, else a Float64Array
 * @throws (rejects) TypeError ERR_INVALID_ARG_TYPE / ERR_INVALID_DTYPE / ERR_DETACHED_BUFFER / ERR_INVALID_OPTION,
 *   RangeError ERR_LENGTH_MISMATCH / ERR_OVERLAP, AbortError ABORT_ERR.
 */
export function log2(x: NumericArray, options?: MapOptions): Promise<NumericArray> {
  return settle(() => runMap('log2', [x], options, X));
}

/**
 * Elementwise base-10 logarithm (within 1 ulp).
 * Python equivalent: `numpy.log10(x)`.
 * @param x - a TypedArray
 * @param options - `out` (result dtype, x's length; may be x) and `signal`
 * @returns `out`, or a new Float32Array for float32 x, else a Float64Array
 * @throws (rejects) TypeError ERR_INVALID_ARG_TYPE / ERR_INVALID_DTYPE / ERR_DETACHED_BUFFER / ERR_INVALID_OPTION,
 *   RangeError ERR_LENGTH_MISMATCH / ERR_OVERLAP, AbortError ABORT_ERR.
 */
export function log10(x: NumericArray, options?: MapOptions): Promise<NumericArray> {
  return settle(() => runMap('log10', [x], options, X));
}

/**
 * Elementwise sine of radians (within 1 ulp, huge arguments included).
 * Python equivalent: `numpy.sin(x)`.
 * @param x - a TypedArray
 * @param options - `out` (result dtype, x's length; may be x) and `signal`
 * @returns `out`, or a new Float32Array for float32 x, else a Float64Array
 * @throws (rejects) TypeError ERR_INVALID_ARG_TYPE / ERR_INVALID_DTYPE / ERR_DETACHED_BUFFER / ERR_INVALID_OPTION,
 *   RangeError ERR_LENGTH_MISMATCH / ERR_OVERLAP, AbortError ABORT_ERR.
 */
export function sin(x: NumericArray, options?: MapOptions): Promise<NumericArray> {
  return settle(() => runMap('sin', [x], options, X));
}

/**
 * Elementwise cosine of radians (within 1 ulp, huge arguments included).
 * Python equivalent: `numpy.cos(x)`.
 * @param x - a TypedArray
 * @param options - `out` (result dtype, x's length; may be x) and `signal`
 * @returns `out`, or a new Float32Array for float32 x, else a Float64Array
 * @throws (rejects) TypeError ERR_INVALID_ARG_TYPE / ERR_INVALID_DTYPE / ERR_DETACHED_BUFFER / ERR_INVALID_OPTION,
 *   RangeError ERR_LENGTH_MISMATCH / ERR_OVERLAP, AbortError ABORT_ERR.
 */
export function cos(x: NumericArray, options?: MapOptions): Promise<NumericArray> {
  return settle(() => runMap('cos', [x], options, X));
}

/**
 * Elementwise tangent of radians (within 1 ulp, huge arguments included).
 * Python equivalent: `numpy.tan(x)`.
 * @param x - a TypedArray
 * @param options - `out` (result dtype, x's length; may be x) and `signal`
 * @returns `out`, or a new Float32Array for float32 x, else a Float64Array
 * @throws (rejects) TypeError ERR_INVALID_ARG_TYPE / ERR_INVALID_DTYPE / ERR_DETACHED_BUFFER / ERR_INVALID_OPTION,
 *   RangeError ERR_LENGTH_MISMATCH / ERR_OVERLAP, AbortError ABORT_ERR.
 */
export function tan(x: NumericArray, options?: MapOptions): Promise<NumericArray> {
  return settle(() => runMap('tan', [x], options, X));
}

/**
 * Elementwise arcsine, in [−π/2, π/2]; |x| > 1 gives NaN (within 1 ulp).
 * Python equivalent: `numpy.arcsin(x)`.
 * @param x - a TypedArray
 * @param options - `out` (result dtype, x's length; may be x) and `signal`
 * @returns `out`, or a new Float32Array for float32 x, else a Float64Array
 * @throws (rejects) TypeError ERR_INVALID_ARG_TYPE / ERR_INVALID_DTYPE / ERR_DETACHED_BUFFER / ERR_INVALID_OPTION,
 *   RangeError ERR_LENGTH_MISMATCH / ERR_OVERLAP, AbortError ABORT_ERR.
 */
export function asin(x: NumericArray, options?: MapOptions): Promise<NumericArray> {
  return settle(() => runMap('asin', [x], options, X));
}

/**
 * Elementwise arccosine, in [0, π]; |x| > 1 gives NaN (within 1 ulp).
 * Python equivalent: `numpy.arccos(x)`.
 * @param x - a TypedArray
 * @param options - `out` (result dtype, x's length; may be x) and `signal`
 * @returns `out`, or a new Float32Array for float32 x, else a Float64Array
 * @throws (rejects) TypeError ERR_INVALID_ARG_TYPE / ERR_INVALID_DTYPE / ERR_DETACHED_BUFFER / ERR_INVALID_OPTION,
 *   RangeError ERR_LENGTH_MISMATCH / ERR_OVERLAP, AbortError ABORT_ERR.
 */
export function acos(x: NumericArray, options?: MapOptions): Promise<NumericArray> {
  return settle(() => runMap('acos', [x], options, X));
}

/**
 * Elementwise arctangent, in [−π/2, π/2] (within 1 ulp).
 * Python equivalent: `numpy.arctan(x)`.
 * @param x - a TypedArray
 * @param options - `out` (result dtype, x's length; may be x) and `signal`
 * @returns `out`, or a new Float32Array for float32 x, else a Float64Array
 * @throws (rejects) TypeError ERR_INVALID_ARG_TYPE / ERR_INVALID_DTYPE / ERR_DETACHED_BUFFER / ERR_INVALID_OPTION,
 *   RangeError ERR_LENGTH_MISMATCH / ERR_OVERLAP, AbortError ABORT_ERR.
 */
export function atan(x: NumericArray, options?: MapOptions): Promise<NumericArray> {
  return settle(() => runMap('atan', [x], options, X));
}

/**
 * Elementwise hyperbolic sine (within 1 ulp).
 * Python equivalent: `numpy.sinh(x)`.
 * @param x - a TypedArray
 * @param options - `out` (result dtype, x's length; may be x) and `signal`
 * @returns `out`, or a new Float32Array for float32 x, else a Float64Array
 * @throws (rejects) TypeError ERR_INVALID_ARG_TYPE / ERR_INVALID_DTYPE / ERR_DETACHED_BUFFER / ERR_INVALID_OPTION,
 *   RangeError ERR_LENGTH_MISMATCH / ERR_OVERLAP, AbortError ABORT_ERR.
 */
export function sinh(x: NumericArray, options?: MapOptions): Promise<NumericArray> {
  return settle(() => runMap('sinh', [x], options, X));
}

/**
 * Elementwise hyperbolic cosine (within 1 ulp).
 * Python equivalent: `numpy.cosh(x)`.
 * @param x - a TypedArray
 * @param options - `out` (result dtype, x's length; may be x) and `signal`
 * @returns `out`, or a new Float32Array for float32 x, else a Float64Array
 * @throws (rejects) TypeError ERR_INVALID_ARG_TYPE / ERR_INVALID_DTYPE / ERR_DETACHED_BUFFER / ERR_INVALID_OPTION,
 *   RangeError ERR_LENGTH_MISMATCH / ERR_OVERLAP, AbortError ABORT_ERR.
 */
export function cosh(x: NumericArray, options?: MapOptions): Promise<NumericArray> {
  return settle(() => runMap('cosh', [x], options, X));
}

/**
 * Elementwise hyperbolic tangent (within 1 ulp).
 * Python equivalent: `numpy.tanh(x)`.
 * @param x - a TypedArray
 * @param options - `out` (result dtype, x's length; may be x) and `signal`
 * @returns `out`, or a new Float32Array for float32 x, else a Float64Array
 * @throws (rejects) TypeError ERR_INVALID_ARG_TYPE / ERR_INVALID_DTYPE / ERR_DETACHED_BUFFER / ERR_INVALID_OPTION,
 *   RangeError ERR_LENGTH_MISMATCH / ERR_OVERLAP, AbortError ABORT_ERR.
 */
export function tanh(x: NumericArray, options?: MapOptions): Promise<NumericArray> {
  return settle(() => runMap('tanh', [x], options, X));
}
