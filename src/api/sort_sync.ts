/**
 * Blocking twins of the sort family (see sort.ts for the order, stability
 * and ties). They throw the errors the async forms reject with;
 * `options.signal` only makes them throw an AbortError when it is already aborted.
 */
import { selection } from '../backend/select.js';
import type { NumericArray } from '../dtypes.js';
import { searchOne } from '../kernels/sort_select.js';
import { throwIfAborted } from './abortable.js';
import { compact } from './sort.js';
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
import { guardSync } from './boundary.js';

const backend = () => selection().backend;

/** Blocking {@link sort}. Python equivalent: `numpy.sort(a, kind='stable')`. @throws as sort rejects. */
export function sortSync<T extends NumericArray>(a: T, options?: SortOptions): T {
  return guardSync(() => {
    const { a: input, target, descending, signal } = prepareSort(a, options);
    throwIfAborted(signal);
    if (target !== input) target.set(input as never);
    backend().sortSync(target, descending);
    return target as T;
  });
}

/** Blocking {@link argsort}. Python equivalent: `numpy.argsort(a, kind='stable')`. @throws as argsort rejects. */
export function argsortSync(a: NumericArray, options?: ArgsortOptions): IndexArray {
  return guardSync(() => {
    const { a: input, descending, signal } = prepareArgsort(a, options);
    throwIfAborted(signal);
    const out = indexLike(input, input.length);
    backend().argsortSync(input, out, descending);
    return out;
  });
}

/** Blocking {@link partition}. Python equivalent: `numpy.partition(a, k)`. @throws as partition rejects. */
export function partitionSync<T extends NumericArray>(a: T, k: number, options?: SignalOptions): ValuesAndIndices<T> {
  return guardSync(() => {
    const { a: input, k: rank, signal } = prepareSelect(a, k, options, false);
    throwIfAborted(signal);
    const values = arrayLike(input, input.length);
    const indices = indexLike(input, input.length);
    backend().partitionSync(input, rank, values, indices);
    return { values: values as T, indices };
  });
}

/** Blocking {@link topk}. Python equivalent: `torch.topk(a, k)`. @throws as topk rejects. */
export function topkSync<T extends NumericArray>(a: T, k: number, options?: TopkOptions): ValuesAndIndices<T> {
  return guardSync(() => {
    const { a: input, k: count, largest, signal } = prepareSelect(a, k, options, true);
    throwIfAborted(signal);
    const values = arrayLike(input, count);
    const indices = indexLike(input, count);
    backend().topkSync(input, count, largest, values, indices);
    return { values: values as T, indices };
  });
}

/** Blocking {@link searchsorted}. Python equivalent: `numpy.searchsorted(sorted, values, side=side)`. */
export function searchsortedSync(sorted: NumericArray, values: number, options?: SearchsortedOptions): number;
export function searchsortedSync(sorted: NumericArray, values: NumericArray, options?: SearchsortedOptions): IndexArray;
export function searchsortedSync(sorted: NumericArray, values: NumericArray | number, options?: SearchsortedOptions): IndexArray | number;
export function searchsortedSync(sorted: NumericArray, values: NumericArray | number, options?: SearchsortedOptions): IndexArray | number {
  return guardSync(() => {
    const p = prepareSearch(sorted, values, options);
    throwIfAborted(p.signal);
    if (p.scalar) return searchOne(p.sorted, p.values[0]!, p.right);
    const out = indexLike(p.values, p.values.length);
    backend().searchsortedSync(p.sorted, p.values, p.right, out);
    return out;
  });
}

/** Blocking {@link unique}. Python equivalent: `numpy.unique(a, return_counts=counts)`. */
export function uniqueSync<T extends NumericArray>(a: T, options: UniqueOptions & { counts: true }): UniqueCounts<T>;
export function uniqueSync<T extends NumericArray>(a: T, options?: UniqueOptions): T;
export function uniqueSync<T extends NumericArray>(a: T, options?: UniqueOptions): T | UniqueCounts<T> {
  return guardSync(() => {
    const { a: input, counts, signal } = prepareUnique(a, options);
    throwIfAborted(signal);
    const copy = arrayLike(input, input.length);
    copy.set(input as never);
    backend().sortSync(copy, false);
    return compact(copy, counts) as T | UniqueCounts<T>;
  });
}
