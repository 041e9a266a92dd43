/**
 * The arithmetic of the normal transform, built from + − × ÷ and sqrt only:
 * IEEE 754 rounds those identically in C++ and in V8, while libm's and V8's
 * log/sin/cos may differ by an ulp. The twin of native/kernels/random_math.h.
 * Coefficients: test/fixtures/random_poly.py (relative error below 2^-57 for
 * each fit; evaluated, within 1.5 ulp).
 */

/** sin(π/2·f)/f as a polynomial in f², f ∈ [−1/2, 1/2]. */
const S0 = 1.5707963267948966;
const S1 = -0.6459640975062443;
const S2 = 0.07969262624603952;
const S3 = -0.004681754132281764;
const S4 = 0.00016044115028664163;
const S5 = -3.5986417367306e-6;
const S6 = 5.6337186600806164e-8;

/** (cos(π/2·f) − 1)/f² as a polynomial in f². */
const C0 = -1.2337005501361697;
const C1 = 0.2536695079010478;
const C2 = -0.020863480763340606;
const C3 = 0.0009192602745440146;
const C4 = -2.5202039006230368e-5;
const C5 = 4.7106776313705764e-7;
const C6 = -6.329293228785054e-9;

/** (2·atanh(s)/s − 2)/s² as a polynomial in s², |s| ≤ 3 − 2√2. */
const L0 = 0.666666666666667;
const L1 = 0.3999999999989967;
const L2 = 0.285714286259088;
const L3 = 0.22222211144476184;
const L4 = 0.18182888490204502;
const L5 = 0.15331740796215299;
const L6 = 0.14616232142260233;

/** ln 2 = LN2_HI + LN2_LO, with LN2_HI short enough that e·LN2_HI is exact. */
const LN2_HI = 0.6931467056274414;
const LN2_LO = 4.7493250390316726e-7;
const SQRT2 = Math.SQRT2;

/** sin(π/2·f) for f ∈ [−1/2, 1/2]. */
export function sinQuarter(f: number): number {
  const g = f * f;
  return f * (S0 + g * (S1 + g * (S2 + g * (S3 + g * (S4 + g * (S5 + g * S6))))));
}

/** cos(π/2·f) for f ∈ [−1/2, 1/2]. */
export function cosQuarter(f: number): number {
  const g = f * f;
  return 1 + g * (C0 + g * (C1 + g * (C2 + g * (C3 + g * (C4 + g * (C5 + g * C6))))));
}

/** ln(m·2^e) for m ∈ [√½, √2] and a small integer e: with f = m − 1 and s = f/(2+f), ln(1+f) = f − (f²/2 − s·(f²/2 + R(s²))) (fdlibm's reduction). */
function logFolded(m: number, e: number): number {
  const f = m - 1;
  const s = f / (2 + f);
  const z = s * s;
  const r = z * (L0 + z * (L1 + z * (L2 + z * (L3 + z * (L4 + z * (L5 + z * L6))))));
  const hfsq = 0.5 * f * f;
  return e * LN2_HI - (hfsq - (s * (hfsq + r) + e * LN2_LO) - f);
}

const TWO_32 = 4294967296;
// 2^-e for e = 0..54, by halving, so every entry is exact.
const POW2_NEG = Float64Array.from({ length: 55 }, (_, e) => {
  let v = 1;
  for (let k = 0; k < e; k++) v *= 0.5;
  return v;
});

/**
 * −2·ln(k·2^-53) for an integer k ∈ [1, 2^53]: the squared Box–Muller radius.
 * k = m·2^e with m ∈ [1, 2), folded to [√½, √2]. (Native takes e and m from
 * k's bits; the values are the same.)
 */
export function minusTwoLogUnit(k: number): number {
  let e = k >= TWO_32 ? 63 - Math.clz32(k / TWO_32) : 31 - Math.clz32(k);
  let m = k * POW2_NEG[e]!;
  if (m > SQRT2) {
    e += 1;
    m = k * POW2_NEG[e]!;
  }
  return -2 * logFolded(m, e - 53);
}
