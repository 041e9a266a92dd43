// Element types a kernel accepts, and a dispatcher from runtime tag to type.
#pragma once

#include <cstddef>
#include <cstdint>

namespace corepool {

/// Numbering shared with src/dtypes.ts (DTYPE_CODES).
enum class Dtype : std::uint8_t {
  kFloat64 = 0,
  kFloat32 = 1,
  kInt32 = 2,
  kUint32 = 3,
  kInt16 = 4,
  kUint16 = 5,
  kInt8 = 6,
  kUint8 = 7,
  kUint8Clamped = 8,
};

[[nodiscard]] constexpr bool IsFloat(Dtype t) {
  return t == Dtype::kFloat64 || t == Dtype::kFloat32;
}

/// A read-only view of one input: `length` elements of `dtype` at `data`.
struct Operand {
  const void* data = nullptr;
  std::size_t length = 0;
  Dtype dtype = Dtype::kFloat64;

  template <typename T>
  [[nodiscard]] const T* As() const {
    return static_cast<const T*>(data);
  }
};

/// Calls fn(T{}) with T the C++ type of `t`.
template <typename Fn>
decltype(auto) VisitDtype(Dtype t, Fn&& fn) {
  switch (t) {
    case Dtype::kFloat64:
      return fn(double{});
    case Dtype::kFloat32:
      return fn(float{});
    case Dtype::kInt32:
      return fn(std::int32_t{});
    case Dtype::kUint32:
      return fn(std::uint32_t{});
    case Dtype::kInt16:
      return fn(std::int16_t{});
    case Dtype::kUint16:
      return fn(std::uint16_t{});
    case Dtype::kInt8:
      return fn(std::int8_t{});
    case Dtype::kUint8:
    case Dtype::kUint8Clamped:
      return fn(std::uint8_t{});
  }
  return fn(double{});
}

}  // namespace corepool
