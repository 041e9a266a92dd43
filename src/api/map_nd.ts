/**
 * Elementwise kernels over NDArrays: numpy's broadcasting, `options.out` as
 * any view of the result's shape, and the layout (geometry) the strided
 * engines run. Called by mapSteps when an operand is an NDArray; flat
 * TypedArray calls never come here.
 */
import { type Dtype, isShared, type NumericArray } from '../dtypes.js';
import { CorepoolRangeError, CorepoolTypeError, ErrorCode } from '../errors.js';
import type { MapInput, MapKind } from '../kernels/map.js';
import { packGeometry, type StridedOperand, type Geometry } from '../kernels/strided.js';
import { allocate } from '../nd/alloc.js';
import { NDArray, resultView } from '../nd/ndarray.js';
import { broadcastError, formatShape, shapeSize } from '../nd/shape.js';
import { span } from '../nd/walk.js';
import { checkArray } from '../validate.js';
import { kernelOptions, MAP_OPTIONS } from './kernel_specs.js';
import { CTOR_NAMES, resultDtype, scalarIn } from './map_args.js';

export interface PreparedMapNd {
  /** undefined when the call is one contiguous run: `ins` and `out` are then flat arrays of its elements. */
  geometry: Geometry | undefined;
  ins: MapInput[];
  out: NumericArray;
  result: NDArray;
  signal: AbortSignal | undefined;
}

/** An operand as an NDArray: itself, or a TypedArray as its 1-d view. */
function asView(operand: unknown, name: string): NDArray {
  if (operand instanceof NDArray) return operand;
  checkArray(operand, name);
  return new NDArray(operand as NumericArray);
}

/** The broadcast shape of `views` (numpy's rule), naming the first two shapes that disagree. */
function broadcastAll(views: readonly NDArray[]): number[] {
  const first = views[0];
  // Plain loops: on small arrays this runs on every call.
  let same = first !== undefined;
  for (let k = 1; k < views.length && same; k++) same = views[k] === first || sameShape(views[k]!.shape, first!.shape);
  if (same) return first!.shape.slice();
  const ndim = Math.max(0, ...views.map((v) => v.ndim));
  const shape = new Array<number>(ndim).fill(1);
  const from = new Array<NDArray | undefined>(ndim);
  for (const view of views) {
    const lead = ndim - view.ndim;
    for (let k = 0; k < view.ndim; k++) {
      const extent = view.shape[k]!;
      if (extent === 1 || extent === shape[lead + k]) continue;
      if (shape[lead + k] !== 1) throw broadcastError(from[lead + k]!.shape, view.shape);
      shape[lead + k] = extent;
      from[lead + k] = view;
    }
  }
  return shape;
}

