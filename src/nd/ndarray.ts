/**
 * NDArray: an n-dimensional view of a TypedArray, numpy's ndarray without
 * the kernels. A view is (data, shape, strides, offset) with strides and
 * offset in elements; transposing, slicing, broadcasting and most reshapes
 * only compute a new layout over the same `data`.
 */
import { inspect } from 'node:util';
import { type Dtype, isShared, type NumericArray } from '../dtypes.js';
import { CorepoolRangeError, CorepoolTypeError, ErrorCode } from '../errors.js';
import { kShare, type ShareDescriptor } from '../shared/shareable.js';
import { checkArray, checkInteger, checkShape, describeValue } from '../validate.js';
import { allocate } from './alloc.js';
import { resolveShape, reshapeStrides } from './reshape.js';
import { contiguousStrides, formatShape, isCContiguous, normalizeAxes, shapeSize } from './shape.js';
import { applyIndex, parseIndex, type SliceIndex } from './slice.js';
import { forEachPosition, span } from './walk.js';

/** Nested JS arrays of numbers, as {@link NDArray.toArray} returns them (a number for a 0-d array). */
export type NestedArray = number | NestedArray[];

/** What an NDArray sends to another thread (see share.ts). */
export interface NDArrayDescriptor extends ShareDescriptor {
  readonly __corepool: 'NDArray';
  readonly data: NumericArray;
  readonly shape: number[];
  readonly strides: number[];
  readonly offset: number;
}

/**
 * Every NDArray carries this brand, and `instanceof NDArray` tests for it:
 * the package's bundles (the main one and each worker entry's) hold their
 * own copies of this class, and an NDArray revived in a worker by one copy
 * must still be an NDArray to the kernels that another copy exports.
 */
const kBrand = Symbol.for('corepool.NDArray');

/** Set by resultView for the one constructor call it makes. */
let trusted: Dtype | undefined;
let trustedShared = false;

/**
 * A C-contiguous NDArray of `shape` over `data` (of `dtype`, holding exactly
 * the shape's elements), without the public constructor's checks: kernels
 * build their results with it, and on small arrays the checks cost more than
 * the arithmetic.
 */
export function resultView(data: NumericArray, dtype: Dtype, shape: readonly number[], shared = isShared(data)): NDArray {
  trusted = dtype;
  trustedShared = shared;
  return new NDArray(data, shape.slice());
}

/** Freezes a layout array: a view's shape must not change under it. */
const frozen = (values: number[]): readonly number[] => Object.freeze(values);

/**
 * An n-dimensional array: a strided view of a TypedArray, in the spirit of
 * numpy's ndarray. Views (`T`, `transpose`, `slice`, `reshape` when the
 * strides allow, `broadcastTo`, `squeeze`, `expandDims`) share `data`;
 * `copy()` and `toArray()` copy.
 *
 * Passed to a Pool task or Process (as an argument, at any depth of plain
 * arrays and objects), an NDArray whose `data` is on a SharedArrayBuffer
 * arrives as an NDArray viewing the same memory. One on an ordinary
 * ArrayBuffer is structured-cloned like any object: it arrives as a plain
 * object with copies of `data` (its whole buffer, as a TypedArray is cloned),
 * `shape`, `strides`, `offset` and `dtype`, from which `new NDArray(o.data,
 * o.shape, o.strides, o.offset)` rebuilds it. A Queue carries only the
 * latter kind (a shared NDArray, like any shared object, is refused there).
 *
 * numpy equivalent: `numpy.ndarray`.
 */
export class NDArray {
  /** True for an NDArray made by any copy of corepool in this thread (see kBrand). */
  static [Symbol.hasInstance](value: unknown): boolean {
    return typeof value === 'object' && value !== null && (value as { [kBrand]?: unknown })[kBrand] === true;
  }

