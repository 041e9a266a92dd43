/**
 * Argument handling of the sort family: operands, k, options, result arrays
 * (SharedArrayBuffer-backed when the input is), and searchsorted's common
 * dtype.
 */
import { isShared, type Dtype, type NumericArray } from '../dtypes.js';
import { CorepoolRangeError, CorepoolTypeError, ErrorCode } from '../errors.js';
import { indexArray } from '../kernels/sort.js';
import type { IndexArray } from '../kernels/sort_steps.js';
import { checkArray, describeValue } from '../validate.js';
import type { NDArray } from '../nd/ndarray.js';
import { kernelOptions } from './kernel_specs.js';
import { checkFlatAxis } from './nd_lines.js';
import { checkOverlap } from '../validate.js';

export type { IndexArray } from '../kernels/sort_steps.js';

/** Options of sort. */
/** The axis option of the sort family (NDArrays; a flat TypedArray is 1-d and accepts 0, -1 and null). */
interface AxisOption {
  /** The axis to work along, negative counting from the end; default -1 (the last); null flattens a in C order (numpy's axis=None). */
  axis?: number | null | undefined;
}

export interface SortOptions extends AxisOption {
  /** Sort by descending key: NaN first, then +Inf, ...; equal keys still keep input order. */
  descending?: boolean | undefined;
  /**
   * Where to write the sorted values (same dtype and length as a; may be a itself). Default: a, in place.
   * For an NDArray a: any NDArray view of the result's shape and dtype (default: a new array; a is never sorted in place).
   */
  out?: NumericArray | NDArray | undefined;
  /** Cancels the call; it then rejects with an AbortError (code ABORT_ERR). */
  signal?: AbortSignal | undefined;
}

/** Options of argsort. */
export interface ArgsortOptions extends AxisOption {
  /** Descending order (NaN first); ties keep input order. */
  descending?: boolean | undefined;
  signal?: AbortSignal | undefined;
}

/** Options of partition and unique. */
export interface SignalOptions {
  signal?: AbortSignal | undefined;
}

/** Options of topk. */
export interface TopkOptions extends AxisOption {
  /** The k largest (default) or, when false, the k smallest. NaN counts as the largest value. */
  largest?: boolean | undefined;
  signal?: AbortSignal | undefined;
}

/** Options of searchsorted. */
export interface PartitionOptions extends AxisOption {
  signal?: AbortSignal | undefined;
}

export interface SearchsortedOptions {
  /** 'left' (default): first i with !(sorted[i] < v); 'right': first i with v < sorted[i]. */
  side?: 'left' | 'right' | undefined;
  signal?: AbortSignal | undefined;
}

/** Options of unique. */
export interface UniqueOptions {
  /** Also return how often each unique value occurs. */
  counts?: boolean | undefined;
  signal?: AbortSignal | undefined;
}

/** Values and input positions, as partition and topk return them. */
export interface ValuesAndIndices<T extends NumericArray = NumericArray> {
  values: T;
  indices: IndexArray;
}

/** unique's result with counts. */
export interface UniqueCounts<T extends NumericArray = NumericArray> {
  values: T;
  /** counts[i] = occurrences of values[i] (Uint32Array, like numpy's intp counts; Float64Array from 2^32 elements). */
  counts: IndexArray;
}

export function booleanOption(opts: Record<string, unknown>, name: string, fallback: boolean): boolean {
  const value = opts[name];
  if (value === undefined) return fallback;
  if (typeof value !== 'boolean')
    throw new CorepoolTypeError(ErrorCode.INVALID_OPTION, `options.${name} must be a boolean; got ${typeof value}`);
  return value;
}

type Ctor = new (buffer: ArrayBufferLike, byteOffset?: number, length?: number) => NumericArray;

/** A new array of a's dtype and n elements, SharedArrayBuffer-backed when a is. */
export function arrayLike<T extends NumericArray>(a: T, n: number): T {
  const bytes = n * a.BYTES_PER_ELEMENT;
  return new (a.constructor as Ctor)(isShared(a) ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes)) as T;
}

/** An index array of n elements, SharedArrayBuffer-backed when a is. */
export const indexLike = (a: NumericArray, n: number): IndexArray => indexArray(n, isShared(a));

function checkOut(out: unknown, a: NumericArray, dtype: Dtype): NumericArray {
  const outType = checkArray(out, 'options.out');
  if (outType !== dtype)
    throw new CorepoolTypeError(ErrorCode.INVALID_DTYPE, `options.out must have the dtype of a (${dtype}); got ${outType}`);
  const array = out as NumericArray;
  if (array.length !== a.length)
    throw new CorepoolRangeError(ErrorCode.LENGTH_MISMATCH, `options.out must have length ${a.length}; got ${array.length}`);
  checkOverlap(array, a, 'a');
  return array;
}

export interface PreparedSort {
  a: NumericArray;
  target: NumericArray;
  descending: boolean;
  signal: AbortSignal | undefined;
}

