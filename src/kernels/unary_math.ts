/**
 * exp, exp2, log, log2, log10, sinh, cosh, tanh, cbrt: the twins of
 * native/kernels/unary_math.cc.
 *
 * - exp, exp2 (2 ** x), log, log2, cbrt use V8's Math functions, within 1 ulp
 *   of the correctly rounded result like the native cores.
 * - V8's log10, sinh, cosh and tanh reach 1.6-2.2 ulp, so these four follow
 *   native/kernels/unary_math.h operation for operation, with the same tables
 *   (unary_tables.ts): they match native bit for bit.
 */
import type { MapTwin } from './map.js';
import {
  EXP_C2,
  EXP_C3,
  EXP_C4,
  EXP_C5,
  EXP_HI,
  EXP_INV_LN2_N,
  EXP_LN2_HI_N,
  EXP_LN2_LO_N,
  EXP_TAIL,
  INV_LN10_HI,
  INV_LN10_LO,
  LN2_HI,
  LN2_LO,
  LOG_C3,
  LOG_C4,
  LOG_C5,
  LOG_C6,
  LOG_C7,
  LOG_C8,
  LOG_C_HI,
  LOG_C_LO,
  LOG_INVC,
  SINH_C11,
  SINH_C3,
  SINH_C5,
  SINH_C7,
  SINH_C9,
  TANH_C11,
  TANH_C3,
  TANH_C5,
  TANH_C7,
  TANH_C9,
} from './unary_tables.js';
import { unaryLoopTwin } from './unary_twin.js';

const SHIFT = 6755399441055744; // 1.5 * 2^52
const SPLIT = 134217729; // 2^27 + 1, Dekker's splitter
const HYPERBOLIC_INF = 710.5;

/** 2^n for n in [-1074, 1023], exact: POW2[n + 1074]. */
const POW2 = Float64Array.from({ length: 2098 }, (_, i) => 2 ** (i - 1074));

/**
 * 2^(k/128 + adjust) for an integer k (native: the bits of kExpBits[k & 127]
 * plus k << 45): the table's 2^(i/128) times an exact power of two.
 */
function expScale(k: number, idx: number, adjust: number): number {
  return EXP_HI[idx]! * POW2[(k - idx) / 128 + adjust + 1074]!;
}

/** exp(r) - 1 - r for |r| <= ln2/256, native ExpTail's polynomial. */
function expPoly(r: number, r2: number): number {
  return r2 * (EXP_C2 + r * EXP_C3) + r2 * r2 * (EXP_C4 + r * EXP_C5);
}

/** Dekker's exact product a * b = p + lo: the lo part. */
function productError(a: number, b: number, p: number): number {
  const ca = SPLIT * a;
  const ah = ca - (ca - a);
  const al = a - ah;
  const cb = SPLIT * b;
  const bh = cb - (cb - b);
  const bl = b - bh;
  return ah * bh - p + ah * bl + al * bh + al * bl;
}

// The hot functions below spell out native's inline helpers (ExpCore,
// DivideDD, QuarterExps) instead of calling JS helpers that hand back two
// doubles: passing them through a scratch array cost V8 7 ns an element.

/** tanh, native Tanh: an odd series below 1/16, else (1 - u)/(1 + u) with u = exp(-2|x|). */
export function tanh64(x: number): number {
  const a = Math.abs(x);
  if (a !== a) return x;
  if (a < 0.0625) {
    // The odd series on x itself equals native's on |x| with x's sign put back,
    // except at ±0, which comes back as is. (Sign-copy branches on random
    // signs mispredict: 3 ns an element.)
    const z = x * x;
    return x === 0 ? x : x + x * z * (TANH_C3 + z * (TANH_C5 + z * (TANH_C7 + z * (TANH_C9 + z * TANH_C11))));
  }
  // Past 22 the result rounds to ±1 (native computes it and gets exactly that).
  if (a >= 22) return Math.sign(x);
  // u = uh + ul = exp(t), t = -2|x|.
  const t = -2 * a;
  let kd = t * EXP_INV_LN2_N + SHIFT;
  kd -= SHIFT;
  const r = t - kd * EXP_LN2_HI_N - kd * EXP_LN2_LO_N;
  const idx = kd & 127;
  const uh = expScale(kd, idx, 0);
  const ul = uh * (EXP_TAIL[idx]! + r + expPoly(r, r * r));
  // (1 - u) / (1 + u) in double-double, normalised, then one correction step.
  const dh0 = 1 + uh;
  const dl0 = 1 - dh0 + uh + ul;
  const nh0 = 1 - uh;
  const nl0 = 1 - nh0 - uh - ul;
  const nh = nh0 + nl0;
  const nl = nl0 - (nh - nh0);
  const dh = dh0 + dl0;
  const dl = dl0 - (dh - dh0);
  const rcp = 1 / dh;
  const q = nh * rcp;
  const pq = q * dh;
  const c = (nh - pq - productError(q, dh, pq) + nl - q * dl) * rcp;
  return (q + c) * Math.sign(x);
}

/**
 * (exp(a) + sign * exp(-a)) / 2 for 1/4 <= a <= 710.5 (sign ±1), native
 * QuarterExps then Cosh/Sinh: -a reduces to -k and -r exactly, so one
 * reduction serves both; exp(-a) drops out past 40.
 */
