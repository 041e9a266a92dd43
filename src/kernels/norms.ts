/**
 * norm1 (sum of |x|) and normInf (largest |x|, NaN wins): the twin of
 * native/kernels/norms.cc, behind norm(a, { ord: 1 | Infinity }).
 */
import type { NumericArray } from '../dtypes.js';
import { treeSum } from './blocks.js';
import { PARTIAL_FIELDS, type ReduceTwin } from './reduce.js';

const F = PARTIAL_FIELDS;

/** Sum of |x| over [begin, end) in lane order. */
function laneAbsSum(x: NumericArray, begin: number, end: number): number {
  let a0 = -0,
    a1 = -0,
    a2 = -0,
    a3 = -0,
    a4 = -0,
    a5 = -0,
    a6 = -0,
    a7 = -0;
  let i = begin;
  for (; i + 8 <= end; i += 8) {
    a0 += Math.abs(x[i]!);
    a1 += Math.abs(x[i + 1]!);
    a2 += Math.abs(x[i + 2]!);
    a3 += Math.abs(x[i + 3]!);
    a4 += Math.abs(x[i + 4]!);
    a5 += Math.abs(x[i + 5]!);
    a6 += Math.abs(x[i + 6]!);
    a7 += Math.abs(x[i + 7]!);
  }
  let total = a0 + a1 + (a2 + a3) + (a4 + a5 + (a6 + a7));
  for (; i < end; i++) total += Math.abs(x[i]!);
  return total;
}

function maxAbs(x: NumericArray, begin: number, end: number): number {
  let best = 0;
  for (let i = begin; i < end; i++) {
    const v = Math.abs(x[i]!);
    if (v !== v) return NaN;
    if (v > best) best = v;
  }
  return best;
}

export const norm1: ReduceTwin = {
  name: 'norm1',
  arity: 1,
  emptyIsError: false,
  emptyValue: 0,
  block: (ops, begin, end, parts, slot) => {
    parts[slot * F] = laneAbsSum(ops[0]!, begin, end);
  },
  total: (parts, count) => treeSum(parts, 0, count, F),
};

export const normInf: ReduceTwin = {
  name: 'normInf',
  arity: 1,
  emptyIsError: true,
  emptyValue: NaN,
  block: (ops, begin, end, parts, slot) => {
    parts[slot * F] = maxAbs(ops[0]!, begin, end);
  },
  total: (parts, count) => {
    let best = 0;
    for (let s = 0; s < count; s++) {
      const v = parts[s * F]!;
      if (v !== v) return NaN;
      if (v > best) best = v;
    }
    return best;
  },
};
