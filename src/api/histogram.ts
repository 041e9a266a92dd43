/**
 * The steps of histogram and bincount (their functions are generated from
 * their spec rows, src/api/specs/histogram.ts). Counting runs in parallel
 * over fixed parts of the input, each with private counts, merged in part
 * order: the result is identical for every thread count and on both
 * backends. Counts are Float64Array (exact integers up to 2^53; numpy gives
 * int64).
 */
import { reduceId } from '../kernels/registry.js';
import { throwIfAborted } from './abortable.js';
import { bincountSpec, histogramSpec, outerEdges, planBincount, planHistogram, uniformEdges, zeros } from './hist_args.js';
import { call, type Steps } from './steps.js';

export type { BincountOptions, HistogramOptions } from './hist_args.js';

/** What histogram returns: `counts[i]` holds edges[i] <= x < edges[i+1] (the last bin also x == its right edge). */
export interface Histogram {
  counts: Float64Array;
  edges: Float64Array;
}

/** histogram(a): the range from min and max when it is not given, then the counts. */
export function* histogramSteps(a: unknown, options: unknown): Steps<Histogram> {
  const plan = planHistogram(a, options);
  throwIfAborted(plan.signal); // before the edges are computed, as when there is no call before the counts
  let edges = plan.edges;
  if (edges === undefined) {
    let range = plan.range ?? [0, 1];
    if (plan.range === undefined && plan.a.length > 0) {
      const low = yield* call(plan.signal, 'reduce', reduceId('min'), [plan.a]);
      const high = yield* call(plan.signal, 'reduce', reduceId('max'), [plan.a]);
      range = [low, high];
    }
    edges = uniformEdges(...outerEdges(range), plan.bins);
  }
  const counts = zeros(edges.length - 1, plan.a);
  yield* call(plan.signal, 'histogram', histogramSpec(plan, edges), counts);
  return { counts, edges };
}

/** bincount(x): the largest value (checking every value), then the counts. */
export function* bincountSteps(x: unknown, options: unknown): Steps<Float64Array> {
  const plan = planBincount(x, options);
  const largest = yield* call(plan.signal, 'reduce', reduceId('binmax'), [plan.x]);
  const spec = bincountSpec(plan, largest);
  const counts = zeros(spec.bins, plan.x);
  yield* call(plan.signal, 'histogram', spec, counts);
  return counts;
}
