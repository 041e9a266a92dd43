/**
 * Blocking twins of the reductions, for scripts and worker code. On the
 * native backend the calling thread works alongside the pool; on the
 * fallback backend the work runs on the calling thread alone.
 * They throw (synchronously) the same coded errors the async forms reject with.
 */
import { selection } from '../backend/select.js';
import type { NumericArray } from '../dtypes.js';
import type { ReduceName } from '../kernels/registry.js';
import { reduceArgs } from './reduce_args.js';

function reduceSync(name: ReduceName, a: unknown, b?: unknown): number {
  const { id, ops } = reduceArgs(name, a, b);
  return selection().backend.reduceSync(id, ops);
}

/** Blocking {@link sum}. Python equivalent: `numpy.sum(a)`. @throws as sum rejects. */
export function sumSync(a: NumericArray): number {
  return reduceSync('sum', a);
}
/** Blocking {@link mean}. Python equivalent: `numpy.mean(a)`. @throws as mean rejects. */
export function meanSync(a: NumericArray): number {
  return reduceSync('mean', a);
}
/** Blocking {@link min}. Python equivalent: `numpy.min(a)`. @throws as min rejects. */
export function minSync(a: NumericArray): number {
  return reduceSync('min', a);
}
/** Blocking {@link max}. Python equivalent: `numpy.max(a)`. @throws as max rejects. */
export function maxSync(a: NumericArray): number {
  return reduceSync('max', a);
}
/** Blocking {@link argmin}. Python equivalent: `numpy.argmin(a)`. @throws as argmin rejects. */
export function argminSync(a: NumericArray): number {
  return reduceSync('argmin', a);
}
/** Blocking {@link argmax}. Python equivalent: `numpy.argmax(a)`. @throws as argmax rejects. */
export function argmaxSync(a: NumericArray): number {
  return reduceSync('argmax', a);
}
/** Blocking {@link dot}. Python equivalent: `numpy.dot(a, b)`. @throws as dot rejects. */
export function dotSync(a: NumericArray, b: NumericArray): number {
  return reduceSync('dot', a, b);
}
/** Blocking {@link norm}. Python equivalent: `numpy.linalg.norm(a)`. @throws as norm rejects. */
export function normSync(a: NumericArray): number {
  return reduceSync('norm', a);
}
