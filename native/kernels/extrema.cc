// min, max, argmin, argmax with numpy's NaN rule: a NaN anywhere wins, and
// the first NaN is reported. Otherwise the first position holding the
// extreme value wins (so of -0 and +0, whichever comes first).
//
// Blocks are scanned with 16-byte GCC vector types (see WideLocate), compiled
// once per SIMD level through target_clones.
#include <cstdint>
#include <cstring>
#include <type_traits>

#include "reduce.h"
#include "simd.h"

namespace corepool {
namespace {

// 16-byte vectors are native on every x86-64 clone (and on NEON). Wider GCC
// vectors are lowered element by element where the clone lacks the registers:
// 64-byte ones made max/argmax on an AVX2 CPU slower than a JS loop. Several
// independent accumulators keep the compare-and-select chains busy instead.
constexpr std::size_t kVectorBytes = 16;
constexpr std::size_t kUnroll = 4;

template <bool kMax, typename T>
inline bool Better(T candidate, T best) {
  return kMax ? candidate > best : candidate < best;
}

template <typename T>
struct LaneVector {
  typedef T type __attribute__((vector_size(kVectorBytes)));
};
template <typename T>
using Lanes = typename LaneVector<T>::type;
template <typename T>
constexpr std::size_t kLanes = kVectorBytes / sizeof(T);
// Lane positions share the element width, so a comparison mask of values
// can select between position vectors.
template <typename T>
using Position = std::conditional_t<sizeof(T) == 8, std::int64_t, std::int32_t>;

template <typename T>
inline std::size_t FirstNaN(const T* x, std::size_t n) {
  std::size_t i = 0;
  while (i < n && x[i] == x[i]) ++i;
  return i;
}

// Wide types (4 and 8 bytes): one vector pass keeps, per lane, the extreme
// value and the first position holding it. The answer (the first position of
// the extreme) does not depend on how lanes are laid out. NaN and Inf both
// turn the probe v - v into NaN; only then is the block scanned for a real NaN.
template <bool kMax, typename T>
inline std::size_t WideLocate(const T* x, std::size_t n) {
  using V = Lanes<T>;
  using P = Lanes<Position<T>>;
  constexpr std::size_t kL = kLanes<T>;
  constexpr std::size_t kStep = kL * kUnroll;
  V lane[kUnroll];
  P where[kUnroll];
  P position[kUnroll];
  V probe[kUnroll];
  for (std::size_t u = 0; u < kUnroll; ++u) {
    lane[u] = V{} + x[0];
    where[u] = P{};
    probe[u] = V{};
    for (std::size_t j = 0; j < kL; ++j) position[u][j] = static_cast<Position<T>>(u * kL + j);
  }
  std::size_t i = 0;
  for (; i + kStep <= n; i += kStep) {
    for (std::size_t u = 0; u < kUnroll; ++u) {
      V v;
      std::memcpy(&v, x + i + u * kL, sizeof(v));
      const auto better = kMax ? v > lane[u] : v < lane[u];
      lane[u] = better ? v : lane[u];
      where[u] = better ? position[u] : where[u];
      if constexpr (std::is_floating_point_v<T>) probe[u] += v - v;
      position[u] += static_cast<Position<T>>(kStep);
    }
  }
  T best = x[0];
  std::size_t at = 0;
  bool flagged = false;
  for (std::size_t u = 0; u < kUnroll; ++u) {
    for (std::size_t j = 0; j < kL; ++j) {
      const T v = lane[u][j];
      const auto w = static_cast<std::size_t>(where[u][j]);
      if (Better<kMax>(v, best) || (v == best && w < at)) {
        best = v;
        at = w;
      }
      flagged |= probe[u][j] != probe[u][j];
    }
  }
  for (; i < n; ++i) {
    if (Better<kMax>(x[i], best)) {
      best = x[i];
      at = i;
    }
    flagged |= x[i] != x[i];
  }
  if (flagged) {
    const std::size_t nan = FirstNaN(x, n);
    if (nan < n) return nan;
  }
  return at;
}

// Narrow integer types (1 and 2 bytes) have no NaN and lanes too narrow for
// positions: a vector pass finds the extreme value, a scan finds it.
template <bool kMax, typename T>
inline std::size_t NarrowLocate(const T* x, std::size_t n) {
  using V = Lanes<T>;
  constexpr std::size_t kL = kLanes<T>;
  constexpr std::size_t kStep = kL * kUnroll;
  V lane[kUnroll];
  for (std::size_t u = 0; u < kUnroll; ++u) lane[u] = V{} + x[0];
  std::size_t i = 0;
  for (; i + kStep <= n; i += kStep) {
    for (std::size_t u = 0; u < kUnroll; ++u) {
      V v;
      std::memcpy(&v, x + i + u * kL, sizeof(v));
      lane[u] = (kMax ? v > lane[u] : v < lane[u]) ? v : lane[u];
    }
  }
  T best = x[0];
  for (std::size_t u = 0; u < kUnroll; ++u) {
    for (std::size_t j = 0; j < kL; ++j) best = Better<kMax>(T(lane[u][j]), best) ? T(lane[u][j]) : best;
  }
  for (; i < n; ++i) best = Better<kMax>(x[i], best) ? x[i] : best;
  std::size_t at = 0;
  while (x[at] != best) ++at;
  return at;
}

template <bool kMax, typename T>
inline Partial Locate(const T* x, std::size_t begin, std::size_t end) {
  const T* block = x + begin;
  const std::size_t n = end - begin;
  std::size_t i;
  if constexpr (sizeof(T) >= 4) {
    i = WideLocate<kMax>(block, n);
  } else {
    i = NarrowLocate<kMax>(block, n);
  }
  return {static_cast<double>(block[i]), 0, static_cast<std::int64_t>(begin + i)};
}

#define COREPOOL_EXTREME(T, name)                                                                                      \
  COREPOOL_CLONES Partial name##Min(const T* x, std::size_t begin, std::size_t end) {                                  \
    return Locate<false>(x, begin, end);                                                                               \
  }                                                                                                                    \
  COREPOOL_CLONES Partial name##Max(const T* x, std::size_t begin, std::size_t end) {                                  \
    return Locate<true>(x, begin, end);                                                                                \
  }
