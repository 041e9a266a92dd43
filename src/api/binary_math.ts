/**
 * pow, mod, atan2, hypot (async). Operands are arrays or numbers (at least
 * one array), with numpy's promotion (src/promote.ts), `options.out` and
 * `options.signal`, like add. They never throw: bad input rejects with a
 * coded TypeError or RangeError naming the argument.
 */
import type { NumericArray } from '../dtypes.js';
import { exponentsToCheck, negativeExponent } from './binary_math_args.js';
import type { Operand } from './elementwise.js';
import type { MapOptions } from './map_args.js';
import { min } from './reductions.js';
import { runMap } from './run_map.js';
import { settle } from './boundary.js';

/**
 * Elementwise x raised to the power y. Integer results stay integers and wrap
 * modulo 2^bits, as numpy's do (int32 3^40 is 689956897); float results
 * follow C99 pow, so pow(1, NaN) and pow(−1, ±Infinity) are 1 (Math.pow gives NaN).
 * float32 is evaluated in double and rounded once. An integer power with a
 * signed integer exponent array first scans y for negatives (one extra read
 * of y, with the `min` reduction).
 * Python equivalent: `numpy.power(x, y)`.
 * @param x - base: array or number
 * @param y - exponent: array or number, the same length as x when both are arrays
 * @param options - `out` (result dtype and length; may be x or y) and `signal`
 * @returns `out`, or a new array of the promoted dtype
 * @throws (rejects) RangeError ERR_OUT_OF_RANGE for a negative exponent of an integer power (numpy
 *   raises ValueError), and everything {@link add} rejects with.
 */
export function pow(x: Operand, y: Operand, options?: MapOptions): Promise<NumericArray> {
  return settle(async () => {
    const exponents = exponentsToCheck(x, y);
    if (exponents !== undefined) {
      const lowest = await min(exponents);
      if (lowest < 0) throw negativeExponent(lowest);
    }
    return runMap('pow', [x, y], options);
  });
}

/**
 * Elementwise remainder with the sign of the divisor (floored division), as
 * numpy's: mod(−5, 3) is 1 and mod(5, −3) is −1; a zero result takes the
 * divisor's sign. Integer division by 0 gives 0, like numpy; float gives NaN.
 * Python equivalent: `numpy.mod(x, y)` (`numpy.remainder`).
 * @param x - dividend: array or number
 * @param y - divisor: array or number, the same length as x when both are arrays
 * @param options - `out` (result dtype and length; may be x or y) and `signal`
 * @returns `out`, or a new array of the promoted dtype
 * @throws (rejects) as {@link add}.
 */
export function mod(x: Operand, y: Operand, options?: MapOptions): Promise<NumericArray> {
  return settle(() => runMap('mod', [x, y], options));
}

/**
 * Elementwise angle of the point (x, y) from the positive x axis, in (−π, π],
 * with C99's signed zeros and infinities. Integer inputs give float64.
 * Python equivalent: `numpy.arctan2(y, x)`.
 * @param y - ordinate: array or number
 * @param x - abscissa: array or number, the same length as y when both are arrays
 * @param options - `out` (float result dtype and length; may be y or x) and `signal`
 * @returns `out`, or a new Float64Array (Float32Array for float32 with ≤16-bit inputs)
 * @throws (rejects) as {@link add}.
 */
export function atan2(y: Operand, x: Operand, options?: MapOptions): Promise<NumericArray> {
  return settle(() => runMap('atan2', [y, x], options, ['y', 'x']));
}

/**
 * Elementwise √(x² + y²) without overflow or underflow in between, within
 * 1 ulp; an infinity wins over NaN (C99). Integer inputs give float64.
 * Python equivalent: `numpy.hypot(x, y)`.
 * @param x - array or number
 * @param y - array or number, the same length as x when both are arrays
 * @param options - `out` (float result dtype and length; may be x or y) and `signal`
 * @returns `out`, or a new Float64Array (Float32Array for float32 with ≤16-bit inputs)
 * @throws (rejects) as {@link add}.
 */
export function hypot(x: Operand, y: Operand, options?: MapOptions): Promise<NumericArray> {
  return settle(() => runMap('hypot', [x, y], options));
}
