// Order-preserving unsigned keys for the sort family ("numpy order").
//
// Every dtype maps to an unsigned key of its own width whose unsigned order is
// numpy's order: signed ints flip the sign bit; floats flip every bit of a
// negative and only the sign bit of a positive, -0 takes +0's key and every NaN
// takes the all-ones key (so all NaNs tie, after +Inf). Descending order is the
// ascending order of the complemented key, so one stable ascending sort serves
// both directions and ties keep input order either way.
//
// Keys are computed from raw bits (loaded with memcpy), never from a float
// lvalue, so no float arithmetic can canonicalise a NaN or a zero sign.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>

#include "dtype.h"

namespace corepool::sort {

enum class KeyKind { kUnsigned, kSigned, kFloat };

/// Key codec for bit type U (uint8/16/32/64_t) interpreted as `kind`.
template <typename U, KeyKind kind>
struct KeyCodec {
  using Key = U;
  static constexpr U kSign = static_cast<U>(U{1} << (sizeof(U) * 8 - 1));
  static constexpr U kAllOnes = static_cast<U>(~U{0});
  /// Exponent all ones, mantissa zero: +Inf's bits without the sign.
  static constexpr U kInf = sizeof(U) == 8 ? static_cast<U>(0x7FF0000000000000ULL) : static_cast<U>(0x7F800000U);

  [[nodiscard]] static constexpr bool IsNan(U bits) {
    return kind == KeyKind::kFloat && static_cast<U>(bits & ~kSign) > kInf;
  }
  [[nodiscard]] static constexpr bool IsZero(U bits) {
    return kind == KeyKind::kFloat && static_cast<U>(bits & ~kSign) == 0;
  }
  /// Ascending key of raw bits.
  [[nodiscard]] static constexpr U Asc(U bits) {
    if constexpr (kind == KeyKind::kUnsigned) {
      return bits;
    } else if constexpr (kind == KeyKind::kSigned) {
      return static_cast<U>(bits ^ kSign);
    } else {
      if (IsNan(bits)) return kAllOnes;
      if (IsZero(bits)) bits = 0;
      return (bits & kSign) ? static_cast<U>(~bits) : static_cast<U>(bits | kSign);
    }
  }
  [[nodiscard]] static constexpr U Make(U bits, bool descending) {
    const U k = Asc(bits);
    return descending ? static_cast<U>(~k) : k;
  }
  /// Bits of an ascending key. Exact except for the zero and NaN keys, whose
  /// original bits the sort driver restores separately.
  [[nodiscard]] static constexpr U FromAsc(U key) {
    if constexpr (kind == KeyKind::kUnsigned) {
      return key;
    } else if constexpr (kind == KeyKind::kSigned) {
      return static_cast<U>(key ^ kSign);
    } else {
      return (key & kSign) ? static_cast<U>(key ^ kSign) : static_cast<U>(~key);
    }
  }
  [[nodiscard]] static constexpr U FromKey(U key, bool descending) {
    return FromAsc(descending ? static_cast<U>(~key) : key);
  }
};

/// Loads element i of a raw array of U without type punning through a float lvalue.
template <typename U>
[[nodiscard]] inline U LoadBits(const void* base, std::size_t i) {
  U u;
  std::memcpy(&u, static_cast<const unsigned char*>(base) + i * sizeof(U), sizeof(U));
  return u;
}

template <typename U>
inline void StoreBits(void* base, std::size_t i, U u) {
  std::memcpy(static_cast<unsigned char*>(base) + i * sizeof(U), &u, sizeof(U));
}

/// Number of significant bits of x (0 for 0).
template <typename U>
[[nodiscard]] constexpr int BitWidth(U x) {
  int w = 0;
  for (std::uint64_t v = x; v != 0; v >>= 1) ++w;
  return w;
}

/// Calls fn(KeyCodec<...>{}) for the codec of dtype t.
template <typename Fn>
decltype(auto) VisitCodec(Dtype t, Fn&& fn) {
  switch (t) {
    case Dtype::kFloat64:
      return fn(KeyCodec<std::uint64_t, KeyKind::kFloat>{});
    case Dtype::kFloat32:
      return fn(KeyCodec<std::uint32_t, KeyKind::kFloat>{});
    case Dtype::kInt32:
      return fn(KeyCodec<std::uint32_t, KeyKind::kSigned>{});
    case Dtype::kUint32:
      return fn(KeyCodec<std::uint32_t, KeyKind::kUnsigned>{});
    case Dtype::kInt16:
      return fn(KeyCodec<std::uint16_t, KeyKind::kSigned>{});
    case Dtype::kUint16:
      return fn(KeyCodec<std::uint16_t, KeyKind::kUnsigned>{});
    case Dtype::kInt8:
      return fn(KeyCodec<std::uint8_t, KeyKind::kSigned>{});
    case Dtype::kUint8:
    case Dtype::kUint8Clamped:
      return fn(KeyCodec<std::uint8_t, KeyKind::kUnsigned>{});
  }
  return fn(KeyCodec<std::uint64_t, KeyKind::kFloat>{});
}

}  // namespace corepool::sort
