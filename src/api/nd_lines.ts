/**
 * Lines along one axis of an NDArray, for the kernels that work line by line
 * (scans, the sort family): the view with that axis moved last, its lines
 * gathered into one C-contiguous buffer, and results scattered back into any
 * view. Flat TypedArray calls never come here, but take `axis` the same way.
 */
import { isShared, type NumericArray } from '../dtypes.js';
import { CorepoolTypeError, ErrorCode } from '../errors.js';
import { describeValue } from '../validate.js';
import { allocate } from '../nd/alloc.js';
import { NDArray } from '../nd/ndarray.js';
import { normalizeAxis, shapeSize } from '../nd/shape.js';
import { mapSteps } from './run_map.js';
import { call, type Steps } from './steps.js';

/** Where a line kernel runs: `axis` of `shape` (after flattening for axis null/undefined as asked). */
export interface LineLayout {
  /** The input view the lines are read from (flattened to 1-d when the axis was None). */
  view: NDArray;
  axis: number;
  /** Extents before the axis, along it, after it (C order). */
  outer: number;
  n: number;
  inner: number;
}

/**
 * Copies the view `src` into the view `dst` of the same shape and dtype with
 * the native strided engine (astype to the same dtype moves every value
 * unchanged), in parallel, rather than element by element in JS.
 */
export function* copyInto(src: NDArray, dst: NDArray, signal: AbortSignal | undefined): Steps<void> {
  if (src.size === 0) return;
  if (src.isContiguous && dst.isContiguous) {
    dst.data.set(src.data.subarray(src.offset, src.offset + src.size) as never, dst.offset);
    return;
  }
  yield* mapSteps('astype', [src], { out: dst, signal }, ['a'], 'astype');
}

/** A fresh C-contiguous copy of a view (on shared memory when its data is). */
export function* copyOf(view: NDArray, signal: AbortSignal | undefined): Steps<NDArray> {
  const copy = new NDArray(allocate(view.dtype, view.size, isShared(view.data)), view.shape);
  yield* copyInto(view, copy, signal);
  return copy;
}

/** A view's elements in C order: the data itself when contiguous (no copy), else a copy. */
export function* cOrder(view: NDArray, signal: AbortSignal | undefined): Steps<NumericArray> {
  if (view.isContiguous) return view.data.subarray(view.offset, view.offset + view.size);
  return (yield* copyOf(view, signal)).data;
}

/**
 * The line layout of `a` along `axis`: undefined or null flattens a in C
 * order to one line (copied when a is not contiguous), as numpy's axis=None
 * does; otherwise a (negative) axis of a. Callers map their own default
 * (the sort family's -1) before calling.
 * @throws RangeError ERR_AXIS_OUT_OF_RANGE; TypeError ERR_INVALID_OPTION for a non-integer.
 */
export function* lineLayout(a: NDArray, axis: unknown, signal: AbortSignal | undefined): Steps<LineLayout> {
  if (axis === undefined || axis === null) {
    const view = new NDArray(yield* cOrder(a, signal), [a.size]);
    return { view, axis: 0, outer: 1, n: a.size, inner: 1 };
  }
  const k = normalizeAxis(checkAxisOption(axis), a.ndim, 'options.axis');
  return {
    view: a,
    axis: k,
    outer: shapeSize(a.shape.slice(0, k)),
    n: a.shape[k]!,
    inner: shapeSize(a.shape.slice(k + 1)),
  };
}

/** Outer blocks up to which a float move of an axis runs as 2-D transposes (one backend call each). */
const TRANSPOSE_BLOCKS_MAX = 64;

/**
 * Moves the middle axis of C-contiguous [outer, rows, cols] float `src` last
 * into `dst` ([outer, cols, rows]) with the cache-blocked 2-D transpose
 * kernel, one call per outer block: far faster than the strided engine for
 * a whole-matrix transpose. False (nothing done) where it does not apply.
 */
export function* transposeBlocks(
  src: NumericArray,
  dst: NumericArray,
  outer: number,
  rows: number,
  cols: number,
  signal: AbortSignal | undefined,
): Steps<boolean> {
  const float = src instanceof Float64Array || src instanceof Float32Array;
  if (!float || src.constructor !== dst.constructor || outer > TRANSPOSE_BLOCKS_MAX || rows * cols === 0) return false;
  const size = rows * cols;
  for (let o = 0; o < outer; o++) {
    const from = src.subarray(o * size, (o + 1) * size) as Float64Array;
    yield* call(signal, 'transpose', from, dst.subarray(o * size, (o + 1) * size) as Float64Array, rows, cols);
  }
  return true;
}

/**
 * The lines of `layout.view` along its axis, back to back ([outer, inner, n]):
 * read in place when they already are, else a fresh copy.
 */
export function* linesOf(layout: LineLayout, signal: AbortSignal | undefined): Steps<NumericArray> {
  const moved = moveLast(layout.view, layout.axis);
  if (!moved.isContiguous && layout.view.isContiguous) {
    const { view } = layout;
    const dst = allocate(view.dtype, view.size, isShared(view.data));
    const src = view.data.subarray(view.offset, view.offset + view.size);
    if (yield* transposeBlocks(src, dst, layout.outer, layout.n, layout.inner, signal)) return dst;
  }
  return yield* cOrder(moved, signal);
}

/** Axis `axis` of `view` moved last (a view; no copy). */
export function moveLast(view: NDArray, axis: number): NDArray {
  const perm = view.shape.map((_, i) => i).filter((i) => i !== axis);
  return view.transpose([...perm, axis]);
}

/**
 * Writes `lines` (back to back with the axis last, [outer, inner, m], m the
 * line length of `dst` along `axis`) into the view `dst`.
 */
export function* scatterLines(lines: NumericArray, dst: NDArray, axis: number, signal: AbortSignal | undefined): Steps<void> {
  const moved = moveLast(dst, axis);
  if (!moved.isContiguous && dst.isContiguous) {
    const outer = shapeSize(dst.shape.slice(0, axis));
    const data = dst.data.subarray(dst.offset, dst.offset + dst.size);
    if (yield* transposeBlocks(lines, data, outer, shapeSize(dst.shape.slice(axis + 1)), dst.shape[axis]!, signal)) return;
  }
  yield* copyInto(new NDArray(lines, moved.shape), moved, signal);
}

/**
 * The `axis` option of a flat (TypedArray) call: a flat array is 1-d, so
 * undefined, null, 0 and -1 are accepted and change nothing.
 * @throws as {@link lineLayout}.
 */
export function checkFlatAxis(axis: unknown): void {
  if (axis !== undefined && axis !== null) normalizeAxis(checkAxisOption(axis), 1, 'options.axis');
}

/** options.axis that is not an integer is a bad option value (house rule 13), not a bad argument. */
function checkAxisOption(axis: unknown): number {
  if (typeof axis !== 'number' || !Number.isSafeInteger(axis)) {
    throw new CorepoolTypeError(ErrorCode.INVALID_OPTION, `options.axis must be an integer, null or undefined; got ${describeValue(axis)}`);
  }
  return axis;
}
