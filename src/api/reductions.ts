/**
 * The steps of dot and norm, and of every reduction built on the backend's
 * `reduce` (variance and std in stats.ts). Their Promise functions and
 * blocking twins are generated from their spec rows
 * (src/api/specs/reductions.ts). A Promise form never throws: bad input
 * rejects with a coded TypeError or RangeError, and the event loop stays free
 * while large inputs are processed on other threads; `options.signal` cancels
 * it between blocks (it then rejects with an AbortError, code ABORT_ERR). A
 * blocking twin throws the same errors synchronously and cannot be
 * interrupted: its signal only makes it throw an AbortError when already
 * aborted. On the native backend the calling thread of a blocking call works
 * alongside the pool; on the fallback backend the work runs on the calling
 * thread alone. The plain reductions (sum, prod, nansum, …) are generated
 * from their rows in src/kernels/registry.ts.
 */
import { NDArray } from '../nd/ndarray.js';
import { elementsOf } from '../nd/operand.js';
import { isMatrixDot } from './linalg_args.js';
import { matmulSteps } from './linalg.js';
import { normKernel } from './reduce_args.js';
import { reduceAnySteps, reduceSteps } from './run_reduce.js';
import type { Steps } from './steps.js';

export type { NormOptions, ReduceOptions } from './reduce_args.js';

/** A 2-D NDArray operand: numpy's dot is then matmul (for 1-D and 2-D operands). */
const isMatrix = (x: unknown): boolean => x instanceof NDArray && x.ndim === 2;

const flat = (x: unknown): unknown => (x instanceof NDArray && x.ndim <= 1 ? elementsOf(x) : x);

/**
 * The inner product of a and b, or their matrix product (matmul) when the
 * options give a shape (m, k or n) or an operand is a 2-D NDArray.
 */
export function* dotSteps(a: unknown, b: unknown, options: unknown): Steps<number | Float64Array | Float32Array | NDArray> {
  if (isMatrixDot(options) || isMatrix(a) || isMatrix(b)) return yield* matmulSteps(a, b, options);
  // numpy.dot of two vectors: the inner product of their elements.
  if (a instanceof NDArray || b instanceof NDArray) return yield* reduceSteps('dot', flat(a), flat(b), options);
  return yield* reduceSteps('dot', a, b, options);
}

/** The norm of a, by `options.ord`: over `options.axis` of an NDArray, per line. */
export function* normSteps(a: unknown, options: unknown): Steps<number | NDArray> {
  return yield* reduceAnySteps(normKernel(options), a, options, 'norm');
}
