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
 *
 * n-dimensional: a shape (an array of lengths, numpy's `size=(3, 4)`) gives
 * a new C-contiguous NDArray, and an NDArray (any view, strided or not) is
 * filled in its C order; either way element i is the i-th value of a flat
 * fill of that many elements with the same seed and offset.
 */
import type { NumericArray } from '../dtypes.js';
import { CorepoolRangeError, ErrorCode } from '../errors.js';
import type { RandomKind } from '../kernels/random.js';
import { allocate } from '../nd/alloc.js';
import { NDArray } from '../nd/ndarray.js';
import { forEachPosition } from '../nd/walk.js';
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
export function* randomSteps(kind: RandomKind, nOrOut: unknown, options: unknown): Steps<NumericArray | NDArray> {
  const target = randomTarget(nOrOut);
  const { params, out, signal } = prepareRandom(kind, target.fill, options);
  // An unfinished fill means the flag was set, so the signal aborted: drive rejects.
  yield* call(signal, 'random', params, out);
  return target.finish(out);
}

interface RandomTarget {
  /** What the flat fill takes: a length or a TypedArray. */
  fill: unknown;
  /** The call's result once `out` (the flat fill) holds the values. */
  finish: (out: NumericArray) => NumericArray | NDArray;
}

/** nOrOut as a flat fill: a shape becomes its size, an NDArray its elements (a temporary when strided). */
function randomTarget(nOrOut: unknown): RandomTarget {
  if (nOrOut instanceof NDArray) {
    const view = nOrOut;
    if (view.shape.some((extent, i) => extent > 1 && view.strides[i] === 0)) {
      throw new CorepoolRangeError(ErrorCode.OVERLAP, 'nOrOut must not repeat elements (a broadcast view cannot be filled)');
    }
    if (view.isContiguous) return { fill: view.data.subarray(view.offset, view.offset + view.size), finish: () => view };
    const scatter = (values: NumericArray): NDArray => {
      forEachPosition(view.shape, view.strides, view.offset, (position, k) => {
        view.data[position] = values[k]!;
      });
      return view;
    };
    return { fill: allocate(view.dtype, view.size, false), finish: scatter };
  }
  if (Array.isArray(nOrOut)) {
    const shape = nOrOut as unknown[];
    if (!shape.every((d) => typeof d === 'number' && Number.isSafeInteger(d) && d >= 0)) {
      throw new CorepoolRangeError(ErrorCode.OUT_OF_RANGE, 'nOrOut must be a shape of non-negative integers when it is an array');
    }
    const dims = shape as number[];
    const size = dims.reduce((p, d) => p * d, 1);
    return { fill: size, finish: (out) => new NDArray(out, dims) };
  }
  return { fill: nOrOut, finish: (out) => out };
}
