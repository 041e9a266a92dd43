/**
 * Blocking twins of cumsum and cumprod (see scans.ts). They throw the errors
 * the async forms reject with; `options.signal` only makes them throw an
 * AbortError when it is already aborted.
 */
import { selection } from '../backend/select.js';
import type { NumericArray } from '../dtypes.js';
import { throwIfAborted } from './abortable.js';
import { prepareScan, type ScanOptions } from './scan_args.js';
import { guardSync } from './boundary.js';

function scanSync(name: 'cumsum' | 'cumprod', x: unknown, options: unknown): Float64Array | Float32Array {
  return guardSync(() => {
    const { id, x: input, out, signal } = prepareScan(name, x, options);
    throwIfAborted(signal);
    selection().backend.scanSync(id, out, input);
    return out;
  });
}

/** Blocking {@link cumsum}. Python equivalent: `numpy.cumsum(x, dtype=numpy.float64)`. @throws as cumsum rejects. */
export function cumsumSync(x: NumericArray, options?: ScanOptions): Float64Array | Float32Array {
  return guardSync(() => scanSync('cumsum', x, options));
}
/** Blocking {@link cumprod}. Python equivalent: `numpy.cumprod(x, dtype=numpy.float64)`. @throws as cumprod rejects. */
export function cumprodSync(x: NumericArray, options?: ScanOptions): Float64Array | Float32Array {
  return guardSync(() => scanSync('cumprod', x, options));
}
