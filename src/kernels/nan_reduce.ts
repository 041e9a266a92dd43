/**
 * nansum, nanmean, nanmin, nanmax: the twin of native/kernels/nan_reduce.cc.
 * Integer dtypes have no NaN and take sum.ts's exact path. Partial =
 * [value, index] with index = elements that are not NaN (nansum/nanmean), or
 * 1 when the block held any (nanmin/nanmax).
 */
import { isIntegerDtype, type NumericArray } from '../dtypes.js';
import { dtypeOf } from '../validate.js';
import { exactIntegerSum, treeSum } from './blocks.js';
import { laneSum } from './lanes.js';
import { PARTIAL_FIELDS, type ReduceTwin } from './reduce.js';
import { sum } from './sum.js';

const F = PARTIAL_FIELDS;

const isInteger = (a: NumericArray): boolean => isIntegerDtype(dtypeOf(a)!);

/** Lane-order sum with NaN read as +0 (numpy's nansum replaces it so). */
function laneNanSum(x: NumericArray, begin: number, end: number): number {
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
    const v0 = x[i]!,
      v1 = x[i + 1]!,
      v2 = x[i + 2]!,
      v3 = x[i + 3]!;
    const v4 = x[i + 4]!,
      v5 = x[i + 5]!,
      v6 = x[i + 6]!,
      v7 = x[i + 7]!;
    a0 += v0 === v0 ? v0 : 0;
    a1 += v1 === v1 ? v1 : 0;
    a2 += v2 === v2 ? v2 : 0;
    a3 += v3 === v3 ? v3 : 0;
    a4 += v4 === v4 ? v4 : 0;
    a5 += v5 === v5 ? v5 : 0;
    a6 += v6 === v6 ? v6 : 0;
    a7 += v7 === v7 ? v7 : 0;
  }
  let total = a0 + a1 + (a2 + a3) + (a4 + a5 + (a6 + a7));
  for (; i < end; i++) {
    const v = x[i]!;
    total += v === v ? v : 0;
  }
  return total;
}

function nanSumBlock(ops: readonly NumericArray[], begin: number, end: number, parts: Float64Array, slot: number): void {
  const x = ops[0]!;
  if (isInteger(x)) {
    sum.block(ops, begin, end, parts, slot);
    parts[slot * F + 1] = end - begin;
    return;
  }
  // Without NaN the plain lane sum is the same sum, and much faster in JS.
  const plain = laneSum(x, begin, end);
  if (plain === plain) {
    parts[slot * F] = plain;
    parts[slot * F + 1] = end - begin;
    return;
  }
  let seen = 0;
  for (let i = begin; i < end; i++) if (x[i] === x[i]) seen++;
  parts[slot * F] = laneNanSum(x, begin, end);
  parts[slot * F + 1] = seen;
}

// + 0: a sum of only -0 is +0, as numpy's (see sumTotal in sum.ts).
function nanTotal(parts: Float64Array, count: number, ops: readonly NumericArray[]): number {
  return isInteger(ops[0]!) ? exactIntegerSum(parts, count, F) : treeSum(parts, 0, count, F) + 0;
}

function seenTotal(parts: Float64Array, count: number): number {
  let total = 0;
  for (let s = 0; s < count; s++) total += parts[s * F + 1]!;
  return total;
}

// -0 counts as below +0, so the extreme does not depend on order (see native):
// a plain pass, then a re-scan only to settle the sign of a zero result.
function nanExtremeBlock(max: boolean): ReduceTwin['block'] {
  return (ops, begin, end, parts, slot) => {
    const x = ops[0]!;
    const worst = max ? -Infinity : Infinity;
    let best = worst;
    if (max) {
      for (let i = begin; i < end; i++) if (x[i]! > best) best = x[i]!;
    } else {
      for (let i = begin; i < end; i++) if (x[i]! < best) best = x[i]!;
    }
    let seen = true;
    if (best === worst) {
      seen = false;
      for (let i = begin; i < end && !seen; i++) seen = x[i] === x[i];
    } else if (best === 0) {
      let wanted = false;
      for (let i = begin; i < end && !wanted; i++) wanted = x[i] === 0 && Object.is(x[i], -0) !== max;
      best = wanted === max ? 0 : -0;
    }
    parts[slot * F] = best;
    parts[slot * F + 1] = seen ? 1 : 0;
  };
}

function nanExtremeTotal(max: boolean): ReduceTwin['total'] {
  return (parts, count) => {
    let found = false;
    let best = 0;
    for (let s = 0; s < count; s++) {
      if (parts[s * F + 1] === 0) continue;
      const v = parts[s * F]!;
      const better = max
        ? v > best || (v === best && Object.is(best, -0) && Object.is(v, 0))
        : v < best || (v === best && Object.is(best, 0) && Object.is(v, -0));
      if (!found || better) best = v;
      found = true;
    }
    return found ? best : NaN;
  };
}

export const nansum: ReduceTwin = {
  name: 'nansum',
  arity: 1,
  emptyIsError: false,
  emptyValue: 0,
  block: nanSumBlock,
  total: nanTotal,
};

export const nanmean: ReduceTwin = {
  name: 'nanmean',
  arity: 1,
  emptyIsError: false,
  emptyValue: NaN,
  block: nanSumBlock,
  total: (parts, count, ops) => nanTotal(parts, count, ops) / seenTotal(parts, count),
};

export const nanmin: ReduceTwin = {
  name: 'nanmin',
  arity: 1,
  emptyIsError: true,
  emptyValue: NaN,
  block: nanExtremeBlock(false),
  total: nanExtremeTotal(false),
};

export const nanmax: ReduceTwin = {
  name: 'nanmax',
  arity: 1,
  emptyIsError: true,
  emptyValue: NaN,
  block: nanExtremeBlock(true),
  total: nanExtremeTotal(true),
};
