/** Blocking twins of axpy and clip (fma, lerp and where are generated); they throw what the async forms reject with. */
import type { NumericArray } from '../dtypes.js';
import { AXPY_NAMES, axpyCall, clipKeepsTies, secondPass, type AxpyOptions } from './fused_args.js';
import type { MapOptions, MapResult, Operand } from './map_types.js';
import { runMapSync } from './run_map.js';
import { guardSync } from './boundary.js';

/** Blocking {@link axpy}: y ← a·x + y. Python equivalent: `y += a * x`. @throws as axpy rejects. */
export function axpySync<Y extends NumericArray>(a: number, x: Operand, y: Y, options?: AxpyOptions): Y {
  return guardSync(() => runMapSync('fma', [a, x, y], axpyCall(a, x, y, options), AXPY_NAMES, 'axpy')) as Y;
}

/** Blocking {@link clip}. Python equivalent: `numpy.clip(x, lo, hi)`. @throws as clip rejects. */
export function clipSync<X extends Operand, Lo extends Operand, Hi extends Operand>(
  x: X,
  lo: Lo,
  hi: Hi,
  options?: MapOptions,
): MapResult<'arith', [X, Lo, Hi]> {
  return guardSync((): NumericArray => {
    if (clipKeepsTies(x, lo, hi)) {
      const first = runMapSync('maximum', [lo, x], options, ['lo', 'x'], 'clip');
      return runMapSync('minimum', [hi, first], secondPass(options, first), ['hi', 'x'], 'clip');
    }
    return runMapSync('clip', [x, lo, hi], options, ['x', 'lo', 'hi']);
  }) as MapResult<'arith', [X, Lo, Hi]>;
}
