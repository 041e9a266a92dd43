/** Blocking twins of the fused kernels; they throw what the async forms reject with. */
import type { NumericArray } from '../dtypes.js';
import type { Operand } from './elementwise.js';
import { AXPY_NAMES, axpyCall, clipKeepsTies, secondPass, type AxpyOptions } from './fused_args.js';
import type { MapOptions } from './map_args.js';
import { runMapSync } from './run_map.js';
import { guardSync } from './boundary.js';

/** Blocking {@link axpy}: y ← a·x + y. Python equivalent: `y += a * x`. @throws as axpy rejects. */
export function axpySync(a: number, x: Operand, y: NumericArray, options?: AxpyOptions): NumericArray {
  return guardSync(() => runMapSync('fma', [a, x, y], axpyCall(a, x, y, options), AXPY_NAMES));
}

/** Blocking {@link fma}: a·b + c, two roundings. Python equivalent: `a * b + c`. @throws as fma rejects. */
export function fmaSync(a: Operand, b: Operand, c: Operand, options?: MapOptions): NumericArray {
  return guardSync(() => runMapSync('fma', [a, b, c], options, ['a', 'b', 'c']));
}

/** Blocking {@link clip}. Python equivalent: `numpy.clip(x, lo, hi)`. @throws as clip rejects. */
export function clipSync(x: Operand, lo: Operand, hi: Operand, options?: MapOptions): NumericArray {
  return guardSync(() => {
    if (clipKeepsTies(x, lo, hi)) {
      const first = runMapSync('maximum', [lo, x], options, ['lo', 'x']);
      return runMapSync('minimum', [hi, first], secondPass(options, first), ['hi', 'x']);
    }
    return runMapSync('clip', [x, lo, hi], options, ['x', 'lo', 'hi']);
  });
}

/** Blocking {@link lerp}: a + t·(b − a). Python equivalent: `a + t * (b - a)`. @throws as lerp rejects. */
export function lerpSync(a: Operand, b: Operand, t: Operand, options?: MapOptions): NumericArray {
  return guardSync(() => runMapSync('lerp', [a, b, t], options, ['a', 'b', 't']));
}

/** Blocking {@link where}. Python equivalent: `numpy.where(mask, a, b)`. @throws as where rejects. */
export function whereSync(mask: Operand, a: Operand, b: Operand, options?: MapOptions): NumericArray {
  return guardSync(() => runMapSync('where', [mask, a, b], options, ['mask', 'a', 'b']));
}