  /** The TypedArray whose elements the view reads. */
  readonly data: NumericArray;
  /** The element type, from `data`. */
  readonly dtype: Dtype;
  /** Length of each axis. */
  readonly shape: readonly number[];
  /** Step in `data`, in elements, between neighbours along each axis (may be 0 or negative). */
  readonly strides: readonly number[];
  /** Position in `data` of the first element (index 0 on every axis). */
  readonly offset: number;
  // Computed on first use: a view's layout never changes, and kernels ask often.
  #size: number | undefined;
  #contiguous: boolean | undefined;

  /**
   * A view of `data`. Prefer {@link ndarray}, which also takes nested arrays.
   * @param shape default `[data.length]`.
   * @param strides in elements; default C order for `shape`.
   * @param offset in elements; default 0.
   * @throws TypeError ERR_INVALID_ARG_TYPE/ERR_INVALID_DTYPE for data that is
   *   not a supported TypedArray; RangeError ERR_OUT_OF_RANGE when the view
   *   would read outside `data`, ERR_SHAPE_MISMATCH when strides and shape
   *   differ in length.
   */
  constructor(data: NumericArray, shape?: readonly number[], strides?: readonly number[], offset = 0) {
    if (trusted !== undefined) {
      // A kernel's fresh result (see resultView): its layout is known to be valid.
      this.dtype = trusted;
      trusted = undefined;
      this.data = data;
      this.shape = frozen(shape as number[]);
      this.strides = frozen(contiguousStrides(this.shape));
      this.offset = 0;
      if (trustedShared) Object.defineProperty(this, kShare, { value: share });
      return;
    }
    this.dtype = checkArray(data, 'data');
    const dims = shape === undefined ? [data.length] : checkShape(shape, 'shape');
    const steps = strides === undefined ? contiguousStrides(dims) : checkStrides(strides);
    if (steps.length !== dims.length) {
      throw new CorepoolRangeError(
        ErrorCode.SHAPE_MISMATCH,
        `strides must have one entry per axis of shape ${formatShape(dims)}; got ${formatShape(steps)}`,
      );
    }
    checkInteger(offset, 'offset');
    if (offset < 0 || offset > data.length) {
      throw new CorepoolRangeError(ErrorCode.OUT_OF_RANGE, `offset must be from 0 to data.length (${data.length}); got ${offset}`);
    }
    if (shapeSize(dims) > 0) {
      const [low, high] = span(dims, steps, offset);
      if (low < 0 || high >= data.length) {
        throw new CorepoolRangeError(
          ErrorCode.OUT_OF_RANGE,
          `a view of shape ${formatShape(dims)}, strides ${formatShape(steps)} and offset ${offset} reads elements ${low}..${high}, outside data (length ${data.length})`,
        );
      }
    }
    this.data = data;
    this.shape = frozen(dims);
    this.strides = frozen(steps);
    this.offset = offset;
    // Only shared memory can be the same memory in another thread; an
    // NDArray on an ArrayBuffer is left to structured clone, which copies it.
    if (isShared(data)) Object.defineProperty(this, kShare, { value: share });
  }

  /** Number of axes. */
  get ndim(): number {
    return this.shape.length;
  }

  /** Number of elements (1 for a 0-d array). */
  get size(): number {
    this.#size ??= shapeSize(this.shape);
    return this.#size;
  }

  /** True when the elements lie in `data` in C order with no gaps (numpy's `flags.c_contiguous`). */
  get isContiguous(): boolean {
    this.#contiguous ??= isCContiguous(this.shape, this.strides);
    return this.#contiguous;
  }

  /** The transpose, a view: axes reversed. numpy equivalent: `a.T`. */
  get T(): NDArray {
    return this.transpose();
  }

  get [Symbol.toStringTag](): string {
    return 'NDArray';
  }

  /** A view on the same data with another layout (the constructor re-checks its bounds, cheaply: O(ndim)). */
  private view(shape: number[], strides: number[], offset: number): NDArray {
    return new NDArray(this.data, shape, strides, offset);
  }

