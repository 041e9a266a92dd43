/**
 * Constructors of n-dimensional arrays, numpy's array creation routines.
 * Each takes `options.dtype` (default 'float64') and `options.shared` (put
 * the data on a SharedArrayBuffer, so it can be shared with workers).
 */
import type { Dtype, NumericArray } from '../dtypes.js';
import { CorepoolRangeError, CorepoolTypeError, ErrorCode } from '../errors.js';
import { isIntegerDtype } from '../dtypes.js';
import {
  checkBooleanOption,
  checkDtypeOption,
  checkInteger,
  checkOptions,
  checkShape,
  checkSize,
  describeValue,
  dtypeOf,
  optionError,
} from '../validate.js';
import { allocate } from './alloc.js';
import { NDArray, type NestedArray } from './ndarray.js';
import { formatShape, shapeSize } from './shape.js';

/** Options of the array constructors. */
export interface CreateOptions {
  /** Element type; default 'float64'. */
  dtype?: Dtype;
  /** Allocate the data on a SharedArrayBuffer (default false). */
  shared?: boolean;
}

/** Options of {@link ndarray} given a TypedArray: the view's layout, in elements. */
export interface ViewOptions {
  /** Default C order for the shape. */
  strides?: readonly number[];
  /** Default 0. */
  offset?: number;
}

/** Options of {@link linspace}. */
export interface LinspaceOptions extends CreateOptions {
  /** Include `stop` as the last value (default true). */
  endpoint?: boolean;
}

/** Options of {@link eye}. */
export interface EyeOptions extends CreateOptions {
  /** Diagonal: 0 the main one, positive above, negative below. */
  k?: number;
}

const CREATE = ['dtype', 'shared'] as const;

function createOptions(
  options: unknown,
  owner: string,
  extra: readonly string[] = [],
): { dtype: Dtype; shared: boolean; raw: Record<string, unknown> } {
  const raw = checkOptions(options, owner, [...CREATE, ...extra]);
  return { dtype: checkDtypeOption(raw, 'float64'), shared: checkBooleanOption(raw, 'shared', false), raw };
}

function checkFinite(value: unknown, name: string): number {
  if (typeof value !== 'number')
    throw new CorepoolTypeError(ErrorCode.INVALID_ARG_TYPE, `${name} must be a number; got ${describeValue(value)}`);
  if (!Number.isFinite(value)) throw new CorepoolRangeError(ErrorCode.OUT_OF_RANGE, `${name} must be finite; got ${value}`);
  return value;
}

/** Shape and C-order values of nested arrays; throws for ragged or non-numeric input. */
function flatten(value: unknown): { shape: number[]; values: number[] } {
  const shape: number[] = [];
  for (let v = value; Array.isArray(v); v = v[0]) shape.push(v.length);
  const values: number[] = [];
  const walk = (v: unknown, axis: number, where: string): void => {
    if (axis === shape.length) {
      if (typeof v !== 'number') {
        const what = Array.isArray(v) ? 'a number (the nesting is deeper here than at index 0)' : 'a number';
        throw new CorepoolTypeError(ErrorCode.INVALID_ARG_TYPE, `${where} must be ${what}; got ${describeValue(v)}`);
      }
      values.push(v);
      return;
    }
    if (!Array.isArray(v) || v.length !== shape[axis]) {
      throw new CorepoolRangeError(
        ErrorCode.SHAPE_MISMATCH,
        `${where} must be an array of length ${shape[axis]} (the nested arrays must be rectangular, of shape ${formatShape(shape)}); got ${Array.isArray(v) ? `length ${v.length}` : describeValue(v)}`,
      );
    }
    for (let i = 0; i < v.length; i++) walk(v[i], axis + 1, `${where}[${i}]`);
  };
  walk(value, 0, 'data');
  return { shape, values };
}

