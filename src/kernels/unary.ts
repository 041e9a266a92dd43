/**
 * The unary family: the twins of native/kernels/unary.cc, plus the family
 * list in the order of native/kernels/unary.def (unary_math.ts and
 * unary_trig.ts hold the rest).
 *
 * Exact kernels compute in double and let the store into `out` convert:
 * integer abs/neg/square wrap there as numpy's do, and for float32 sqrt, 1/x
 * and x*x rounded once to float equal native's float arithmetic.
 */
import { type MapTwin, row, type MapRow } from './map.js';
import { cbrt, cosh, exp, exp2, log, log10, log2, sinh, tanh } from './unary_math.js';
import { cos, sin, tan } from './unary_trig.js';
import { unaryLoopTwin } from './unary_twin.js';

const TWO_52 = 4503599627370496;

/**
 * Round half to even (numpy's round/rint): adding 2^52 rounds |v| below 2^52
 * to an integer; beyond, v is one already (or inf/NaN). The sign goes back
 * on last, so -0.3 gives -0 and -0 stays -0.
 */
export function rint(v: number): number {
  const a = Math.abs(v);
  const r = a + TWO_52 - TWO_52;
  return a < TWO_52 ? (v < 0 ? -r : v === 0 ? v : r) : v;
}

export const abs: MapTwin = unaryLoopTwin('abs', 'arith', (x, o) => {
  for (let i = 0; i < x.length; i++) o[i] = Math.abs(x[i]!);
});
export const neg: MapTwin = unaryLoopTwin('neg', 'arith', (x, o) => {
  for (let i = 0; i < x.length; i++) o[i] = -x[i]!;
});
// numpy: sign(±0) is +0 and sign(NaN) is NaN.
export const sign: MapTwin = unaryLoopTwin('sign', 'arith', (x, o) => {
  for (let i = 0; i < x.length; i++) {
    const v = x[i]!;
    o[i] = v > 0 ? 1 : v < 0 ? -1 : v === 0 ? 0 : v;
  }
});
// A 32-bit square must wrap the exact product (Math.imul); a double would round first.
export const square: MapTwin = unaryLoopTwin('square', 'arith', (x, o) => {
  if (o instanceof Int32Array || o instanceof Uint32Array) {
    for (let i = 0; i < x.length; i++) o[i] = Math.imul(x[i]!, x[i]!);
  } else {
    for (let i = 0; i < x.length; i++) {
      const v = x[i]!;
      o[i] = v * v;
    }
  }
});
export const sqrt: MapTwin = unaryLoopTwin('sqrt', 'float', (x, o) => {
  for (let i = 0; i < x.length; i++) o[i] = Math.sqrt(x[i]!);
});
export const reciprocal: MapTwin = unaryLoopTwin('reciprocal', 'float', (x, o) => {
  for (let i = 0; i < x.length; i++) o[i] = 1 / x[i]!;
});
export const expm1: MapTwin = unaryLoopTwin('expm1', 'float', (x, o) => {
  for (let i = 0; i < x.length; i++) o[i] = Math.expm1(x[i]!);
});
export const log1p: MapTwin = unaryLoopTwin('log1p', 'float', (x, o) => {
  for (let i = 0; i < x.length; i++) o[i] = Math.log1p(x[i]!);
});
export const asin: MapTwin = unaryLoopTwin('asin', 'float', (x, o) => {
  for (let i = 0; i < x.length; i++) o[i] = Math.asin(x[i]!);
});
export const acos: MapTwin = unaryLoopTwin('acos', 'float', (x, o) => {
  for (let i = 0; i < x.length; i++) o[i] = Math.acos(x[i]!);
});
export const atan: MapTwin = unaryLoopTwin('atan', 'float', (x, o) => {
  for (let i = 0; i < x.length; i++) o[i] = Math.atan(x[i]!);
});
export const floor: MapTwin = unaryLoopTwin('floor', 'float', (x, o) => {
  for (let i = 0; i < x.length; i++) o[i] = Math.floor(x[i]!);
});
export const ceil: MapTwin = unaryLoopTwin('ceil', 'float', (x, o) => {
  for (let i = 0; i < x.length; i++) o[i] = Math.ceil(x[i]!);
});
export const round: MapTwin = unaryLoopTwin('round', 'float', (x, o) => {
  for (let i = 0; i < x.length; i++) {
    // rint, spelled out: V8 left the call in and ran at half speed.
    const v = x[i]!;
    const a = Math.abs(v);
    const r = a + TWO_52 - TWO_52;
    o[i] = a < TWO_52 ? (v < 0 ? -r : v === 0 ? v : r) : v;
  }
});
export const trunc: MapTwin = unaryLoopTwin('trunc', 'float', (x, o) => {
  for (let i = 0; i < x.length; i++) o[i] = Math.trunc(x[i]!);
});
export const isnan: MapTwin = unaryLoopTwin('isnan', 'compare', (x, o) => {
  for (let i = 0; i < x.length; i++) {
    const v = x[i]!;
    o[i] = v !== v ? 1 : 0;
  }
});
export const isfinite: MapTwin = unaryLoopTwin('isfinite', 'compare', (x, o) => {
  for (let i = 0; i < x.length; i++) o[i] = Number.isFinite(x[i]!) ? 1 : 0;
});

