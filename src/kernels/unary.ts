/**
 * The unary family: the twins of native/kernels/unary.cc, plus the family
 * list in the order of native/kernels/unary.def (unary_math.ts and
 * unary_trig.ts hold the rest).
 *
 * Exact kernels compute in double and let the store into `out` convert:
 * integer abs/neg/square wrap there as numpy's do, and for float32 sqrt, 1/x
 * and x*x rounded once to float equal native's float arithmetic.
 */
import type { MapTwin } from './map.js';
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
  const r = (a + TWO_52) - TWO_52;
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
    const r = (a + TWO_52) - TWO_52;
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

/** This family, in the order of native/kernels/unary.def. */
export const UNARY_KERNELS: readonly MapTwin[] = [
  abs, neg, sign, sqrt, cbrt, square, reciprocal,
  exp, expm1, exp2, log, log1p, log2, log10,
  sin, cos, tan, asin, acos, atan, sinh, cosh, tanh,
  floor, ceil, round, trunc, isnan, isfinite,
];