/**
 * An NDArray from a TypedArray (a view of it, no copy: `shape` defaults to
 * `[data.length]`, C order unless `options.strides`/`options.offset` say
 * otherwise), or from nested arrays of numbers or one number (a new array of
 * `options.dtype`, default 'float64', on shared memory when `options.shared`).
 * @throws TypeError ERR_INVALID_ARG_TYPE / ERR_INVALID_DTYPE / ERR_INVALID_OPTION;
 *   RangeError ERR_SHAPE_MISMATCH for ragged nested arrays or a shape whose
 *   size is not the data's, ERR_OUT_OF_RANGE for a view outside `data`.
 * numpy equivalent: `np.asarray(data).reshape(shape)` / `np.array(nested, dtype)`.
 */
export function ndarray(data: NumericArray, shape?: readonly number[] | number, options?: ViewOptions): NDArray;
export function ndarray(data: NestedArray, options?: CreateOptions): NDArray;
export function ndarray(data: unknown, shapeOrOptions?: unknown, options?: unknown): NDArray {
  if (ArrayBuffer.isView(data)) {
    const raw = checkOptions(options, 'ndarray', ['strides', 'offset']);
    const dims = shapeOrOptions === undefined ? undefined : checkShape(shapeOrOptions, 'shape');
    if (dims !== undefined && raw.strides === undefined && raw.offset === undefined && dtypeOf(data) !== undefined) {
      const length = (data as NumericArray).length;
      if (shapeSize(dims) !== length) {
        throw new CorepoolRangeError(ErrorCode.SHAPE_MISMATCH, `cannot reshape array of size ${length} into shape ${formatShape(dims)}`);
      }
    }
    return new NDArray(data as NumericArray, dims, raw.strides as number[] | undefined, (raw.offset as number | undefined) ?? 0);
  }
  if (typeof data !== 'number' && !Array.isArray(data)) {
    throw new CorepoolTypeError(
      ErrorCode.INVALID_ARG_TYPE,
      `data must be a TypedArray, nested arrays of numbers or a number; got ${describeValue(data)}`,
    );
  }
  const { dtype, shared } = createOptions(shapeOrOptions, 'ndarray');
  const { shape, values } = flatten(data);
  const out = allocate(dtype, values.length, shared);
  out.set(values);
  return new NDArray(out, shape);
}

/** A new array of `shape` holding `value` everywhere. */
function filled(shape: unknown, value: number, options: unknown, owner: string): NDArray {
  const dims = checkShape(shape, 'shape');
  const { dtype, shared } = createOptions(options, owner);
  const data = allocate(dtype, shapeSize(dims), shared);
  if (value !== 0) data.fill(value);
  return new NDArray(data, dims);
}

/**
 * A new array of zeros.
 * @param shape an array of sizes, or one size.
 * @throws TypeError/RangeError for a bad shape or option.
 * numpy equivalent: `np.zeros(shape, dtype)`.
 */
export function zeros(shape: readonly number[] | number, options?: CreateOptions): NDArray {
  return filled(shape, 0, options, 'zeros');
}

/**
 * A new array of ones.
 * numpy equivalent: `np.ones(shape, dtype)`.
 */
export function ones(shape: readonly number[] | number, options?: CreateOptions): NDArray {
  return filled(shape, 1, options, 'ones');
}

/**
 * A new array holding `value` everywhere (converted to the dtype as a TypedArray converts it).
 * numpy equivalent: `np.full(shape, value, dtype)`.
 */
export function full(shape: readonly number[] | number, value: number, options?: CreateOptions): NDArray {
  if (typeof value !== 'number')
    throw new CorepoolTypeError(ErrorCode.INVALID_ARG_TYPE, `value must be a number; got ${describeValue(value)}`);
  return filled(shape, value, options, 'full');
}

/**
 * A new array of `shape`. Unlike numpy's, its elements are zeros: a new
 * TypedArray is always zero-filled, so nothing is saved by skipping it.
 * numpy equivalent: `np.empty(shape, dtype)`.
 */
export function empty(shape: readonly number[] | number, options?: CreateOptions): NDArray {
  return filled(shape, 0, options, 'empty');
}

/**
 * Evenly spaced values from `start` (default 0) up to but excluding `stop`,
 * `step` apart (default 1), as a new 1-d array: `arange(stop)`,
 * `arange(stop, options)`, `arange(start, stop, step?, options?)`. Element i
 * is `start + i * step`, computed in float64 and then stored in the dtype.
 * @throws TypeError ERR_INVALID_ARG_TYPE; RangeError ERR_OUT_OF_RANGE for a
 *   zero step or a non-finite bound.
 * numpy equivalent: `np.arange(start, stop, step, dtype)`.
 */