  /**
   * A view with the axes permuted: axis i of the result is axis `axes[i]`.
   * @param axes a permutation of 0..ndim-1 (negative axes allowed); default reversed.
   * @throws RangeError ERR_AXIS_OUT_OF_RANGE, or ERR_OUT_OF_RANGE when `axes`
   *   repeats an axis or does not list every axis.
   * numpy equivalent: `a.transpose(axes)`.
   */
  transpose(axes?: readonly number[]): NDArray {
    const order = axes === undefined ? this.shape.map((_, i) => this.ndim - 1 - i) : normalizeAxes(axes, this.ndim, 'axes');
    if (order.length !== this.ndim) {
      throw new CorepoolRangeError(ErrorCode.OUT_OF_RANGE, `axes must list each of the ${this.ndim} axes once; got ${formatShape(axes!)}`);
    }
    return this.view(
      order.map((a) => this.shape[a]!),
      order.map((a) => this.strides[a]!),
      this.offset,
    );
  }

  /**
   * A view of part of the array (numpy's basic indexing). Either one string
   * in numpy's notation (`'0:2, ::-1'`, `'1'`, `'...'`, `':'`), or one index
   * per axis: an integer (drops the axis), `[start, stop, step]` with null
   * for defaults, null for the whole axis, or '...'. Axes not indexed are
   * kept whole; slice bounds out of range clip as in Python.
   * @throws RangeError ERR_OUT_OF_RANGE for an integer index out of range, a
   *   zero step or too many indices; TypeError ERR_INVALID_ARG_TYPE for a
   *   malformed index.
   * numpy equivalent: `a[0:2, ::-1]`.
   */
  slice(...indices: SliceIndex[] | [string]): NDArray {
    const list = indices.length === 1 && typeof indices[0] === 'string' && indices[0] !== '...' ? parseIndex(indices[0]) : indices;
    const layout = applyIndex(this, list as SliceIndex[]);
    return this.view(layout.shape, layout.strides, layout.offset);
  }

  /**
   * The same elements in `shape` (one entry may be -1, inferred): a view
   * when the strides allow it, as numpy decides, else a C-order copy (on
   * shared memory when `data` is).
   * @throws RangeError ERR_SHAPE_MISMATCH, e.g. `cannot reshape array of size
   *   12 into shape [5,3]`; ERR_OUT_OF_RANGE for two -1s or a bad size.
   * numpy equivalent: `a.reshape(shape)`.
   */
  reshape(shape: readonly number[] | number): NDArray {
    const target = resolveShape(shape, this.size);
    const strides = reshapeStrides(this.shape, this.strides, target);
    if (strides !== null) return this.view(target, strides, this.offset);
    const copy = this.copy();
    return new NDArray(copy.data, target);
  }

  /**
   * The array without axes of length 1 (only those listed in `axis`, when given); a view.
   * @throws RangeError ERR_AXIS_OUT_OF_RANGE; ERR_SHAPE_MISMATCH for a listed axis whose length is not 1.
   * numpy equivalent: `np.squeeze(a, axis)`.
   */
  squeeze(axis?: number | readonly number[]): NDArray {
    const drop = axis === undefined ? this.shape.flatMap((d, i) => (d === 1 ? [i] : [])) : normalizeAxes(axis, this.ndim, 'axis');
    for (const a of drop) {
      if (this.shape[a] !== 1) {
        throw new CorepoolRangeError(
          ErrorCode.SHAPE_MISMATCH,
          `cannot squeeze axis ${a} of shape ${formatShape(this.shape)}: its length is not 1`,
        );
      }
    }
    const keep = this.shape.map((_, i) => i).filter((i) => !drop.includes(i));
    return this.view(
      keep.map((i) => this.shape[i]!),
      keep.map((i) => this.strides[i]!),
      this.offset,
    );
  }

  /**
   * A view with new axes of length 1 at `axis` (positions in the result).
   * @throws RangeError ERR_AXIS_OUT_OF_RANGE; ERR_OUT_OF_RANGE for a repeated axis.
   * numpy equivalent: `np.expand_dims(a, axis)`.
   */
  expandDims(axis: number | readonly number[]): NDArray {
    const count = typeof axis === 'number' ? 1 : Array.isArray(axis) ? axis.length : 0;
    const ndim = this.ndim + count;
    const at = new Set(normalizeAxes(axis as number | readonly number[], ndim, 'axis'));
    const shape: number[] = [];
    const strides: number[] = [];
    let source = 0;
    for (let i = 0; i < ndim; i++) {
      if (at.has(i)) {
        shape.push(1);
        strides.push(0);
      } else {
        shape.push(this.shape[source]!);
        strides.push(this.strides[source]!);
        source++;
      }
    }
    return this.view(shape, strides, this.offset);
  }

