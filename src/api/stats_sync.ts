/**
 * Blocking twins of the stats reductions (see stats.ts). They throw the
 * errors the async forms reject with; `options.signal` only makes them throw
 * an AbortError when it is already aborted.
 */
import type { NumericArray } from '../dtypes.js';
import { ddofOption, varianceFrom, type ReduceOptions, type VarOptions } from './reduce_args.js';
import { runReduceSync } from './run_reduce.js';
import { guardSync } from './boundary.js';

/** Blocking {@link prod}. Python equivalent: `numpy.prod(a, dtype=numpy.float64)`. @throws as prod rejects. */
export function prodSync(a: NumericArray, options?: ReduceOptions): number {
  return guardSync(() => runReduceSync('prod', a, undefined, options));
}
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
/** Blocking {@link countNonzero}. Python equivalent: `numpy.count_nonzero(a)`. @throws as countNonzero rejects. */
export function countNonzeroSync(a: NumericArray, options?: ReduceOptions): number {
  return guardSync(() => runReduceSync('countNonzero', a, undefined, options));
}
/** Blocking {@link any}. Python equivalent: `numpy.any(a)`. @throws as any rejects. */
export function anySync(a: NumericArray, options?: ReduceOptions): boolean {
  return guardSync(() => runReduceSync('any', a, undefined, options) !== 0);
}
/** Blocking {@link all}. Python equivalent: `numpy.all(a)`. @throws as all rejects. */
export function allSync(a: NumericArray, options?: ReduceOptions): boolean {
  return guardSync(() => runReduceSync('all', a, undefined, options) !== 0);
}
/** Blocking {@link nansum}. Python equivalent: `numpy.nansum(a)`. @throws as nansum rejects. */
export function nansumSync(a: NumericArray, options?: ReduceOptions): number {
  return guardSync(() => runReduceSync('nansum', a, undefined, options));
}
/** Blocking {@link nanmean}. Python equivalent: `numpy.nanmean(a)`. @throws as nanmean rejects. */
export function nanmeanSync(a: NumericArray, options?: ReduceOptions): number {
  return guardSync(() => runReduceSync('nanmean', a, undefined, options));
}
/** Blocking {@link nanmin}. Python equivalent: `numpy.nanmin(a)`. @throws as nanmin rejects. */
export function nanminSync(a: NumericArray, options?: ReduceOptions): number {
  return guardSync(() => runReduceSync('nanmin', a, undefined, options));
}
/** Blocking {@link nanmax}. Python equivalent: `numpy.nanmax(a)`. @throws as nanmax rejects. */
export function nanmaxSync(a: NumericArray, options?: ReduceOptions): number {
  return guardSync(() => runReduceSync('nanmax', a, undefined, options));
}
