/**
 * Blocking twins of the stats reductions (see stats.ts). They throw the
 * errors the async forms reject with; `options.signal` only makes them throw
 * an AbortError when it is already aborted.
 */
import type { NumericArray } from '../dtypes.js';
import { ddofOption, varianceFrom, type VarOptions } from './reduce_args.js';
import { runReduceSync } from './run_reduce.js';
import { guardSync } from './boundary.js';

/** Blocking {@link variance}. Python equivalent: `numpy.var(a, ddof=ddof)`. @throws as variance rejects. */
export function varianceSync(a: NumericArray, options?: VarOptions): number {
  return guardSync(() => varianceOfSync(a, options, 'variance'));
}

// `owner` names the public call in option errors.
function varianceOfSync(a: NumericArray, options: unknown, owner: string): number {
  const ddof = ddofOption(options, owner);
  return varianceFrom(runReduceSync('sqdev', a, undefined, options, owner), (a as NumericArray).length, ddof);
}
/** Blocking {@link std}. Python equivalent: `numpy.std(a, ddof=ddof)`. @throws as std rejects. */
export function stdSync(a: NumericArray, options?: VarOptions): number {
  return guardSync(() => Math.sqrt(varianceOfSync(a, options, 'std')));
}
export { varianceSync as varSync };
