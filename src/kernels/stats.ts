/**
 * prod, sqdev (the sum of squared deviations behind var and std),
 * countNonzero, any, all: the twin of native/kernels/stats.cc.
 * Partial = [value, index, aux]; sqdev keeps [mean high part, M2, mean low
 * part] and derives each block's count from the block layout, which native
 * carries in its `index` field.
 */
import type { NumericArray } from '../dtypes.js';
import { blockBegin, blockEnd } from './blocks.js';
import { laneSum } from './lanes.js';
import { PARTIAL_FIELDS, type ReduceTwin } from './reduce.js';

const F = PARTIAL_FIELDS;

const MIN_NORMAL = 2 ** -1022;
const normal = (v: number): boolean => {
  const a = Math.abs(v);
  return a >= MIN_NORMAL && a <= Number.MAX_VALUE;
};

const bits = new DataView(new ArrayBuffer(8));

/** 2^e for integer e in [-1074, 1023], built from its bits (exact). */
function pow2(e: number): number {
  if (e >= -1022) {
    bits.setUint32(0, (e + 1023) << 20);
    bits.setUint32(4, 0);
  } else {
    const shift = e + 1074;
    bits.setUint32(0, shift >= 32 ? 1 << (shift - 32) : 0);
    bits.setUint32(4, shift < 32 ? 2 ** shift : 0);
  }
  return bits.getFloat64(0);
}

/** C's frexp: v = m * 2^e with m in [0.5, 1); (v, 0) for 0, ±Inf and NaN. */
function frexp(v: number): [number, number] {
  if (v === 0 || !Number.isFinite(v)) return [v, 0];
  let shift = 0;
  if (Math.abs(v) < MIN_NORMAL) {
    v *= pow2(64);
    shift = 64;
  }
  bits.setFloat64(0, v);
  const hi = bits.getUint32(0);
  const e = ((hi >>> 20) & 0x7ff) - 1022 - shift;
  bits.setUint32(0, (hi & 0x800fffff) | (1022 << 20));
  return [bits.getFloat64(0), e];
}

const STEP_LOW = 2 ** -511;
const STEP_HIGH = 2 ** 511;

/** native Scaled: m * 2^e renormalised to a mantissa in [0.5, 1); 0, ±Inf and NaN keep exponent 0. */
function scaled(m: number, e: number): [number, number] {
  if (m === 0 || !Number.isFinite(m)) return [m, 0];
  const [mant, k] = frexp(m);
  return [mant, e + k];
}

/** C's ldexp for m from frexp: one rounding, to ±Inf or the subnormals when needed. */
function ldexp(m: number, e: number): number {
  if (m === 0 || !Number.isFinite(m)) return m;
  if (e > 1024) return m * Infinity;
  if (e === 1024) return m * 2 * pow2(1023);
  if (e < -1074) return m * 0;
  return m * pow2(e);
}

/** Lane-order product of x[begin, end), or NaN when a partial left the normal range (native LaneProduct). */
function laneProduct(x: NumericArray, begin: number, end: number): number {
  let a0 = 1,
    a1 = 1,
    a2 = 1,
    a3 = 1,
    a4 = 1,
    a5 = 1,
    a6 = 1,
    a7 = 1;
  // Smallest and largest |partial| over all lanes: the fast path needs them normal.
  let lo = 1;
  let hi = 1;
  let i = begin;
  for (; i + 8 <= end; i += 8) {
    a0 *= x[i]!;
    a1 *= x[i + 1]!;
    a2 *= x[i + 2]!;
    a3 *= x[i + 3]!;
    a4 *= x[i + 4]!;
    a5 *= x[i + 5]!;
    a6 *= x[i + 6]!;
    a7 *= x[i + 7]!;
    lo = Math.min(lo, Math.abs(a0), Math.abs(a1), Math.abs(a2), Math.abs(a3), Math.abs(a4), Math.abs(a5), Math.abs(a6), Math.abs(a7));
    hi = Math.max(hi, Math.abs(a0), Math.abs(a1), Math.abs(a2), Math.abs(a3), Math.abs(a4), Math.abs(a5), Math.abs(a6), Math.abs(a7));
    // The verdict is already known; stopping early changes nothing but time.
    if (!(lo >= MIN_NORMAL && hi <= Number.MAX_VALUE)) return NaN;
  }
  const p01 = a0 * a1,
    p23 = a2 * a3,
    p45 = a4 * a5,
    p67 = a6 * a7;
  const p03 = p01 * p23,
    p47 = p45 * p67;
  let total = p03 * p47;
  let clean =
    normal(lo) && normal(hi) && normal(p01) && normal(p23) && normal(p45) && normal(p67) && normal(p03) && normal(p47) && normal(total);
  for (; i < end; i++) {
    total *= x[i]!;
    clean &&= normal(total);
  }
  return clean ? total : NaN;
}

/** The product of x[begin, end) as [m, e] (native BlockProduct). */
function blockProduct(x: NumericArray, begin: number, end: number): [number, number] {
  const fast = laneProduct(x, begin, end);
  if (fast === fast) return scaled(fast, 0);
  // Native SteppedProduct: renormalise (exactly) and redo a step that would leave [2^-511, 2^511].
  let m = 1;
  let e = 0;
  for (let k = begin; k < end; k++) {
    const v = m * x[k]!;
    const a = Math.abs(v);
    if (a >= STEP_LOW && a <= STEP_HIGH) {
      m = v;
      continue;
    }
    [m, e] = scaled(m, e);
    [m, e] = scaled(m * x[k]!, e);
  }
  return scaled(m, e);
}

