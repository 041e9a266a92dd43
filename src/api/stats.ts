/**
 * The steps of variance (also exported as `var`) and std, whose Promise
 * functions and blocking twins are generated from their spec rows
 * (src/api/specs/reductions.ts). The other stats reductions (prod,
 * countNonzero, any, all and the NaN-skipping nansum/nanmean/nanmin/nanmax)
 * are generated from src/kernels/registry.ts. Like sum, they run in fixed
 * blocks of 16384 combined in a fixed order, so results are bit-identical for
 * every thread count and on both backends; each takes `options.signal`.
 *
 * Variance: each block of 16384 takes a corrected two-pass sum of squared
 * deviations around its own mean (the block is still in cache for the second
 * pass), and blocks merge with Chan et al.'s pairwise update in the fixed tree
 * order: one pass over memory, accurate for data far from zero.
 */
import type { NumericArray } from '../dtypes.js';
import { ddofOption, varianceFrom } from './reduce_args.js';
import { reduceSteps } from './run_reduce.js';
import type { NDArray } from '../nd/ndarray.js';
import { isNdReduce, reduceNdSteps } from './reduce_nd.js';
import type { Steps } from './steps.js';

export type { AxisReduceOptions, NormOptions, ReduceOptions, VarOptions } from './reduce_args.js';

// `owner` names the public call in option errors. Over NDArray axes each
// line's sum of squared deviations is divided (and rooted for std) in place.
function* varianceOf(a: unknown, options: unknown, owner: 'variance' | 'std'): Steps<number | NDArray> {
  const ddof = ddofOption(options, owner);
  const root = owner === 'std';
  if (isNdReduce(a, options)) {
    return yield* reduceNdSteps('sqdev', a, options, owner, (values, line) => {
      for (let i = 0; i < values.length; i++) {
        const v = varianceFrom(values[i]!, line, ddof);
        values[i] = root ? Math.sqrt(v) : v;
      }
    });
  }
  const v = varianceFrom(yield* reduceSteps('sqdev', a, undefined, options, owner), (a as NumericArray).length, ddof);
  return root ? Math.sqrt(v) : v;
}

/** sum((x - mean)^2) / (n - ddof). */
export function* varianceSteps(a: unknown, options: unknown): Steps<number | NDArray> {
  return yield* varianceOf(a, options, 'variance');
}

/** The square root of the variance. */
export function* stdSteps(a: unknown, options: unknown): Steps<number | NDArray> {
  return yield* varianceOf(a, options, 'std');
}
