/**
 * The steps of the random kernels and their array types; the functions, and
 * the `random` and `randomSync` namespaces, are generated from their spec
 * rows (src/api/specs/random.ts).
 *
 * Every value comes from a counter-based generator (Philox4x32-10) keyed by
 * the seed: element i depends only on (seed, offset + i), so a seed gives the
 * same bits for any COREPOOL_THREADS and on both backends. Without
 * `options.seed`, a seed is drawn from the OS and kept in `random.lastSeed`;
 * pass it back as `options.seed` to reproduce the run. The streams are
 * corepool's own, not numpy's: the same seed gives different numbers in numpy.
 */
import type { NumericArray } from '../dtypes.js';
import type { RandomKind } from '../kernels/random.js';
import { prepareRandom } from './random_args.js';
import { call, type Steps } from './steps.js';

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
 * A random kernel: validation and the seed (remembered as `lastSeed` when
 * the steps start, so synchronously in either form), then one fill.
 */
export function* randomSteps(kind: RandomKind, nOrOut: unknown, options: unknown): Steps<NumericArray> {
  const { params, out, signal } = prepareRandom(kind, nOrOut, options);
  // An unfinished fill means the flag was set, so the signal aborted: drive rejects.
  yield* call(signal, 'random', params, out);
  return out;
}
