/** Argument checks shared by the async and sync reductions. */
import type { NumericArray } from '../dtypes.js';
import { CorepoolRangeError, CorepoolTypeError, ErrorCode } from '../errors.js';
import { reduceId, reduceTwin, type ReduceName } from '../kernels/registry.js';
import { checkArray, checkNotEmpty, checkSameShape } from '../validate.js';
import { kernelOptions } from './kernel_specs.js';
import type { NDArray } from '../nd/ndarray.js';

/** Options every reduction takes. */
export interface ReduceOptions {
  /** Cancels the call between blocks; it then rejects with an AbortError (code ABORT_ERR). */
  signal?: AbortSignal | undefined;
}

/**
 * Options of the one-operand reductions (sum, mean, min, argmax, var, norm, …):
 * numpy's `axis`, `keepdims` and `out`. With none of them and a TypedArray,
 * a call is flat and returns a number, exactly as without options.
 */
export interface AxisReduceOptions extends ReduceOptions {
  /**
   * The axes to reduce: one (negative counts from the end), an array of
   * axes, or undefined for all. argmin and argmax take one axis or none. A
   * TypedArray is a 1-d array (axis 0 or -1).
   */
  axis?: number | readonly number[] | undefined;
  /** Keep each reduced axis as a size-1 axis, so the result broadcasts against the input. */
  keepdims?: boolean | undefined;
  /**
   * Where the result goes: an NDArray (any view, strides allowed) of the
   * result's shape and dtype, or a TypedArray of its size (C order). The call
   * then resolves to that NDArray.
   */
  out?: NDArray | NumericArray | undefined;
}

/**
 * Options that make a reduction's result an NDArray whatever the input:
 * an `axis` (all axes reduced give a 0-d NDArray), `keepdims: true` or `out`.
 */
export type AxisResult<O extends AxisReduceOptions = AxisReduceOptions> = O &
  ({ axis: number | readonly number[] } | { keepdims: true } | { out: NDArray | NumericArray });

/** Options of `norm`. */
export interface NormOptions extends AxisReduceOptions {
  /** 2 (the default): Euclidean; 1: sum of |x|; Infinity: largest |x|. */
  ord?: number | undefined;
}

/** Options of `variance`/`var` and `std`. */
export interface VarOptions extends AxisReduceOptions {
  /** Delta degrees of freedom: the divisor is n - ddof (numpy's default 0). */
  ddof?: number | undefined;
}

/** Validates the arguments of reduction `name` and returns its wire id and operands. */
export function reduceArgs(name: ReduceName, a: unknown, b?: unknown): { id: number; ops: NumericArray[] } {
  const id = reduceId(name);
  const twin = reduceTwin(id);
  const aType = checkArray(a, 'a');
  const ops = [a as NumericArray];
  if (twin.arity === 2) {
    const bType = checkArray(b, 'b');
    checkSameShape(a as NumericArray, aType, b as NumericArray, bType);
    ops.push(b as NumericArray);
  }
  if (twin.emptyIsError) checkNotEmpty(ops[0]!, name);
  return { id, ops };
}

/** Validates `options` of reduction `owner` and returns its signal. */
export function reduceSignal(options: unknown, owner: string): AbortSignal | undefined {
  return kernelOptions(options, owner).signal;
}

/** The kernel behind norm(a, { ord }). */
export function normKernel(options: unknown): ReduceName {
  const { ord } = kernelOptions(options, 'norm').opts;
  if (ord === undefined || ord === 2) return 'norm';
  if (typeof ord !== 'number') throw new CorepoolTypeError(ErrorCode.INVALID_OPTION, `options.ord must be a number; got ${typeof ord}`);
  if (ord === 1) return 'norm1';
  if (ord === Infinity) return 'normInf';
  throw new CorepoolRangeError(ErrorCode.INVALID_OPTION, `options.ord must be 1, 2 or Infinity; got ${ord}`);
}

/** options.ddof: a non-negative finite number, 0 when omitted. */
export function ddofOption(options: unknown, owner: string): number {
  const { ddof } = kernelOptions(options, owner).opts;
  if (ddof === undefined) return 0;
  if (typeof ddof !== 'number') throw new CorepoolTypeError(ErrorCode.INVALID_OPTION, `options.ddof must be a number; got ${typeof ddof}`);
  if (!(ddof >= 0 && Number.isFinite(ddof))) {
    throw new CorepoolRangeError(ErrorCode.INVALID_OPTION, `options.ddof must be a non-negative finite number; got ${ddof}`);
  }
  return ddof;
}

/** numpy's divisor max(n - ddof, 0): n <= ddof gives NaN (0/0) or Infinity. */
export function varianceFrom(m2: number, n: number, ddof: number): number {
  return m2 / Math.max(n - ddof, 0);
}
