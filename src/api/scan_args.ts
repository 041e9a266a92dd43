/** Argument handling of cumsum/cumprod: operand, result dtype, options.out and options.signal. */
import { isShared, type NumericArray } from '../dtypes.js';
import { checkArray, dtypeOf } from '../validate.js';
import { CorepoolRangeError, CorepoolTypeError, ErrorCode } from '../errors.js';
import { scanId, type ScanName } from '../kernels/scans.js';
import type { NDArray } from '../nd/ndarray.js';
import { kernelOptions } from './kernel_specs.js';
import { checkFlatAxis } from './nd_lines.js';
import { checkOverlap } from '../validate.js';

/** Options of cumsum and cumprod. */
export interface ScanOptions {
  /**
   * The axis to scan along (negative counts from the end). Undefined or null
   * scans the flattened array in C order (numpy's axis=None), giving a 1-d
   * result. A flat TypedArray is 1-d: 0 and -1 are accepted.
   */
  axis?: number | null | undefined;
  /**
   * Where to write the result: a Float64Array (Float32Array for Float32Array
   * input) of the input's length. May be the input itself (in place). For an
   * NDArray input: any NDArray view of the result's shape and dtype.
   */
  out?: Float64Array | Float32Array | NDArray | undefined;
  /** Cancels the call between blocks; it then rejects with an AbortError (code ABORT_ERR). */
  signal?: AbortSignal | undefined;
}

export interface PreparedScan {
  id: number;
  x: NumericArray;
  out: Float64Array | Float32Array;
  signal: AbortSignal | undefined;
}

function checkOut(out: unknown, float32: boolean, x: NumericArray): Float64Array | Float32Array {
  const outType = checkArray(out, 'options.out');
  const wanted = float32 ? 'Float32Array' : 'Float64Array';
  if (outType !== (float32 ? 'float32' : 'float64')) {
    throw new CorepoolTypeError(
      ErrorCode.INVALID_DTYPE,
      `options.out must be a ${wanted} (the result dtype); got ${(out as object).constructor.name}`,
    );
  }
  const array = out as Float64Array | Float32Array;
  if (array.length !== x.length) {
    throw new CorepoolRangeError(ErrorCode.LENGTH_MISMATCH, `options.out must have length ${x.length}; got ${array.length}`);
  }
  // Blocks run concurrently: a shifted view of x would be read after another block wrote it.
  checkOverlap(array, x, 'x');
  return array;
}

/**
 * Validates a scan call. The result is float64 (Float32Array input stays
 * float32), SharedArrayBuffer-backed when x is.
 */
export function prepareScan(name: ScanName, x: unknown, options: unknown): PreparedScan {
  checkArray(x, 'x');
  const array = x as NumericArray;
  const { opts, signal } = kernelOptions(options, name);
  checkFlatAxis(opts.axis);
  const float32 = dtypeOf(array) === 'float32';
  let out: Float64Array | Float32Array;
  if (opts.out !== undefined) {
    out = checkOut(opts.out, float32, array);
  } else {
    const bytes = array.length * (float32 ? 4 : 8);
    const buffer = isShared(array) ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes);
    out = float32 ? new Float32Array(buffer) : new Float64Array(buffer);
  }
  return { id: scanId(name), x: array, out, signal };
}
