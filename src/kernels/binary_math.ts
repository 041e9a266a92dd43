/**
 * pow, mod, atan2, hypot: the twin of native/kernels/binary_math.cc.
 *
 * - pow keeps integer dtypes and wraps modulo 2^bits like numpy: squaring
 *   with Math.imul is exact modulo 2^32, and the store into `out` reduces
 *   further. Floats use Math.pow, patched where it differs from C99/numpy.
 * - mod is numpy's remainder: `%` is C's fmod (exact), moved into the
 *   divisor's sign. A zero integer divisor gives NaN here, which the store
 *   into an integer `out` turns into numpy's 0.
 * - atan2 is Math.atan2 (fdlibm in V8, libm natively: within 2 ulp of each
 *   other); hypot follows native/kernels/hypot.h operation for operation,
 *   so it matches native bit for bit.
 */
import type { NumericArray } from '../dtypes.js';
import { compiledTwin, type MapRow, type MapTwin, row } from './map.js';

const isFloatArray = (out: NumericArray): boolean => out instanceof Float64Array || out instanceof Float32Array;

// C99 (and numpy): 1^y is 1 for every y, NaN included, and (−1)^±∞ is 1; Math.pow gives NaN.
function powFloat(a: number, b: number): number {
  if (a === 1 || (a === -1 && (b === Infinity || b === -Infinity))) return 1;
  // biome-ignore lint/style/useExponentiationOperator: V8 may constant-fold `**` unlike Math.pow; the twin calls one function
  return Math.pow(a, b);
}

// Public calls reject negative integer exponents (numpy raises); the value
// here only mirrors native's defined fallback, 1/base truncated.
function powInteger(base: number, exponent: number): number {
  if (exponent < 0) return base === 1 ? 1 : base === -1 ? ((exponent & 1) !== 0 ? -1 : 1) : 0;
  let result = 1;
  let factor = base | 0;
  for (let e = exponent >>> 0; e !== 0; e >>>= 1) {
    if ((e & 1) !== 0) result = Math.imul(result, factor);
    factor = Math.imul(factor, factor);
  }
  return result;
}

function remainder(a: number, b: number): number {
  const m = a % b;
  if (m !== 0) return m < 0 !== b < 0 ? m + b : m;
  return b < 0 ? -0 : 0;
}

/** Negligible ratio, scaling bounds and scale of native/kernels/hypot.h. */
const NEGLIGIBLE = 2 ** -27;
const BIG = 2 ** 511;
const SMALL = 2 ** -511;
const SCALE = 2 ** -563;

/** Borges' corrected hypot without fma; see native/kernels/hypot.h for the why of each step. */
export function hypot64(x: number, y: number): number {
  x = Math.abs(x);
  y = Math.abs(y);
  if (x === Infinity || y === Infinity) return Infinity;
  if (x !== x || y !== y) return NaN;
  let ax = x < y ? y : x;
  let ay = x < y ? x : y;
  if (ay <= ax * NEGLIGIBLE) return ax;
  let scale = 1;
  if (ax > BIG) {
    ax = ax * SCALE;
    ay = ay * SCALE;
    scale = 1 / SCALE;
  } else if (ay < SMALL) {
    ax = ax / SCALE;
    ay = ay / SCALE;
    scale = SCALE;
  }
  let h = Math.sqrt(ax * ax + ay * ay);
  if (h <= 2 * ay) {
    const delta = h - ay;
    h = h - (delta * (delta - 2 * (ax - ay)) + ax * (2 * delta - ax)) / (2 * h);
  } else {
    const delta = h - ax;
    h = h - (delta * delta + (ay * (4 * delta - ay) + 2 * delta * (ax - 2 * ay))) / (2 * h);
  }
  return h * scale;
}

// float32: squares of floats are exact in double; the store rounds once.
function hypot32(x: number, y: number): number {
  if (x === Infinity || x === -Infinity || y === Infinity || y === -Infinity) return Infinity;
  return Math.sqrt(x * x + y * y);
}

/** A twin that picks one of two scalar functions by the result array type, once per call. */
function byResult(name: string, kind: MapTwin['kind'], ifTrue: MapTwin, ifFalse: MapTwin, test: (out: NumericArray) => boolean): MapTwin {
  return {
    name,
    arity: 2,
    kind,
    loop(ins, out, begin, end) {
      (test(out) ? ifTrue : ifFalse).loop(ins, out, begin, end);
    },
  };
}

