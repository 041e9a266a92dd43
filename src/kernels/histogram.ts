/**
 * histogram/bincount counting and binmax (bincount's validating maximum):
 * the twin of native/kernels/histogram.cc. Parts follow histogram.h: the
 * input is cut into parts of whole blocks, each part counts in index order
 * into its own array, and the arrays are added in part order.
 */
import type { NumericArray } from '../dtypes.js';
import { blockCount, REDUCE_BLOCK } from './blocks.js';
import { PARTIAL_FIELDS, type ReduceTwin } from './reduce.js';

const F = PARTIAL_FIELDS;

/** Bin selection (native HistMode). */
export const HistMode = { UNIFORM: 0, EDGES: 1, BINCOUNT: 2 } as const;
export type HistModeValue = (typeof HistMode)[keyof typeof HistMode];

/** Native kHistMaxParts and kHistBudget. */
export const HIST_MAX_PARTS = 16;
export const HIST_BUDGET = 2 ** 23;

export interface HistSpec {
  mode: HistModeValue;
  a: NumericArray;
  weights: NumericArray | undefined;
  /** bins + 1 increasing edges; unused by bincount. */
  edges: Float64Array | undefined;
  /** Length of every counts array. */
  bins: number;
}

/** Number of parts for n elements and `bins` bins. */
export function histParts(n: number, bins: number): number {
  const parts = Math.min(HIST_MAX_PARTS, blockCount(n), Math.floor(HIST_BUDGET / Math.max(bins, 1)));
  return Math.max(parts, 1);
}

/** Elements [begin, end) of part `p`. */
export function histPart(n: number, parts: number, p: number): [number, number] {
  const blocks = blockCount(n);
  const first = Math.floor((p * blocks) / parts);
  const last = Math.floor(((p + 1) * blocks) / parts);
  return [Math.min(n, first * REDUCE_BLOCK), Math.min(n, last * REDUCE_BLOCK)];
}

function upperBound(edges: Float64Array, x: number): number {
  let lo = 0;
  let hi = edges.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (edges[mid]! > x) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

// One loop per mode and weighting, so the per-element work has no such branches.
// `f < bins` bounds f below 2^31, so `f | 0` truncates like native's cast.
function uniformBin(v: number, lo: number, norm: number, e: Float64Array, last: number): number {
  const f = (v - lo) * norm;
  let k = f <= last ? f | 0 : last;
  if (v < e[k]!) {
    do k--;
    while (k > 0 && v < e[k]!);
  } else {
    while (k < last && v >= e[k + 1]!) k++;
  }
  return k;
}

function countUniform(
  a: NumericArray,
  w: NumericArray | undefined,
  e: Float64Array,
  bins: number,
  begin: number,
  end: number,
  counts: Float64Array,
): void {
  const lo = e[0]!;
  const hi = e[bins]!;
  const norm = bins / (hi - lo);
  const last = bins - 1;
  if (w === undefined) {
    for (let i = begin; i < end; i++) {
      const v = a[i]!;
      if (v >= lo && v <= hi) counts[uniformBin(v, lo, norm, e, last)]! += 1;
    }
    return;
  }
  for (let i = begin; i < end; i++) {
    const v = a[i]!;
    if (v >= lo && v <= hi) counts[uniformBin(v, lo, norm, e, last)]! += w[i]!;
  }
}

function countEdges(
  a: NumericArray,
  w: NumericArray | undefined,
  e: Float64Array,
  bins: number,
  begin: number,
  end: number,
  counts: Float64Array,
): void {
  const lo = e[0]!;
  const hi = e[bins]!;
  for (let i = begin; i < end; i++) {
    const v = a[i]!;
    if (!(v >= lo && v <= hi)) continue;
    counts[Math.min(upperBound(e, v) - 1, bins - 1)]! += w === undefined ? 1 : w[i]!;
  }
}

function countValues(a: NumericArray, w: NumericArray | undefined, bins: number, begin: number, end: number, counts: Float64Array): void {
  if (w === undefined) {
    for (let i = begin; i < end; i++) {
      const v = a[i]!;
      if (v >= 0 && v < bins) counts[Math.trunc(v)]! += 1;
    }
    return;
  }
  for (let i = begin; i < end; i++) {
    const v = a[i]!;
    if (v >= 0 && v < bins) counts[Math.trunc(v)]! += w[i]!;
  }
}

/**
 * Adds elements [begin, end) of spec.a (weighted or not) into counts. Values
 * outside the edges, NaN and (bincount) values out of range are skipped.
 */
export function histCount(spec: HistSpec, begin: number, end: number, counts: Float64Array): void {
  const { mode, a, weights, bins } = spec;
  if (bins === 0) return;
  if (mode === HistMode.BINCOUNT) countValues(a, weights, bins, begin, end, counts);
  else if (mode === HistMode.UNIFORM) countUniform(a, weights, spec.edges!, bins, begin, end, counts);
  else countEdges(a, weights, spec.edges!, bins, begin, end, counts);
}

const LIMIT = 9007199254740992;

export const binmax: ReduceTwin = {
  name: 'binmax',
  arity: 1,
  emptyIsError: false,
  emptyValue: -1,
  block: (ops, begin, end, parts, slot) => {
    const x = ops[0]!;
    let best = 0;
    let bad = false;
    for (let i = begin; i < end; i++) {
      const v = x[i]!;
      if (!(v >= 0 && v === Math.floor(v) && v <= LIMIT)) bad = true;
      if (v > best) best = v;
    }
    parts[slot * F] = best;
    parts[slot * F + 1] = bad ? 1 : 0;
  },
  total: (parts, count) => {
    let best = 0;
    for (let s = 0; s < count; s++) {
      if (parts[s * F + 1] !== 0) return NaN;
      best = Math.max(best, parts[s * F]!);
    }
    return best;
  },
};

/**
 * Counts parts [first, last) of `spec` into fresh arrays laid end to end
 * (bins each). Undefined when `flag` stopped it between blocks.
 */
export function histRunParts(spec: HistSpec, first: number, last: number, flag?: Int32Array): Float64Array | undefined {
  const n = spec.a.length;
  const parts = histParts(n, spec.bins);
  const out = new Float64Array((last - first) * spec.bins);
  for (let p = first; p < last; p++) {
    const counts = out.subarray((p - first) * spec.bins, (p - first + 1) * spec.bins);
    const [begin, end] = histPart(n, parts, p);
    for (let lo = begin; lo < end; lo += REDUCE_BLOCK) {
      if (flag !== undefined && Atomics.load(flag, 0) !== 0) return undefined;
      histCount(spec, lo, Math.min(end, lo + REDUCE_BLOCK), counts);
    }
  }
  return out;
}

/** Adds part arrays laid end to end (bins each, parts 0, 1, ...) into `counts`, in part order. */
export function mergeFlatParts(counts: Float64Array, flat: Float64Array): void {
  const bins = counts.length;
  if (bins === 0) return;
  counts.set(flat.subarray(0, bins));
  for (let at = bins; at < flat.length; at += bins) {
    for (let j = 0; j < bins; j++) counts[j]! += flat[at + j]!;
  }
}
