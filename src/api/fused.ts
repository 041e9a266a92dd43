/**
 * The steps of axpy and clip (fma, lerp and where are generated from their
 * spec rows in src/kernels/*.ts, axpy and clip from theirs in
 * src/api/specs/elementwise.ts): three inputs, one pass, no temporaries.
 * Each operand is an array or a number (at least one array), with numpy's
 * promotion (src/promote.ts), `options.out` and `options.signal`. The
 * formulas are fixed and documented, so results are bit-identical on both
 * backends and for any thread count: axpy is fma(a, x, y) with two
 * roundings; clip is min(max(x, lo), hi) with numpy's NaN-propagating max
 * and min, and keeps x on a tie when both bounds are numbers (two passes,
 * maximum then minimum in place, see clipKeepsTies).
 */
import type { MapValue } from './map_types.js';
import { AXPY_NAMES, axpyCall, clipKeepsTies, secondPass } from './fused_args.js';
import { mapSteps } from './run_map.js';
import type { Steps } from './steps.js';

export type { AxpyOptions } from './fused_args.js';

/** y ← a·x + y: fma into y, with axpy's own checks. */
export function* axpySteps(a: unknown, x: unknown, y: unknown, options: unknown): Steps<MapValue> {
  return yield* mapSteps('fma', [a, x, y], axpyCall(a, x, y, options), AXPY_NAMES, 'axpy');
}

/** clip(x, lo, hi): one clip pass, or maximum then minimum when ties must keep x. */
export function* clipSteps(x: unknown, lo: unknown, hi: unknown, options: unknown): Steps<MapValue> {
  if (clipKeepsTies(x, lo, hi)) {
    const first = yield* mapSteps('maximum', [lo, x], options, ['lo', 'x'], 'clip');
    return yield* mapSteps('minimum', [hi, first], secondPass(options, first), ['hi', 'x'], 'clip');
  }
  return yield* mapSteps('clip', [x, lo, hi], options, ['x', 'lo', 'hi']);
}
