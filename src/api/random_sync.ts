/**
 * Blocking twins of the random kernels: the `randomSync` namespace. Same
 * streams, same bits, same errors (thrown instead of rejected) as `random`;
 * see src/api/random.ts.
 */
import type { NumericArray } from '../dtypes.js';
import type { RandomFloatArray, RandomFloatArrayOf, RandomIntegerArray, RandomIntegerArrayOf } from './random.js';
import {
  lastSeed,
  newSeed,
  type RandomIntegerDtype,
  type IntegersOptions,
  type NormalOptions,
  type RandomSeed,
  type UniformOptions,
} from './random_args.js';
import { runRandomSync } from './run_random.js';
import { guardSync } from './boundary.js';

/**
 * Blocking `random.uniform`: uniform floats in [low, high).
 * Python equivalent: `numpy.random.default_rng(seed).uniform(low, high, n)` (a different stream).
 * @param nOrOut - a length (a new Float64Array, or `options.dtype`), or a Float64Array/Float32Array to fill
 * @param options - `seed`, `low` (0), `high` (1), `dtype`, `offset`, `shared`, `signal` (checked once, before the work)
 * @returns the filled array
 * @throws TypeError ERR_INVALID_ARG_TYPE / ERR_INVALID_DTYPE / ERR_INVALID_OPTION / ERR_DETACHED_BUFFER,
 *   RangeError ERR_OUT_OF_RANGE, AbortError ABORT_ERR.
 */
function uniform<T extends RandomFloatArray>(nOrOut: T, options?: Omit<UniformOptions, 'shared'>): T;
function uniform<D extends 'float64' | 'float32' = 'float64'>(
  nOrOut: number,
  options?: UniformOptions & { dtype?: D },
): RandomFloatArrayOf<D>;
function uniform(nOrOut: number | RandomFloatArray, options?: UniformOptions): NumericArray {
  return guardSync(() => runRandomSync('uniform', nOrOut, options));
}

/**
 * Blocking `random.normal`: mean + std·z with z standard normal.
 * Python equivalent: `numpy.random.default_rng(seed).normal(mean, std, n)` (a different stream).
 * @param nOrOut - a length (a new Float64Array, or `options.dtype`), or a Float64Array/Float32Array to fill
 * @param options - `seed`, `mean` (0), `std` (1), `dtype`, `offset`, `shared`, `signal` (checked once, before the work)
 * @returns the filled array
 * @throws TypeError ERR_INVALID_ARG_TYPE / ERR_INVALID_DTYPE / ERR_INVALID_OPTION / ERR_DETACHED_BUFFER,
 *   RangeError ERR_OUT_OF_RANGE, AbortError ABORT_ERR.
 */
function normal<T extends RandomFloatArray>(nOrOut: T, options?: Omit<NormalOptions, 'shared'>): T;
function normal<D extends 'float64' | 'float32' = 'float64'>(
  nOrOut: number,
  options?: NormalOptions & { dtype?: D },
): RandomFloatArrayOf<D>;
function normal(nOrOut: number | RandomFloatArray, options?: NormalOptions): NumericArray {
  return guardSync(() => runRandomSync('normal', nOrOut, options));
}

/**
 * Blocking `random.integers`: unbiased integers in [low, high) (or [low, high] with `endpoint`).
 * Python equivalent: `numpy.random.default_rng(seed).integers(low, high, n, dtype=…, endpoint=…)` (a different stream).
 * @param nOrOut - a length (a new Int32Array, or `options.dtype`), or an integer TypedArray to fill
 * @param options - `high` (required), `low` (0), `endpoint`, `seed`, `dtype`, `offset`, `shared`, `signal`
 * @returns the filled array
 * @throws TypeError ERR_INVALID_ARG_TYPE / ERR_INVALID_DTYPE / ERR_INVALID_OPTION / ERR_DETACHED_BUFFER,
 *   RangeError ERR_OUT_OF_RANGE, AbortError ABORT_ERR.
 */
function integers<T extends RandomIntegerArray>(nOrOut: T, options: Omit<IntegersOptions, 'shared'>): T;
function integers<D extends RandomIntegerDtype = 'int32'>(
  nOrOut: number,
  options: IntegersOptions & { dtype?: D },
): RandomIntegerArrayOf<D>;
function integers(nOrOut: number | RandomIntegerArray, options: IntegersOptions): NumericArray {
  return guardSync(() => runRandomSync('integers', nOrOut, options));
}

/** Blocking twins of `random`; `lastSeed` is shared with it. */
export const randomSync = Object.freeze({
  uniform,
  normal,
  integers,
  /** A fresh seed from the OS's cryptographic source: an integer from 0 to 2^53 − 1. */
  newSeed,
  /** The seed of the most recent random call on this thread; undefined before the first. */
  get lastSeed(): RandomSeed | undefined {
    return lastSeed();
  },
});