  /**
   * A view of the array broadcast to `shape` (numpy's rule, new and stretched
   * axes get stride 0, so a write through one element shows in all its copies).
   * @throws RangeError ERR_SHAPE_MISMATCH when the array cannot broadcast to `shape`.
   * numpy equivalent: `np.broadcast_to(a, shape)`.
   */
  broadcastTo(shape: readonly number[] | number): NDArray {
    const target = checkShape(shape, 'shape');
    const lead = target.length - this.ndim;
    const fail = (): CorepoolRangeError =>
      new CorepoolRangeError(
        ErrorCode.SHAPE_MISMATCH,
        `cannot broadcast an array of shape ${formatShape(this.shape)} to shape ${formatShape(target)}`,
      );
    if (lead < 0) throw fail();
    const strides = target.map((d, i) => {
      if (i < lead) return 0;
      const own = this.shape[i - lead]!;
      if (own === d) return this.strides[i - lead]!;
      if (own === 1) return 0;
      throw fail();
    });
    return this.view(target, strides, this.offset);
  }

  /** Position in `data` of the element at `index`. */
  private position(index: readonly unknown[], name: string): number {
    if (index.length !== this.ndim) {
      throw new CorepoolRangeError(ErrorCode.OUT_OF_RANGE, `${name} must have ${this.ndim} indices, one per axis; got ${index.length}`);
    }
    let position = this.offset;
    for (let axis = 0; axis < index.length; axis++) {
      const n = this.shape[axis]!;
      const k = checkInteger(index[axis], `${name}[${axis}]`);
      if (k < -n || k >= n) {
        throw new CorepoolRangeError(ErrorCode.OUT_OF_RANGE, `${name}[${axis}] ${k} is out of bounds for axis ${axis} with size ${n}`);
      }
      position += (k < 0 ? k + n : k) * this.strides[axis]!;
    }
    return position;
  }

  /**
   * One element; negative indices count from the end.
   * @throws RangeError ERR_OUT_OF_RANGE for an index out of range or the wrong number of indices.
   * numpy equivalent: `a[i, j]`.
   */
  get(...index: number[]): number {
    return this.data[this.position(index, 'index')]!;
  }

  /**
   * Writes one element (converted to the dtype as a TypedArray converts it).
   * @throws RangeError ERR_OUT_OF_RANGE; TypeError ERR_INVALID_ARG_TYPE for a value that is not a number.
   * numpy equivalent: `a[i, j] = value`.
   */
  set(index: readonly number[], value: number): void {
    if (!Array.isArray(index)) {
      throw new CorepoolTypeError(ErrorCode.INVALID_ARG_TYPE, `index must be an array of integers; got ${describeValue(index)}`);
    }
    if (typeof value !== 'number') {
      throw new CorepoolTypeError(ErrorCode.INVALID_ARG_TYPE, `value must be a number; got ${describeValue(value)}`);
    }
    this.data[this.position(index, 'index')] = value;
  }

  /** The elements in C order, as a new TypedArray of the dtype (on shared memory when `data` is). */
  private gather(): NumericArray {
    const out = allocate(this.dtype, this.size, isShared(this.data));
    const data = this.data;
    if (this.isContiguous && this.size > 0) {
      out.set(data.subarray(this.offset, this.offset + this.size));
      return out;
    }
    forEachPosition(this.shape, this.strides, this.offset, (p, k) => {
      out[k] = data[p]!;
    });
    return out;
  }

  /**
   * A C-contiguous copy with the same dtype and shape, on a SharedArrayBuffer
   * when `data` is on one.
   * numpy equivalent: `a.copy()`.
   */
  copy(): NDArray {
    return new NDArray(this.gather(), [...this.shape]);
  }

