// Vectorisable double-precision cores of the unary kernels: exp, expm1,
// exp2, log, log1p, log2, log10, tanh, sinh, cosh and cbrt, each within about
// 0.5-0.6 ulp (log: 0.8). They are written as straight-line code on one double, with
// selects instead of branches and no calls, so that GCC vectorises a plain
// loop over them in every target_clones variant (table lookups become
// gathers or per-lane loads, GCC's choice). No FMA: builds use -ffp-contract=off, so every clone, every CPU
// and the TypeScript twins of tanh/sinh/cosh/log10 (src/kernels/unary_math.ts)
// round identically. Exact products use Dekker's splitting instead.
//
// Each core states the inputs it handles ("fast range"); callers send the
// rest (overflow, underflow, NaN, ...) to glibc, scalar.
#pragma once

#include <cstdint>
#include <cstring>

#include "unary_tables.h"

#define COREPOOL_INLINE inline __attribute__((always_inline))

namespace corepool::unary {

/// A double-double: value = hi + lo, |lo| small beside hi.
struct DD {
  double hi;
  double lo;
};

COREPOOL_INLINE std::uint64_t Bits(double x) {
  std::uint64_t u;
  std::memcpy(&u, &x, sizeof u);
  return u;
}

COREPOOL_INLINE double FromBits(std::uint64_t u) {
  double x;
  std::memcpy(&x, &u, sizeof x);
  return x;
}

COREPOOL_INLINE double Abs(double x) {
  return FromBits(Bits(x) & 0x7fffffffffffffffULL);
}

/// |magnitude| with the sign of `sign` (magnitude must be non-negative or NaN).
COREPOOL_INLINE double WithSign(double magnitude, double sign) {
  return FromBits(Bits(magnitude) | (Bits(sign) & 0x8000000000000000ULL));
}

/// c ? a : b on bit masks. Both sides are computed either way, which lets GCC
/// if-convert without speculating a trapping operation (-ftrapping-math) or
/// sinking a table lookup into a masked gather it cannot vectorise.
COREPOOL_INLINE double Select(bool c, double a, double b) {
  const std::uint64_t m = 0 - static_cast<std::uint64_t>(c);
  return FromBits((Bits(a) & m) | (Bits(b) & ~m));
}

/// 1.5 * 2^52: adding it rounds a double below 2^51 to an integer held in the low bits.
inline constexpr double kShift = 0x1.8p52;

/// A small integer (|k| < 2^51, two's complement in 64 bits) as a double,
/// without int64 -> double conversion, which AVX2 lacks.
COREPOOL_INLINE double IntToDouble(std::uint64_t k) {
  return FromBits(Bits(kShift) + k) - kShift;
}

/// Exact a*b = p + e (Dekker), valid while nothing overflows.
COREPOOL_INLINE DD TwoProduct(double a, double b) {
  constexpr double kSplit = 134217729.0;  // 2^27 + 1
  const double ca = kSplit * a;
  const double ah = ca - (ca - a);
  const double al = a - ah;
  const double cb = kSplit * b;
  const double bh = cb - (cb - b);
  const double bl = b - bh;
  const double p = a * b;
  const double e = ((ah * bh - p) + ah * bl + al * bh) + al * bl;
  return {p, e};
}

/// hi + lo with |lo| <= ulp(hi)/2 (Fast2Sum; needs |hi| >= |lo|).
COREPOOL_INLINE DD Normalize(DD a) {
  const double s = a.hi + a.lo;
  return {s, a.lo - (s - a.hi)};
}

/// n / d for double-doubles whose lo may be large beside hi, correct to about
/// 2^-100 before the final rounding.
COREPOOL_INLINE double DivideDD(DD n_in, DD d_in) {
  // Normalised first: one correction step suffices only once q is close. q
  // comes from the reciprocal (one division) and may be 1 ulp off, which the
  // exact residual fixes.
  const DD n = Normalize(n_in);
  const DD d = Normalize(d_in);
  const double rcp = 1.0 / d.hi;
  const double q = n.hi * rcp;
  const DD p = TwoProduct(q, d.hi);
  const double c = ((((n.hi - p.hi) - p.lo) + n.lo) - q * d.lo) * rcp;
  return q + c;
}

/// 2^(k/128) * exp(r) for |r| <= ln2/256 as scale + scale*tmp, times 2^adjust.
/// `ki` holds k in its low bits (k + bits(kShift)); the result's exponent must be normal.
COREPOOL_INLINE DD ExpTail(double r, std::uint64_t ki, std::int64_t adjust) {
  const std::uint64_t idx = ki & 127;
  const double r2 = r * r;
  const double p = r2 * (kExpC2 + r * kExpC3) + (r2 * r2) * (kExpC4 + r * kExpC5);
  const double tmp = (kExpTail[idx] + r) + p;
  const double scale = FromBits(kExpBits[idx] + (ki << 45) + (static_cast<std::uint64_t>(adjust) << 52));
  return {scale, scale * tmp};
}

/// x = k * ln2/128 + r with |r| <= ln2/256; ki holds k in its low bits.
struct ExpReduced {
  double r;
  std::uint64_t ki;
};

COREPOOL_INLINE ExpReduced ExpReduce(double x) {
  const double z = x * kExpInvLn2N;
  double kd = z + kShift;
  const std::uint64_t ki = Bits(kd);
  kd -= kShift;
  return {(x - kd * kExpLn2HiN) - kd * kExpLn2LoN, ki};
}

/// exp(x) * 2^adjust as hi + lo (relative error about 2^-60). Fast range:
/// a normal result, i.e. -708.3 <= x <= 709.7 for adjust 0, and a normal lo
/// (scale * tmp) for full accuracy, which exp's fast range below keeps.
COREPOOL_INLINE DD ExpCore(double x, std::int64_t adjust) {
  const ExpReduced e = ExpReduce(x);
  return ExpTail(e.r, e.ki, adjust);
}

// Below -700 scale * tmp may be subnormal and lose bits: glibc takes over.
inline constexpr double kExpFastMin = -700.0;
inline constexpr double kExpFastMax = 709.7;

COREPOOL_INLINE double Exp(double x) {
  const DD e = ExpCore(x, 0);
  return e.hi + e.lo;
}

/// e^x - 1. Below 1/4 in magnitude an odd-even series whose x and x^2/2
/// terms carry the value; beyond, (scale - 1) + lo from ExpCore with the
/// subtraction kept exact (TwoSum). Past -60 the result rounds to -1, so x is
/// clamped there. Fast range: x <= 709.7 (NaN excluded).
COREPOOL_INLINE double Expm1(double x) {
  const double x2 = x * x;
  const double q =
      kExpm1C0 +
      x * (kExpm1C1 +
           x * (kExpm1C2 +
                x * (kExpm1C3 + x * (kExpm1C4 + x * (kExpm1C5 + x * (kExpm1C6 + x * (kExpm1C7 + x * kExpm1C8)))))));
  const double small = x + (0.5 * x2 + (x2 * x) * q);
  const DD e = ExpCore(Select(x < -60.0, -60.0, x), 0);
  const double s = e.hi - 1.0;
  const double bv = s - e.hi;
  const double err = (e.hi - (s - bv)) + (-1.0 - bv);
  const double large = s + (err + e.lo);
  // ±0 comes back as is (the series would turn -0 into +0).
  return Select(x == 0.0, x, Select(Abs(x) < 0.25, small, large));
}

COREPOOL_INLINE bool Expm1Fast(double x) {
  return x <= kExpFastMax;
}

/// 2^x. Fast range: -1010 <= x <= 1023.9.
COREPOOL_INLINE double Exp2(double x) {
  double kd = x * 128.0 + kShift;  // x * 128 is exact
  const std::uint64_t ki = Bits(kd);
  kd -= kShift;
  const double r = (x - kd * 0x1p-7) * kLn2;  // x - k/128 is exact
  const DD e = ExpTail(r, ki, 0);
  return e.hi + e.lo;
}

inline constexpr double kExp2FastMin = -1010.0;
inline constexpr double kExp2FastMax = 1023.9;

/// log(x) as hi + lo (about 2^-64 absolute beyond the leading term). Fast
/// range: 0 < x < inf, subnormals included.
COREPOOL_INLINE DD LogCore(double x) {
  const bool subnormal = x < 0x1p-1022;
  const std::uint64_t ix = Bits(Select(subnormal, x * 0x1p52, x));
  // z = x / 2^k in [0.6875, 1.375); idx picks the interval of z.
  const std::uint64_t tmp = ix - kLogOff;
  const std::uint64_t idx = (tmp >> 45) & 127;
  const std::uint64_t k_raw = ((tmp >> 52) ^ 0x800) - 0x800;  // sign-extends 12 bits
  const double kd = IntToDouble(k_raw) - Select(subnormal, 52.0, 0.0);
  const std::uint64_t iz = ix - (tmp & 0xfff0000000000000ULL);
  const double z = FromBits(iz);
  const double invc = kLogInvc[idx];
  // invc has 10 significant bits: zhi * invc is exact when zhi is z rounded
  // to a multiple of 2^-41 (adding 3 * 2^10 rounds there). With c = 1 nothing
  // needs splitting, and z - 1 is exact.
  const bool one = invc == 1.0;
  const double zhi = Select(one, z, (z + 3072.0) - 3072.0);
  const double zlo = z - zhi;
  const double rh = zhi * invc - 1.0;
  const double rl = zlo * invc;
  const double r2 = rh * rh;
  const double w = kd * kLn2Hi + kLogcHi[idx];  // exact: both are multiples of 2^-42
  const double hi = w + rh;
  const double bb = hi - w;
  const double e1 = (w - (hi - bb)) + (rh - bb);
  const double poly =
      r2 * rh * (kLogC3 + rh * kLogC4 + r2 * (kLogC5 + rh * kLogC6) + (r2 * r2) * (kLogC7 + rh * kLogC8));
  // log1p(rh + rl) = log1p(rh) + rl * (1 - rh + rh^2) + O(rl * rh^3).
  const double lo = e1 + ((kd * kLn2Lo + kLogcLo[idx]) + (rl * ((1.0 - rh) + r2) + (poly - 0.5 * r2)));
  return {hi, lo};
}

/// log(x) without tables, for the `log` kernel: with x = 2^k (1 + f), 1 + f in
/// [sqrt(1/2), sqrt(2)) and s = f / (2 + f), log(1 + f) = 2 atanh(s) = f -
/// (f^2/2 - s (f^2/2 + R(s^2))), where f is exact and the bracket is small,
/// so its rounding errors shrink. About 0.6 ulp, against LogCore's 0.5, but no
/// table lookups: GCC turns those into per-lane loads on many CPUs, and they
/// made LogCore twice as costly. Fast range: 0 < x < inf.
COREPOOL_INLINE double Log(double x) {
  const bool subnormal = x < 0x1p-1022;
  const std::uint64_t ix = Bits(Select(subnormal, x * 0x1p52, x));
  const std::uint64_t k_raw = (((ix - kSqrtHalfBits) >> 52) ^ 0x800) - 0x800;  // sign-extends 12 bits
  const double kd = IntToDouble(k_raw) - Select(subnormal, 52.0, 0.0);
  const double f = FromBits(ix - (k_raw << 52)) - 1.0;  // exact (Sterbenz)
  const double s = f / (2.0 + f);
  const double z = s * s;
  const double z2 = z * z;
  const double p = (kLogFastC0 + z * kLogFastC1) + z2 * (kLogFastC2 + z * kLogFastC3) +
                   (z2 * z2) * ((kLogFastC4 + z * kLogFastC5) + z2 * kLogFastC6);
  const double hfsq = 0.5 * f * f;
  return kd * kLn2Hi - ((hfsq - (s * (hfsq + z * p) + kd * kLn2Lo)) - f);
}

/// log(x) * (c_hi + c_lo), for log2 and log10.
COREPOOL_INLINE double LogTimes(double x, double c_hi, double c_lo) {
  const DD l = LogCore(x);
  const double s = l.hi + l.lo;
  const double t = l.lo - (s - l.hi);
  const DD p = TwoProduct(s, c_hi);
  return p.hi + (p.lo + (t * c_hi + s * c_lo));
}

COREPOOL_INLINE bool LogFast(double x) {
  return (x > 0.0) & (x < __builtin_inf());
}

/// log(1 + x): u = 1 + x rounded and c what rounding lost (TwoSum, exact),
/// then log(u) + c/u from LogCore. Fast range: -1 < x < inf.
COREPOOL_INLINE double Log1p(double x) {
  const double u = 1.0 + x;
  const double bv = u - 1.0;
  const double c = (1.0 - (u - bv)) + (x - bv);
  const DD l = LogCore(u);
  return Select(x == 0.0, x, l.hi + (l.lo + c / u));
}

COREPOOL_INLINE bool Log1pFast(double x) {
  return (x > -1.0) & (x < __builtin_inf());
}

/// tanh(x) for every x (NaN gives NaN).
COREPOOL_INLINE double Tanh(double x) {
  const double a = Abs(x);
  // |x| < 1/16: the odd series.
  const double z = a * a;
  const double small = a + (a * z) * (kTanhC3 + z * (kTanhC5 + z * (kTanhC7 + z * (kTanhC9 + z * kTanhC11))));
  // Otherwise (1 - u) / (1 + u) with u = exp(-2|x|) in double-double; past 22 it rounds to 1.
  const DD u = ExpCore(-2.0 * Select(a < 22.0, a, 22.0), 0);
  const double dh = 1.0 + u.hi;
  const double dl = ((1.0 - dh) + u.hi) + u.lo;
  const double nh = 1.0 - u.hi;
  const double nl = ((1.0 - nh) - u.hi) - u.lo;
  const double large = DivideDD({nh, nl}, {dh, dl});
  return Select(a != a, x, WithSign(Select(a < 0.0625, small, large), x));
}

inline constexpr double kHyperbolicInf = 710.5;  // past cosh/sinh overflow, inside ExpCore's reach

/// (exp(a) + sign * exp(-a)) / 2 for 0 <= a <= kHyperbolicInf, sign ±1, from
/// exp(±a) / 4 as double-doubles (overflows to inf by itself past 710.4758).
/// -a reduces to -k and -r exactly (rounding to nearest is symmetric), so one
/// reduction serves both; the low bits of 0 - ki are those of -k. Past 40,
/// exp(-a) is below 2^-115 of exp(a) and drops out.
COREPOOL_INLINE double ExpPairSum(double a, double sign) {
  const ExpReduced e = ExpReduce(Select(a < kHyperbolicInf, a, kHyperbolicInf));
  const DD up = ExpTail(e.r, e.ki, -2);
  const DD down = ExpTail(-e.r, 0 - e.ki, -2);
  const bool far = a > 40.0;
  const double down_hi = Select(far, 0.0, sign * down.hi);
  const double down_lo = Select(far, 0.0, sign * down.lo);
  const double s = up.hi + down_hi;
  const double err = (up.hi - s) + down_hi;  // exact (Fast2Sum): up.hi >= |down_hi|
  return (s + (err + (up.lo + down_lo))) * 2.0;
}

/// cosh(x) for every x.
COREPOOL_INLINE double Cosh(double x) {
  const double a = Abs(x);
  const double result = ExpPairSum(a, 1.0);
  return Select(a != a, x, Select(a > kHyperbolicInf, __builtin_inf(), result));
}

/// sinh(x) for every x.
COREPOOL_INLINE double Sinh(double x) {
  const double a = Abs(x);
  const double z = a * a;
  const double small = a + (a * z) * (kSinhC3 + z * (kSinhC5 + z * (kSinhC7 + z * (kSinhC9 + z * kSinhC11))));
  const double large = ExpPairSum(a, -1.0);
  const double result = Select(a < 0.25, small, Select(a > kHyperbolicInf, __builtin_inf(), large));
  return Select(a != a, x, WithSign(result, x));
}

/// cbrt(x) for every x: Newton's iteration, then one exact-residual step.
COREPOOL_INLINE double Cbrt(double x) {
  const double a = Abs(x);
  const bool subnormal = a < 0x1p-1022;
  const std::uint64_t ia = Bits(Select(subnormal, a * 0x1p54, a));
  const double e = IntToDouble((ia >> 52) - 1023) - Select(subnormal, 54.0, 0.0);
  // floor(e/3) = nearest((e - 1)/3): the quotient is an integer or a third away from one.
  const double q = ((e - 1.0) / 3.0 + kShift) - kShift;
  const double rem = e - 3.0 * q;
  const std::uint64_t rem_bits = Bits(rem + kShift) & 3;
  const double y = FromBits((ia & 0x000fffffffffffffULL) | ((1023 + rem_bits) << 52));  // in [1, 8)
  double t = kCbrtC0 + y * (kCbrtC1 + y * (kCbrtC2 + y * (kCbrtC3 + y * (kCbrtC4 + y * kCbrtC5))));
  for (int i = 0; i < 3; ++i) t = t - (t * t * t - y) / (3.0 * t * t);
  const DD t2 = TwoProduct(t, t);
  const DD t3 = TwoProduct(t, t2.hi);
  const double residual = ((y - t3.hi) - t3.lo) - t * t2.lo;
  t = t + residual / (3.0 * t2.hi);
  const std::uint64_t q_bits = Bits(q + kShift) + 1023;  // low bits: q + 1023
  const double result = WithSign(t * FromBits(q_bits << 52), x);
  return Select((a == 0.0) | !(a < __builtin_inf()), x, result);
}

}  // namespace corepool::unary