// Native TreeCombine with ProdCombine: mantissas multiply, exponents add.
function treeProduct(parts: Float64Array, lo: number, hi: number): [number, number] {
  if (hi - lo === 1) return [parts[lo * F]!, parts[lo * F + 1]!];
  const mid = lo + ((hi - lo) >>> 1);
  const [ml, el] = treeProduct(parts, lo, mid);
  const [mr, er] = treeProduct(parts, mid, hi);
  return scaled(ml * mr, el + er);
}

/** Corrected two-pass moments of one block (native BlockMoments): [low part of the mean, M2]. */
function blockMoments(x: NumericArray, begin: number, end: number, mean: number): [number, number] {
  let d0 = -0,
    d1 = -0,
    d2 = -0,
    d3 = -0,
    d4 = -0,
    d5 = -0,
    d6 = -0,
    d7 = -0;
  let q0 = -0,
    q1 = -0,
    q2 = -0,
    q3 = -0,
    q4 = -0,
    q5 = -0,
    q6 = -0,
    q7 = -0;
  let i = begin;
  for (; i + 8 <= end; i += 8) {
    const v0 = x[i]! - mean,
      v1 = x[i + 1]! - mean,
      v2 = x[i + 2]! - mean,
      v3 = x[i + 3]! - mean;
    const v4 = x[i + 4]! - mean,
      v5 = x[i + 5]! - mean,
      v6 = x[i + 6]! - mean,
      v7 = x[i + 7]! - mean;
    d0 += v0;
    d1 += v1;
    d2 += v2;
    d3 += v3;
    d4 += v4;
    d5 += v5;
    d6 += v6;
    d7 += v7;
    q0 += v0 * v0;
    q1 += v1 * v1;
    q2 += v2 * v2;
    q3 += v3 * v3;
    q4 += v4 * v4;
    q5 += v5 * v5;
    q6 += v6 * v6;
    q7 += v7 * v7;
  }
  let dt = d0 + d1 + (d2 + d3) + (d4 + d5 + (d6 + d7));
  let qt = q0 + q1 + (q2 + q3) + (q4 + q5 + (q6 + q7));
  for (; i < end; i++) {
    const v = x[i]! - mean;
    dt += v;
    qt += v * v;
  }
  const count = end - begin;
  const m2 = qt - (dt * dt) / count;
  return [dt / count, m2 < 0 ? 0 : m2];
}

interface Moments {
  count: number;
  mean: number;
  low: number;
  m2: number;
}

// The native TreeCombine shape with DevCombine's update (means as high + low parts).
function treeMoments(parts: Float64Array, lo: number, hi: number, n: number): Moments {
  if (hi - lo === 1) {
    return { count: blockEnd(n, lo) - blockBegin(lo), mean: parts[lo * F]!, m2: parts[lo * F + 1]!, low: parts[lo * F + 2]! };
  }
  const mid = lo + ((hi - lo) >>> 1);
  const l = treeMoments(parts, lo, mid, n);
  const r = treeMoments(parts, mid, hi, n);
  const count = l.count + r.count;
  const delta = r.mean - l.mean + (r.low - l.low);
  return {
    count,
    mean: l.mean,
    low: l.low + delta * (r.count / count),
    m2: l.m2 + r.m2 + delta * delta * ((l.count * r.count) / count),
  };
}

function countBlock(ops: readonly NumericArray[], begin: number, end: number, parts: Float64Array, slot: number): void {
  const x = ops[0]!;
  let count = 0;
  for (let i = begin; i < end; i++) if (x[i] !== 0) count++;
  parts[slot * F + 1] = count;
}

function countTotal(parts: Float64Array, count: number): number {
  let total = 0;
  for (let s = 0; s < count; s++) total += parts[s * F + 1]!;
  return total;
}

function counting(name: string, emptyValue: number, finish: (count: number, n: number) => number): ReduceTwin {
  return {
    name,
    arity: 1,
    emptyIsError: false,
    emptyValue,
    block: countBlock,
    total: (parts, count, ops) => finish(countTotal(parts, count), ops[0]!.length),
  };
}

export const prod: ReduceTwin = {
  name: 'prod',
  arity: 1,
  emptyIsError: false,
  emptyValue: 1,
  block: (ops, begin, end, parts, slot) => {
    const [m, e] = blockProduct(ops[0]!, begin, end);
    parts[slot * F] = m;
    parts[slot * F + 1] = e;
  },
  total: (parts, count) => ldexp(...treeProduct(parts, 0, count)),
};

export const sqdev: ReduceTwin = {
  name: 'sqdev',
  arity: 1,
  emptyIsError: false,
  emptyValue: 0,
  block: (ops, begin, end, parts, slot) => {
    const x = ops[0]!;
    const mean = laneSum(x, begin, end) / (end - begin);
    const [low, m2] = blockMoments(x, begin, end, mean);
    parts[slot * F] = mean;
    parts[slot * F + 1] = m2;
    parts[slot * F + 2] = low;
  },
  total: (parts, count, ops) => treeMoments(parts, 0, count, ops[0]!.length).m2,
};

export const countNonzero = counting('countNonzero', 0, (c) => c);
export const any = counting('any', 0, (c) => (c > 0 ? 1 : 0));
export const all = counting('all', 1, (c, n) => (c === n ? 1 : 0));
