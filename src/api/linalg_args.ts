/**
 * Argument handling of matmul, matvec, transpose, outer and the matrix form
 * of dot: dtypes, shapes (inferred from lengths where the options leave them
 * out), alpha/beta, options.out and options.signal.
 */
import { isShared } from '../dtypes.js';
import { checkAllocation, checkArray, checkOverlap, checkSize, dtypeOf } from '../validate.js';
import { CorepoolRangeError, CorepoolTypeError, ErrorCode } from '../errors.js';
import type { GemvParams } from '../kernels/gemv.js';
import type { FloatArray, GemmParams } from '../kernels/matmul.js';
import { kernelOptions } from './kernel_specs.js';

interface OutOptions {
  /** Cancels the call between blocks; it then rejects with an AbortError (code ABORT_ERR). */
  signal?: AbortSignal | undefined;
}

/** Options of matmul (and of dot with shapes). Sizes left out are inferred from the lengths. */
export interface MatmulOptions extends OutOptions {
  /** Rows of op(A) and of C. */
  m?: number | undefined;
  /** Columns of op(A), rows of op(B). */
  k?: number | undefined;
  /** Columns of op(B) and of C. */
  n?: number | undefined;
  /** Use A^T: A is stored k x m. */
  transA?: boolean | undefined;
  /** Use B^T: B is stored n x k. */
  transB?: boolean | undefined;
  /** Scales op(A) op(B); default 1. */
  alpha?: number | undefined;
  /** Scales the old C; default 0 (C is then not read, NaN there does not propagate). Non-zero needs `out`. */
  beta?: number | undefined;
  /** C (m x n, the inputs' dtype); must not overlap a or b. */
  out?: Float64Array | Float32Array | undefined;
}

/** Options of dot's matrix form: matmul's, with at least one of m, k, n. */
export type MatrixDotOptions = MatmulOptions & ({ m: number } | { k: number } | { n: number });

/** Options of matvec. */
export interface MatvecOptions extends OutOptions {
  /** Rows of A as stored. */
  m?: number | undefined;
  /** Columns of A as stored. */
  n?: number | undefined;
  /** Use A^T: y = alpha A^T x + beta y. */
  trans?: boolean | undefined;
  alpha?: number | undefined;
  beta?: number | undefined;
  /** y (m, or n when trans); must not overlap a or x. */
  out?: Float64Array | Float32Array | undefined;
}

/** Options of transpose. */
export interface TransposeOptions extends OutOptions {
  /** Rows of A. */
  rows?: number | undefined;
  /** Columns of A. */
  cols?: number | undefined;
  /** cols x rows result; may be `a` itself (in place), must not otherwise overlap it. */
  out?: Float64Array | Float32Array | undefined;
}

/** Options of outer. */
export interface OuterOptions extends OutOptions {
  /** x.length x y.length result; must not overlap x or y. */
  out?: Float64Array | Float32Array | undefined;
}

type Options = Record<string, unknown>;

/** A Float64Array or Float32Array argument called `name`; returns its dtype. */
function floatArray(value: unknown, name: string): 'float64' | 'float32' {
  const dtype = checkArray(value, name);
  if (dtype !== 'float64' && dtype !== 'float32') {
    throw new CorepoolTypeError(
      ErrorCode.INVALID_DTYPE,
      `${name} must be a Float64Array or Float32Array; got ${(value as object).constructor.name}`,
    );
  }
  return dtype;
}

function sameDtype(value: unknown, name: string, dtype: string, first: string): void {
  const other = floatArray(value, name);
  if (other !== dtype)
    throw new CorepoolTypeError(ErrorCode.INVALID_DTYPE, `${name} must have the same dtype as ${first} (${dtype}); got ${other}`);
}

/** options[key]: undefined or a non-negative integer. */
function sizeOption(opts: Options, key: string): number | undefined {
  const value = opts[key];
  if (value === undefined) return undefined;
  if (typeof value !== 'number')
    throw new CorepoolTypeError(ErrorCode.INVALID_OPTION, `options.${key} must be a number; got ${typeof value}`);
  return checkSize(value, `options.${key}`);
}

function numberOption(opts: Options, key: string, fallback: number): number {
  const value = opts[key];
  if (value === undefined) return fallback;
  if (typeof value !== 'number')
    throw new CorepoolTypeError(ErrorCode.INVALID_OPTION, `options.${key} must be a number; got ${typeof value}`);
  return value;
}

