/**
 * astype (async): a copy converted to another dtype with exactly the
 * semantics of a JavaScript TypedArray store, on every backend.
 */
import type { NumericArray } from '../dtypes.js';
import { astypeCall, type DtypeLike } from './cast_args.js';
import type { MapOptions } from './map_args.js';
import { runMap } from './run_map.js';
import { settle } from './boundary.js';

export type { DtypeLike } from './cast_args.js';

/**
 * A copy of `a` converted to `dtype`, element by element exactly as storing
 * into a TypedArray of that dtype converts (new Int8Array([v])[0]):
 * - integer targets truncate toward zero and wrap modulo 2^bits (ToInt32 and
 *   friends); NaN and ±Infinity give 0;
 * - float32 rounds to nearest, ties to even; float64 holds every value;
 * - uint8clamped clamps to [0, 255] and rounds half to even; NaN gives 0.
 * This differs from numpy's astype, whose out-of-range float → int casts are
 * undefined (platform-dependent). The same dtype gives a copy.
 * Python equivalent: `a.astype(dtype)` (for in-range values).
 * @param a - the array; SharedArrayBuffer-backed input gives a SharedArrayBuffer-backed result
 * @param dtype - target: 'float64', 'float32', 'int32', 'uint32', 'int16', 'uint16', 'int8', 'uint8',
 *   'uint8clamped', or the TypedArray constructor
 * @param options - `out` (an array of the target dtype and a's length; may be a itself when the
 *   dtypes share an element size) and `signal`
 * @returns `out`, or a new array of the target dtype
 * @throws (rejects) TypeError ERR_INVALID_DTYPE (unknown dtype, out of another dtype),
 *   ERR_INVALID_ARG_TYPE / ERR_DETACHED_BUFFER / ERR_INVALID_OPTION, RangeError ERR_LENGTH_MISMATCH / ERR_OVERLAP,
 *   AbortError ABORT_ERR.
 */
export function astype(a: NumericArray, dtype: DtypeLike, options?: MapOptions): Promise<NumericArray> {
  return settle(() => runMap('astype', [a], astypeCall(a, dtype, options), ['a']));
}
