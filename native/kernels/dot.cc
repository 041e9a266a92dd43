// dot and norm (L2). Every dtype is widened to double and products are
// accumulated in lane order (lanes.h); products are never fused into FMAs,
// so the JS twin reproduces the bits.
#include <cmath>
#include <cstdint>

#include "lanes.h"
#include "reduce.h"
#include "simd.h"

namespace corepool {
namespace {

#define COREPOOL_DOT(T, name)                                                                                          \
  COREPOOL_CLONES double name##Dot(const T* a, const T* b, std::size_t n) {                                            \
    return LaneSum(n, [a, b](std::size_t i) { return static_cast<double>(a[i]) * static_cast<double>(b[i]); });        \
  }                                                                                                                    \
  COREPOOL_CLONES double name##Sq(const T* a, std::size_t n) {                                                         \
    return LaneSum(n, [a](std::size_t i) {                                                                             \
      const double v = static_cast<double>(a[i]);                                                                      \
      return v * v;                                                                                                    \
    });                                                                                                                \
  }
COREPOOL_DOT(double, F64)
COREPOOL_DOT(float, F32)
COREPOOL_DOT(std::int32_t, I32)
COREPOOL_DOT(std::uint32_t, U32)
COREPOOL_DOT(std::int16_t, I16)
COREPOOL_DOT(std::uint16_t, U16)
COREPOOL_DOT(std::int8_t, I8)
COREPOOL_DOT(std::uint8_t, U8)
#undef COREPOOL_DOT

template <typename T>
const T* At(const Operand& op, std::size_t begin) {
  return op.As<T>() + begin;
}

Partial DotBlock(const Operand* ops, std::size_t begin, std::size_t end) {
  const Operand& a = ops[0];
  const Operand& b = ops[1];
  const std::size_t n = end - begin;
  Partial p;
  switch (a.dtype) {
    case Dtype::kFloat64:
      p.value = F64Dot(At<double>(a, begin), At<double>(b, begin), n);
      break;
    case Dtype::kFloat32:
      p.value = F32Dot(At<float>(a, begin), At<float>(b, begin), n);
      break;
    case Dtype::kInt32:
      p.value = I32Dot(At<std::int32_t>(a, begin), At<std::int32_t>(b, begin), n);
      break;
    case Dtype::kUint32:
      p.value = U32Dot(At<std::uint32_t>(a, begin), At<std::uint32_t>(b, begin), n);
      break;
    case Dtype::kInt16:
      p.value = I16Dot(At<std::int16_t>(a, begin), At<std::int16_t>(b, begin), n);
      break;
    case Dtype::kUint16:
      p.value = U16Dot(At<std::uint16_t>(a, begin), At<std::uint16_t>(b, begin), n);
      break;
    case Dtype::kInt8:
      p.value = I8Dot(At<std::int8_t>(a, begin), At<std::int8_t>(b, begin), n);
      break;
    case Dtype::kUint8:
    case Dtype::kUint8Clamped:
      p.value = U8Dot(At<std::uint8_t>(a, begin), At<std::uint8_t>(b, begin), n);
      break;
  }
  return p;
}

Partial SquaresBlock(const Operand* ops, std::size_t begin, std::size_t end) {
  const Operand& a = ops[0];
  const std::size_t n = end - begin;
  Partial p;
  switch (a.dtype) {
    case Dtype::kFloat64:
      p.value = F64Sq(At<double>(a, begin), n);
      break;
    case Dtype::kFloat32:
      p.value = F32Sq(At<float>(a, begin), n);
      break;
    case Dtype::kInt32:
      p.value = I32Sq(At<std::int32_t>(a, begin), n);
      break;
    case Dtype::kUint32:
      p.value = U32Sq(At<std::uint32_t>(a, begin), n);
      break;
    case Dtype::kInt16:
      p.value = I16Sq(At<std::int16_t>(a, begin), n);
      break;
    case Dtype::kUint16:
      p.value = U16Sq(At<std::uint16_t>(a, begin), n);
      break;
    case Dtype::kInt8:
      p.value = I8Sq(At<std::int8_t>(a, begin), n);
      break;
    case Dtype::kUint8:
    case Dtype::kUint8Clamped:
      p.value = U8Sq(At<std::uint8_t>(a, begin), n);
      break;
  }
  return p;
}

Partial AddCombine(const Partial& l, const Partial& r) {
  Partial p;
  p.value = l.value + r.value;
  return p;
}

// + 0.0: numpy's dot of -0 products is +0 (see SumFinish in sum.cc), except
// for length 1, where numpy returns the one product itself.
double DotFinish(const Partial& total, const Operand* ops) {
  return ops[0].length == 1 ? total.value : total.value + 0.0;
}
double NormFinish(const Partial& total, const Operand*) {
  return std::sqrt(total.value);
}

}  // namespace

ReduceKernel Make_dot_Kernel() {
  return {"dot", 2, false, 0.0, DotBlock, AddCombine, DotFinish};
}
ReduceKernel Make_norm_Kernel() {
  return {"norm", 1, false, 0.0, SquaresBlock, AddCombine, NormFinish};
}

}  // namespace corepool