function sameShape(a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** `view`'s strides stretched to `shape`: 0 on the axes it broadcasts over (also used by src/expr/encode.ts). */
export function stretch(view: NDArray, shape: readonly number[]): StridedOperand {
  const lead = shape.length - view.ndim;
  const strides = shape.map((extent, axis) => {
    if (axis < lead) return 0;
    return view.shape[axis - lead] === 1 && extent !== 1 ? 0 : view.strides[axis - lead]!;
  });
  return { offset: view.offset, strides };
}

/** options.out for a result of `shape` and `dtype`: an NDArray of that shape, or a TypedArray of its size viewed in C order (also used by matmul_nd.ts). */
export function checkOutView(out: unknown, shape: readonly number[], dtype: Dtype | undefined, name = 'options.out'): NDArray {
  const view = out instanceof NDArray ? out : asView(out, name);
  if (dtype !== undefined && view.dtype !== dtype) {
    throw new CorepoolTypeError(
      ErrorCode.INVALID_DTYPE,
      `${name} must be a ${CTOR_NAMES[dtype]} (the result dtype); got ${CTOR_NAMES[view.dtype]}`,
    );
  }
  if (!(out instanceof NDArray)) {
    if (view.size !== shapeSize(shape)) {
      throw new CorepoolRangeError(
        ErrorCode.SHAPE_MISMATCH,
        `${name} must have shape ${formatShape(shape)}; got ${formatShape(view.shape)}`,
      );
    }
    return new NDArray(view.data, shape);
  }
  if (view.ndim !== shape.length || view.shape.some((extent, i) => extent !== shape[i])) {
    throw new CorepoolRangeError(ErrorCode.SHAPE_MISMATCH, `${name} must have shape ${formatShape(shape)}; got ${formatShape(view.shape)}`);
  }
  // numpy's broadcast views are read-only: two results would land on one element.
  if (view.shape.some((extent, i) => extent > 1 && view.strides[i] === 0)) {
    throw new CorepoolRangeError(ErrorCode.OVERLAP, `${name} must not repeat elements (a broadcast view cannot be written)`);
  }
  return view;
}

/** True when `a` and `b` read some of the same bytes through different layouts (an in-place call with one layout is safe). */
export function clashes(a: NDArray, b: NDArray): boolean {
  if (a.data.buffer !== b.data.buffer || a.size === 0 || b.size === 0) return false;
  const bytes = (v: NDArray): [number, number] => {
    const [low, high] = span(v.shape, v.strides, v.offset);
    const step = v.data.BYTES_PER_ELEMENT;
    return [v.data.byteOffset + low * step, v.data.byteOffset + (high + 1) * step];
  };
  const [aLow, aHigh] = bytes(a);
  const [bLow, bHigh] = bytes(b);
  if (aHigh <= bLow || bHigh <= aLow) return false;
  const same =
    a.data.byteOffset + a.offset * a.data.BYTES_PER_ELEMENT === b.data.byteOffset + b.offset * b.data.BYTES_PER_ELEMENT &&
    a.data.BYTES_PER_ELEMENT === b.data.BYTES_PER_ELEMENT &&
    a.ndim === b.ndim &&
    a.shape.every((extent, i) => extent === b.shape[i] && (extent === 1 || a.strides[i] === b.strides[i]));
  return !same;
}

/**
 * Validates an elementwise call with at least one NDArray operand and lays
 * it out: the broadcast shape, the result dtype, `out` (given or allocated
 * C-contiguous, shared when an input is) and the geometry with `out` first.
 * An input that overlaps `out` through another layout is copied first, as
 * numpy does, so no element is read after it was overwritten.
 */
export function prepareMapNd(
  kind: MapKind,
  names: readonly string[],
  operands: readonly unknown[],
  options: unknown,
  owner: string,
): PreparedMapNd {
  // Plain loops: on small arrays this preparation is most of a call's cost.
  const count = operands.length;
  const views: Array<NDArray | undefined> = new Array(count);
  const types: Array<Dtype | undefined> = new Array(count);
  const scalars: Array<number | undefined> = new Array(count);
  const arrays: NDArray[] = [];
  let shared = false;
  for (let k = 0; k < count; k++) {
    const operand = operands[k];
    if (typeof operand === 'number') {
      scalars[k] = operand;
      continue;
    }
    const view = asView(operand, names[k]!);
    views[k] = view;
    types[k] = view.dtype;
    arrays.push(view);
    shared ||= isShared(view.data);
  }
  const shape = broadcastAll(arrays);
  const { opts, signal } = kernelOptions(options, owner, MAP_OPTIONS);
  const dtype = kind === 'cast' ? undefined : resultDtype(kind, types, scalars);
  const size = shapeSize(shape);
  const fresh = opts.out === undefined;
  const result = fresh
    ? resultView(allocate(dtype!, size, shared), dtype!, shape, shared)
    : // axpy writes into its operand y, passed here as out.
      checkOutView(opts.out, shape, dtype, owner === 'axpy' ? 'y' : 'options.out');
  const compute = kind === 'compare' ? 'float64' : result.dtype;
  // The common case, every array C-contiguous with the result's shape, is
  // one unit-stride run; it skips the broadcast layout work.
  let flat = result.isContiguous;
  for (let i = 0; i < arrays.length && flat; i++) {
    const v = arrays[i]!;
    flat = v.size === size && v.ndim === shape.length && v.isContiguous;
  }
  const layouts: StridedOperand[] = [flat ? { offset: result.offset, strides: [1] } : { offset: result.offset, strides: result.strides }];
  const ins: MapInput[] = new Array(count);
  for (let k = 0; k < count; k++) {
    let view = views[k];
    if (view === undefined) {
      layouts.push({ offset: 0, strides: flat ? [0] : shape.map(() => 0) });
      const operand = scalars[k]!;
      ins[k] = kind === 'select' && k === 0 ? (operand !== 0 ? 1 : 0) : scalarIn(operand, compute, names[k]!);
      continue;
    }
    // A fresh result overlaps nothing.
    if (!fresh && clashes(result, view)) view = view.copy();
    layouts.push(flat ? { offset: view.offset, strides: [1] } : stretch(view, shape));
    ins[k] = view.data;
  }
  if (flat) {
    // One run: the flat engine over views of exactly the run (no geometry at all).
    const whole = (data: NumericArray, offset: number): NumericArray =>
      offset === 0 && data.length === size ? data : data.subarray(offset, offset + size);
    for (let k = 0; k < count; k++) {
      const view = ins[k];
      if (typeof view !== 'number') ins[k] = whole(view!, layouts[1 + k]!.offset);
    }
    return { geometry: undefined, ins, out: whole(result.data, result.offset), result, signal };
  }
  return { geometry: packGeometry(shape, layouts), ins, out: result.data, result, signal };
}
