/**
 * The sort family: sort, argsort, partition, topk, searchsorted and unique,
 * for every corepool dtype, on both backends with identical bits. Their
 * functions and blocking twins are generated from their spec rows
 * (src/api/specs/sort.ts); here are their steps (src/api/steps.ts).
 *
 * The order is numpy's: ascending by value, -Inf < ... < -0 == +0 < ... <
 * +Inf < NaN, every NaN equal to every other NaN. Every sort is STABLE:
 * equal keys, -0 and +0 and all NaNs included, keep their input order, and
 * values move bit for bit (zero signs and NaN payloads are never rewritten).
 * `descending` sorts stably by descending key (NaN first, then +Inf, ...),
 * so ties still keep input order: it is not the reverse of ascending.
 * Index results are Uint32Array (Float64Array from 2^32 elements).
 */
import type { NumericArray } from '../dtypes.js';
import { searchOne } from '../kernels/sort_select.js';
import { compactRuns, runStarts } from '../kernels/sort_unique.js';
import { throwIfAborted } from './abortable.js';
import {
  arrayLike,
  indexLike,
  prepareArgsort,
  prepareSearch,
  prepareSelect,
  prepareSort,
  prepareUnique,
  type IndexArray,
  type UniqueCounts,
  type ValuesAndIndices,
} from './sort_args.js';
import { NDArray } from '../nd/ndarray.js';
import { argsortNdSteps, type NDValuesAndIndices, selectNdSteps, sortNdSteps } from './sort_nd.js';
import { call, type Steps } from './steps.js';

/** sort: a copy of a into options.out, if given, then the target sorted in place (an NDArray: sort_nd.ts, never in place). */
export function* sortSteps(a: unknown, options: unknown): Steps<NumericArray | NDArray> {
  if (a instanceof NDArray) return yield* sortNdSteps(a, options);
  const { a: input, target, descending, signal } = prepareSort(a, options);
  if (target !== input) target.set(input as never);
  yield* call(signal, 'sort', target, descending);
  return target;
}

/** argsort: a new index array of the stable sorting permutation. */
export function* argsortSteps(a: unknown, options: unknown): Steps<IndexArray | NDArray> {
  if (a instanceof NDArray) return yield* argsortNdSteps(a, options);
  const { a: input, descending, signal } = prepareArgsort(a, options);
  const out = indexLike(input, input.length);
  yield* call(signal, 'argsort', input, out, descending);
  return out;
}

/** partition: all of a's values and positions, around rank k. */
export function* partitionSteps(a: unknown, k: unknown, options: unknown): Steps<ValuesAndIndices | NDValuesAndIndices> {
  if (a instanceof NDArray) return yield* selectNdSteps(a, k, options, false);
  const { a: input, k: rank, signal } = prepareSelect(a, k, options, false);
  const values = arrayLike(input, input.length);
  const indices = indexLike(input, input.length);
  yield* call(signal, 'partition', input, rank, values, indices);
  return { values, indices };
}

/** topk: the first k values and positions of the stable sort. */
export function* topkSteps(a: unknown, k: unknown, options: unknown): Steps<ValuesAndIndices | NDValuesAndIndices> {
  if (a instanceof NDArray) return yield* selectNdSteps(a, k, options, true);
  const { a: input, k: count, largest, signal } = prepareSelect(a, k, options, true);
  const values = arrayLike(input, count);
  const indices = indexLike(input, count);
  yield* call(signal, 'topk', input, count, largest, values, indices);
  return { values, indices };
}

/** searchsorted: an index array, or a number for a number (found here, without a backend call). */
export function* searchsortedSteps(sorted: unknown, values: unknown, options: unknown): Steps<IndexArray | number> {
  const p = prepareSearch(sorted, values, options);
  if (p.scalar) {
    throwIfAborted(p.signal);
    return searchOne(p.sorted, p.values[0]!, p.right);
  }
  const out = indexLike(p.values, p.values.length);
  yield* call(p.signal, 'searchsorted', p.sorted, p.values, p.right, out);
  return out;
}

/** unique: a sorted copy of a, compacted into its runs. */
export function* uniqueSteps(a: unknown, options: unknown): Steps<NumericArray | UniqueCounts> {
  const { a: input, counts, signal } = prepareUnique(a, options);
  const copy = arrayLike(input, input.length);
  copy.set(input as never);
  yield* call(signal, 'sort', copy, false);
  return compact(copy, counts);
}

/** unique's last step: one value per run of equal keys of `sorted`, with the run lengths on request. */
function compact(sorted: NumericArray, withCounts: boolean): NumericArray | UniqueCounts {
  const starts = runStarts(sorted);
  const values = arrayLike(sorted, starts.length);
  const counts = withCounts ? indexLike(sorted, starts.length) : undefined;
  compactRuns(sorted, starts, values, counts);
  return counts === undefined ? values : { values, counts };
}
