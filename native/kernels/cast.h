// Conversions with the semantics of a JavaScript TypedArray store (ECMA-262
// ToInt32 / ToUint8Clamp / ToFloat32 and friends), spelled out in defined
// C++: a static_cast from an out-of-range double to an integer is undefined
// behaviour, so doubles are first reduced modulo 2^32 by exact arithmetic.
#pragma once

#include <cmath>
#include <cstdint>

namespace corepool {

/// ToUint32: truncate toward zero, then modulo 2^32; NaN and ±Inf give 0.
/// Every step is exact: floor(t / 2^32) · 2^32 is a multiple of 2^32 within
/// 2^32 of t, and their difference is an integer below 2^32.
inline std::uint32_t JsToUint32(double v) {
  const double t = std::trunc(v);
  double m = t - 4294967296.0 * std::floor(t * 0x1p-32);
  // NaN (from NaN or ±Inf) fails both tests. `&`, not `&&`: both
  // comparisons always run, so the loop has no branch and vectorises.
  m = ((m >= 0.0) & (m < 4294967296.0)) ? m : 0.0;
  // [0, 2^32) shifted into int32 range converts with the plain signed
  // instruction, which vectorises; the xor shifts back.
  return static_cast<std::uint32_t>(static_cast<std::int32_t>(m - 2147483648.0)) ^ 0x80000000u;
}

/// ToUint8Clamp: NaN → 0, clamp to [0, 255], round half to even. Adding
/// and subtracting 2^52 rounds any v in [0, 2^52) to an integer, ties to
/// even, in the FPU's round-to-nearest-even mode (the one JavaScript, and
/// Node, always runs in); negative v stay ≤ 0 and larger ones stay > 255, so
/// the clamp after it is exact. Rounding before clamping, with selects only,
/// lets the loop vectorise.
inline std::uint8_t JsToUint8Clamp(double v) {
  const double rounded = (v + 0x1p52) - 0x1p52;
  double c = rounded > 0.0 ? rounded : 0.0;  // NaN fails the test
  c = c < 255.0 ? c : 255.0;
  return static_cast<std::uint8_t>(static_cast<int>(c));
}

/// True when a double truncates to an int32 without leaving its range, the
/// common case that a plain conversion handles.
inline bool FitsInt32(double v) {
  return (v > -2147483649.0) & (v < 2147483648.0);
}

}  // namespace corepool
