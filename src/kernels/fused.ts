/**
 * fma, clip, lerp, where: the twin of native/kernels/fused.cc, with the same
 * formulas and the same roundings. Native float32 rounds every operation to
 * float32; here each intermediate goes through Math.fround and the store
 * rounds the last one (double then float rounding of one +, −, × is exact
 * float32 rounding, since 53 ≥ 2·24 + 2).
 */
import type { NumericArray } from '../dtypes.js';
import { compiledTwin, type MapKind, type MapRow, type MapTwin, row } from './map.js';

const fround = Math.fround;

type Kind = 'float64' | 'float32' | 'integer';

const kindOf = (out: NumericArray): Kind => (out instanceof Float64Array ? 'float64' : out instanceof Float32Array ? 'float32' : 'integer');

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

/** This family's spec rows, in the order of native/kernels/fused.def. */
export const FUSED_KERNELS: readonly MapRow[] = [
  row(
    fma,
    '`a * b + c` (numpy)',
    "Elementwise a·b + c in one pass. The product is rounded before the sum, exactly like numpy's `a * b + c`; this is not a fused multiply-add with a single rounding (numpy has none, and JS has no exact one to match). Integer results wrap modulo 2^bits.",
    { returns: '`out`, or a new array of the promoted dtype of a, b and c' },
  ),
  row(
    clip,
    '`numpy.clip(x, lo, hi)`',
    "Elementwise x limited to [lo, hi]: min(max(x, lo), hi) with numpy's NaN-propagating max and min, so a NaN in x, lo or hi gives NaN, and lo > hi gives hi. As in numpy, a tie keeps x when both bounds are numbers (clip(−0, 0, 1) is −0) and takes the bound when a bound is an array.",
    {
      params: [
        ['x', 'array or number'],
        ['lo', 'lower bound: array or number'],
        ['hi', 'upper bound: array or number; arrays must share one length'],
      ],
      returns: '`out`, or a new array of the promoted dtype of x, lo and hi',
      custom: true,
    },
  ),
  row(
    lerp,
    '`a + t * (b - a)` (numpy)',
    'Elementwise linear interpolation a + t·(b − a), rounded step by step in the result dtype (so t = 1 gives b only up to rounding). Integer inputs give float64.',
    {
      params: [
        ['a', 'start: array or number'],
        ['b', 'end: array or number'],
        ['t', 'weight: array or number; arrays must share one length'],
      ],
      returns: '`out`, or a new float array',
    },
  ),
  row(
    where,
    '`numpy.where(mask, a, b)`',
    'Elementwise a where mask is nonzero (NaN counts as nonzero, −0 as zero), else b. The mask may have any dtype and takes no part in the result dtype, which is the promotion of a and b (float64 when both are numbers).',
    {
      params: [
        ['mask', 'array or number'],
        ['a', 'chosen where mask ≠ 0: array or number'],
        ['b', 'chosen elsewhere: array or number; arrays must share one length'],
      ],
      returns: '`out`, or a new array of the promoted dtype of a and b',
    },
  ),
];
