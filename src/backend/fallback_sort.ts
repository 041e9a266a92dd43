/**
 * The fallback backend's sort family. Small inputs run inline. Large sorts
 * and argsorts cut the input into one contiguous chunk per worker, radix-sort
 * the chunks on the workers over SharedArrayBuffers (ordinary buffers are
 * copied in first), then merge neighbouring runs round by round, every
 * worker writing an equal merge-path share of each round. partition, topk and
 * searchsorted run their linear passes on workers too, so the event loop
 * stays free.
 */
import { isShared, type NumericArray } from '../dtypes.js';
import { sortRange } from '../kernels/sort.js';
import { nextBounds } from '../kernels/sort_merge.js';
import { partitionInto, searchRange, topkInto } from '../kernels/sort_select.js';
import type { SortStep } from '../kernels/sort_steps.js';
import type { Backend, SortMethod } from './backend.js';
import type { KernelWorkers } from './kernel_workers.js';
import { splitBlocks } from './kernel_workers.js';
import { type Scratch, withScratch } from './scratch.js';
import { settleAttached } from '../validate.js';

export type Index = Uint32Array | Float64Array;

/**
 * Up to this many elements the fallback sorts inline: a 2^15-element radix
 * sort takes about 1 ms, close to the cost of a worker round trip plus the
 * copies into shared memory (bench/sort_fallback.mjs).
 */
export const FALLBACK_SORT_INLINE_MAX = 32768;

/** `a` itself when shared, else a shared scratch copy (contents copied when `copy`). */
export const sharedView = <T extends NumericArray>(scratch: Scratch, a: T, copy: boolean): T => (isShared(a) ? a : scratch.like(a, copy));

/** Shared scratch indices for n elements (Float64Array from 2^32, as indexArray). */
const scratchIndex = (scratch: Scratch, n: number): Index =>
  n >= 2 ** 32 ? scratch.array(Float64Array, n) : scratch.array(Uint32Array, n);

/** Element ranges, one per worker (at most one per element). */
function chunkBounds(n: number, parts: number): number[] {
  const ranges = splitBlocks(n, parts);
  return [0, ...ranges.map(([, hi]) => hi)];
}

export async function runAll(workers: KernelWorkers, steps: SortStep[], flag?: Int32Array): Promise<boolean> {
  const results = await Promise.all(steps.map((step, w) => workers.run(w, { kind: 'sort', step, flag })));
  return results.every((r) => r.done === true);
}

interface Sorted {
  values: NumericArray;
  idx: Index | undefined;
}

/** Chunks on the workers, then merge rounds; resolves undefined when `flag` stopped it. */
async function sortOnWorkers(
  workers: KernelWorkers,
  scratch: Scratch,
  a: NumericArray,
  withIdx: boolean,
  descending: boolean,
  flag?: Int32Array,
): Promise<Sorted | undefined> {
  const n = a.length;
  const src = sharedView(scratch, a, true);
  let cur = scratch.like(a, false);
  let curIdx = withIdx ? scratchIndex(scratch, n) : undefined;
  let bounds = chunkBounds(n, workers.size);
  const chunks: SortStep[] = [];
  for (let c = 0; c + 1 < bounds.length; c++) {
    chunks.push({ op: 'chunk', src, dst: cur, idx: curIdx, lo: bounds[c]!, hi: bounds[c + 1]!, descending });
  }
  if (!(await runAll(workers, chunks, flag))) return undefined;
  // An in-place sort may overwrite a shared input; an argsort must not.
  let other = src === a && withIdx ? scratch.like(a, false) : src;
  let otherIdx = withIdx ? scratchIndex(scratch, n) : undefined;
  while (bounds.length > 2) {
    const shares = splitBlocks(n, workers.size);
    const steps: SortStep[] = shares.map(([outBegin, outEnd]) => ({
      op: 'merge',
      src: cur,
      dst: other,
      srcIdx: curIdx,
      dstIdx: otherIdx,
      bounds,
      outBegin,
      outEnd,
      descending,
    }));
    if (!(await runAll(workers, steps, flag))) return undefined;
    [cur, other] = [other, cur];
    [curIdx, otherIdx] = [otherIdx, curIdx];
    bounds = nextBounds(bounds);
  }
  return { values: cur, idx: curIdx };
}

/** Sorts a in place, stably. Resolves false when `flag` stopped it. */
export async function sortOnFallback(workers: KernelWorkers, a: NumericArray, descending: boolean, flag?: Int32Array): Promise<boolean> {
  if (a.length <= FALLBACK_SORT_INLINE_MAX) {
    sortSyncOnFallback(a, descending);
    return true;
  }
  return withScratch(async (scratch) => {
    const sorted = await sortOnWorkers(workers, scratch, a, false, descending, flag);
    if (sorted === undefined) return false;
    if (sorted.values !== a) a.set(sorted.values as never);
    return true;
  });
}