export const pow = byResult(
  'pow',
  'arith',
  compiledTwin('pow', 2, 'arith', powFloat),
  compiledTwin('pow', 2, 'arith', powInteger),
  isFloatArray,
);
export const mod = compiledTwin('mod', 2, 'arith', remainder);
export const atan2 = compiledTwin('atan2', 2, 'float', Math.atan2);
export const hypot = byResult(
  'hypot',
  'float',
  compiledTwin('hypot', 2, 'float', hypot64),
  compiledTwin('hypot', 2, 'float', hypot32),
  (out) => out instanceof Float64Array,
);

// The sign bit, read through a float64 store: it sees −0 and a NaN's sign too.
const SIGN_PROBE = new Float64Array(1);
const SIGN_WORD = new Uint32Array(SIGN_PROBE.buffer);
const HIGH = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0;
function signbit(v: number): boolean {
  SIGN_PROBE[0] = v;
  return SIGN_WORD[HIGH]! >>> 31 === 1;
}
export const copysign = compiledTwin('copysign', 2, 'float', (x, y) => (signbit(y) ? -Math.abs(x) : Math.abs(x)));

export const heaviside = compiledTwin('heaviside', 2, 'float', (x, y) => (x < 0 ? 0 : x > 0 ? 1 : x === 0 ? y : x));

// numpy's npy_logaddexp in double, as native/kernels/binary_math.cc: equal
// arguments (one-signed infinities included) give x + ln 2 without inf − inf;
// otherwise the larger plus log1p(exp(−|x − y|)), which cannot overflow.
function logaddexp64(x: number, y: number): number {
  if (x === y) return x + Math.LN2;
  const d = x - y;
  if (d > 0) return x + Math.log1p(Math.exp(-d));
  if (d <= 0) return y + Math.log1p(Math.exp(d));
  return d;
}
export const logaddexp = compiledTwin('logaddexp', 2, 'float', logaddexp64);

/** This family's spec rows, in the order of native/kernels/binary_math.def. */
export const BINARY_MATH_KERNELS: readonly MapRow[] = [
  row(
    pow,
    '`numpy.power(x, y)`',
    "Elementwise x raised to the power y. Integer results stay integers and wrap modulo 2^bits, as numpy's do (int32 3^40 is 689956897); float results follow C99 pow, so pow(1, NaN) and pow(−1, ±Infinity) are 1 (Math.pow gives NaN). float32 is evaluated in double and rounded once. An integer power with a signed integer exponent array first scans y for negatives (one extra read of y, with the `min` reduction).",
    {
      params: [
        ['x', 'base: array or number'],
        ['y', 'exponent: array or number, the same length as x when both are arrays'],
      ],
      custom: true,
      libm: true,
    },
  ),
  row(
    mod,
    '`numpy.mod(x, y)` (`numpy.remainder`)',
    "Elementwise remainder with the sign of the divisor (floored division), as numpy's: mod(−5, 3) is 1 and mod(5, −3) is −1; a zero result takes the divisor's sign. Integer division by 0 gives 0, like numpy; float gives NaN.",
    {
      params: [
        ['x', 'dividend: array or number'],
        ['y', 'divisor: array or number, the same length as x when both are arrays'],
      ],
    },
  ),
  row(
    atan2,
    '`numpy.arctan2(y, x)`',
    "Elementwise angle of the point (x, y) from the positive x axis, in (−π, π], with C99's signed zeros and infinities. Integer inputs give float64.",
    {
      params: [
        ['y', 'ordinate: array or number'],
        ['x', 'abscissa: array or number, the same length as y when both are arrays'],
      ],
      libm: true,
    },
  ),
  row(
    hypot,
    '`numpy.hypot(x, y)`',
    'Elementwise √(x² + y²) without overflow or underflow in between, within 1 ulp; an infinity wins over NaN (C99). Integer inputs give float64.',
  ),
  row(
    copysign,
    '`numpy.copysign(x, y)`',
    "Elementwise |x| with the sign bit of y (−0 and a NaN's sign count), exact. Integer inputs give float64.",
  ),
  row(
    heaviside,
    '`numpy.heaviside(x, y)`',
    'Elementwise Heaviside step: 0 where x < 0, y where x is ±0, 1 where x > 0, NaN where x is NaN; exact. Integer inputs give float64.',
  ),
  row(
    logaddexp,
    '`numpy.logaddexp(x, y)`',
    "Elementwise log(e^x + e^y) without overflow, by numpy's formula: native gives numpy's bits on the tested grids, the fallback (V8's exp and log1p) is within 2 ulp of them; float32 is evaluated in double and rounded once. Integer inputs give float64.",
    { libm: true },
  ),
];
