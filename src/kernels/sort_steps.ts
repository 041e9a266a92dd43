/**
 * The steps of the fallback's sort family that run on kernel workers, over
 * SharedArrayBuffer-backed arrays (see src/backend/fallback_sort.ts). A step
 * returns false, doing nothing, when the abort flag is already set.
 */
import type { NumericArray } from '../dtypes.js';
import { sortRange } from './sort.js';
import { mergeRound } from './sort_merge.js';
import { partitionInto, searchRange, topkInto } from './sort_select.js';

export type IndexArray = Uint32Array | Float64Array;
type Index = IndexArray;

/** Sort src[lo, hi) stably into dst[lo, hi), with global indices into idx when given. */
export interface SortChunkStep {
  op: 'chunk';
  src: NumericArray;
  dst: NumericArray;
  idx: Index | undefined;
  lo: number;
  hi: number;
  descending: boolean;
}

/** Output positions [outBegin, outEnd) of one merge round (sort_merge.ts). */
export interface SortMergeStep {
  op: 'merge';
  src: NumericArray;
  dst: NumericArray;
  srcIdx: Index | undefined;
  dstIdx: Index | undefined;
  bounds: number[];
  outBegin: number;
  outEnd: number;
  descending: boolean;
}

export interface PartitionStep {
  op: 'partition';
  a: NumericArray;
  k: number;
  values: NumericArray;
  indices: Index;
}

export interface TopkStep {
  op: 'topk';
  a: NumericArray;
  k: number;
  largest: boolean;
  values: NumericArray;
  indices: Index;
}

/** out[begin, end) for values[begin, end). */
export interface SearchStep {
  op: 'search';
  sorted: NumericArray;
  values: NumericArray;
  right: boolean;
  out: Index;
  begin: number;
  end: number;
}

export type SortStep = SortChunkStep | SortMergeStep | PartitionStep | TopkStep | SearchStep;

/** Runs one step; false when `flag` was set before it started. */
export function runSortStep(step: SortStep, flag?: Int32Array): boolean {
  if (flag !== undefined && Atomics.load(flag, 0) !== 0) return false;
  switch (step.op) {
    case 'chunk':
      sortRange(step.src, step.lo, step.hi, step.descending, step.dst, step.idx);
      break;
    case 'merge':
      mergeRound(step, step.bounds, step.outBegin, step.outEnd, step.descending);
      break;
    case 'partition':
      partitionInto(step.a, step.k, step.values, step.indices);
      break;
    case 'topk':
      topkInto(step.a, step.k, step.largest, step.values, step.indices);
      break;
    case 'search':
      searchRange(step.sorted, step.values, step.right, step.out, step.begin, step.end);
      break;
  }
  return true;
}
