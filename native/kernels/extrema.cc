// min, max, argmin, argmax with numpy's NaN rule: a NaN anywhere wins, and
// the first NaN is reported. Otherwise the first position holding the
// extreme value wins (so of -0 and +0, whichever comes first).
//
// A block takes two passes: a lane-wise pass the compiler vectorises finds the
// extreme value and whether a NaN exists, then a scan of the (cache-hot)
// block finds its first position.
#include <cstdint>

#include "reduce.h"
#include "simd.h"

namespace corepool {
namespace {

constexpr std::size_t kExtLanes = 8;

template <bool kMax, typename T>
inline bool Better(T candidate, T best) {
  return kMax ? candidate > best : candidate < best;
}

// Returns the extreme non-NaN value of x[0, n) (n >= 1); sets *nan if a NaN
// was seen. For integer T the NaN test folds away.
template <bool kMax, typename T>
inline T LaneExtreme(const T* x, std::size_t n, bool* nan) {
  T lane[kExtLanes];
  bool seen[kExtLanes] = {};
  for (std::size_t j = 0; j < kExtLanes; ++j) lane[j] = x[0];
  std::size_t i = 0;
  for (; i + kExtLanes <= n; i += kExtLanes) {
    for (std::size_t j = 0; j < kExtLanes; ++j) {
      const T v = x[i + j];
      lane[j] = Better<kMax>(v, lane[j]) ? v : lane[j];
      seen[j] |= v != v;
    }
  }
  T best = lane[0];
  bool any = seen[0];
  for (std::size_t j = 1; j < kExtLanes; ++j) {
    best = Better<kMax>(lane[j], best) ? lane[j] : best;
    any |= seen[j];
  }
  for (; i < n; ++i) {
    const T v = x[i];
    best = Better<kMax>(v, best) ? v : best;
    any |= v != v;
  }
  *nan = any;
  return best;
}

#define COREPOOL_EXTREME(T, name)                                                      \
  COREPOOL_CLONES T name##Min(const T* x, std::size_t n, bool* nan) {                  \
    return LaneExtreme<false>(x, n, nan);                                              \
  }                                                                                    \
  COREPOOL_CLONES T name##Max(const T* x, std::size_t n, bool* nan) {                  \
    return LaneExtreme<true>(x, n, nan);                                               \
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

template <bool kMax, typename T>
Partial Locate(const T* x, std::size_t begin, std::size_t end, T (*extreme)(const T*, std::size_t, bool*)) {
  bool nan = false;
  const T* block = x + begin;
  const std::size_t n = end - begin;
  const T best = extreme(block, n, &nan);
  std::size_t i = 0;
  if (nan) {
    while (block[i] == block[i]) ++i;
  } else {
    while (!(block[i] == best)) ++i;
  }
  return {static_cast<double>(block[i]), 0, static_cast<std::int64_t>(begin + i)};
}

template <bool kMax>
Partial ExtremeBlock(const Operand* ops, std::size_t begin, std::size_t end) {
  const Operand& a = ops[0];
  switch (a.dtype) {
    case Dtype::kFloat64: return Locate<kMax>(a.As<double>(), begin, end, kMax ? F64Max : F64Min);
    case Dtype::kFloat32: return Locate<kMax>(a.As<float>(), begin, end, kMax ? F32Max : F32Min);
    case Dtype::kInt32: return Locate<kMax>(a.As<std::int32_t>(), begin, end, kMax ? I32Max : I32Min);
    case Dtype::kUint32: return Locate<kMax>(a.As<std::uint32_t>(), begin, end, kMax ? U32Max : U32Min);
    case Dtype::kInt16: return Locate<kMax>(a.As<std::int16_t>(), begin, end, kMax ? I16Max : I16Min);
    case Dtype::kUint16: return Locate<kMax>(a.As<std::uint16_t>(), begin, end, kMax ? U16Max : U16Min);
    case Dtype::kInt8: return Locate<kMax>(a.As<std::int8_t>(), begin, end, kMax ? I8Max : I8Min);
    case Dtype::kUint8:
    case Dtype::kUint8Clamped: return Locate<kMax>(a.As<std::uint8_t>(), begin, end, kMax ? U8Max : U8Min);
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

double ValueFinish(const Partial& total, const Operand*) { return total.value; }
double IndexFinish(const Partial& total, const Operand*) { return static_cast<double>(total.index); }

}  // namespace

ReduceKernel Make_min_Kernel() {
  return {"min", 1, true, 0.0, ExtremeBlock<false>, ExtremeCombine<false>, ValueFinish};
}
ReduceKernel Make_max_Kernel() {
  return {"max", 1, true, 0.0, ExtremeBlock<true>, ExtremeCombine<true>, ValueFinish};
}
ReduceKernel Make_argmin_Kernel() {
  return {"argmin", 1, true, 0.0, ExtremeBlock<false>, ExtremeCombine<false>, IndexFinish};
}
ReduceKernel Make_argmax_Kernel() {
  return {"argmax", 1, true, 0.0, ExtremeBlock<true>, ExtremeCombine<true>, IndexFinish};
}

}  // namespace corepool
