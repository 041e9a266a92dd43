/**
 * axpy, fma, clip, lerp, where (async): three inputs, one pass, no
 * temporaries. Each operand is an array or a number (at least one array),
 * with numpy's promotion (src/promote.ts), `options.out` and
 * `options.signal`. The formulas are fixed and documented, so results are
 * bit-identical on both backends and for any thread count. They never throw:
 * bad input rejects with a coded TypeError or RangeError naming the argument.
 */
import type { NumericArray } from '../dtypes.js';
import type { Operand } from './elementwise.js';
import { AXPY_NAMES, axpyCall, clipKeepsTies, secondPass, type AxpyOptions } from './fused_args.js';
import type { MapOptions } from './map_args.js';
import { runMap } from './run_map.js';
import { settle } from './boundary.js';

export type { AxpyOptions } from './fused_args.js';

/**
 * y ← a·x + y in place (BLAS axpy), computed as fma(a, x, y) with two roundings.
 * y's dtype must be the promoted dtype of a, x and y (numpy's in-place
 * `y += a * x` refuses int y with a fractional a the same way).
 * Python equivalent: `y += a * x` (numpy).
 * @param a - the scale, a number
 * @param x - array (or number), the same length as y
 * @param y - the array updated in place
 * @param options - `signal`
 * @returns y
 * @throws (rejects) TypeError ERR_INVALID_ARG_TYPE (a not a number, x or y not an array),
 *   ERR_INVALID_DTYPE (y cannot hold the result), ERR_INVALID_OPTION (options.out given);
 *   RangeError ERR_LENGTH_MISMATCH / ERR_OUT_OF_RANGE / ERR_OVERLAP; AbortError ABORT_ERR.
 */
export function axpy(a: number, x: Operand, y: NumericArray, options?: AxpyOptions): Promise<NumericArray> {
  return settle(() => runMap('fma', [a, x, y], axpyCall(a, x, y, options), AXPY_NAMES));
}

/**
 * Elementwise a·b + c in one pass. The product is rounded before the sum,
 * exactly like numpy's `a * b + c`; this is not a fused multiply-add with a
 * single rounding (numpy has none, and JS has no exact one to match). Integer
 * results wrap modulo 2^bits.
 * Python equivalent: `a * b + c` (numpy).
 * @param a - array or number
 * @param b - array or number
 * @param c - array or number; arrays must share one length
 * @param options - `out` (result dtype and length; may be an input) and `signal`
 * @returns `out`, or a new array of the promoted dtype of a, b and c
 * @throws (rejects) TypeError ERR_INVALID_ARG_TYPE / ERR_INVALID_DTYPE / ERR_DETACHED_BUFFER / ERR_INVALID_OPTION,
 *   RangeError ERR_LENGTH_MISMATCH / ERR_OUT_OF_RANGE / ERR_OVERLAP, AbortError ABORT_ERR.
 */
export function fma(a: Operand, b: Operand, c: Operand, options?: MapOptions): Promise<NumericArray> {
  return settle(() => runMap('fma', [a, b, c], options, ['a', 'b', 'c']));
}

/**
 * Elementwise x limited to [lo, hi]: min(max(x, lo), hi) with numpy's
 * NaN-propagating max and min, so a NaN in x, lo or hi gives NaN, and lo > hi
 * gives hi. As in numpy, a tie keeps x when both bounds are numbers
 * (clip(−0, 0, 1) is −0) and takes the bound when a bound is an array.
 * Python equivalent: `numpy.clip(x, lo, hi)`.
 * @param x - array or number
 * @param lo - lower bound: array or number
 * @param hi - upper bound: array or number; arrays must share one length
 * @param options - `out` (result dtype and length; may be an input) and `signal`
 * @returns `out`, or a new array of the promoted dtype of x, lo and hi
 * @throws (rejects) as {@link fma}.
 */
export function clip(x: Operand, lo: Operand, hi: Operand, options?: MapOptions): Promise<NumericArray> {
  return settle(async () => {
    if (clipKeepsTies(x, lo, hi)) {
      const first = await runMap('maximum', [lo, x], options, ['lo', 'x']);
      return runMap('minimum', [hi, first], secondPass(options, first), ['hi', 'x']);
    }
    return runMap('clip', [x, lo, hi], options, ['x', 'lo', 'hi']);
  });
}

/**
 * Elementwise linear interpolation a + t·(b − a), rounded step by step in the
 * result dtype (so t = 1 gives b only up to rounding). Integer inputs give float64.
 * Python equivalent: `a + t * (b - a)` (numpy).
 * @param a - start: array or number
 * @param b - end: array or number
 * @param t - weight: array or number; arrays must share one length
 * @param options - `out` (float result dtype and length; may be an input) and `signal`
 * @returns `out`, or a new float array
 * @throws (rejects) as {@link fma}.
 */
export function lerp(a: Operand, b: Operand, t: Operand, options?: MapOptions): Promise<NumericArray> {
  return settle(() => runMap('lerp', [a, b, t], options, ['a', 'b', 't']));
}

/**
 * Elementwise a where mask is nonzero (NaN counts as nonzero, −0 as zero), else b.
 * The mask may have any dtype and takes no part in the result dtype, which
 * is the promotion of a and b (float64 when both are numbers).
 * Python equivalent: `numpy.where(mask, a, b)`.
 * @param mask - array or number
 * @param a - chosen where mask ≠ 0: array or number
 * @param b - chosen elsewhere: array or number; arrays must share one length
 * @param options - `out` (result dtype and length; may be an input) and `signal`
 * @returns `out`, or a new array of the promoted dtype of a and b
 * @throws (rejects) as {@link fma}.
 */
export function where(mask: Operand, a: Operand, b: Operand, options?: MapOptions): Promise<NumericArray> {
  return settle(() => runMap('where', [mask, a, b], options, ['mask', 'a', 'b']));
}