function boolOption(opts: Options, key: string): boolean {
  const value = opts[key];
  if (value === undefined) return false;
  if (typeof value !== 'boolean')
    throw new CorepoolTypeError(ErrorCode.INVALID_OPTION, `options.${key} must be a boolean; got ${typeof value}`);
  return value;
}

/** The other factor of `length` = known * x, or undefined when `known` is unknown or 0. */
function factor(length: number, known: number | undefined, name: string, knownName: string): number | undefined {
  if (known === undefined || known === 0) return undefined;
  if (length % known !== 0) {
    throw new CorepoolRangeError(
      ErrorCode.LENGTH_MISMATCH,
      `${name} must have a length divisible by ${knownName} (${known}); got ${length}`,
    );
  }
  return length / known;
}

function required(value: number | undefined, key: string, why: string): number {
  if (value === undefined) throw new CorepoolTypeError(ErrorCode.INVALID_OPTION, `options.${key} must be given ${why}`);
  return value;
}

function checkLength(array: FloatArray, name: string, length: number, shape: string): void {
  if (array.length !== length) {
    throw new CorepoolRangeError(ErrorCode.LENGTH_MISMATCH, `${name} must have length ${shape} = ${length}; got ${array.length}`);
  }
}

/** The same elements: an in-place target. */
const sameRange = (x: FloatArray, y: FloatArray): boolean =>
  x.buffer === y.buffer && x.byteOffset === y.byteOffset && x.length === y.length && x.BYTES_PER_ELEMENT === y.BYTES_PER_ELEMENT;

/**
 * options.out (checked) or a new zeroed array of `length`, the inputs' dtype,
 * SharedArrayBuffer-backed when `like` is.
 */
function outArray(
  opts: Options,
  dtype: string,
  length: number,
  shape: string,
  like: FloatArray,
  inputs: Array<[FloatArray, string]>,
): FloatArray {
  if (opts.out === undefined) {
    checkAllocation(length, dtype === 'float32' ? 4 : 8, `the result (${shape})`);
    const bytes = length * (dtype === 'float32' ? 4 : 8);
    try {
      const buffer = isShared(like) ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes);
      return dtype === 'float32' ? new Float32Array(buffer) : new Float64Array(buffer);
    } catch {
      // Sizes that pass the length checks can still multiply to more than memory holds (k = 0).
      throw new CorepoolRangeError(ErrorCode.OUT_OF_RANGE, `the result (${shape} = ${length} elements) must fit in one array`);
    }
  }
  sameDtype(opts.out, 'options.out', dtype, inputs[0]![1]);
  const out = opts.out as FloatArray;
  checkLength(out, 'options.out', length, shape);
  for (const [input, name] of inputs) {
    checkOverlap(out, input, name, 'options.out', false);
  }
  return out;
}

function scalars(opts: Options): { alpha: number; beta: number } {
  const alpha = numberOption(opts, 'alpha', 1);
  const beta = numberOption(opts, 'beta', 0);
  if (beta !== 0 && opts.out === undefined) {
    throw new CorepoolRangeError(ErrorCode.INVALID_OPTION, `options.beta must be 0 when options.out is not given; got ${beta}`);
  }
  return { alpha, beta };
}

/** m, k, n from the options, the missing ones inferred from a.length = m*k and b.length = k*n. */
function gemmShape(opts: Options, la: number, lb: number): { m: number; k: number; n: number } {
  let m = sizeOption(opts, 'm');
  let k = sizeOption(opts, 'k');
  let n = sizeOption(opts, 'n');
  if (m === undefined && k === undefined && n === undefined) {
    throw new CorepoolTypeError(ErrorCode.INVALID_OPTION, 'options must give at least one of m, k and n');
  }
  k ??= factor(la, m, 'a', 'options.m') ?? factor(lb, n, 'b', 'options.n') ?? (m === 0 && n === 0 ? 0 : undefined);
  const kk = required(k, 'k', 'when it cannot be inferred (m and n unknown or 0)');
  m ??= required(factor(la, kk, 'a', 'options.k'), 'm', 'when k is 0');
  n ??= required(factor(lb, kk, 'b', 'options.k'), 'n', 'when k is 0');
  return { m, k: kk, n };
}

export interface PreparedGemm {
  p: GemmParams;
  signal: AbortSignal | undefined;
}

