/**
 * Lines along one axis of an NDArray, for the kernels that work line by line
 * (scans, the sort family): the view with that axis moved last, its lines
 * gathered into one C-contiguous buffer, and results scattered back into any
 * view. Flat TypedArray calls never come here, but take `axis` the same way.
 */
import type { NumericArray } from '../dtypes.js';
import { NDArray } from '../nd/ndarray.js';
import { normalizeAxis, shapeSize } from '../nd/shape.js';
import { forEachPosition } from '../nd/walk.js';

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

/** A view's elements in C order: the data itself when contiguous (no copy), else a gathered copy. */
export function cOrder(view: NDArray): NumericArray {
  if (view.isContiguous) return view.data.subarray(view.offset, view.offset + view.size);
  return view.copy().data;
}

/**
 * The line layout of `a` along `axis`: undefined (or null, when `flatten` is
 * 'null') flattens a in C order to one line, as numpy's axis=None does;
 * otherwise a (negative) axis of a.
 * @throws RangeError ERR_AXIS_OUT_OF_RANGE; TypeError ERR_INVALID_ARG_TYPE for a non-integer.
 */
export function lineLayout(a: NDArray, axis: unknown, name = 'options.axis'): LineLayout {
  if (axis === undefined || axis === null) {
    const view = new NDArray(cOrder(a), [a.size]);
    return { view, axis: 0, outer: 1, n: a.size, inner: 1 };
  }
  const k = normalizeAxis(axis, a.ndim, name);
  return {
    view: a,
    axis: k,
    outer: shapeSize(a.shape.slice(0, k)),
    n: a.shape[k]!,
    inner: shapeSize(a.shape.slice(k + 1)),
  };
}

/** Axis `axis` of `view` moved last (a view; no copy). */
export function moveLast(view: NDArray, axis: number): NDArray {
  const perm = view.shape.map((_, i) => i).filter((i) => i !== axis);
  return view.transpose([...perm, axis]);
}

/** The lines of `layout.view` along its axis, back to back in one C-contiguous buffer ([outer, inner, n] order). */
export function gatherLines(layout: LineLayout): NumericArray {
  const moved = moveLast(layout.view, layout.axis);
  // A fresh buffer either way: the line kernels may work in place on it.
  return moved.copy().data;
}

/**
 * Writes `lines` (back to back, [outer, inner, m] as gatherLines lays them
 * out, m the line length of `dst` along `axis`) into the view `dst`.
 */
export function scatterLines(lines: NumericArray, dst: NDArray, axis: number): void {
  const moved = moveLast(dst, axis);
  const data = dst.data;
  if (moved.isContiguous) {
    data.set(lines as never, moved.offset);
    return;
  }
  forEachPosition(moved.shape, moved.strides, moved.offset, (p, k) => {
    data[p] = lines[k]!;
  });
}

/** Copies C-order `src` into the view `dst` (any strides). */
export function assignC(dst: NDArray, src: NumericArray): void {
  if (dst.isContiguous) {
    dst.data.set(src as never, dst.offset);
    return;
  }
  const data = dst.data;
  forEachPosition(dst.shape, dst.strides, dst.offset, (p, k) => {
    data[p] = src[k]!;
  });
}

/**
 * The `axis` option of a flat (TypedArray) call: a flat array is 1-d, so
 * undefined, null, 0 and -1 are accepted and change nothing.
 * @throws as {@link lineLayout}.
 */
export function checkFlatAxis(axis: unknown): void {
  if (axis !== undefined && axis !== null) normalizeAxis(axis, 1, 'options.axis');
}
