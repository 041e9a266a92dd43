/**
 * Blocking twins of histogram and bincount (see histogram.ts). They throw the
 * errors the async forms reject with; `options.signal` only makes them throw
 * an AbortError when it is already aborted.
 */
import { selection } from '../backend/select.js';
import type { NumericArray } from '../dtypes.js';
import { reduceId } from '../kernels/registry.js';
import { throwIfAborted } from './abortable.js';
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
import type { Histogram } from './histogram.js';
import { guardSync } from './boundary.js';

/** Blocking {@link histogram}. Python equivalent: `numpy.histogram(a, bins, range)`. @throws as histogram rejects. */
export function histogramSync(a: NumericArray, options?: HistogramOptions): Histogram {
  return guardSync(() => {
    const plan = planHistogram(a, options);
    throwIfAborted(plan.signal);
    const backend = selection().backend;
    let edges = plan.edges;
    if (edges === undefined) {
      let range = plan.range ?? [0, 1];
      if (plan.range === undefined && plan.a.length > 0) {
        range = [backend.reduceSync(reduceId('min'), [plan.a]), backend.reduceSync(reduceId('max'), [plan.a])];
      }
      edges = uniformEdges(...outerEdges(range), plan.bins);
    }
    const counts = zeros(edges.length - 1, plan.a);
    backend.histogramSync(histogramSpec(plan, edges), counts);
    return { counts, edges };
  });
}

/** Blocking {@link bincount}. Python equivalent: `numpy.bincount(x, weights, minlength)`. @throws as bincount rejects. */
export function bincountSync(x: NumericArray, options?: BincountOptions): Float64Array {
  return guardSync(() => {
    const plan = planBincount(x, options);
    throwIfAborted(plan.signal);
    const backend = selection().backend;
    const spec = bincountSpec(plan, backend.reduceSync(reduceId('binmax'), [plan.x]));
    const counts = zeros(spec.bins, plan.x);
    backend.histogramSync(spec, counts);
    return counts;
  });
}