function expPair(a: number, sign: number): number {
  const b = a < HYPERBOLIC_INF ? a : HYPERBOLIC_INF;
  let kd = b * EXP_INV_LN2_N + SHIFT;
  kd -= SHIFT;
  const r = b - kd * EXP_LN2_HI_N - kd * EXP_LN2_LO_N;
  const r2 = r * r;
  const i1 = kd & 127;
  const upHi = expScale(kd, i1, -2);
  const upLo = upHi * (EXP_TAIL[i1]! + r + expPoly(r, r2));
  let downHi = 0;
  let downLo = 0;
  if (a <= 40) {
    const i2 = -kd & 127;
    downHi = sign * expScale(-kd, i2, -2);
    downLo = downHi * (EXP_TAIL[i2]! - r + expPoly(-r, r2));
  }
  const s = upHi + downHi;
  const err = upHi - s + downHi;
  return (s + (err + (upLo + downLo))) * 2;
}

/** cosh, native Cosh. */
export function cosh64(x: number): number {
  const a = Math.abs(x);
  if (a !== a) return x;
  return a > HYPERBOLIC_INF ? Infinity : expPair(a, 1);
}

/** sinh, native Sinh: an odd series below 1/4. */
export function sinh64(x: number): number {
  const a = Math.abs(x);
  if (a !== a) return x;
  if (a < 0.25) {
    const z = x * x; // as in tanh64
    return x === 0 ? x : x + x * z * (SINH_C3 + z * (SINH_C5 + z * (SINH_C7 + z * (SINH_C9 + z * SINH_C11))));
  }
  return (a > HYPERBOLIC_INF ? Infinity : expPair(a, -1)) * Math.sign(x);
}

// The words of one double, for the exponent of log10's argument.
const WORD = new Float64Array(1);
const HALVES = new Uint32Array(WORD.buffer);
const HI = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1 ? 1 : 0;

/** log10, native LogTimes(x, 1/ln10): 0 < x < inf here, the rest through Math.log10. */
export function log10_64(x: number): number {
  if (!(x > 0 && x < Infinity)) return Math.log10(x);
  const subnormal = x < 2.2250738585072014e-308;
  const xs = subnormal ? x * 4503599627370496 : x;
  WORD[0] = xs;
  // The high word of bits(xs) - 0x3fe6000000000000 gives the interval and k;
  // z = xs / 2^k is the double native builds from the bits.
  const tmpHi = (HALVES[HI]! - 0x3fe60000) | 0;
  const idx = (tmpHi >>> 13) & 127;
  const k = tmpHi >> 20;
  const kd = k - (subnormal ? 52 : 0);
  const z = xs * POW2[1074 - k]!;
  const invc = LOG_INVC[idx]!;
  const zhi = invc === 1 ? z : z + 3072 - 3072;
  const zlo = z - zhi;
  const rh = zhi * invc - 1;
  const rl = zlo * invc;
  const r2 = rh * rh;
  const w = kd * LN2_HI + LOG_C_HI[idx]!;
  const lh = w + rh;
  const bb = lh - w;
  const e1 = w - (lh - bb) + (rh - bb);
  const poly = r2 * rh * (LOG_C3 + rh * LOG_C4 + r2 * (LOG_C5 + rh * LOG_C6) + r2 * r2 * (LOG_C7 + rh * LOG_C8));
  const ll = e1 + (kd * LN2_LO + LOG_C_LO[idx]! + (rl * (1 - rh + r2) + (poly - 0.5 * r2)));
  const s = lh + ll;
  const t = ll - (s - lh);
  const p = s * INV_LN10_HI;
  return p + (productError(s, INV_LN10_HI, p) + (t * INV_LN10_HI + s * INV_LN10_LO));
}

export const cbrt: MapTwin = unaryLoopTwin('cbrt', 'float', (x, o) => {
  for (let i = 0; i < x.length; i++) o[i] = Math.cbrt(x[i]!);
});
export const exp: MapTwin = unaryLoopTwin('exp', 'float', (x, o) => {
  for (let i = 0; i < x.length; i++) o[i] = Math.exp(x[i]!);
});
export const exp2: MapTwin = unaryLoopTwin('exp2', 'float', (x, o) => {
  for (let i = 0; i < x.length; i++) o[i] = 2 ** x[i]!;
});
export const log: MapTwin = unaryLoopTwin('log', 'float', (x, o) => {
  for (let i = 0; i < x.length; i++) o[i] = Math.log(x[i]!);
});
export const log2: MapTwin = unaryLoopTwin('log2', 'float', (x, o) => {
  for (let i = 0; i < x.length; i++) o[i] = Math.log2(x[i]!);
});
export const log10: MapTwin = unaryLoopTwin('log10', 'float', (x, o) => {
  for (let i = 0; i < x.length; i++) o[i] = log10_64(x[i]!);
});
export const sinh: MapTwin = unaryLoopTwin('sinh', 'float', (x, o) => {
  for (let i = 0; i < x.length; i++) o[i] = sinh64(x[i]!);
});
export const cosh: MapTwin = unaryLoopTwin('cosh', 'float', (x, o) => {
  for (let i = 0; i < x.length; i++) o[i] = cosh64(x[i]!);
});
export const tanh: MapTwin = unaryLoopTwin('tanh', 'float', (x, o) => {
  for (let i = 0; i < x.length; i++) o[i] = tanh64(x[i]!);
});
