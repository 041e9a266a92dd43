// sin, cos and tan in double precision, vectorisable like unary_math.h.
// x = q*pi/2 + r with |r| <= pi/4 carried as a double-double: for |x| <= 2^19
// by Cody-Waite with four pieces of pi/2 (every product exact, every
// subtraction error kept), beyond that by Payne-Hanek in unary_trig.cc. The
// kernels then evaluate sin(r), cos(r) as double-doubles, so even results near
// a zero of the function keep their accuracy.
#pragma once

#include <cstdint>

#include "unary_math.h"

namespace corepool::unary {

/// x = q * pi/2 + hi + lo (mod 2*pi); q counts modulo 4 in its low bits.
struct Reduced {
  double hi;
  double lo;
  std::uint64_t q;
};

inline constexpr double kTrigFastMax = 0x1p19;

COREPOOL_INLINE bool TrigFast(double x) {
  return Abs(x) <= kTrigFastMax;
}

/// a + b exactly as s + e (Knuth), for any magnitudes.
COREPOOL_INLINE DD TwoSum(double a, double b) {
  const double s = a + b;
  const double bv = s - a;
  const double av = s - bv;
  return {s, (a - av) + (b - bv)};
}

/// Cody-Waite reduction for |x| <= 2^19: k < 2^19 and each piece has 33
/// bits, so k * piece is exact, and x - k * piece1 is exact (Sterbenz).
COREPOOL_INLINE Reduced ReduceMedium(double x) {
  double kd = x * kTwoOverPi + kShift;
  const std::uint64_t q = Bits(kd);
  kd -= kShift;
  const double a = x - kd * kPio2Part1;
  const DD s1 = TwoSum(a, -(kd * kPio2Part2));
  const DD s2 = TwoSum(s1.hi, -(kd * kPio2Part3));
  const double tail = (s1.lo + s2.lo) - kd * kPio2Part4;
  const DD r = TwoSum(s2.hi, tail);
  return {r.hi, r.lo, q};
}

/// Payne-Hanek reduction for finite |x| > 2^19 (scalar; unary_trig.cc).
Reduced ReduceLarge(double x);

/// sin(r) for |r| <= pi/4 + 2^-18, r = rh + rl.
COREPOOL_INLINE DD SinKernel(double rh, double rl) {
  const DD z = TwoProduct(rh, rh);
  const DD r3 = TwoProduct(rh, z.hi);
  const double r3lo = r3.lo + rh * z.lo;
  const double zz = z.hi;
  const double s =
      kSinC3 + zz * (kSinC5 + zz * (kSinC7 + zz * (kSinC9 + zz * (kSinC11 + zz * (kSinC13 + zz * kSinC15)))));
  // sin(rh + rl) = sin(rh) + rl * cos(rh) + O(rl^2), cos(rh) = 1 - rh^2/2 + ...
  return {rh, (r3.hi * s + r3lo * s) + rl * (1.0 - 0.5 * zz)};
}

/// cos(r) for |r| <= pi/4 + 2^-18, r = rh + rl.
COREPOOL_INLINE DD CosKernel(double rh, double rl) {
  const DD z = TwoProduct(rh, rh);
  const double hz = 0.5 * z.hi;
  const double w = 1.0 - hz;
  const double zz = z.hi;
  const double c =
      kCosC4 + zz * (kCosC6 + zz * (kCosC8 + zz * (kCosC10 + zz * (kCosC12 + zz * (kCosC14 + zz * kCosC16)))));
  // (1 - w) - hz is exactly what rounding w lost.
  return {w, ((((1.0 - w) - hz) - 0.5 * z.lo) - rh * rl) + (zz * zz) * c};
}

/// Negates v when bit 1 of q is set.
COREPOOL_INLINE double NegateIfBit1(double v, std::uint64_t q) {
  return FromBits(Bits(v) ^ ((q & 2) << 62));
}

COREPOOL_INLINE double SinOf(const Reduced& r) {
  const DD s = SinKernel(r.hi, r.lo);
  const DD c = CosKernel(r.hi, r.lo);
  const double v = Select((r.q & 1) != 0, c.hi + c.lo, s.hi + s.lo);
  return NegateIfBit1(v, r.q);
}

COREPOOL_INLINE double CosOf(const Reduced& r) {
  const DD s = SinKernel(r.hi, r.lo);
  const DD c = CosKernel(r.hi, r.lo);
  const double v = Select((r.q & 1) != 0, s.hi + s.lo, c.hi + c.lo);
  return NegateIfBit1(v, r.q + 1);
}

COREPOOL_INLINE double TanOf(const Reduced& r) {
  const DD s = SinKernel(r.hi, r.lo);
  const DD c = CosKernel(r.hi, r.lo);
  // Odd quadrants: tan(r + pi/2) = -cos(r) / sin(r).
  const bool odd = (r.q & 1) != 0;
  const DD n{Select(odd, c.hi, s.hi), Select(odd, c.lo, s.lo)};
  const DD d{Select(odd, s.hi, c.hi), Select(odd, s.lo, c.lo)};
  return FromBits(Bits(DivideDD(n, d)) ^ ((r.q & 1) << 63));
}

/// The value for ±0 (kept, sign included), then the fast path.
COREPOOL_INLINE double Sin(double x) {
  return Select(x == 0.0, x, SinOf(ReduceMedium(x)));
}
COREPOOL_INLINE double Cos(double x) {
  return CosOf(ReduceMedium(x));
}
COREPOOL_INLINE double Tan(double x) {
  return Select(x == 0.0, x, TanOf(ReduceMedium(x)));
}

/// Every x outside TrigFast: NaN for ±inf and NaN, Payne-Hanek otherwise.
double SinSlow(double x);
double CosSlow(double x);
double TanSlow(double x);

}  // namespace corepool::unary
