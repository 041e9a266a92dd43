// norm1 (sum of |x|) and normInf (largest |x|): norm(a, { ord: 1 | Infinity }).
// The L2 norm lives in dot.cc. Every dtype is read as double; the JS twin is
// src/kernels/norms.ts.
#include <cmath>
#include <cstdint>
#include <limits>

#include "dtype_table.h"
#include "lanes.h"
#include "reduce.h"
#include "simd.h"

namespace corepool {
namespace {

// |x| is never -0, so the largest |x| does not depend on order; NaN wins, as
// numpy's abs(a).max() propagates it. `probe` turns NaN or Inf into NaN; only
// then is the block re-scanned for a real NaN.
#define COREPOOL_NORMS(T, S)                                                                                           \
  COREPOOL_CLONES double Abs##S(const void* data, std::size_t begin, std::size_t end) {                                \
    const T* x = static_cast<const T*>(data) + begin;                                                                  \
    return LaneSum(end - begin, [x](std::size_t i) { return std::fabs(static_cast<double>(x[i])); });                  \
  }                                                                                                                    \
  COREPOOL_CLONES double MaxAbs##S(const void* data, std::size_t begin, std::size_t end) {                             \
    const T* x = static_cast<const T*>(data) + begin;                                                                  \
    const std::size_t n = end - begin;                                                                                 \
    double lane[kLanes] = {0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0};                                                    \
    double probe[kLanes] = {0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0};                                                   \
    std::size_t i = 0;                                                                                                 \
    for (; i + kLanes <= n; i += kLanes) {                                                                             \
      for (std::size_t j = 0; j < kLanes; ++j) {                                                                       \
        const double v = std::fabs(static_cast<double>(x[i + j]));                                                     \
        lane[j] = v > lane[j] ? v : lane[j];                                                                           \
        probe[j] += v - v;                                                                                             \
      }                                                                                                                \
    }                                                                                                                  \
    double best = 0.0;                                                                                                 \
    bool flagged = false;                                                                                              \
    for (std::size_t j = 0; j < kLanes; ++j) {                                                                         \
      best = lane[j] > best ? lane[j] : best;                                                                          \
      flagged |= probe[j] != probe[j];                                                                                 \
    }                                                                                                                  \
    for (; i < n; ++i) {                                                                                               \
      const double v = std::fabs(static_cast<double>(x[i]));                                                           \
      best = v > best ? v : best;                                                                                      \
      flagged |= v != v;                                                                                               \
    }                                                                                                                  \
    if (flagged) {                                                                                                     \
      for (std::size_t k = 0; k < n; ++k) {                                                                            \
        if (x[k] != x[k]) return std::numeric_limits<double>::quiet_NaN();                                             \
      }                                                                                                                \
    }                                                                                                                  \
    return best;                                                                                                       \
  }
COREPOOL_EACH_DTYPE(COREPOOL_NORMS)
#undef COREPOOL_NORMS

using NormFn = double (*)(const void*, std::size_t, std::size_t);
constexpr NormFn kAbs[] = COREPOOL_DTYPE_TABLE(Abs);
constexpr NormFn kMaxAbs[] = COREPOOL_DTYPE_TABLE(MaxAbs);

Partial Norm1Block(const Operand* ops, std::size_t begin, std::size_t end) {
  Partial p;
  p.value = kAbs[DtypeSlot(ops[0].dtype)](ops[0].data, begin, end);
  return p;
}

Partial AddCombine(const Partial& l, const Partial& r) {
  Partial p;
  p.value = l.value + r.value;
  return p;
}

Partial NormInfBlock(const Operand* ops, std::size_t begin, std::size_t end) {
  Partial p;
  p.value = kMaxAbs[DtypeSlot(ops[0].dtype)](ops[0].data, begin, end);
  return p;
}

Partial MaxCombine(const Partial& l, const Partial& r) {
  if (l.value != l.value) return l;
  if (r.value != r.value) return r;
  return r.value > l.value ? r : l;
}

double ValueFinish(const Partial& total, const Operand*) {
  return total.value;
}

}  // namespace

ReduceKernel Make_norm1_Kernel() {
  return {"norm1", 1, false, 0.0, Norm1Block, AddCombine, ValueFinish};
}
ReduceKernel Make_normInf_Kernel() {
  return {"normInf", 1, true, 0.0, NormInfBlock, MaxCombine, ValueFinish};
}

}  // namespace corepool
