/**
 * JS twin of the sort kernels: the numpy order (-Inf < ... < -0 == +0 < ...
 * < +Inf < NaN, every NaN equal), a stable radix sort of a range on
 * order-preserving keys (sort_keys.ts, sort_radix.ts), and bit-exact gathers.
 * Values move through integer views or are rebuilt from their keys, with the
 * zeros and NaNs put back in input order, so NaN payloads and zero signs
 * are never rewritten.
 */
import type { NumericArray } from '../dtypes.js';
import { floatRuns, keysToValues, restoreFloatRuns, sortKeys } from './sort_keys.js';
import { radixSort } from './sort_radix.js';

/** True when x comes strictly before y in numpy order (NaN last, all NaNs equal). */
export const before = (x: number, y: number): boolean => x < y || (y !== y && x === x);
/** The same for the descending order (NaN first). */
export const beforeDesc = (x: number, y: number): boolean => x > y || (x !== x && y === y);
/** Equal keys in numpy order: -0 == +0 and NaN == NaN. */
export const sameKey = (x: number, y: number): boolean => x === y || (x !== x && y !== y);

/** An index array for n elements (the contract: Uint32Array below 2^32, else Float64Array). */
export function indexArray(n: number, shared: boolean): Uint32Array | Float64Array {
  const wide = n >= 2 ** 32;
  const bytes = n * (wide ? 8 : 4);
  const buffer = shared ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes);
  return wide ? new Float64Array(buffer) : new Uint32Array(buffer);
}

/** The integer view a dtype's values move through: Uint32 pairs for float64, Uint32 for float32. */
export function bitsView(a: NumericArray): Exclude<NumericArray, Float64Array | Float32Array> {
  if (a instanceof Float64Array) return new Uint32Array(a.buffer, a.byteOffset, 2 * a.length);
  if (a instanceof Float32Array) return new Uint32Array(a.buffer, a.byteOffset, a.length);
  return a as Exclude<NumericArray, Float64Array | Float32Array>;
}

/** Stable permutation (local indices) sorting a[lo, hi). */
export function sortPerm(a: NumericArray, lo: number, hi: number, descending: boolean): Uint32Array {
  const len = hi - lo;
  const idx = new Uint32Array(len);
  for (let i = 0; i < len; i++) idx[i] = i;
  return radixSort(sortKeys(a, lo, hi, descending), len, idx).idx!;
}

/** dst[dstLo + r] = src[srcLo + perm[r]], bit for bit. */
export function gatherBits(src: NumericArray, srcLo: number, perm: Uint32Array, dst: NumericArray, dstLo: number): void {
  const s = bitsView(src);
  const d = bitsView(dst);
  const len = perm.length;
  if (src instanceof Float64Array) {
    for (let r = 0; r < len; r++) {
      const from = 2 * (srcLo + perm[r]!);
      d[2 * (dstLo + r)] = s[from]!;
      d[2 * (dstLo + r) + 1] = s[from + 1]!;
    }
  } else {
    for (let r = 0; r < len; r++) d[dstLo + r] = s[srcLo + perm[r]!]!;
  }
}

/**
 * Sorts a[lo, hi) stably into dst[lo, hi) (which may be a itself), moving
 * bits; writes the global indices lo + perm into idx when given (dst then
 * only has to order equal keys correctly, so zeros and NaNs are not restored).
 */
export function sortRange(
  a: NumericArray,
  lo: number,
  hi: number,
  descending: boolean,
  dst: NumericArray,
  idx?: Uint32Array | Float64Array,
): void {
  const len = hi - lo;
  const keys = sortKeys(a, lo, hi, descending);
  if (idx !== undefined) {
    const local = new Uint32Array(len);
    for (let i = 0; i < len; i++) local[i] = i;
    const sorted = radixSort(keys, len, local);
    for (let r = 0; r < len; r++) idx[lo + r] = lo + sorted.idx![r]!;
    keysToValues(sorted.k, dst, lo, len, descending);
    return;
  }
  const runs = floatRuns(a, lo, hi, descending); // before dst (maybe a) is overwritten
  keysToValues(radixSort(keys, len).k, dst, lo, len, descending);
  if (runs !== undefined) restoreFloatRuns(runs, dst, lo);
}
