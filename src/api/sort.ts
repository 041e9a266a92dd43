/**
 * The sort family (async): sort, argsort, partition, topk, searchsorted and
 * unique, for every corepool dtype, on both backends with identical bits.
 *
 * The order is numpy's: ascending by value, -Inf < ... < -0 == +0 < ... <
 * +Inf < NaN, every NaN equal to every other NaN. Every sort is STABLE:
 * equal keys, -0 and +0 and all NaNs included, keep their input order, and
 * values move bit for bit (zero signs and NaN payloads are never rewritten).
 * `descending` sorts stably by descending key (NaN first, then +Inf, ...),
 * so ties still keep input order: it is not the reverse of ascending.
 * Index results are Uint32Array (Float64Array from 2^32 elements).
 */
import { selection } from '../backend/select.js';
import type { NumericArray } from '../dtypes.js';
import { searchOne } from '../kernels/sort_select.js';
import { compactRuns, runStarts } from '../kernels/sort_unique.js';
import { runAbortable, throwIfAborted } from './abortable.js';
import {
  arrayLike,
  indexLike,
  prepareArgsort,
  prepareSearch,
  prepareSelect,
  prepareSort,
  prepareUnique,
  type ArgsortOptions,
  type IndexArray,
  type SearchsortedOptions,
  type SignalOptions,
  type SortOptions,
  type TopkOptions,
  type UniqueCounts,
  type UniqueOptions,
  type ValuesAndIndices,
} from './sort_args.js';
import { settle } from './boundary.js';

export type {
  ArgsortOptions,
  IndexArray,
  SearchsortedOptions,
  SignalOptions,
  SortOptions,
  TopkOptions,
  UniqueCounts,
  UniqueOptions,
  ValuesAndIndices,
} from './sort_args.js';

const backend = () => selection().backend;

/**
 * Sorts stably, in place or into `options.out`.
 * Python equivalent: `a.sort(kind='stable')` (in place) / `numpy.sort(a, kind='stable')`.
 * @param a - any corepool TypedArray (any byteOffset, SharedArrayBuffer or not).
 * @param options - `descending`, `out` (same dtype and length; a is then left unchanged), `signal`.
 * @returns `out`, or `a` itself sorted in place.
 * @throws (rejects) TypeError ERR_INVALID_ARG_TYPE / ERR_INVALID_DTYPE / ERR_DETACHED_BUFFER /
 *   ERR_INVALID_OPTION, RangeError ERR_LENGTH_MISMATCH / ERR_OVERLAP for a bad `out`,
 *   AbortError ABORT_ERR when cancelled (the target is then unchanged or partly sorted).
 */
export function sort<T extends NumericArray>(a: T, options?: SortOptions): Promise<T> {
  return settle(async () => {
    const { a: input, target, descending, signal } = prepareSort(a, options);
    if (target !== input) target.set(input as never);
    await runAbortable(signal, (flag) => backend().sort(target, descending, flag));
    return target as T;
  });
}

/**
 * The stable sorting permutation: a[result[0]], a[result[1]], ... is sorted;
 * equal keys keep input order. `a` is not modified.
 * Python equivalent: `numpy.argsort(a, kind='stable')` (descending: `numpy.argsort(-a, kind='stable')`
 * for numbers without NaN).
 * @returns a Uint32Array (Float64Array from 2^32 elements), SharedArrayBuffer-backed when a is.
 * @throws (rejects) as {@link sort}.
 */
export function argsort(a: NumericArray, options?: ArgsortOptions): Promise<IndexArray> {
  return settle(async () => {
    const { a: input, descending, signal } = prepareArgsort(a, options);
    const out = indexLike(input, input.length);
    await runAbortable(signal, (flag) => backend().argsort(input, out, descending, flag));
    return out;
  });
}

/**
 * Stable three-way partition around p, the element at position k of the
 * stable ascending sort: values = [keys < p in input order][keys == p in
 * input order][keys > p in input order], so values[k] has p's key; indices
 * are the input positions. (numpy leaves the order inside each side unspecified.)
 * Python equivalent: `numpy.partition(a, k)` / `numpy.argpartition(a, k)`.
 * @param k - an integer, 0 <= k < a.length.
 * @throws (rejects) TypeError for a bad a or options, RangeError ERR_OUT_OF_RANGE naming `k`, AbortError.
 */
