// The arithmetic of the normal transform, from + - * / and sqrt only: IEEE
// 754 rounds those identically here and in V8, while libm's and V8's
// log/sin/cos may differ by an ulp. Builds use -ffp-contract=off, so no a*b+c
// becomes an FMA. The JS twin is src/kernels/random_math.ts; the coefficients
// come from test/fixtures/random_poly.py (each fit's relative error is below
// 2^-57; evaluated, within 1.5 ulp).
#pragma once

#include <cstdint>
#include <cstring>

namespace corepool {
namespace random_math {

inline double BitsToDouble(std::uint64_t bits) {
  double d;
  std::memcpy(&d, &bits, sizeof d);
  return d;
}

inline std::uint64_t DoubleToBits(double d) {
  std::uint64_t bits;
  std::memcpy(&bits, &d, sizeof bits);
  return bits;
}

/// Exact uint32 -> double through the 2^52 exponent, which every SIMD level
/// can do with integer or/sub (there is no unsigned convert before AVX-512).
inline double U32ToDouble(std::uint32_t x) {
  return BitsToDouble(0x4330000000000000ull | x) - 0x1p52;
}

/// hi * 2^21 + (lo >> 11): the top 53 bits of the 64-bit value hi:lo, exactly.
inline double Join53(std::uint32_t hi, std::uint32_t lo) {
  return U32ToDouble(hi) * 0x1p21 + static_cast<double>(static_cast<std::int32_t>(lo >> 11));
}

/// sin(pi/2 f) for f in [-1/2, 1/2].
inline double SinQuarter(double f) {
  const double g = f * f;
  return f * (1.5707963267948966 +
              g * (-0.6459640975062443 +
                   g * (0.07969262624603952 +
                        g * (-0.004681754132281764 +
                             g * (0.00016044115028664163 + g * (-3.5986417367306e-6 + g * 5.6337186600806164e-8))))));
}

/// cos(pi/2 f) for f in [-1/2, 1/2].
inline double CosQuarter(double f) {
  const double g = f * f;
  return 1 +
         g * (-1.2337005501361697 +
              g * (0.2536695079010478 +
                   g * (-0.020863480763340606 +
                        g * (0.0009192602745440146 +
                             g * (-2.5202039006230368e-5 + g * (4.7106776313705764e-7 + g * -6.329293228785054e-9))))));
}

/// ln(m * 2^e) for m in [sqrt(1/2), sqrt(2)] and a small integer e: with
/// f = m - 1 and s = f / (2 + f), ln(1+f) = f - (f^2/2 - s(f^2/2 + R(s^2)))
/// (fdlibm's reduction); ln 2 is split so e * kLn2Hi is exact.
inline double LogFolded(double m, double e) {
  constexpr double kLn2Hi = 0.6931467056274414;
  constexpr double kLn2Lo = 4.7493250390316726e-7;
  const double f = m - 1;
  const double s = f / (2 + f);
  const double z = s * s;
  const double r =
      z * (0.666666666666667 +
           z * (0.3999999999989967 +
                z * (0.285714286259088 +
                     z * (0.22222211144476184 +
                          z * (0.18182888490204502 + z * (0.15331740796215299 + z * 0.14616232142260233))))));
  const double hfsq = 0.5 * f * f;
  return e * kLn2Hi - (hfsq - (s * (hfsq + r) + e * kLn2Lo) - f);
}

/// -2 ln(k * 2^-53) for an integer k in [1, 2^53]: the squared Box-Muller
/// radius. k = m * 2^e is split with integer operations on its bits (m in
/// [1, 2) is above sqrt(2) exactly when its mantissa bits are, and then halves
/// to [sqrt(1/2), 1)), which keeps floating-point compares and selects out of
/// the loop: GCC does not if-convert those without -fno-trapping-math.
inline double MinusTwoLogUnit(double k) {
  constexpr std::uint64_t kMantissa = 0x000FFFFFFFFFFFFFull;
  constexpr std::uint64_t kSqrt2Mantissa = 0x0006A09E667F3BCDull;  // sqrt(2) = 0x3FF6A09E667F3BCD
  const std::uint64_t bits = DoubleToBits(k);
  const std::uint64_t fold = (bits & kMantissa) > kSqrt2Mantissa ? 1 : 0;
  const double m = BitsToDouble((bits & kMantissa) | ((1023 - fold) << 52));
  // (bits >> 52) + fold - 1023 - 53, converted exactly through the 2^52 exponent.
  const double e = BitsToDouble(0x4330000000000000ull | ((bits >> 52) + fold)) - (0x1p52 + 1076);
  return -2 * LogFolded(m, e);
}

}  // namespace random_math
}  // namespace corepool
