// Helpers to stamp out one target_clones'd chunk loop per dtype for an
// elementwise operation, and to pick the loop for a compute dtype.
#pragma once

#include <cstddef>
#include <cstdint>
#include <type_traits>

#include "map.h"
#include "simd.h"

namespace corepool {

/// The type integer arithmetic runs in: unsigned and at least 32 bits, so
/// overflow wraps modulo 2^bits (numpy's rule) instead of being undefined.
template <typename T, bool = std::is_floating_point_v<T>>
struct Wrap {
  using type = T;
};
template <typename T>
struct Wrap<T, false> {
  using type = std::make_unsigned_t<decltype(T{} + T{})>;
};
template <typename T>
using WrapType = typename Wrap<T>::type;

template <typename Op, typename T, typename Out>
inline void UnaryLoop(const void* const* in, void* out, std::size_t n) {
  const T* a = static_cast<const T*>(in[0]);
  Out* o = static_cast<Out*>(out);
  for (std::size_t i = 0; i < n; ++i) o[i] = Op::template Apply<T>(a[i]);
}

template <typename Op, typename T, typename Out>
inline void TernaryLoop(const void* const* in, void* out, std::size_t n) {
  const T* a = static_cast<const T*>(in[0]);
  const T* b = static_cast<const T*>(in[1]);
  const T* c = static_cast<const T*>(in[2]);
  Out* o = static_cast<Out*>(out);
  for (std::size_t i = 0; i < n; ++i) o[i] = Op::template Apply<T>(a[i], b[i], c[i]);
}

template <typename Op, typename T, typename Out>
inline void BinaryLoop(const void* const* in, void* out, std::size_t n) {
  const T* a = static_cast<const T*>(in[0]);
  const T* b = static_cast<const T*>(in[1]);
  Out* o = static_cast<Out*>(out);
  for (std::size_t i = 0; i < n; ++i) o[i] = Op::template Apply<T>(a[i], b[i]);
}

}  // namespace corepool

/// Defines Name##F64 ... Name##U8 chunk loops running Shape (UnaryLoop,
/// BinaryLoop or TernaryLoop) of `Op` with output type OUT(T), and
/// Name##Loop(Dtype) returning the one for a compute dtype.
#define COREPOOL_LOOPS(Shape, Op, Name, OUT)                                                                           \
  COREPOOL_CLONES void Name##F64(const void* const* in, void* out, std::size_t n) {                                    \
    Shape<Op, double, OUT(double)>(in, out, n);                                                                        \
  }                                                                                                                    \
  COREPOOL_CLONES void Name##F32(const void* const* in, void* out, std::size_t n) {                                    \
    Shape<Op, float, OUT(float)>(in, out, n);                                                                          \
  }                                                                                                                    \
  COREPOOL_CLONES void Name##I32(const void* const* in, void* out, std::size_t n) {                                    \
    Shape<Op, std::int32_t, OUT(std::int32_t)>(in, out, n);                                                            \
  }                                                                                                                    \
  COREPOOL_CLONES void Name##U32(const void* const* in, void* out, std::size_t n) {                                    \
    Shape<Op, std::uint32_t, OUT(std::uint32_t)>(in, out, n);                                                          \
  }                                                                                                                    \
  COREPOOL_CLONES void Name##I16(const void* const* in, void* out, std::size_t n) {                                    \
    Shape<Op, std::int16_t, OUT(std::int16_t)>(in, out, n);                                                            \
  }                                                                                                                    \
  COREPOOL_CLONES void Name##U16(const void* const* in, void* out, std::size_t n) {                                    \
    Shape<Op, std::uint16_t, OUT(std::uint16_t)>(in, out, n);                                                          \
  }                                                                                                                    \
  COREPOOL_CLONES void Name##I8(const void* const* in, void* out, std::size_t n) {                                     \
    Shape<Op, std::int8_t, OUT(std::int8_t)>(in, out, n);                                                              \
  }                                                                                                                    \
  COREPOOL_CLONES void Name##U8(const void* const* in, void* out, std::size_t n) {                                     \
    Shape<Op, std::uint8_t, OUT(std::uint8_t)>(in, out, n);                                                            \
  }                                                                                                                    \
  [[maybe_unused]] MapLoop Name##Loop(Dtype t) {                                                                       \
    switch (t) {                                                                                                       \
      case Dtype::kFloat64:                                                                                            \
        return Name##F64;                                                                                              \
      case Dtype::kFloat32:                                                                                            \
        return Name##F32;                                                                                              \
      case Dtype::kInt32:                                                                                              \
        return Name##I32;                                                                                              \
      case Dtype::kUint32:                                                                                             \
        return Name##U32;                                                                                              \
      case Dtype::kInt16:                                                                                              \
        return Name##I16;                                                                                              \
      case Dtype::kUint16:                                                                                             \
        return Name##U16;                                                                                              \
      case Dtype::kInt8:                                                                                               \
        return Name##I8;                                                                                               \
      case Dtype::kUint8:                                                                                              \
        return Name##U8;                                                                                               \
      case Dtype::kUint8Clamped:                                                                                       \
        return nullptr;                                                                                                \
    }                                                                                                                  \
    return nullptr;                                                                                                    \
  }

/// Binary shorthand, kept for the existing families.
#define COREPOOL_BINARY_LOOPS(Op, Name, OUT) COREPOOL_LOOPS(BinaryLoop, Op, Name, OUT)

/// Float-only loops (Name##F64, Name##F32) for operations with no integer form.
#define COREPOOL_FLOAT_LOOPS(Shape, Op, Name, OUT)                                                                     \
  COREPOOL_CLONES void Name##F64(const void* const* in, void* out, std::size_t n) {                                    \
    Shape<Op, double, OUT(double)>(in, out, n);                                                                        \
  }                                                                                                                    \
  COREPOOL_CLONES void Name##F32(const void* const* in, void* out, std::size_t n) {                                    \
    Shape<Op, float, OUT(float)>(in, out, n);                                                                          \
  }                                                                                                                    \
  [[maybe_unused]] MapLoop Name##Loop(Dtype t) {                                                                       \
    if (t == Dtype::kFloat64) return Name##F64;                                                                        \
    if (t == Dtype::kFloat32) return Name##F32;                                                                        \
    return nullptr;                                                                                                    \
  }

/// Output type helpers for COREPOOL_BINARY_LOOPS.
#define COREPOOL_SAME_TYPE(T) T
#define COREPOOL_BOOL_TYPE(T) std::uint8_t
