/** sum and mean: the twin of native/kernels/sum.cc. */
import { isIntegerDtype, type NumericArray } from '../dtypes.js';
import { dtypeOf } from '../validate.js';
import { exactIntegerSum, treeSum } from './blocks.js';
import { laneSum } from './lanes.js';
import { PARTIAL_FIELDS, type ReduceTwin } from './reduce.js';

function isInteger(a: NumericArray): boolean {
  return isIntegerDtype(dtypeOf(a)!);
}

function plainSum(x: NumericArray, begin: number, end: number): number {
  // Integer blocks are exact in any order: |block total| < 2^46.
  let s0 = 0,
    s1 = 0,
    s2 = 0,
    s3 = 0;
  let i = begin;
  for (; i + 4 <= end; i += 4) {
    s0 += x[i]!;
    s1 += x[i + 1]!;
    s2 += x[i + 2]!;
    s3 += x[i + 3]!;
  }
  for (; i < end; i++) s0 += x[i]!;
  return s0 + s1 + (s2 + s3);
}

function sumBlock(ops: readonly NumericArray[], begin: number, end: number, parts: Float64Array, slot: number): void {
  const a = ops[0]!;
  parts[slot * PARTIAL_FIELDS] = isInteger(a) ? plainSum(a, begin, end) : laneSum(a, begin, end);
}

// numpy's add.reduce starts from its identity +0, so a sum of only -0 is +0;
// adding +0 last changes nothing else. Native SumFinish does the same.
function sumTotal(parts: Float64Array, count: number, ops: readonly NumericArray[]): number {
  return isInteger(ops[0]!) ? exactIntegerSum(parts, count, PARTIAL_FIELDS) : treeSum(parts, 0, count, PARTIAL_FIELDS) + 0;
}

export const sum: ReduceTwin = {
  name: 'sum',
  arity: 1,
  emptyIsError: false,
  emptyValue: 0,
  block: sumBlock,
  total: sumTotal,
};

export const mean: ReduceTwin = {
  name: 'mean',
  arity: 1,
  emptyIsError: false,
  emptyValue: NaN,
  block: sumBlock,
  total: (parts, count, ops) => sumTotal(parts, count, ops) / ops[0]!.length,
};
