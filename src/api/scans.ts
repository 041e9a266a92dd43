/**
 * Cumulative sum and product (async), as a parallel blocked scan whose
 * result is identical for every thread count and on both backends.
 *
 * The exact order: the input is cut into segments of 2048 elements; within a
 * segment a running total starts from the identity; the segments' totals
 * chain into offsets in ascending order; each output is offset + running
 * total (offset × running product), computed in float64 and rounded once to
 * the result dtype. So results can differ from numpy's strictly sequential
 * loop by rounding, and, for cumprod, where a segment's own running product
 * overflows or underflows although the sequential one would not. (Native
 * threads scan blocks of eight segments, and a block waits only for its
 * predecessor's offset, finishing while it is still in cache: memory is
 * read once.)
 */
import { selection } from '../backend/select.js';
import type { NumericArray } from '../dtypes.js';
import { runAbortable } from './abortable.js';
import { prepareScan, type ScanOptions } from './scan_args.js';
import { settle } from './boundary.js';

export type { ScanOptions } from './scan_args.js';

function scan(name: 'cumsum' | 'cumprod', x: unknown, options: unknown): Promise<Float64Array | Float32Array> {
  return settle(async () => {
    const { id, x: input, out, signal } = prepareScan(name, x, options);
    const backend = selection().backend;
    await runAbortable(signal, (flag) => backend.scan(id, out, input, flag));
    return out;
  });
}

/**
 * Cumulative sum. Integer input gives Float64Array, exact while every
 * partial sum stays below 2^53 in magnitude (numpy gives int64); Float32Array
 * gives Float32Array, accumulated in float64.
 * Python equivalent: `numpy.cumsum(x, dtype=numpy.float64)` (`numpy.cumsum(x)` for float input).
 * @param x - the input; may be SharedArrayBuffer-backed, at any byteOffset.
 * @param options - `out` (the result dtype and length; may be x itself) and `signal`.
 * @returns `out`, or a new array (SharedArrayBuffer-backed when x is).
 * @throws (rejects) TypeError ERR_INVALID_ARG_TYPE / ERR_INVALID_DTYPE / ERR_DETACHED_BUFFER /
 *   ERR_INVALID_OPTION, RangeError ERR_LENGTH_MISMATCH / ERR_OVERLAP for a bad `out`,
 *   AbortError ABORT_ERR when cancelled (`out` is then partly written).
 */
export function cumsum(x: NumericArray, options?: ScanOptions): Promise<Float64Array | Float32Array> {
  return settle(() => scan('cumsum', x, options));
}

/**
 * Cumulative product, with the dtypes and options of {@link cumsum}.
 * Python equivalent: `numpy.cumprod(x, dtype=numpy.float64)` (`numpy.cumprod(x)` for float input).
 * @returns `out`, or a new array.
 * @throws (rejects) as {@link cumsum}.
 */
export function cumprod(x: NumericArray, options?: ScanOptions): Promise<Float64Array | Float32Array> {
  return settle(() => scan('cumprod', x, options));
}
