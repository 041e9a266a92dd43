// sum and mean. Floats accumulate in double in lane order (lanes.h); integer
// dtypes accumulate exactly in int64 and round once at the end, so integer
// totals are exact while |total| < 2^53.
#include <cstdint>
#include <limits>

#include "lanes.h"
#include "reduce.h"
#include "simd.h"

namespace corepool {
namespace {

COREPOOL_CLONES double SumF64(const double* x, std::size_t n) {
  return LaneSum(n, [x](std::size_t i) { return x[i]; });
}
COREPOOL_CLONES double SumF32(const float* x, std::size_t n) {
  return LaneSum(n, [x](std::size_t i) { return static_cast<double>(x[i]); });
}

#define COREPOOL_INT_SUM(T, fn)                                                                                        \
  COREPOOL_CLONES std::int64_t fn(const T* x, std::size_t n) {                                                         \
    std::int64_t total = 0;                                                                                            \
    for (std::size_t i = 0; i < n; ++i) total += x[i];                                                                 \
    return total;                                                                                                      \
  }
COREPOOL_INT_SUM(std::int32_t, SumI32)
COREPOOL_INT_SUM(std::uint32_t, SumU32)
COREPOOL_INT_SUM(std::int16_t, SumI16)
COREPOOL_INT_SUM(std::uint16_t, SumU16)
COREPOOL_INT_SUM(std::int8_t, SumI8)
COREPOOL_INT_SUM(std::uint8_t, SumU8)
#undef COREPOOL_INT_SUM

Partial SumBlock(const Operand* ops, std::size_t begin, std::size_t end) {
  const Operand& a = ops[0];
  const std::size_t n = end - begin;
  Partial p;
  switch (a.dtype) {
    case Dtype::kFloat64:
      p.value = SumF64(a.As<double>() + begin, n);
      break;
    case Dtype::kFloat32:
      p.value = SumF32(a.As<float>() + begin, n);
      break;
    case Dtype::kInt32:
      p.exact = SumI32(a.As<std::int32_t>() + begin, n);
      break;
    case Dtype::kUint32:
      p.exact = SumU32(a.As<std::uint32_t>() + begin, n);
      break;
    case Dtype::kInt16:
      p.exact = SumI16(a.As<std::int16_t>() + begin, n);
      break;
    case Dtype::kUint16:
      p.exact = SumU16(a.As<std::uint16_t>() + begin, n);
      break;
    case Dtype::kInt8:
      p.exact = SumI8(a.As<std::int8_t>() + begin, n);
      break;
    case Dtype::kUint8:
    case Dtype::kUint8Clamped:
      p.exact = SumU8(a.As<std::uint8_t>() + begin, n);
      break;
  }
  return p;
}

Partial SumCombine(const Partial& l, const Partial& r) {
  Partial p;
  p.value = l.value + r.value;
  p.exact = l.exact + r.exact;
  return p;
}

// numpy's add.reduce starts from its identity +0, so a sum of only -0 is +0;
// adding +0 last changes nothing else (the build has no -ffast-math).
double SumFinish(const Partial& total, const Operand* ops) {
  return IsFloat(ops[0].dtype) ? total.value + 0.0 : static_cast<double>(total.exact);
}

double MeanFinish(const Partial& total, const Operand* ops) {
  return SumFinish(total, ops) / static_cast<double>(ops[0].length);
}

}  // namespace

ReduceKernel Make_sum_Kernel() {
  return {"sum", 1, false, 0.0, SumBlock, SumCombine, SumFinish, SumColumns};
}

ReduceKernel Make_mean_Kernel() {
  return {"mean", 1, false, std::numeric_limits<double>::quiet_NaN(), SumBlock, SumCombine, MeanFinish, SumColumns};
}

}  // namespace corepool
