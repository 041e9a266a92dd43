// fma, clip, lerp, where: three-input kernels in one pass, no temporaries.
// Formulas are fixed, with every operation rounded in the compute dtype
// (builds use -ffp-contract=off), so the JS twin reproduces them bit for bit:
//   fma(a, b, c)  = a·b + c, two roundings like numpy's a * b + c (not a
//                   fused multiply-add, which numpy lacks); integers wrap.
//   clip(x, l, h) = min(max(x, l), h) with numpy's NaN-propagating max/min.
//   lerp(a, b, t) = a + t·(b − a).
//   where(m, a, b) = m ≠ 0 ? a : b (NaN counts as nonzero).
#include "loops.h"

namespace corepool {
namespace {

struct Fma {
  template <typename T>
  static T Apply(T a, T b, T c) {
    using W = WrapType<T>;
    return static_cast<T>(static_cast<W>(a) * static_cast<W>(b) + static_cast<W>(c));
  }
};

// numpy's _NPY_CLIP for arrays of bounds: each step keeps a NaN first operand,
// else picks by a strict comparison (so equal values take the bound).
struct Clip {
  template <typename T>
  static T Apply(T x, T lo, T hi) {
    const T t = x != x ? x : (x > lo ? x : lo);
    return t != t ? t : (t < hi ? t : hi);
  }
};

struct Lerp {
  template <typename T>
  static T Apply(T a, T b, T t) {
    return a + t * (b - a);
  }
};

struct Where {
  template <typename T>
  static T Apply(T mask, T a, T b) {
    return mask != 0 ? a : b;
  }
};

COREPOOL_LOOPS(TernaryLoop, Fma, Fma, COREPOOL_SAME_TYPE)
COREPOOL_LOOPS(TernaryLoop, Clip, Clip, COREPOOL_SAME_TYPE)
COREPOOL_FLOAT_LOOPS(TernaryLoop, Lerp, Lerp, COREPOOL_SAME_TYPE)
COREPOOL_LOOPS(TernaryLoop, Where, Where, COREPOOL_SAME_TYPE)

// where with a mask that does not cast exactly into the result dtype (a
// float mask with integer data, say): everything is read as double, which
// holds every input exactly, and the chosen value converts back exactly.
template <typename Out>
COREPOOL_CLONES void WhereFromF64(const void* const* in, void* out, std::size_t n) {
  TernaryLoop<Where, double, Out>(in, out, n);
}

MapLoop WhereFromF64Loop(Dtype out) {
  switch (out) {
    case Dtype::kFloat64:
      return WhereFromF64<double>;
    case Dtype::kFloat32:
      return WhereFromF64<float>;
    case Dtype::kInt32:
      return WhereFromF64<std::int32_t>;
    case Dtype::kUint32:
      return WhereFromF64<std::uint32_t>;
    case Dtype::kInt16:
      return WhereFromF64<std::int16_t>;
    case Dtype::kUint16:
      return WhereFromF64<std::uint16_t>;
    case Dtype::kInt8:
      return WhereFromF64<std::int8_t>;
    case Dtype::kUint8:
      return WhereFromF64<std::uint8_t>;
    case Dtype::kUint8Clamped:
      return nullptr;
  }
  return nullptr;
}

template <MapLoop (*Select)(Dtype)>
MapPlan SameType(Dtype out, Dtype) {
  return {out, Select(out)};
}

// `first` is the mask's dtype when the mask is an array; a scalar mask
// arrives as 0 or 1, which every dtype holds.
MapPlan WherePlan(Dtype out, Dtype first) {
  if (IsSafeCast(first, out)) return {out, WhereLoop(out)};
  return {Dtype::kFloat64, WhereFromF64Loop(out)};
}

}  // namespace

MapKernel Make_fma_Map() {
  return {"fma", 3, SameType<FmaLoop>};
}
MapKernel Make_clip_Map() {
  return {"clip", 3, SameType<ClipLoop>};
}
MapKernel Make_lerp_Map() {
  return {"lerp", 3, SameType<LerpLoop>};
}
MapKernel Make_where_Map() {
  return {"where", 3, WherePlan};
}

}  // namespace corepool
