/**
 * histogram and bincount (async). Counting runs in parallel over fixed parts
 * of the input, each with private counts, merged in part order: the result
 * is identical for every thread count and on both backends. Counts are
 * Float64Array (exact integers up to 2^53; numpy gives int64).
 */
import { selection } from '../backend/select.js';
import type { NumericArray } from '../dtypes.js';
import { reduceId } from '../kernels/registry.js';
import { runAbortable, throwIfAborted } from './abortable.js';
import {
  bincountSpec,
  histogramSpec,
  outerEdges,
  planBincount,
  planHistogram,
  uniformEdges,
  zeros,
  type BincountOptions,
  type HistogramOptions,
} from './hist_args.js';
import { settle } from './boundary.js';

export type { BincountOptions, HistogramOptions } from './hist_args.js';

/** What histogram returns: `counts[i]` holds edges[i] <= x < edges[i+1] (the last bin also x == its right edge). */
export interface Histogram {
  counts: Float64Array;
  edges: Float64Array;
}

/**
 * Histogram with numpy's edge rules: `bins` equal-width bins over
 * `options.range`, or over [min(a), max(a)] when it is omitted (widened by
 * 0.5 each way when min equals max, [0, 1] for an empty array); edges as
 * numpy.linspace computes them; bin i holds edges[i] <= x < edges[i+1] and
 * the last bin is closed. Values outside the edges and NaN are ignored.
 * `bins` may also be an array of increasing edges (then `range` is ignored,
 * as numpy does). Float32 input is binned by its exact float64 value against
 * float64 edges (numpy uses float32 edges for float32 input).
 * Python equivalent: `numpy.histogram(a, bins, range, weights=weights)`.
 * @param a - the values; any dtype, SharedArrayBuffer-backed or not.
 * @param options - `bins`, `range`, `weights` and `signal`.
 * @returns `{ counts, edges }`, both Float64Array (SharedArrayBuffer-backed when a is).
 * @throws (rejects) TypeError ERR_INVALID_ARG_TYPE / ERR_INVALID_DTYPE for a bad `a`,
 *   TypeError or RangeError ERR_INVALID_OPTION for bad options, RangeError
 *   ERR_LENGTH_MISMATCH for weights of another length, RangeError ERR_OUT_OF_RANGE
 *   when `range` is omitted and `a` holds NaN or ±Infinity (numpy raises too),
 *   AbortError ABORT_ERR when cancelled.
 */
export function histogram(a: NumericArray, options?: HistogramOptions): Promise<Histogram> {
  return settle(async () => {
    const plan = planHistogram(a, options);
    const backend = selection().backend;
    return runAbortable(plan.signal, async (flag) => {
      let edges = plan.edges;
      if (edges === undefined) {
        let range = plan.range ?? [0, 1];
        if (plan.range === undefined && plan.a.length > 0) {
          range = [await backend.reduce(reduceId('min'), [plan.a], flag), await backend.reduce(reduceId('max'), [plan.a], flag)];
          throwIfAborted(plan.signal);
        }
        edges = uniformEdges(...outerEdges(range), plan.bins);
      }
      const counts = zeros(edges.length - 1, plan.a);
      await backend.histogram(histogramSpec(plan, edges), counts, flag);
      return { counts, edges };
    });
  });
}

/**
 * Occurrences of each non-negative integer: counts[v] is how many elements
 * equal v (or the sum of their weights), over max(max(x) + 1, minlength)
 * slots. Float arrays are accepted when they hold integral values.
 * Python equivalent: `numpy.bincount(x, weights, minlength)`.
 * @param x - non-negative integers, any dtype.
 * @param options - `weights`, `minlength` and `signal`.
 * @returns a Float64Array (SharedArrayBuffer-backed when x is).
 * @throws (rejects) RangeError ERR_OUT_OF_RANGE when x holds a negative value, a
 *   fraction, NaN or Infinity, or a value of 2^31 - 1 or more; TypeError or
 *   RangeError ERR_INVALID_OPTION for bad options; as {@link histogram} otherwise.
 */
export function bincount(x: NumericArray, options?: BincountOptions): Promise<Float64Array> {
  return settle(async () => {
    const plan = planBincount(x, options);
    const backend = selection().backend;
    return runAbortable(plan.signal, async (flag) => {
      const largest = await backend.reduce(reduceId('binmax'), [plan.x], flag);
      throwIfAborted(plan.signal);
      const spec = bincountSpec(plan, largest);
      const counts = zeros(spec.bins, plan.x);
      await backend.histogram(spec, counts, flag);
      return counts;
    });
  });
}
