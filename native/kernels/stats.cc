// prod; sqdev, the sum of squared deviations behind var and std; and
// countNonzero, any, all. Every dtype is read as double. The JS twin is
// src/kernels/stats.ts; the per-block order below is the contract.
//
// prod keeps each block's product as a mantissa and a binary exponent, so
// the result over- or underflows only if the true product does: a lane that
// overflows while another reaches 0 cannot turn a product into NaN.
#include <cmath>
#include <cstdint>
#include <limits>

#include "dtype_table.h"
#include "lanes.h"
#include "reduce.h"
#include "simd.h"

namespace corepool {
namespace {

inline bool Normal(double v) {
  const double a = std::fabs(v);
  return a >= std::numeric_limits<double>::min() && a <= std::numeric_limits<double>::max();
}

// A block's product as m * 2^e with m in [0.5, 1), or (0 | ±Inf | NaN, 0):
// products never overflow or underflow before the very end.
inline Partial Scaled(double m, std::int64_t e) {
  Partial p;
  if (m != 0.0 && std::isfinite(m)) {
    int k = 0;
    p.value = std::frexp(m, &k);
    p.index = e + k;
  } else {
    p.value = m;
  }
  return p;
}

// Fast path: the product in lane order (lane j multiplies elements j, j+8,
// ...; lanes fold like FoldLanes; the tail multiplies in order), tracking
// the smallest and largest |partial|. It is kept only when every partial
// stayed a normal number, so nothing overflowed, underflowed or lost bits.
template <typename Load>
inline bool LaneProduct(std::size_t n, Load load, double* product) {
  double acc[kLanes] = {1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0};
  double lo[kLanes] = {1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0};
  double hi[kLanes] = {1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0};
  std::size_t i = 0;
  for (; i + kLanes <= n; i += kLanes) {
    for (std::size_t j = 0; j < kLanes; ++j) {
      acc[j] *= load(i + j);
      const double a = std::fabs(acc[j]);
      lo[j] = a < lo[j] ? a : lo[j];
      hi[j] = a > hi[j] ? a : hi[j];
    }
  }
  bool clean = true;
  for (std::size_t j = 0; j < kLanes; ++j) clean &= Normal(lo[j]) && Normal(hi[j]);
  const double p01 = acc[0] * acc[1], p23 = acc[2] * acc[3], p45 = acc[4] * acc[5], p67 = acc[6] * acc[7];
  const double p03 = p01 * p23, p47 = p45 * p67;
  double total = p03 * p47;
  clean &= Normal(p01) && Normal(p23) && Normal(p45) && Normal(p67) && Normal(p03) && Normal(p47) && Normal(total);
  for (; i < n; ++i) {
    total *= load(i);
    clean &= Normal(total);
  }
  *product = total;
  return clean;
}

// Slow path, for blocks whose lane products left the normal range: a running
// product in index order. Whenever a step would leave [2^-511, 2^511], the
// running value is first renormalised to [0.5, 1) (exactly) and the step
// redone, so no step can overflow and only subnormal inputs lose bits.
template <typename Load>
inline Partial SteppedProduct(std::size_t n, Load load) {
  constexpr double kLow = 0x1p-511;
  constexpr double kHigh = 0x1p511;
  double m = 1.0;
  std::int64_t e = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const double x = load(i);
    const double v = m * x;
    if (std::fabs(v) >= kLow && std::fabs(v) <= kHigh) {
      m = v;
      continue;
    }
    const Partial before = Scaled(m, e);
    const Partial after = Scaled(before.value * x, before.index);
    m = after.value;
    e = after.index;
  }
  return Scaled(m, e);
}

template <typename Load>
inline Partial BlockProduct(std::size_t n, Load load) {
  double product;
  return LaneProduct(n, load, &product) ? Scaled(product, 0) : SteppedProduct(n, load);
}

// Corrected two-pass over one block (which sits in cache for the second
// pass): m = LaneSum / n, then D = sum(x - m) and Q = sum((x - m)^2) in lane
// order. The block's mean is m + D/n, kept as the pair (m, D/n) so that
// merging blocks far from zero loses nothing to m's rounding; its sum of
// squared deviations is M2 = Q - D*D/n.
template <typename Load>
inline Partial BlockMoments(std::size_t n, double mean, Load load) {
  double d[kLanes] = {-0.0, -0.0, -0.0, -0.0, -0.0, -0.0, -0.0, -0.0};
  double q[kLanes] = {-0.0, -0.0, -0.0, -0.0, -0.0, -0.0, -0.0, -0.0};
  std::size_t i = 0;
  for (; i + kLanes <= n; i += kLanes) {
    for (std::size_t j = 0; j < kLanes; ++j) {
      const double v = load(i + j) - mean;
      d[j] += v;
      q[j] += v * v;
    }
  }
  double dt = FoldLanes(d);
  double qt = FoldLanes(q);
  for (; i < n; ++i) {
    const double v = load(i) - mean;
    dt += v;
    qt += v * v;
  }
  const double count = static_cast<double>(n);
  const double m2 = qt - dt * dt / count;
  Partial p;
  p.value = mean;
  p.aux = dt / count;
  p.extra = m2 < 0.0 ? 0.0 : m2;
  p.index = static_cast<std::int64_t>(n);
  return p;
}

#define COREPOOL_STATS(T, S)                                                                                           \
  COREPOOL_CLONES Partial Prod##S(const void* data, std::size_t begin, std::size_t end) {                              \
    const T* x = static_cast<const T*>(data) + begin;                                                                  \
    return BlockProduct(end - begin, [x](std::size_t i) { return static_cast<double>(x[i]); });                        \
  }                                                                                                                    \
  COREPOOL_CLONES Partial Dev##S(const void* data, std::size_t begin, std::size_t end) {                               \
    const T* x = static_cast<const T*>(data) + begin;                                                                  \
    const std::size_t n = end - begin;                                                                                 \
    auto load = [x](std::size_t i) { return static_cast<double>(x[i]); };                                              \
    return BlockMoments(n, LaneSum(n, load) / static_cast<double>(n), load);                                           \
  }                                                                                                                    \
  COREPOOL_CLONES std::int64_t Nonzero##S(const void* data, std::size_t begin, std::size_t end) {                      \
    const T* x = static_cast<const T*>(data);                                                                          \
    std::int64_t count = 0;                                                                                            \
    for (std::size_t i = begin; i < end; ++i) count += x[i] != 0 ? 1 : 0;                                              \
    return count;                                                                                                      \
  }
