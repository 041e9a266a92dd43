/**
 * pow (async); mod, atan2 and hypot are generated from their spec rows. Operands are arrays or numbers (at least
 * one array), with numpy's promotion (src/promote.ts), `options.out` and
 * `options.signal`, like add. They never throw: bad input rejects with a
 * coded TypeError or RangeError naming the argument.
 */
import { exponentsToCheck, negativeExponent } from './binary_math_args.js';
import type { MapOptions, MapResult, Operand } from './map_types.js';
import { min } from './generated_kernels.js';
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
export function pow<X extends Operand, Y extends Operand>(x: X, y: Y, options?: MapOptions): Promise<MapResult<'arith', [X, Y]>> {
  return settle(async () => {
    const exponents = exponentsToCheck(x, y);
    if (exponents !== undefined) {
      const lowest = await min(exponents);
      if (lowest < 0) throw negativeExponent(lowest);
    }
    return runMap('pow', [x, y], options) as Promise<MapResult<'arith', [X, Y]>>;
  });
}
