/** Argument checks of pow that the engine's own checks do not cover (internal). */
import { isIntegerDtype, type NumericArray } from '../dtypes.js';
import { NDArray } from '../nd/ndarray.js';
import { elementsOf, operandDtype } from '../nd/operand.js';
import { CorepoolRangeError, ErrorCode } from '../errors.js';
import { resultDtype } from './map_args.js';

const SIGNED = new Set(['int8', 'int16', 'int32']);

/** The error for a negative exponent of an integer power (numpy raises ValueError). */
export function negativeExponent(value: number): CorepoolRangeError {
  return new CorepoolRangeError(
    ErrorCode.OUT_OF_RANGE,
    `y must be non-negative for an integer power (numpy raises ValueError); got ${value}`,
  );
}

/**
 * When pow(x, y) is an integer power: throws for a negative scalar y, and
 * returns y when it is a signed integer array the caller must scan for
 * negatives. Anything malformed is left for the kernel's own checks.
 */
export function exponentsToCheck(x: unknown, y: unknown): NumericArray | undefined {
  const types = [operandDtype(x), operandDtype(y)];
  const scalars = [x, y].map((v) => (typeof v === 'number' ? v : undefined));
  if (types.some((t, k) => t === undefined && scalars[k] === undefined) || types.every((t) => t === undefined)) return undefined;
  if (!isIntegerDtype(resultDtype('arith', types, scalars))) return undefined;
  if (scalars[1] !== undefined) {
    if (scalars[1] < 0) throw negativeExponent(scalars[1]);
    return undefined;
  }
  const array = y instanceof NDArray ? elementsOf(y) : (y as NumericArray);
  return SIGNED.has(types[1]!) && array.length > 0 ? array : undefined;
}