/** sort: target is options.out (a copy of a goes there first) or a itself. */
export function prepareSort(a: unknown, options: unknown): PreparedSort {
  const dtype = checkArray(a, 'a');
  const array = a as NumericArray;
  const { opts, signal } = kernelOptions(options, 'sort');
  checkFlatAxis(opts.axis);
  const descending = booleanOption(opts, 'descending', false);
  const target = opts.out === undefined ? array : checkOut(opts.out, array, dtype);
  return { a: array, target, descending, signal };
}

export function prepareArgsort(a: unknown, options: unknown): { a: NumericArray; descending: boolean; signal: AbortSignal | undefined } {
  checkArray(a, 'a');
  const { opts, signal } = kernelOptions(options, 'argsort');
  checkFlatAxis(opts.axis);
  return { a: a as NumericArray, descending: booleanOption(opts, 'descending', false), signal };
}

/** k: an integer in [0, max]. */
export function checkK(k: unknown, max: number): number {
  if (typeof k !== 'number') throw new CorepoolTypeError(ErrorCode.INVALID_ARG_TYPE, `k must be a number; got ${typeof k}`);
  if (!Number.isInteger(k) || k < 0 || k > max) {
    throw new CorepoolRangeError(
      ErrorCode.OUT_OF_RANGE,
      max < 0 ? `k must be an index into a, which is empty; got ${k}` : `k must be an integer in [0, ${max}]; got ${k}`,
    );
  }
  return k;
}

export function prepareSelect(
  a: unknown,
  k: unknown,
  options: unknown,
  inclusive: boolean,
): { a: NumericArray; k: number; largest: boolean; signal: AbortSignal | undefined } {
  checkArray(a, 'a');
  const array = a as NumericArray;
  const { opts, signal } = kernelOptions(options, inclusive ? 'topk' : 'partition');
  checkFlatAxis(opts.axis);
  const largest = booleanOption(opts, 'largest', true);
  return { a: array, k: checkK(k, inclusive ? array.length : array.length - 1), largest, signal };
}

export function prepareUnique(a: unknown, options: unknown): { a: NumericArray; counts: boolean; signal: AbortSignal | undefined } {
  checkArray(a, 'a');
  const { opts, signal } = kernelOptions(options, 'unique');
  return { a: a as NumericArray, counts: booleanOption(opts, 'counts', false), signal };
}

// Which dtypes hold every value of which (exactly): converting into a holder keeps every comparison.
const HOLDS: Record<Dtype, readonly Dtype[]> = {
  float64: ['float64', 'float32', 'int32', 'uint32', 'int16', 'uint16', 'int8', 'uint8', 'uint8clamped'],
  float32: ['float32', 'int16', 'uint16', 'int8', 'uint8', 'uint8clamped'],
  int32: ['int32', 'int16', 'uint16', 'int8', 'uint8', 'uint8clamped'],
  uint32: ['uint32', 'uint16', 'uint8', 'uint8clamped'],
  int16: ['int16', 'int8', 'uint8', 'uint8clamped'],
  uint16: ['uint16', 'uint8', 'uint8clamped'],
  int8: ['int8'],
  uint8: ['uint8', 'uint8clamped'],
  uint8clamped: ['uint8clamped', 'uint8'],
};

/** A copy of x as `like`'s dtype (the caller checked it holds every value). */
function convert(x: NumericArray, like: NumericArray): NumericArray {
  const out = arrayLike(like, x.length);
  out.set(x as never);
  return out;
}

export interface PreparedSearch {
  sorted: NumericArray;
  /** The values as a TypedArray of sorted's (converted) dtype; a one-element array for a scalar. */
  values: NumericArray;
  scalar: boolean;
  right: boolean;
  signal: AbortSignal | undefined;
}

function sideOption(opts: Record<string, unknown>): boolean {
  const side = opts.side;
  if (side === undefined || side === 'left') return false;
  if (side === 'right') return true;
  throw new CorepoolTypeError(ErrorCode.INVALID_OPTION, `options.side must be 'left' or 'right'; got ${describeValue(side)}`);
}

/** searchsorted: sorted and values in one dtype that holds both exactly (float64 holds all). */
export function prepareSearch(sorted: unknown, values: unknown, options: unknown): PreparedSearch {
  const sType = checkArray(sorted, 'sorted');
  let s = sorted as NumericArray;
  const { opts, signal } = kernelOptions(options, 'searchsorted');
  const right = sideOption(opts);
  if (typeof values === 'number') return { sorted: s, values: Float64Array.of(values), scalar: true, right, signal };
  const vType = checkArray(values, 'values');
  let v = values as NumericArray;
  if (sType !== vType) {
    if (HOLDS[sType].includes(vType)) v = convert(v, s);
    else if (HOLDS[vType].includes(sType)) s = convert(s, v);
    else {
      const f64 = new Float64Array(0);
      s = convert(s, f64);
      v = convert(v, f64);
    }
  }
  return { sorted: s, values: v, scalar: false, right, signal };
}
