/**
 * More reductions (async): prod, var/std, countNonzero, any, all and the
 * NaN-skipping nansum/nanmean/nanmin/nanmax. Like sum, they run in fixed
 * blocks of 16384 combined in a fixed order, so results are bit-identical for
 * every thread count and on both backends; each takes `options.signal`.
 */
import type { NumericArray } from '../dtypes.js';
import { ddofOption, varianceFrom, type ReduceOptions, type VarOptions } from './reduce_args.js';
import { runReduce } from './run_reduce.js';
import { settle } from './boundary.js';

export type { NormOptions, ReduceOptions, VarOptions } from './reduce_args.js';

/**
 * Product of all elements, accumulated in float64 in the lane and block
 * order of {@link sum}. Integer input is widened to float64 too, so the
 * product is exact while |product| < 2^53 and rounds beyond (numpy wraps it
 * modulo 2^64 in int64 instead).
 * Python equivalent: `numpy.prod(a, dtype=numpy.float64)`.
 * @param a - the array; may be SharedArrayBuffer-backed, at any byteOffset.
 * @param options - `signal` cancels the call.
 * @returns the product; 1 for an empty array.
 * @throws (rejects) TypeError ERR_INVALID_ARG_TYPE / ERR_INVALID_DTYPE / ERR_DETACHED_BUFFER /
 *   ERR_INVALID_OPTION, AbortError ABORT_ERR when cancelled.
 */
export function prod(a: NumericArray, options?: ReduceOptions): Promise<number> {
  return settle(() => runReduce('prod', a, undefined, options));
}

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

/**
 * Number of elements that are not zero (NaN counts; -0 does not).
 * Python equivalent: `numpy.count_nonzero(a)`.
 * @param a - the array.
 * @param options - `signal` cancels the call.
 * @returns the count.
 * @throws (rejects) as {@link prod}.
 */
export function countNonzero(a: NumericArray, options?: ReduceOptions): Promise<number> {
  return settle(() => runReduce('countNonzero', a, undefined, options));
}

/**
 * Whether any element is non-zero (NaN counts as non-zero); false when empty.
 * Python equivalent: `numpy.any(a)`.
 * @param a - the array.
 * @param options - `signal` cancels the call.
 * @returns true when some element is non-zero.
 * @throws (rejects) as {@link prod}.
 */
export function any(a: NumericArray, options?: ReduceOptions): Promise<boolean> {
  return settle(async () => (await runReduce('any', a, undefined, options)) !== 0);
}

/**
 * Whether every element is non-zero (NaN counts as non-zero); true when empty.
 * Python equivalent: `numpy.all(a)`.
 * @param a - the array.
 * @param options - `signal` cancels the call.
 * @returns true when no element is zero.
 * @throws (rejects) as {@link prod}.
 */
export function all(a: NumericArray, options?: ReduceOptions): Promise<boolean> {
  return settle(async () => (await runReduce('all', a, undefined, options)) !== 0);
}

/**
 * Sum that treats NaN as zero, in the order of {@link sum}.
 * Python equivalent: `numpy.nansum(a)`.
 * @param a - the array.
 * @param options - `signal` cancels the call.
 * @returns the sum; 0 for an empty or all-NaN array.
 * @throws (rejects) as {@link prod}.
 */
export function nansum(a: NumericArray, options?: ReduceOptions): Promise<number> {
  return settle(() => runReduce('nansum', a, undefined, options));
}

/**
 * Mean of the elements that are not NaN.
 * Python equivalent: `numpy.nanmean(a)`.
 * @param a - the array.
 * @param options - `signal` cancels the call.
 * @returns the mean; NaN for an empty or all-NaN array (numpy warns and returns nan).
 * @throws (rejects) as {@link prod}.
 */
export function nanmean(a: NumericArray, options?: ReduceOptions): Promise<number> {
  return settle(() => runReduce('nanmean', a, undefined, options));
}

/**
 * Smallest element ignoring NaN. Of -0 and +0, -0 is the smaller.
 * Python equivalent: `numpy.nanmin(a)`.
 * @param a - the array.
 * @param options - `signal` cancels the call.
 * @returns the minimum; NaN for an all-NaN array (numpy returns nan with a
 *   RuntimeWarning; corepool returns NaN silently).
 * @throws (rejects) RangeError ERR_EMPTY_INPUT for an empty array, and as {@link prod}.
 */
export function nanmin(a: NumericArray, options?: ReduceOptions): Promise<number> {
  return settle(() => runReduce('nanmin', a, undefined, options));
}

/**
 * Largest element ignoring NaN. Of -0 and +0, +0 is the larger.
 * Python equivalent: `numpy.nanmax(a)`.
 * @param a - the array.
 * @param options - `signal` cancels the call.
 * @returns the maximum; NaN for an all-NaN array (see {@link nanmin}).
 * @throws (rejects) RangeError ERR_EMPTY_INPUT for an empty array, and as {@link prod}.
 */
export function nanmax(a: NumericArray, options?: ReduceOptions): Promise<number> {
  return settle(() => runReduce('nanmax', a, undefined, options));
}