export function sortSyncOnFallback(a: NumericArray, descending: boolean): void {
  sortRange(a, 0, a.length, descending, a);
}

/** The stable argsort of a into out. */
export async function argsortOnFallback(
  workers: KernelWorkers,
  a: NumericArray,
  out: Index,
  descending: boolean,
  flag?: Int32Array,
): Promise<boolean> {
  if (a.length <= FALLBACK_SORT_INLINE_MAX) {
    argsortSyncOnFallback(a, out, descending);
    return true;
  }
  return withScratch(async (scratch) => {
    const sorted = await sortOnWorkers(workers, scratch, a, true, descending, flag);
    if (sorted === undefined) return false;
    out.set(sorted.idx!);
    return true;
  });
}

export function argsortSyncOnFallback(a: NumericArray, out: Index, descending: boolean): void {
  const scratch = new (a.constructor as new (n: number) => NumericArray)(a.length);
  sortRange(a, 0, a.length, descending, scratch, out);
}

/** Runs a one-worker step over shared copies of the arrays that are not shared, then copies outputs back. */
function selectOnWorker(
  workers: KernelWorkers,
  a: NumericArray,
  values: NumericArray,
  indices: Index,
  make: (a: NumericArray, values: NumericArray, indices: Index) => SortStep,
  flag?: Int32Array,
): Promise<boolean> {
  return withScratch(async (scratch) => {
    const sa = sharedView(scratch, a, true);
    const sv = sharedView(scratch, values, false);
    const si = sharedView(scratch, indices, false);
    if (!(await runAll(workers, [make(sa, sv, si)], flag))) return false;
    if (sv !== values) values.set(sv as never);
    if (si !== indices) indices.set(si);
    return true;
  });
}

export function partitionOnFallback(
  workers: KernelWorkers,
  a: NumericArray,
  k: number,
  values: NumericArray,
  indices: Index,
  flag?: Int32Array,
): Promise<boolean> {
  if (a.length <= FALLBACK_SORT_INLINE_MAX) {
    partitionInto(a, k, values, indices);
    return Promise.resolve(true);
  }
  return selectOnWorker(workers, a, values, indices, (sa, sv, si) => ({ op: 'partition', a: sa, k, values: sv, indices: si }), flag);
}

export function topkOnFallback(
  workers: KernelWorkers,
  a: NumericArray,
  k: number,
  largest: boolean,
  values: NumericArray,
  indices: Index,
  flag?: Int32Array,
): Promise<boolean> {
  if (a.length <= FALLBACK_SORT_INLINE_MAX) {
    topkInto(a, k, largest, values, indices);
    return Promise.resolve(true);
  }
  return selectOnWorker(workers, a, values, indices, (sa, sv, si) => ({ op: 'topk', a: sa, k, largest, values: sv, indices: si }), flag);
}

/** Binary searches, the values split evenly across the workers. */
export async function searchsortedOnFallback(
  workers: KernelWorkers,
  sorted: NumericArray,
  values: NumericArray,
  right: boolean,
  out: Index,
  flag?: Int32Array,
): Promise<boolean> {
  if (values.length <= FALLBACK_SORT_INLINE_MAX) {
    searchRange(sorted, values, right, out, 0, values.length);
    return true;
  }
  return withScratch(async (scratch) => {
    const ss = sharedView(scratch, sorted, true);
    const sv = sharedView(scratch, values, true);
    const so = sharedView(scratch, out, false);
    const steps: SortStep[] = splitBlocks(values.length, workers.size).map(([begin, end]) => ({
      op: 'search',
      sorted: ss,
      values: sv,
      right,
      out: so,
      begin,
      end,
    }));
    if (!(await runAll(workers, steps, flag))) return false;
    if (so !== out) out.set(so);
    return true;
  });
}

/** The sort part of the fallback backend (spread into createFallbackBackend). */
export function fallbackSortMethods(workers: KernelWorkers): Pick<Backend, SortMethod> {
  return {
    sort: (a, descending, flag) => settleAttached([a], () => sortOnFallback(workers, a, descending, flag)),
    sortSync: sortSyncOnFallback,
    argsort: (a, out, descending, flag) => settleAttached([a, out], () => argsortOnFallback(workers, a, out, descending, flag)),
    argsortSync: argsortSyncOnFallback,
    partition: (a, k, values, indices, flag) =>
      settleAttached([a, values, indices], () => partitionOnFallback(workers, a, k, values, indices, flag)),
    partitionSync: partitionInto,
    topk: (a, k, largest, values, indices, flag) =>
      settleAttached([a, values, indices], () => topkOnFallback(workers, a, k, largest, values, indices, flag)),
    topkSync: topkInto,
    searchsorted: (sorted, values, right, out, flag) =>
      settleAttached([sorted, values, out], () => searchsortedOnFallback(workers, sorted, values, right, out, flag)),
    searchsortedSync: (sorted, values, right, out) => searchRange(sorted, values, right, out, 0, values.length),
  };
}
