/**
 * axpy and clip (async; fma, lerp and where are generated from their spec
 * rows): three inputs, one pass, no
 * temporaries. Each operand is an array or a number (at least one array),
 * with numpy's promotion (src/promote.ts), `options.out` and
 * `options.signal`. The formulas are fixed and documented, so results are
 * bit-identical on both backends and for any thread count. They never throw:
 * bad input rejects with a coded TypeError or RangeError naming the argument.
 */
import type { NumericArray } from '../dtypes.js';
import { AXPY_NAMES, axpyCall, clipKeepsTies, secondPass, type AxpyOptions } from './fused_args.js';
import type { MapOptions, MapResult, Operand } from './map_types.js';
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
export function axpy<Y extends NumericArray>(a: number, x: Operand, y: Y, options?: AxpyOptions): Promise<Y> {
  return settle(() => runMap('fma', [a, x, y], axpyCall(a, x, y, options), AXPY_NAMES, 'axpy')) as Promise<Y>;
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
export function clip<X extends Operand, Lo extends Operand, Hi extends Operand>(
  x: X,
  lo: Lo,
  hi: Hi,
  options?: MapOptions,
): Promise<MapResult<'arith', [X, Lo, Hi]>> {
  return settle(async (): Promise<NumericArray> => {
    if (clipKeepsTies(x, lo, hi)) {
      const first = await runMap('maximum', [lo, x], options, ['lo', 'x'], 'clip');
      return runMap('minimum', [hi, first], secondPass(options, first), ['hi', 'x'], 'clip');
    }
    return runMap('clip', [x, lo, hi], options, ['x', 'lo', 'hi']);
  }) as Promise<MapResult<'arith', [X, Lo, Hi]>>;
}
