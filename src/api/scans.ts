/**
 * Cumulative sum and product, as a parallel blocked scan whose result is
 * identical for every thread count and on both backends. Their functions
 * are generated from their spec rows (src/api/specs/scans.ts).
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
 *
 * NDArrays scan along `options.axis` (or flattened, for axis undefined or
 * null) with the same order per line: each line's values are exactly the
 * flat scan of that line copied out contiguous (src/api/scan_nd.ts).
 */
import { NDArray } from '../nd/ndarray.js';
import { scanNdSteps } from './scan_nd.js';
import { prepareScan } from './scan_args.js';
import { call, type Steps } from './steps.js';

export type { ScanOptions } from './scan_args.js';

/** cumsum or cumprod of x (an NDArray: scan_nd.ts). */
export function* scanSteps(name: 'cumsum' | 'cumprod', x: unknown, options: unknown): Steps<Float64Array | Float32Array | NDArray> {
  if (x instanceof NDArray) return yield* scanNdSteps(name, x, options);
  const { id, x: input, out, signal } = prepareScan(name, x, options);
  yield* call(signal, 'scan', id, out, input);
  return out;
}
