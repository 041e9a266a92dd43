/**
 * Reductions over some axes of an n-dimensional view, the twin of
 * native/kernels/reduce_axis.cc: each output reduces its line (the elements
 * over the reduced axes, in C order) exactly as the flat twin reduces a
 * contiguous array holding it, so results match native bit for bit. A
 * unit-stride line is read in place; any other is gathered into a scratch
 * array of the input's dtype first (one line, never the whole input).
 */
import type { NumericArray } from '../dtypes.js';
import { forEachSegment } from './strided.js';
import { PARTIAL_FIELDS, type ReduceTwin } from './reduce.js';
import { blockBegin, blockCount, blockEnd } from './blocks.js';

/** A reduce-over-axes layout split into its kept (outer) and reduced (inner) geometries. */
export interface AxisLayout {
  readonly outerShape: Float64Array;
  readonly outerStrides: Float64Array;
  readonly offset: number;
  /** The reduced axes as a one-operand geometry with offset 0. */
  readonly inner: Float64Array;
  readonly outputs: number;
  readonly line: number;
  readonly inPlace: boolean;
}

/** Splits a combined geometry (see Backend.reduceAxis) after `outerDims` axes. */
export function axisLayout(geometry: Float64Array, outerDims: number): AxisLayout {
  const ndim = geometry[0]!;
  const shape = geometry.subarray(2, 2 + ndim);
  const strides = geometry.subarray(3 + ndim, 3 + 2 * ndim);
  const innerDims = ndim - outerDims;
  const inner = new Float64Array(2 + innerDims + 1 + innerDims);
  inner[0] = innerDims;
  inner[1] = 1;
  inner.set(shape.subarray(outerDims), 2);
  inner.set(strides.subarray(outerDims), 3 + innerDims);
  const product = (xs: Float64Array): number => xs.reduce((p, x) => p * x, 1);
  return {
    outerShape: shape.subarray(0, outerDims),
    outerStrides: strides.subarray(0, outerDims),
    offset: geometry[2 + ndim]!,
    inner,
    outputs: product(shape.subarray(0, outerDims)),
    line: product(shape.subarray(outerDims)),
    inPlace: innerDims === 1 && inner[4] === 1,
  };
}

function outerPosition(layout: AxisLayout, index: number): number {
  let pos = layout.offset;
  for (let d = layout.outerShape.length - 1; d >= 0; d--) {
    const extent = layout.outerShape[d]!;
    pos += (index % extent) * layout.outerStrides[d]!;
    index = Math.floor(index / extent);
  }
  return pos;
}

/** Copies the line at `start` (laid out by the one-operand geometry `inner`) into `to`. */
function gather(inner: Float64Array, a: NumericArray, start: number, to: NumericArray): void {
  const stride = inner[inner.length - 1]!;
  if (inner[0] === 1) {
    // One reduced axis, the common case: no odometer (it dominates short lines).
    for (let i = 0, at = start; i < to.length; i++, at += stride) to[i] = a[at]!;
    return;
  }
  let k = 0;
  forEachSegment(inner, 0, to.length, (pos, m) => {
    for (let i = 0, at = start + pos[0]!; i < m; i++, at += stride) to[k++] = a[at]!;
  });
}

/** The flat reduction of `line` (a contiguous array): the same blocks, combine and finish as reduceInline. */
function reduceLine(twin: ReduceTwin, line: NumericArray, parts: Float64Array): number {
  const n = line.length;
  if (n === 0) return twin.emptyValue;
  const count = blockCount(n);
  for (let b = 0; b < count; b++) twin.block([line], blockBegin(b), blockEnd(n, b), parts, b);
  return twin.total(parts, count, [line]);
}

/**
 * Computes outputs [first, last) into `out` (C order, one element each).
 * Stops early once `flag[0]` is non-zero: the caller, which set it, discards `out`.
 */
export function runReduceAxis(
  twin: ReduceTwin,
  layout: AxisLayout,
  a: NumericArray,
  out: NumericArray,
  first: number,
  last: number,
  flag?: Int32Array,
): void {
  const n = layout.line;
  const parts = new Float64Array(Math.max(1, blockCount(n)) * PARTIAL_FIELDS);
  const ctor = a.constructor as new (length: number) => NumericArray;
  const scratch = layout.inPlace ? undefined : new ctor(n);
  for (let o = first; o < last; o++) {
    if (flag !== undefined && (o - first) % 64 === 0 && Atomics.load(flag, 0) !== 0) return;
    const start = outerPosition(layout, o);
    let line: NumericArray;
    if (scratch === undefined) {
      line = a.subarray(start, start + n);
    } else {
      gather(layout.inner, a, start, scratch);
      line = scratch;
    }
    out[o] = reduceLine(twin, line, parts);
  }
}
