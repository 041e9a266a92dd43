/**
 * Public random kernels (async): the `random` namespace.
 *
 * Every value comes from a counter-based generator (Philox4x32-10) keyed by
 * the seed: element i depends only on (seed, offset + i), so a seed gives the
 * same bits for any COREPOOL_THREADS and on both backends. Without
 * `options.seed`, a seed is drawn from the OS and kept in `random.lastSeed`;
 * pass it back as `options.seed` to reproduce the run. The streams are
 * corepool's own, not numpy's: the same seed gives different numbers in numpy.
 */
import type { NumericArray } from '../dtypes.js';
import {
  lastSeed,
  newSeed,
  type RandomIntegerDtype,
  type IntegersOptions,
  type NormalOptions,
  type RandomSeed,
  type UniformOptions,
} from './random_args.js';
import { runRandom } from './run_random.js';
import { settle } from './boundary.js';

export type { RandomIntegerDtype, IntegersOptions, NormalOptions, RandomOptions, RandomSeed, UniformOptions } from './random_args.js';

/** A float array random.uniform and random.normal can fill. */
export type RandomFloatArray = Float64Array | Float32Array;
/** An integer array random.integers can fill. */
export type RandomIntegerArray = Int32Array | Uint32Array | Int16Array | Uint16Array | Int8Array | Uint8Array | Uint8ClampedArray;

/** The array type of a float dtype option. */
export type RandomFloatArrayOf<D> = D extends 'float32' ? Float32Array : Float64Array;
/** The array type of an integer dtype option. */
export type RandomIntegerArrayOf<D> = D extends 'uint32'
  ? Uint32Array
  : D extends 'int16'
    ? Int16Array
    : D extends 'uint16'
      ? Uint16Array
      : D extends 'int8'
        ? Int8Array
        : D extends 'uint8'
          ? Uint8Array
          : D extends 'uint8clamped'
            ? Uint8ClampedArray
            : Int32Array;

/**
 * Uniform floats in [low, high): low + (high − low)·u, with u a multiple of
 * 2^-53 (2^-24 for float32) in [0, 1). As in numpy, rounding can give `high`
 * itself when high − low is not a power of two.
 * Python equivalent: `numpy.random.default_rng(seed).uniform(low, high, n)` (a different stream).
 * @param nOrOut - a length (a new Float64Array, or `options.dtype`), or a Float64Array/Float32Array to fill
 * @param options - `seed`, `low` (0), `high` (1), `dtype`, `offset`, `shared`, `signal`
 * @returns the filled array
 * @throws (rejects) TypeError ERR_INVALID_ARG_TYPE / ERR_INVALID_DTYPE / ERR_INVALID_OPTION / ERR_DETACHED_BUFFER,
 *   RangeError ERR_OUT_OF_RANGE, AbortError ABORT_ERR.
 */
function uniform<T extends RandomFloatArray>(nOrOut: T, options?: Omit<UniformOptions, 'shared'>): Promise<T>;
function uniform<D extends 'float64' | 'float32' = 'float64'>(
  nOrOut: number,
  options?: UniformOptions & { dtype?: D },
): Promise<RandomFloatArrayOf<D>>;
function uniform(nOrOut: number | RandomFloatArray, options?: UniformOptions): Promise<NumericArray> {
  return settle(() => runRandom('uniform', nOrOut, options));
}

/**
 * Normal (Gaussian) floats: mean + std·z, with z from the Box–Muller
 * transform of 53-bit uniforms (|z| < 8.6). The transform uses corepool's own
 * log/sin/cos polynomials, so both backends give the same bits. float32
 * results are the float64 values rounded.
 * Python equivalent: `numpy.random.default_rng(seed).normal(mean, std, n)` (a different stream).
 * @param nOrOut - a length (a new Float64Array, or `options.dtype`), or a Float64Array/Float32Array to fill
 * @param options - `seed`, `mean` (0), `std` (1, ≥ 0), `dtype`, `offset`, `shared`, `signal`
 * @returns the filled array
 * @throws (rejects) TypeError ERR_INVALID_ARG_TYPE / ERR_INVALID_DTYPE / ERR_INVALID_OPTION / ERR_DETACHED_BUFFER,
 *   RangeError ERR_OUT_OF_RANGE, AbortError ABORT_ERR.
 */
function normal<T extends RandomFloatArray>(nOrOut: T, options?: Omit<NormalOptions, 'shared'>): Promise<T>;
function normal<D extends 'float64' | 'float32' = 'float64'>(
  nOrOut: number,
  options?: NormalOptions & { dtype?: D },
): Promise<RandomFloatArrayOf<D>>;
function normal(nOrOut: number | RandomFloatArray, options?: NormalOptions): Promise<NumericArray> {
  return settle(() => runRandom('normal', nOrOut, options));
}

/**
 * Uniform integers in [low, high) (numpy's Generator.integers: high is
 * excluded unless `endpoint` is true). Unbiased for every range up to 2^32:
 * Lemire's multiply-shift with rejection, where a rejected element redraws
 * from its own counters, so rejections never shift other elements.
 * Python equivalent: `numpy.random.default_rng(seed).integers(low, high, n, dtype=…, endpoint=…)` (a different stream).
 * @param nOrOut - a length (a new Int32Array, or `options.dtype`), or an integer TypedArray to fill
 * @param options - `high` (required), `low` (0), `endpoint`, `seed`, `dtype`, `offset`, `shared`, `signal`;
 *   every value in [low, high) must fit the dtype
 * @returns the filled array
 * @throws (rejects) TypeError ERR_INVALID_ARG_TYPE / ERR_INVALID_DTYPE / ERR_INVALID_OPTION / ERR_DETACHED_BUFFER,
 *   RangeError ERR_OUT_OF_RANGE, AbortError ABORT_ERR.
 */
function integers<T extends RandomIntegerArray>(nOrOut: T, options: Omit<IntegersOptions, 'shared'>): Promise<T>;
function integers<D extends RandomIntegerDtype = 'int32'>(
  nOrOut: number,
  options: IntegersOptions & { dtype?: D },
): Promise<RandomIntegerArrayOf<D>>;
function integers(nOrOut: number | RandomIntegerArray, options: IntegersOptions): Promise<NumericArray> {
  return settle(() => runRandom('integers', nOrOut, options));
}

/**
 * The random kernels. `random.lastSeed` is the seed of the most recent call
 * started on this thread (set synchronously when the call starts, whether the
 * seed was given or drawn); `random.newSeed()` draws a seed from the OS.
 *
 * ```js
 * const x = await random.normal(1e6);           // seeded from the OS
 * const seed = random.lastSeed;                 // keep it to reproduce x
 * const y = await random.normal(1e6, { seed }); // bit-identical to x
 * ```
 */
export const random = Object.freeze({
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
