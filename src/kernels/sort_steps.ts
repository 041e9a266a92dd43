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

/** Wire order of the per-line kernels (Backend.sortLines, native sort_lines). */
export const SORT_LINE_OPS = ['sort', 'argsort', 'partition', 'topk'] as const;

/** Lines [begin, end) of a, each of `line` elements, through flat kernel SORT_LINE_OPS[kind]. */
export interface SortLinesStep {
  op: 'lines';
  kind: number;
  line: number;
  a: NumericArray;
  k: number;
  option: boolean;
  values: NumericArray | undefined;
  indices: Index | undefined;
  begin: number;
  end: number;
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

export type SortStep = SortChunkStep | SortMergeStep | PartitionStep | TopkStep | SearchStep | SortLinesStep;

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
    case 'lines':
      return sortLineRange(step, flag);
  }
  return true;
}

/** Runs a lines step line by line, each line as the flat kernel runs it; false when `flag` stopped it. */
export function sortLineRange(s: Omit<SortLinesStep, 'op'>, flag?: Int32Array): boolean {
  const { kind, line, a, k, option } = s;
  const per = kind === 3 ? k : line;
  const scratch = kind === 1 ? new (a.constructor as new (n: number) => NumericArray)(line) : undefined;
  for (let i = s.begin; i < s.end; i++) {
    if (flag !== undefined && Atomics.load(flag, 0) !== 0) return false;
    const lo = i * line;
    const values = s.values?.subarray(i * per, (i + 1) * per);
    const indices = s.indices?.subarray(i * per, (i + 1) * per);
    if (kind === 0 && values !== undefined) {
      values.set(a.subarray(lo, lo + line) as never);
      sortRange(values, 0, line, option, values);
    } else if (kind === 0) sortRange(a, lo, lo + line, option, a);
    else if (kind === 1) sortRange(a.subarray(lo, lo + line), 0, line, option, scratch!, indices);
    else if (kind === 2) partitionInto(a.subarray(lo, lo + line), k, values!, indices!);
    else topkInto(a.subarray(lo, lo + line), k, option, values!, indices!);
  }
  return true;
}
