/**
 * The 8-lane accumulation order of every floating-point sum-like kernel; the
 * twin of native/kernels/lanes.h. Lane j adds elements j, j+8, ...; lanes
 * fold as ((l0+l1)+(l2+l3))+((l4+l5)+(l6+l7)); the tail is added in order.
 * Accumulators start at -0, the exact additive identity.
 */
import type { NumericArray } from '../dtypes.js';

/** Sum of x[begin, end) in lane order. */
export function laneSum(x: NumericArray, begin: number, end: number): number {
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
    a0 += x[i]!;
    a1 += x[i + 1]!;
    a2 += x[i + 2]!;
    a3 += x[i + 3]!;
    a4 += x[i + 4]!;
    a5 += x[i + 5]!;
    a6 += x[i + 6]!;
    a7 += x[i + 7]!;
  }
  let total = a0 + a1 + (a2 + a3) + (a4 + a5 + (a6 + a7));
  for (; i < end; i++) total += x[i]!;
  return total;
}

/** Sum of a[i]*b[i] over [begin, end) in lane order; products are never fused. */
export function laneDot(a: NumericArray, b: NumericArray, begin: number, end: number): number {
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
    a0 += a[i]! * b[i]!;
    a1 += a[i + 1]! * b[i + 1]!;
    a2 += a[i + 2]! * b[i + 2]!;
    a3 += a[i + 3]! * b[i + 3]!;
    a4 += a[i + 4]! * b[i + 4]!;
    a5 += a[i + 5]! * b[i + 5]!;
    a6 += a[i + 6]! * b[i + 6]!;
    a7 += a[i + 7]! * b[i + 7]!;
  }
  let total = a0 + a1 + (a2 + a3) + (a4 + a5 + (a6 + a7));
  for (; i < end; i++) total += a[i]! * b[i]!;
  return total;
}

/** Sum of x[i]*x[i] over [begin, end) in lane order. */
export function laneSquares(x: NumericArray, begin: number, end: number): number {
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
    a0 += v0 * v0;
    a1 += v1 * v1;
    a2 += v2 * v2;
    a3 += v3 * v3;
    a4 += v4 * v4;
    a5 += v5 * v5;
    a6 += v6 * v6;
    a7 += v7 * v7;
  }
  let total = a0 + a1 + (a2 + a3) + (a4 + a5 + (a6 + a7));
  for (; i < end; i++) total += x[i]! * x[i]!;
  return total;
}
