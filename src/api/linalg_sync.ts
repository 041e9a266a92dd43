/**
 * Blocking twins of matmul, matvec, transpose and outer (see linalg.ts). They
 * throw the errors the async forms reject with; `options.signal` only makes
 * them throw an AbortError when it is already aborted. On the native backend
 * the calling thread works alongside the pool; on the fallback backend the
 * work runs on the calling thread alone (the same bits as the async form).
 */
import { selection } from '../backend/select.js';
import type { NumericArray } from '../dtypes.js';
import { throwIfAborted } from './abortable.js';
import {
  prepareMatmul,
  prepareMatvec,
  prepareOuter,
  prepareTranspose,
  type MatmulOptions,
  type MatvecOptions,
  type OuterOptions,
  type TransposeOptions,
} from './linalg_args.js';
import { guardSync } from './boundary.js';

/** Blocking {@link matmul}. Python equivalent: `alpha * (a.reshape(m, k) @ b.reshape(k, n)) + beta * c`. @throws as matmul rejects. */
export function matmulSync(
  a: Float64Array | Float32Array,
  b: Float64Array | Float32Array,
  options: MatmulOptions,
): Float64Array | Float32Array {
  return guardSync(() => {
    const { p, signal } = prepareMatmul(a, b, options);
    throwIfAborted(signal);
    selection().backend.gemmSync(p);
    return p.c;
  });
}

/** Blocking {@link matvec}. Python equivalent: `alpha * (a.reshape(m, n) @ x) + beta * y`. @throws as matvec rejects. */
export function matvecSync(
  a: Float64Array | Float32Array,
  x: Float64Array | Float32Array,
  options?: MatvecOptions,
): Float64Array | Float32Array {
  return guardSync(() => {
    const { p, signal } = prepareMatvec(a, x, options);
    throwIfAborted(signal);
    selection().backend.gemvSync(p);
    return p.y;
  });
}

/** Blocking {@link transpose}. Python equivalent: `numpy.ascontiguousarray(a.reshape(rows, cols).T)`. @throws as transpose rejects. */
export function transposeSync(a: Float64Array | Float32Array, options: TransposeOptions): Float64Array | Float32Array {
  return guardSync(() => {
    const { a: input, out, rows, cols, signal } = prepareTranspose(a, options);
    throwIfAborted(signal);
    selection().backend.transposeSync(input, out, rows, cols);
    return out;
  });
}

/** Blocking {@link outer}. Python equivalent: `numpy.outer(x, y)`. @throws as outer rejects. */
export function outerSync(
  x: Float64Array | Float32Array,
  y: Float64Array | Float32Array,
  options?: OuterOptions,
): Float64Array | Float32Array {
  return guardSync(() => {
    const { x: xs, y: ys, out, signal } = prepareOuter(x, y, options);
    throwIfAborted(signal);
    selection().backend.outerSync(xs, ys, out);
    return out;
  });
}

/** dotSync(a, b, { m, k, n }): the matrix form, routed here by reductions_sync.ts. */
export function matrixDotSync(a: NumericArray, b: NumericArray, options: MatmulOptions): Float64Array | Float32Array {
  return guardSync(() => matmulSync(a as Float64Array, b as Float64Array, options));
}