export function arange(stop: number, options?: CreateOptions): NDArray;
export function arange(start: number, stop: number, step?: number, options?: CreateOptions): NDArray;
export function arange(start: number, stop: number, options: CreateOptions): NDArray;
export function arange(a: number, b?: unknown, c?: unknown, d?: unknown): NDArray {
  let start = 0;
  let stop: number;
  let step = 1;
  let options: unknown;
  if (typeof b !== 'number') {
    stop = checkFinite(a, 'stop');
    options = b;
  } else {
    start = checkFinite(a, 'start');
    stop = checkFinite(b, 'stop');
    if (typeof c === 'number' || c === undefined) {
      if (c !== undefined) step = checkFinite(c, 'step');
      options = d;
    } else {
      options = c;
    }
  }
  if (step === 0) throw new CorepoolRangeError(ErrorCode.OUT_OF_RANGE, 'step must not be 0');
  const { dtype, shared } = createOptions(options, 'arange');
  const length = Math.max(0, Math.ceil((stop - start) / step));
  checkSize(length, 'the length of the range');
  const data = allocate(dtype, length, shared);
  for (let i = 0; i < length; i++) data[i] = start + i * step;
  return new NDArray(data, [length]);
}

/**
 * `num` evenly spaced values from `start` to `stop` (included unless
 * `options.endpoint` is false), as a new 1-d array. Values are computed in
 * float64 as numpy computes them; integer dtypes take their floor, as numpy's.
 * @throws TypeError ERR_INVALID_ARG_TYPE; RangeError ERR_OUT_OF_RANGE for a negative `num`.
 * numpy equivalent: `np.linspace(start, stop, num, endpoint, dtype=dtype)`.
 */
export function linspace(start: number, stop: number, num = 50, options?: LinspaceOptions): NDArray {
  checkFinite(start, 'start');
  checkFinite(stop, 'stop');
  checkInteger(num, 'num');
  checkSize(num, 'num');
  const { dtype, shared, raw } = createOptions(options, 'linspace', ['endpoint']);
  const endpoint = checkBooleanOption(raw, 'endpoint', true);
  const div = endpoint ? num - 1 : num;
  const delta = stop - start;
  const step = div > 0 ? delta / div : Number.NaN;
  const floor = isIntegerDtype(dtype);
  const data = allocate(dtype, num, shared);
  for (let i = 0; i < num; i++) {
    // numpy's order of operations, so float64 results match it bit for bit.
    let v = div > 0 ? (step === 0 ? (i / div) * delta : i * step) + start : i * delta + start;
    if (endpoint && num > 1 && i === num - 1) v = stop;
    data[i] = floor ? Math.floor(v) : v;
  }
  return new NDArray(data, [num]);
}

/**
 * A new `n` × `m` array (m defaults to n) with ones on diagonal `options.k`
 * (0 the main one, positive above) and zeros elsewhere.
 * @throws TypeError ERR_INVALID_ARG_TYPE / ERR_INVALID_OPTION; RangeError ERR_OUT_OF_RANGE for a bad size.
 * numpy equivalent: `np.eye(n, m, k, dtype)`.
 */
export function eye(n: number, m?: number | EyeOptions, options?: EyeOptions): NDArray {
  if (typeof m === 'object' && m !== null) return eye(n, undefined, m);
  checkSize(checkInteger(n, 'n'), 'n');
  const cols = m === undefined ? n : checkSize(checkInteger(m, 'm'), 'm');
  const { dtype, shared, raw } = createOptions(options, 'eye', ['k']);
  const k = raw.k === undefined ? 0 : raw.k;
  if (typeof k !== 'number' || !Number.isSafeInteger(k)) throw optionError('k', 'an integer', k);
  const data = allocate(dtype, n * cols, shared);
  for (let i = Math.max(0, -k); i < n && i + k < cols; i++) data[i * cols + i + k] = 1;
  return new NDArray(data, [n, cols]);
}
