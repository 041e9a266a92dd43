// nansum, nanmean, nanmin, nanmax: NaN-skipping versions of sum, mean, min
// and max. Integer dtypes hold no NaN and reuse sum.cc's exact path.
//
// nanmin/nanmax return a value, never a position, so they can use an order
// free rule: -0 counts as below +0. Any lane layout then gives the same bits,
// and the JS twin (src/kernels/nan_reduce.ts) needs no lane emulation.
#include <cmath>
#include <cstdint>
#include <limits>
#include <type_traits>

#include "dtype_table.h"
#include "lanes.h"
#include "reduce.h"
#include "simd.h"

namespace corepool {
namespace {

const ReduceKernel& SumKernel() {
  static const ReduceKernel kernel = Make_sum_Kernel();
  return kernel;
}

// NaN reads as +0, as numpy's nansum replaces it: an all-NaN block sums to +0.
#define COREPOOL_NANSUM(T, S)                                                                                          \
  COREPOOL_CLONES Partial NanSum##S(const T* x, std::size_t n) {                                                       \
    Partial p;                                                                                                         \
    p.value = LaneSum(n, [x](std::size_t i) { return x[i] == x[i] ? static_cast<double>(x[i]) : 0.0; });               \
    std::int64_t seen = 0;                                                                                             \
    for (std::size_t i = 0; i < n; ++i) seen += x[i] == x[i] ? 1 : 0;                                                  \
    p.index = seen;                                                                                                    \
    return p;                                                                                                          \
  }
COREPOOL_NANSUM(double, F64)
COREPOOL_NANSUM(float, F32)
#undef COREPOOL_NANSUM

// value = sum (float) or exact (integer); index = elements that are not NaN.
Partial NanSumBlock(const Operand* ops, std::size_t begin, std::size_t end) {
  const Operand& a = ops[0];
  if (a.dtype == Dtype::kFloat64) return NanSumF64(a.As<double>() + begin, end - begin);
  if (a.dtype == Dtype::kFloat32) return NanSumF32(a.As<float>() + begin, end - begin);
  Partial p = SumKernel().block(ops, begin, end);
  p.index = static_cast<std::int64_t>(end - begin);
  return p;
}

Partial NanSumCombine(const Partial& l, const Partial& r) {
  Partial p;
  p.value = l.value + r.value;
  p.exact = l.exact + r.exact;
  p.index = l.index + r.index;
  return p;
}

// + 0.0: a sum of only -0 is +0, as numpy's (see SumFinish in sum.cc).
double Total(const Partial& total, const Operand* ops) {
  return IsFloat(ops[0].dtype) ? total.value + 0.0 : static_cast<double>(total.exact);
}
double NanSumFinish(const Partial& total, const Operand* ops) {
  return Total(total, ops);
}
double NanMeanFinish(const Partial& total, const Operand* ops) {
  return Total(total, ops) / static_cast<double>(total.index);
}

template <bool kMax, typename T>
constexpr T Worst() {
  if constexpr (std::numeric_limits<T>::has_infinity) {
    return kMax ? -std::numeric_limits<T>::infinity() : std::numeric_limits<T>::infinity();
  } else {
    return kMax ? std::numeric_limits<T>::lowest() : std::numeric_limits<T>::max();
  }
}

// index = 1 when the block held a non-NaN value. The lane pass ignores NaN
// (a comparison with NaN is false); two rare re-scans settle an all-NaN or
// all-infinite block and the sign of a zero result.
template <bool kMax, typename T>
inline Partial NanExtreme(const T* x, std::size_t n) {
  T lane[kLanes];
  for (std::size_t j = 0; j < kLanes; ++j) lane[j] = Worst<kMax, T>();
  std::size_t i = 0;
  for (; i + kLanes <= n; i += kLanes) {
    for (std::size_t j = 0; j < kLanes; ++j) {
      const T v = x[i + j];
      lane[j] = (kMax ? v > lane[j] : v < lane[j]) ? v : lane[j];
    }
  }
  T best = Worst<kMax, T>();
  for (std::size_t j = 0; j < kLanes; ++j) best = (kMax ? lane[j] > best : lane[j] < best) ? lane[j] : best;
  for (; i < n; ++i) best = (kMax ? x[i] > best : x[i] < best) ? x[i] : best;
  Partial p;
  p.value = static_cast<double>(best);
  p.index = 1;
  if constexpr (std::is_floating_point_v<T>) {
    if (best == Worst<kMax, T>()) {
      std::size_t k = 0;
      while (k < n && x[k] != x[k]) ++k;
      p.index = k < n ? 1 : 0;
    } else if (best == 0) {
      bool wanted_sign = false;  // nanmin looks for a -0, nanmax for a +0
      for (std::size_t k = 0; k < n; ++k) wanted_sign |= x[k] == 0 && std::signbit(x[k]) != kMax;
      p.value = wanted_sign ? (kMax ? 0.0 : -0.0) : (kMax ? -0.0 : 0.0);
    }
  }
  return p;
}

#define COREPOOL_NANEXT(T, S)                                                                                          \
  COREPOOL_CLONES Partial NanMin##S(const void* d, std::size_t b, std::size_t e) {                                     \
    return NanExtreme<false>(static_cast<const T*>(d) + b, e - b);                                                     \
  }                                                                                                                    \
  COREPOOL_CLONES Partial NanMax##S(const void* d, std::size_t b, std::size_t e) {                                     \
    return NanExtreme<true>(static_cast<const T*>(d) + b, e - b);                                                      \
  }
COREPOOL_EACH_DTYPE(COREPOOL_NANEXT)
#undef COREPOOL_NANEXT

using ExtFn = Partial (*)(const void*, std::size_t, std::size_t);
constexpr ExtFn kNanMin[] = COREPOOL_DTYPE_TABLE(NanMin);
constexpr ExtFn kNanMax[] = COREPOOL_DTYPE_TABLE(NanMax);

template <bool kMax>
Partial NanExtremeBlock(const Operand* ops, std::size_t begin, std::size_t end) {
  return (kMax ? kNanMax : kNanMin)[DtypeSlot(ops[0].dtype)](ops[0].data, begin, end);
}

// Strict order with -0 below +0, so the result never depends on grouping.
template <bool kMax>
Partial NanExtremeCombine(const Partial& l, const Partial& r) {
  if (l.index == 0) return r;
  if (r.index == 0) return l;
  const bool lower = r.value < l.value || (r.value == l.value && std::signbit(r.value) && !std::signbit(l.value));
  const bool higher = r.value > l.value || (r.value == l.value && !std::signbit(r.value) && std::signbit(l.value));
  return (kMax ? higher : lower) ? r : l;
}

double NanExtremeFinish(const Partial& total, const Operand*) {
  return total.index != 0 ? total.value : std::numeric_limits<double>::quiet_NaN();
}

}  // namespace

ReduceKernel Make_nansum_Kernel() {
  return {"nansum", 1, false, 0.0, NanSumBlock, NanSumCombine, NanSumFinish};
}
ReduceKernel Make_nanmean_Kernel() {
  return {"nanmean", 1, false, std::numeric_limits<double>::quiet_NaN(), NanSumBlock, NanSumCombine, NanMeanFinish};
}
ReduceKernel Make_nanmin_Kernel() {
  return {"nanmin", 1, true, 0.0, NanExtremeBlock<false>, NanExtremeCombine<false>, NanExtremeFinish};
}
ReduceKernel Make_nanmax_Kernel() {
  return {"nanmax", 1, true, 0.0, NanExtremeBlock<true>, NanExtremeCombine<true>, NanExtremeFinish};
}

}  // namespace corepool
