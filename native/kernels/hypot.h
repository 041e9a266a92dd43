// hypot(x, y) from IEEE basic operations only (+ − × ÷ and sqrt, no fused
// multiply-add), so the JS twin (src/kernels/binary_math.ts, hypot64) gives
// the same bits. The algorithm is Borges' corrected hypot ("An improved
// algorithm for hypot(a, b)", 2019, the variant without fma): one sqrt, then
// one Newton-like correction whose residual h² − x² − y² is rearranged so
// that it is computed with little cancellation. Within 1 ulp of the
// correctly rounded result.
#pragma once

#include <cmath>
#include <limits>

namespace corepool {

/// Below this ratio y/x, hypot(x, y) rounds to x: (y/x)²/2 < half an ulp.
inline constexpr double kHypotNegligible = 0x1p-27;
/// Squares of values up to 2^511 cannot overflow, from 2^-511 cannot underflow.
inline constexpr double kHypotBig = 0x1p511;
inline constexpr double kHypotSmall = 0x1p-511;
/// Power of two that brings either extreme back into that range exactly.
inline constexpr double kHypotScale = 0x1p-563;

inline double Hypot64(double x, double y) {
  x = std::fabs(x);
  y = std::fabs(y);
  // C99 and numpy: an infinity wins over NaN.
  if (x == std::numeric_limits<double>::infinity() || y == std::numeric_limits<double>::infinity()) {
    return std::numeric_limits<double>::infinity();
  }
  if (x != x || y != y) return std::numeric_limits<double>::quiet_NaN();
  double ax = x < y ? y : x;
  double ay = x < y ? x : y;
  if (ay <= ax * kHypotNegligible) return ax;  // also ay == 0
  double scale = 1.0;
  if (ax > kHypotBig) {
    ax = ax * kHypotScale;
    ay = ay * kHypotScale;
    scale = 1.0 / kHypotScale;
  } else if (ay < kHypotSmall) {
    ax = ax / kHypotScale;
    ay = ay / kHypotScale;
    scale = kHypotScale;
  }
  double h = std::sqrt(ax * ax + ay * ay);
  // h − ay and h − ax below are exact (Sterbenz), which keeps the residual accurate.
  if (h <= 2.0 * ay) {
    const double delta = h - ay;
    h = h - (delta * (delta - 2.0 * (ax - ay)) + ax * (2.0 * delta - ax)) / (2.0 * h);
  } else {
    const double delta = h - ax;
    h = h - (delta * delta + (ay * (4.0 * delta - ay) + 2.0 * delta * (ax - 2.0 * ay))) / (2.0 * h);
  }
  return h * scale;
}

/// float32 hypot: the squares of floats are exact in double and cannot
/// overflow there, so one sqrt in double, rounded once to float.
inline float Hypot32(float x, float y) {
  const double a = x;
  const double b = y;
  if (std::fabs(a) == std::numeric_limits<double>::infinity() ||
      std::fabs(b) == std::numeric_limits<double>::infinity()) {
    return std::numeric_limits<float>::infinity();
  }
  return static_cast<float>(std::sqrt(a * a + b * b));
}

}  // namespace corepool
