/**
 * Dense linear algebra on row-major Float64Array / Float32Array matrices:
 * the steps of matmul, matvec, transpose and outer (and of dot with a shape),
 * whose Promise functions and blocking twins are generated from their spec
 * rows (src/api/specs/linalg.ts). A Promise form rejects, never throws; a
 * blocking twin throws the same errors, and its `options.signal` only makes
 * it throw an AbortError when the signal is already aborted. On the native
 * backend the calling thread of a blocking call works alongside the pool; on
 * the fallback backend the work runs on the calling thread alone (the same
 * bits as the Promise form).
 *
 * Native: cache-blocked GEMM with packed panels and SIMD micro-kernels chosen
 * at run time, parallel over the pool; results are identical for every
 * thread count. Fallback: a blocked JS GEMM whose every element is one
 * float64 sum in ascending k order, split by rows across the kernel workers,
 * identical for every worker count. The backends agree within rounding
 * (|error| <= c * k * eps * sum_l |a_il b_lj|), not bit for bit.
 */
import { NDArray } from '../nd/ndarray.js';
import { prepareMatmul, prepareMatvec, prepareOuter, prepareTranspose } from './linalg_args.js';
import { matvecNdSteps, outerNdSteps } from './linalg_nd.js';
import { prepareMatmulNd, scatterResult } from './matmul_nd.js';
import { call, type Steps } from './steps.js';

export type { MatmulNdOptions } from './matmul_nd.js';
export type { MatmulOptions, MatrixDotOptions, MatvecOptions, OuterOptions, TransposeOptions } from './linalg_args.js';

/**
 * C = alpha * op(A) * op(B) + beta * C; also dot(a, b, options) when the
 * options give a shape. With an NDArray operand: numpy's matmul (stacks of
 * matrices, broadcast batch, 1-D promotion; src/api/matmul_nd.ts), every
 * item's bits those of the flat product on it.
 */
export function* matmulSteps(a: unknown, b: unknown, options: unknown): Steps<Float64Array | Float32Array | NDArray> {
  if (a instanceof NDArray || b instanceof NDArray) {
    const prepared = prepareMatmulNd(a, b, options);
    const { p } = prepared;
    if (p.aOffsets.length > 0 && p.m * p.n > 0) yield* call(prepared.signal, 'gemmBatch', p);
    return scatterResult(prepared);
  }
  const { p, signal } = prepareMatmul(a, b, options);
  yield* call(signal, 'gemm', p);
  return p.c;
}

/** y = alpha * op(A) * x + beta * y; with an NDArray operand, numpy.matvec (src/api/linalg_nd.ts). */
export function* matvecSteps(a: unknown, x: unknown, options: unknown): Steps<Float64Array | Float32Array | NDArray> {
  if (a instanceof NDArray || x instanceof NDArray) return yield* matvecNdSteps(matmulSteps, a, x, options);
  const { p, signal } = prepareMatvec(a, x, options);
  yield* call(signal, 'gemv', p);
  return p.y;
}

/** The transpose of a, into `out` (which may be a itself). */
export function* transposeSteps(a: unknown, options: unknown): Steps<Float64Array | Float32Array> {
  const { a: input, out, rows, cols, signal } = prepareTranspose(a, options);
  yield* call(signal, 'transpose', input, out, rows, cols);
  return out;
}

/** out[i * y.length + j] = x[i] * y[j]; with an NDArray operand, numpy.outer (flattened inputs, a 2-D NDArray). */
export function* outerSteps(x: unknown, y: unknown, options: unknown): Steps<Float64Array | Float32Array | NDArray> {
  if (x instanceof NDArray || y instanceof NDArray) return yield* outerNdSteps(x, y, options);
  const { x: xs, y: ys, out, signal } = prepareOuter(x, y, options);
  yield* call(signal, 'outer', xs, ys, out);
  return out;
}