  /**
   * The elements as nested JS arrays (a number for a 0-d array).
   * numpy equivalent: `a.tolist()`.
   */
  toArray(): NestedArray {
    const flat = this.gather();
    if (this.ndim === 0) return flat[0]!;
    let k = 0;
    const build = (axis: number): NestedArray[] => {
      const n = this.shape[axis]!;
      const out = new Array<NestedArray>(n);
      for (let i = 0; i < n; i++) out[i] = axis === this.ndim - 1 ? flat[k++]! : build(axis + 1);
      return out;
    };
    return build(0);
  }

  /** numpy's repr: values (summarised beyond 1000 elements), dtype and shape. */
  toString(): string {
    return formatArray(this);
  }

  [inspect.custom](): string {
    return formatArray(this);
  }
}

/**
 * The share hook of an NDArray on shared memory: the descriptor carries
 * `data` itself, and structured clone keeps a SharedArrayBuffer shared.
 */
function share(this: NDArray): NDArrayDescriptor {
  const empty = this.size === 0;
  return {
    __corepool: 'NDArray',
    data: this.data,
    shape: [...this.shape],
    strides: [...this.strides],
    offset: empty ? 0 : this.offset,
  };
}

function checkStrides(strides: unknown): number[] {
  if (!Array.isArray(strides)) {
    throw new CorepoolTypeError(ErrorCode.INVALID_ARG_TYPE, `strides must be an array of integers; got ${describeValue(strides)}`);
  }
  return strides.map((s, i) => checkInteger(s, `strides[${i}]`));
}

const SUMMARY_THRESHOLD = 1000;
const EDGE = 3;

function formatNumber(value: number, float: boolean): string {
  if (!float) return String(value);
  if (Number.isInteger(value)) return `${value}.`;
  return String(value);
}

function formatArray(a: NDArray): string {
  const float = a.dtype === 'float64' || a.dtype === 'float32';
  const summarise = a.size > SUMMARY_THRESHOLD;
  const prefix = 'ndarray(';
  const suffix = `, dtype='${a.dtype}', shape=${formatShape(a.shape)})`;
  // numpy too prints any empty array as [] and lets the shape tell the rest.
  if (a.size === 0) return `${prefix}[]${suffix}`;
  if (a.ndim === 0) return `${prefix}${formatNumber(a.data[a.offset]!, float)}${suffix}`;
  // Which indices of an axis are shown: all, or the edges around a '...'.
  const shown = (n: number): Array<number | null> =>
    summarise && n > 2 * EDGE
      ? [...Array.from({ length: EDGE }, (_, i) => i), null, ...Array.from({ length: EDGE }, (_, i) => n - EDGE + i)]
      : Array.from({ length: n }, (_, i) => i);
  const texts: string[] = [];
  const collect = (axis: number, position: number): void => {
    for (const i of shown(a.shape[axis]!)) {
      if (i === null) continue;
      const p = position + i * a.strides[axis]!;
      if (axis === a.ndim - 1) texts.push(formatNumber(a.data[p]!, float));
      else collect(axis + 1, p);
    }
  };
  collect(0, a.offset);
  const width = Math.max(0, ...texts.map((t) => t.length));
  let next = 0;
  const indent = ' '.repeat(prefix.length);
  const render = (axis: number, position: number): string => {
    const items = shown(a.shape[axis]!).map((i) => {
      if (i === null) return '...';
      const p = position + i * a.strides[axis]!;
      return axis === a.ndim - 1 ? texts[next++]!.padStart(width) : render(axis + 1, p);
    });
    const separator = axis === a.ndim - 1 ? ', ' : `,${'\n'.repeat(a.ndim - 1 - axis)}${indent}${' '.repeat(axis + 1)}`;
    return `[${items.join(separator)}]`;
  };
  return `${prefix}${render(0, a.offset)}${suffix}`;
}

Object.defineProperty(NDArray.prototype, kBrand, { value: true });
