// Stamps out one plain function per element type and indexes them by Dtype.
//
// target_clones cannot be put on templates reliably, so hot loops are written
// as macros that expand to one non-template function per type; a table then
// replaces a nine-way switch at every call site.
#pragma once

#include <cstdint>

#include "dtype.h"

/// Calls X(T, Suffix) for every distinct C++ element type.
#define COREPOOL_EACH_DTYPE(X)                                                                                         \
  X(double, F64)                                                                                                       \
  X(float, F32)                                                                                                        \
  X(std::int32_t, I32)                                                                                                 \
  X(std::uint32_t, U32)                                                                                                \
  X(std::int16_t, I16)                                                                                                 \
  X(std::uint16_t, U16)                                                                                                \
  X(std::int8_t, I8)                                                                                                   \
  X(std::uint8_t, U8)

/// An initializer for a table indexed by Dtype (Uint8Clamped reads as uint8).
#define COREPOOL_DTYPE_TABLE(prefix)                                                                                   \
  { prefix##F64, prefix##F32, prefix##I32, prefix##U32, prefix##I16, prefix##U16, prefix##I8, prefix##U8, prefix##U8 }

namespace corepool {

/// Position of `t` in a COREPOOL_DTYPE_TABLE.
[[nodiscard]] constexpr int DtypeSlot(Dtype t) {
  return static_cast<int>(t);
}

}  // namespace corepool