/** This family's spec rows, in the order of native/kernels/unary.def. */
export const UNARY_KERNELS: readonly MapRow[] = [
  row(abs, '`numpy.abs(x)`', "Elementwise |x|. Integers keep their dtype and wrap like numpy's: abs of int8 −128 is −128."),
  row(neg, '`numpy.negative(x)`', 'Elementwise −x. Integers keep their dtype and wrap (neg of uint8 1 is 255).'),
  row(sign, '`numpy.sign(x)`', "Elementwise sign: −1, 0 or 1 in x's dtype; sign(±0) is +0 and sign(NaN) is NaN."),
  row(sqrt, '`numpy.sqrt(x)`', 'Elementwise square root, correctly rounded; sqrt(−0) is −0, negative inputs give NaN.'),
  row(cbrt, '`numpy.cbrt(x)`', 'Elementwise cube root (within 1 ulp), defined for negative x.'),
  row(square, '`numpy.square(x)`', 'Elementwise x·x. Integers keep their dtype and wrap: an int32 square equals Math.imul(x, x).'),
  row(
    reciprocal,
    '`numpy.reciprocal(x.astype(float))`',
    "Elementwise 1/x, correctly rounded (numpy's integer reciprocal truncates; this gives float64).",
  ),
  row(exp, '`numpy.exp(x)`', 'Elementwise e^x (within 1 ulp).'),
  row(expm1, '`numpy.expm1(x)`', 'Elementwise e^x − 1, accurate for small x (within 1 ulp).'),
  row(exp2, '`numpy.exp2(x)`', 'Elementwise 2^x (within 1 ulp).'),
  row(log, '`numpy.log(x)`', 'Elementwise natural logarithm (within 1 ulp); log(0) is −Infinity, negative x gives NaN.'),
  row(log1p, '`numpy.log1p(x)`', 'Elementwise log(1 + x), accurate for small x (within 1 ulp).'),
  row(log2, '`numpy.log2(x)`', 'Elementwise base-2 logarithm (within 1 ulp; exact powers of two give exact integers).'),
  row(log10, '`numpy.log10(x)`', 'Elementwise base-10 logarithm (within 1 ulp).'),
  row(sin, '`numpy.sin(x)`', 'Elementwise sine of radians (within 1 ulp, huge arguments included).'),
  row(cos, '`numpy.cos(x)`', 'Elementwise cosine of radians (within 1 ulp, huge arguments included).'),
  row(tan, '`numpy.tan(x)`', 'Elementwise tangent of radians (within 1 ulp, huge arguments included).'),
  row(asin, '`numpy.arcsin(x)`', 'Elementwise arcsine, in [−π/2, π/2]; |x| > 1 gives NaN (within 1 ulp).'),
  row(acos, '`numpy.arccos(x)`', 'Elementwise arccosine, in [0, π]; |x| > 1 gives NaN (within 1 ulp).'),
  row(atan, '`numpy.arctan(x)`', 'Elementwise arctangent, in [−π/2, π/2] (within 1 ulp).'),
  row(sinh, '`numpy.sinh(x)`', 'Elementwise hyperbolic sine (within 1 ulp).'),
  row(cosh, '`numpy.cosh(x)`', 'Elementwise hyperbolic cosine (within 1 ulp).'),
  row(tanh, '`numpy.tanh(x)`', 'Elementwise hyperbolic tangent (within 1 ulp).'),
  row(floor, '`numpy.floor(x)`', 'Elementwise largest integer ≤ x (floor(−0.5) is −1).'),
  row(ceil, '`numpy.ceil(x)`', 'Elementwise smallest integer ≥ x (ceil(−0.5) is −0).'),
  row(round, '`numpy.round(x)`', 'Elementwise rounding to the nearest integer, halves to even (round(2.5) is 2, round(−0.5) is −0).'),
  row(trunc, '`numpy.trunc(x)`', 'Elementwise rounding toward zero.'),
  row(isnan, '`numpy.isnan(x)`', 'Elementwise 1 where x is NaN, else 0.'),
  row(isfinite, '`numpy.isfinite(x)`', 'Elementwise 1 where x is finite (not NaN or ±Infinity), else 0.'),
];
