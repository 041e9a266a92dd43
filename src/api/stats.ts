/**
 * More reductions (async): prod, var/std, countNonzero, any, all and the
 * NaN-skipping nansum/nanmean/nanmin/nanmax. Like sum, they run in fixed
 * blocks of 16384 combined in a fixed order, so results are bit-identical for
 * every thread count and on both backends; each takes `options.signal`.
 */
import type { NumericArray } from '../dtypes.js';
import { ddofOption, varianceFrom, type VarOptions } from './reduce_args.js';
import { runReduce } from './run_reduce.js';
import { settle } from './boundary.js';

export type { NormOptions, ReduceOptions, VarOptions } from './reduce_args.js';

/**
 * Variance, sum((x - mean)^2) / (n - ddof), in float64. Each block of 16384
 * takes a corrected two-pass sum of squared deviations around its own mean
 * (the block is still in cache for the second pass), and blocks merge with
 * Chan et al.'s pairwise update in the fixed tree order: one pass over
 * memory, accurate for data far from zero.
 * Python equivalent: `numpy.var(a, ddof=ddof)`.
 * @param a - the array; any dtype, read as float64.
 * @param options - `ddof` (default 0, a non-negative number) and `signal`.
 * @returns the variance; NaN for an empty array, and, as numpy, NaN or
 *   Infinity when n <= ddof (the divisor is max(n - ddof, 0)).
 * @throws (rejects) RangeError ERR_INVALID_OPTION for a bad `ddof`, and as {@link prod}.
 */
export function variance(a: NumericArray, options?: VarOptions): Promise<number> {
  return settle(() => varianceOf(a, options, 'variance'));
}

// `owner` names the public call in option errors.
async function varianceOf(a: NumericArray, options: unknown, owner: string): Promise<number> {
  const ddof = ddofOption(options, owner);
  return varianceFrom(await runReduce('sqdev', a, undefined, options, owner), (a as NumericArray).length, ddof);
}

/**
 * Standard deviation: the square root of {@link variance}.
 * Python equivalent: `numpy.std(a, ddof=ddof)`.
 * @param a - the array.
 * @param options - `ddof` and `signal`, as for {@link variance}.
 * @returns the standard deviation.
 * @throws (rejects) as {@link variance}.
 */
export function std(a: NumericArray, options?: VarOptions): Promise<number> {
  return settle(async () => Math.sqrt(await varianceOf(a, options, 'std')));
}

export { variance as var };