/** Validates a matmul call (or dot with shapes). */
export function prepareMatmul(a: unknown, b: unknown, options: unknown): PreparedGemm {
  const dtype = floatArray(a, 'a');
  sameDtype(b, 'b', dtype, 'a');
  const { opts, signal } = kernelOptions(options, 'matmul');
  const A = a as FloatArray;
  const B = b as FloatArray;
  const { m, k, n } = gemmShape(opts, A.length, B.length);
  const transA = boolOption(opts, 'transA');
  const transB = boolOption(opts, 'transB');
  checkLength(A, 'a', m * k, transA ? 'k*m' : 'm*k');
  checkLength(B, 'b', k * n, transB ? 'n*k' : 'k*n');
  const { alpha, beta } = scalars(opts);
  const c = outArray(opts, dtype, m * n, 'm*n', A, [
    [A, 'a'],
    [B, 'b'],
  ]);
  return { p: { a: A, b: B, c, m, k, n, transA, transB, alpha, beta }, signal };
}

export interface PreparedGemv {
  p: GemvParams;
  signal: AbortSignal | undefined;
}

/** Validates a matvec call; m and n default from x.length and a.length. */
export function prepareMatvec(a: unknown, x: unknown, options: unknown): PreparedGemv {
  const dtype = floatArray(a, 'a');
  sameDtype(x, 'x', dtype, 'a');
  const { opts, signal } = kernelOptions(options, 'matvec');
  const A = a as FloatArray;
  const X = x as FloatArray;
  const trans = boolOption(opts, 'trans');
  let m = sizeOption(opts, 'm');
  let n = sizeOption(opts, 'n');
  if (m === undefined && n === undefined) {
    if (trans) m = X.length;
    else n = X.length;
  }
  m ??= required(factor(A.length, n, 'a', 'options.n'), 'm', 'when n is 0');
  n ??= required(factor(A.length, m, 'a', 'options.m'), 'n', 'when m is 0');
  checkLength(A, 'a', m * n, 'm*n');
  checkLength(X, 'x', trans ? m : n, trans ? 'm' : 'n');
  const { alpha, beta } = scalars(opts);
  const y = outArray(opts, dtype, trans ? n : m, trans ? 'n' : 'm', A, [
    [A, 'a'],
    [X, 'x'],
  ]);
  return { p: { a: A, x: X, y, m, n, trans, alpha, beta }, signal };
}

export interface PreparedTranspose {
  a: FloatArray;
  out: FloatArray;
  rows: number;
  cols: number;
  signal: AbortSignal | undefined;
}

/** Validates a transpose call; out may be a itself (then the backend gets `out` for both). */
export function prepareTranspose(a: unknown, options: unknown): PreparedTranspose {
  const dtype = floatArray(a, 'a');
  const { opts, signal } = kernelOptions(options, 'transpose');
  const A = a as FloatArray;
  let rows = sizeOption(opts, 'rows');
  let cols = sizeOption(opts, 'cols');
  if (rows === undefined && cols === undefined) {
    throw new CorepoolTypeError(ErrorCode.INVALID_OPTION, 'options must give rows or cols');
  }
  rows ??= required(factor(A.length, cols, 'a', 'options.cols'), 'rows', 'when cols is 0');
  cols ??= required(factor(A.length, rows, 'a', 'options.rows'), 'cols', 'when rows is 0');
  checkLength(A, 'a', rows * cols, 'rows*cols');
  if (opts.out !== undefined && dtypeOf(opts.out) !== undefined && sameRange(opts.out as FloatArray, A)) {
    sameDtype(opts.out, 'options.out', dtype, 'a');
    return { a: opts.out as FloatArray, out: opts.out as FloatArray, rows, cols, signal };
  }
  const out = outArray(opts, dtype, rows * cols, 'rows*cols', A, [[A, 'a']]);
  return { a: A, out, rows, cols, signal };
}

export interface PreparedOuter {
  x: FloatArray;
  y: FloatArray;
  out: FloatArray;
  signal: AbortSignal | undefined;
}

/** Validates an outer call. */
export function prepareOuter(x: unknown, y: unknown, options: unknown): PreparedOuter {
  const dtype = floatArray(x, 'x');
  sameDtype(y, 'y', dtype, 'x');
  const { opts, signal } = kernelOptions(options, 'outer');
  const X = x as FloatArray;
  const Y = y as FloatArray;
  const out = outArray(opts, dtype, X.length * Y.length, 'x.length*y.length', X, [
    [X, 'x'],
    [Y, 'y'],
  ]);
  return { x: X, y: Y, out, signal };
}

/** True when dot's options give a shape (m, k or n): the matrix product. */
export function isMatrixDot(options: unknown): boolean {
  if (options === null || typeof options !== 'object') return false;
  const o = options as Options;
  return o.m !== undefined || o.k !== undefined || o.n !== undefined;
}
