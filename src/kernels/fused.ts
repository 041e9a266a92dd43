/**
 * fma, clip, lerp, where: the twin of native/kernels/fused.cc, with the same
 * formulas and the same roundings. Native float32 rounds every operation to
 * float32; here each intermediate goes through Math.fround and the store
 * rounds the last one (double then float rounding of one +, −, × is exact
 * float32 rounding, since 53 ≥ 2·24 + 2).
 */
import type { NumericArray } from '../dtypes.js';
import { compiledTwin } from './fused_loop.js';
import type { MapKind, MapTwin } from './map.js';

const fround = Math.fround;

type Kind = 'float64' | 'float32' | 'integer';

const kindOf = (out: NumericArray): Kind =>
  out instanceof Float64Array ? 'float64' : out instanceof Float32Array ? 'float32' : 'integer';

/** One twin per result kind, picked once per call. */
function byKind(name: string, kind: MapKind, twins: Record<Kind, MapTwin>): MapTwin {
  return {
    name,
    arity: 3,
    kind,
    loop(ins, out, begin, end) {
      twins[kindOf(out)].loop(ins, out, begin, end);
    },
  };
}

// a·b + c. Integers: Math.imul is the product modulo 2^32, and the store wraps the sum.
export const fma = byKind('fma', 'arith', {
  float64: compiledTwin('fma', 3, 'arith', (a, b, c) => a * b + c),
  float32: compiledTwin('fma', 3, 'arith', (a, b, c) => fround(a * b) + c),
  integer: compiledTwin('fma', 3, 'arith', (a, b, c) => Math.imul(a, b) + c),
});

// numpy's _NPY_CLIP: a NaN first operand is kept, else a strict comparison picks.
export const clip = compiledTwin('clip', 3, 'arith', (x, lo, hi) => {
  const t = x !== x ? x : x > lo ? x : lo;
  return t !== t ? t : t < hi ? t : hi;
});

// a + t·(b − a); float-only (integer inputs give float64).
const lerp64 = compiledTwin('lerp', 3, 'float', (a, b, t) => a + t * (b - a));
const lerp32 = compiledTwin('lerp', 3, 'float', (a, b, t) => a + fround(t * fround(b - a)));
export const lerp = byKind('lerp', 'float', { float64: lerp64, float32: lerp32, integer: lerp64 });

export const where = compiledTwin('where', 3, 'select', (mask, a, b) => (mask !== 0 ? a : b));

/** This family, in the order of native/kernels/fused.def. */
export const FUSED_KERNELS: readonly MapTwin[] = [fma, clip, lerp, where];