COREPOOL_EACH_DTYPE(COREPOOL_STATS)
#undef COREPOOL_STATS

using ProdFn = Partial (*)(const void*, std::size_t, std::size_t);
using DevFn = Partial (*)(const void*, std::size_t, std::size_t);
using CountFn = std::int64_t (*)(const void*, std::size_t, std::size_t);
constexpr ProdFn kProd[] = COREPOOL_DTYPE_TABLE(Prod);
constexpr DevFn kDev[] = COREPOOL_DTYPE_TABLE(Dev);
constexpr CountFn kNonzero[] = COREPOOL_DTYPE_TABLE(Nonzero);

Partial ProdBlock(const Operand* ops, std::size_t begin, std::size_t end) {
  return kProd[DtypeSlot(ops[0].dtype)](ops[0].data, begin, end);
}

// Mantissas in [0.5, 1) multiply without overflow; exponents add exactly.
Partial ProdCombine(const Partial& l, const Partial& r) {
  return Scaled(l.value * r.value, l.index + r.index);
}

// One rounding, into the subnormal range or to ±Inf when the product is there.
double ProdFinish(const Partial& total, const Operand*) {
  const std::int64_t e = total.index;
  if (e > 2000) return std::ldexp(total.value, 2000);
  if (e < -2000) return std::ldexp(total.value, -2000);
  return std::ldexp(total.value, static_cast<int>(e));
}

Partial DevBlock(const Operand* ops, std::size_t begin, std::size_t end) {
  return kDev[DtypeSlot(ops[0].dtype)](ops[0].data, begin, end);
}

// Chan et al.'s pairwise update, with each mean as the pair (value, aux):
// the high parts are subtracted first (exactly, when they are close) and
// the merged mean keeps the left high part. Counts ride in `index`.
Partial DevCombine(const Partial& l, const Partial& r) {
  const double nl = static_cast<double>(l.index);
  const double nr = static_cast<double>(r.index);
  const double n = nl + nr;
  const double delta = (r.value - l.value) + (r.aux - l.aux);
  Partial p;
  p.index = l.index + r.index;
  p.value = l.value;
  p.aux = l.aux + delta * (nr / n);
  p.extra = (l.extra + r.extra) + (delta * delta) * (nl * nr / n);
  return p;
}

Partial CountBlock(const Operand* ops, std::size_t begin, std::size_t end) {
  Partial p;
  p.index = kNonzero[DtypeSlot(ops[0].dtype)](ops[0].data, begin, end);
  return p;
}

Partial CountCombine(const Partial& l, const Partial& r) {
  Partial p;
  p.index = l.index + r.index;
  return p;
}

double DevFinish(const Partial& total, const Operand*) {
  return total.extra;
}
double CountFinish(const Partial& total, const Operand*) {
  return static_cast<double>(total.index);
}
double AnyFinish(const Partial& total, const Operand*) {
  return total.index > 0 ? 1.0 : 0.0;
}
double AllFinish(const Partial& total, const Operand* ops) {
  return static_cast<std::size_t>(total.index) == ops[0].length ? 1.0 : 0.0;
}

}  // namespace

ReduceKernel Make_prod_Kernel() {
  return {"prod", 1, false, 1.0, ProdBlock, ProdCombine, ProdFinish};
}
ReduceKernel Make_sqdev_Kernel() {
  return {"sqdev", 1, false, 0.0, DevBlock, DevCombine, DevFinish};
}
ReduceKernel Make_countNonzero_Kernel() {
  return {"countNonzero", 1, false, 0.0, CountBlock, CountCombine, CountFinish};
}
ReduceKernel Make_any_Kernel() {
  return {"any", 1, false, 0.0, CountBlock, CountCombine, AnyFinish};
}
ReduceKernel Make_all_Kernel() {
  return {"all", 1, false, 1.0, CountBlock, CountCombine, AllFinish};
}

}  // namespace corepool