export function partition<T extends NumericArray>(a: T, k: number, options?: SignalOptions): Promise<ValuesAndIndices<T>> {
  return settle(async () => {
    const { a: input, k: rank, signal } = prepareSelect(a, k, options, false);
    const values = arrayLike(input, input.length);
    const indices = indexLike(input, input.length);
    await runAbortable(signal, (flag) => backend().partition(input, rank, values, indices, flag));
    return { values: values as T, indices };
  });
}

/**
 * The k largest (or smallest) elements, best first: the first k entries of
 * the stable sort (descending when largest), so ties go to the lower input
 * index and NaN counts as the largest value.
 * Python equivalent: `idx = numpy.argsort(-a, kind='stable')[:k]; a[idx]` (torch.topk(a, k)).
 * @param k - an integer, 0 <= k <= a.length.
 * @param options - `largest` (default true), `signal`.
 * @throws (rejects) as {@link partition}.
 */
export function topk<T extends NumericArray>(a: T, k: number, options?: TopkOptions): Promise<ValuesAndIndices<T>> {
  return settle(async () => {
    const { a: input, k: count, largest, signal } = prepareSelect(a, k, options, true);
    const values = arrayLike(input, count);
    const indices = indexLike(input, count);
    await runAbortable(signal, (flag) => backend().topk(input, count, largest, values, indices, flag));
    return { values: values as T, indices };
  });
}

/**
 * Insertion points of values into ascending `sorted` (not checked, as in
 * numpy). side 'left': first i with !(sorted[i] < v); 'right': first i with
 * v < sorted[i], in numpy order (a NaN value: left gives the first NaN, right
 * gives sorted.length). Different dtypes compare exactly (they are converted
 * to a dtype holding both, float64 at worst).
 * Python equivalent: `numpy.searchsorted(sorted, values, side=side)`.
 * @param values - a TypedArray (any dtype) or a number.
 * @returns an index array of values.length, or a number for a number.
 * @throws (rejects) TypeError for a bad sorted, values or options (ERR_INVALID_OPTION for side), AbortError.
 */
export async function searchsorted(sorted: NumericArray, values: number, options?: SearchsortedOptions): Promise<number>;
export async function searchsorted(sorted: NumericArray, values: NumericArray, options?: SearchsortedOptions): Promise<IndexArray>;
export async function searchsorted(
  sorted: NumericArray,
  values: NumericArray | number,
  options?: SearchsortedOptions,
): Promise<IndexArray | number>;
export function searchsorted(
  sorted: NumericArray,
  values: NumericArray | number,
  options?: SearchsortedOptions,
): Promise<IndexArray | number> {
  return settle(async () => {
    const p = prepareSearch(sorted, values, options);
    if (p.scalar) {
      throwIfAborted(p.signal);
      return searchOne(p.sorted, p.values[0]!, p.right);
    }
    const out = indexLike(p.values, p.values.length);
    await runAbortable(p.signal, (flag) => backend().searchsorted(p.sorted, p.values, p.right, out, flag));
    return out;
  });
}

/**
 * The sorted unique values (-0 and +0 are one value, the first zero in input
 * order; all NaNs are one value, last), with counts on request.
 * Python equivalent: `numpy.unique(a)` / `numpy.unique(a, return_counts=True)`.
 * @returns values (a's dtype, SharedArrayBuffer-backed when a is), or { values, counts }
 *   with Uint32Array counts (like numpy's intp counts; Float64Array from 2^32 elements).
 * @throws (rejects) TypeError for a bad a or options, AbortError.
 */
export async function unique<T extends NumericArray>(a: T, options: UniqueOptions & { counts: true }): Promise<UniqueCounts<T>>;
export async function unique<T extends NumericArray>(a: T, options?: UniqueOptions): Promise<T>;
export function unique<T extends NumericArray>(a: T, options?: UniqueOptions): Promise<T | UniqueCounts<T>> {
  return settle(async () => {
    const { a: input, counts, signal } = prepareUnique(a, options);
    const copy = arrayLike(input, input.length);
    copy.set(input as never);
    await runAbortable(signal, (flag) => backend().sort(copy, false, flag));
    return compact(copy, counts) as T | UniqueCounts<T>;
  });
}

/** unique's last step, shared with uniqueSync. */
export function compact(sorted: NumericArray, withCounts: boolean): NumericArray | UniqueCounts {
  const starts = runStarts(sorted);
  const values = arrayLike(sorted, starts.length);
  const counts = withCounts ? indexLike(sorted, starts.length) : undefined;
  compactRuns(sorted, starts, values, counts);
  return counts === undefined ? values : { values, counts };
}
