/** Argument checks of axpy beyond fma's (internal). */
import type { NumericArray } from '../dtypes.js';
import { NDArray } from '../nd/ndarray.js';
import { operandDtype } from '../nd/operand.js';
import { checkArray, describeValue } from '../validate.js';
import type { MapValue } from './map_types.js';
import { CorepoolTypeError, ErrorCode } from '../errors.js';
import { kernelOptions } from './kernel_specs.js';
import { checkOverlap } from '../validate.js';
import { CTOR_NAMES, resultDtype, type MapOptions } from './map_args.js';

/** Options of {@link axpy}: only `signal`, since the result goes into y. */
export interface AxpyOptions {
  /** Cancels the call between blocks; it then rejects with an AbortError (code ABORT_ERR). */
  signal?: AbortSignal | undefined;
}

export const AXPY_NAMES = ['a', 'x', 'y'] as const;

/**
 * Checks what axpy adds to fma's checks: a is a number, y is an array that
 * can hold a·x + y, x does not partly overlap y. Returns the options for the
 * fma call that writes into y.
 */
export function axpyCall(a: unknown, x: unknown, y: unknown, options: unknown): MapOptions {
  if (typeof a !== 'number') {
    throw new CorepoolTypeError(ErrorCode.INVALID_ARG_TYPE, `a must be a number; got ${describeValue(a)}`);
  }
  const yType = y instanceof NDArray ? y.dtype : checkArray(y, 'y');
  const xType = typeof x === 'number' ? undefined : x instanceof NDArray ? x.dtype : checkArray(x, 'x');
  const { opts, signal } = kernelOptions(options, 'axpy');
  if (opts.out !== undefined) throw new CorepoolTypeError(ErrorCode.INVALID_OPTION, 'options.out must be undefined: axpy writes into y');
  const dtype = resultDtype('arith', [undefined, xType, yType], [a, typeof x === 'number' ? x : undefined, undefined]);
  if (dtype !== yType) {
    throw new CorepoolTypeError(
      ErrorCode.INVALID_DTYPE,
      `y must be a ${CTOR_NAMES[dtype]} to hold a·x + y in place; got ${CTOR_NAMES[yType]}`,
    );
  }
  // n-dimensional operands that overlap are copied by the engine (map_nd.ts).
  if (xType !== undefined && !(x instanceof NDArray) && !(y instanceof NDArray))
    checkOverlap(x as NumericArray, y as NumericArray, 'y', 'x');
  return { out: y as NumericArray | NDArray, signal };
}

/**
 * True when clip must keep x on a tie with a signed-zero bound: numpy's clip
 * with both bounds scalars keeps x when x == bound (clip(-0, 0, 1) is -0),
 * while the clip kernel takes the bound, as numpy does for array bounds. A
 * tie gives a different bit pattern only for ±0 bounds on float x, so only
 * those calls take the two-pass route maximum(lo, x) then minimum(hi, ·),
 * whose ties return their second operand.
 */
export function clipKeepsTies(x: unknown, lo: unknown, hi: unknown): boolean {
  if (typeof lo !== 'number' || typeof hi !== 'number' || (lo !== 0 && hi !== 0)) return false;
  const dtype = operandDtype(x);
  return dtype === 'float64' || dtype === 'float32';
}

/** options for the second pass of the tie-keeping clip: the first pass's result, in place. */
export function secondPass(options: unknown, first: MapValue): MapOptions {
  const { signal } = (options ?? {}) as MapOptions;
  return { out: first, signal };
}
