/**
 * Blocking twins of the reductions, for scripts and worker code. On the
 * native backend the calling thread works alongside the pool; on the
 * fallback backend the work runs on the calling thread alone.
 * They throw (synchronously) the same coded errors the async forms reject with.
 * A blocking call cannot be interrupted: `options.signal` only makes it throw
 * an AbortError when the signal is already aborted.
 */
import type { NumericArray } from '../dtypes.js';
import { normKernel, type NormOptions, type ReduceOptions } from './reduce_args.js';
import { runReduceSync } from './run_reduce.js';
import { isMatrixDot, type MatrixDotOptions } from './linalg_args.js';
import { matrixDotSync } from './linalg_sync.js';
import { guardSync } from './boundary.js';

/** Blocking {@link dot} of matrices (options give m, k or n). Python equivalent: `numpy.dot(a.reshape(m, k), b.reshape(k, n))`. @throws as dot rejects. */
export function dotSync(
  a: Float64Array | Float32Array,
  b: Float64Array | Float32Array,
  options: MatrixDotOptions,
): Float64Array | Float32Array;
/** Blocking {@link dot}. Python equivalent: `numpy.dot(a, b)`. @throws as dot rejects. */
export function dotSync(a: NumericArray, b: NumericArray, options?: ReduceOptions): number;
export function dotSync(
  a: NumericArray,
  b: NumericArray,
  options?: ReduceOptions | MatrixDotOptions,
): number | Float64Array | Float32Array {
  return guardSync(() => {
    if (isMatrixDot(options)) return matrixDotSync(a, b, options as MatrixDotOptions);
    return runReduceSync('dot', a, b, options);
  });
}
/** Blocking {@link norm}. Python equivalent: `numpy.linalg.norm(a, ord)`. @throws as norm rejects. */
export function normSync(a: NumericArray, options?: NormOptions): number {
  return guardSync(() => runReduceSync(normKernel(options), a, undefined, options, 'norm'));
}