COREPOOL_EXTREME(double, F64)
COREPOOL_EXTREME(float, F32)
COREPOOL_EXTREME(std::int32_t, I32)
COREPOOL_EXTREME(std::uint32_t, U32)
COREPOOL_EXTREME(std::int16_t, I16)
COREPOOL_EXTREME(std::uint16_t, U16)
COREPOOL_EXTREME(std::int8_t, I8)
COREPOOL_EXTREME(std::uint8_t, U8)
#undef COREPOOL_EXTREME

template <bool kMax>
Partial ExtremeBlock(const Operand* ops, std::size_t begin, std::size_t end) {
  const Operand& a = ops[0];
  switch (a.dtype) {
    case Dtype::kFloat64:
      return (kMax ? F64Max : F64Min)(a.As<double>(), begin, end);
    case Dtype::kFloat32:
      return (kMax ? F32Max : F32Min)(a.As<float>(), begin, end);
    case Dtype::kInt32:
      return (kMax ? I32Max : I32Min)(a.As<std::int32_t>(), begin, end);
    case Dtype::kUint32:
      return (kMax ? U32Max : U32Min)(a.As<std::uint32_t>(), begin, end);
    case Dtype::kInt16:
      return (kMax ? I16Max : I16Min)(a.As<std::int16_t>(), begin, end);
    case Dtype::kUint16:
      return (kMax ? U16Max : U16Min)(a.As<std::uint16_t>(), begin, end);
    case Dtype::kInt8:
      return (kMax ? I8Max : I8Min)(a.As<std::int8_t>(), begin, end);
    case Dtype::kUint8:
    case Dtype::kUint8Clamped:
      return (kMax ? U8Max : U8Min)(a.As<std::uint8_t>(), begin, end);
  }
  return {};
}

// `left` always covers lower positions, so ties keep the left side.
template <bool kMax>
Partial ExtremeCombine(const Partial& left, const Partial& right) {
  if (left.value != left.value) return left;
  if (right.value != right.value) return right;
  return Better<kMax>(right.value, left.value) ? right : left;
}

double ValueFinish(const Partial& total, const Operand*) {
  return total.value;
}
double IndexFinish(const Partial& total, const Operand*) {
  return static_cast<double>(total.index);
}

}  // namespace

ReduceKernel Make_min_Kernel() {
  return {"min", 1, true, 0.0, ExtremeBlock<false>, ExtremeCombine<false>, ValueFinish, MinColumns};
}
ReduceKernel Make_max_Kernel() {
  return {"max", 1, true, 0.0, ExtremeBlock<true>, ExtremeCombine<true>, ValueFinish, MaxColumns};
}
ReduceKernel Make_argmin_Kernel() {
  return {"argmin", 1, true, 0.0, ExtremeBlock<false>, ExtremeCombine<false>, IndexFinish, ArgMinColumns};
}
ReduceKernel Make_argmax_Kernel() {
  return {"argmax", 1, true, 0.0, ExtremeBlock<true>, ExtremeCombine<true>, IndexFinish, ArgMaxColumns};
}

}  // namespace corepool
