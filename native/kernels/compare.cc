// eq, ne, lt, le, gt, ge → Uint8Array of 0/1. Every supported dtype is exact
// in a double, so comparisons run in float64 whatever the inputs (numpy
// compares int32 with uint32 exactly too). NaN compares unequal to all.
#include "loops.h"

namespace corepool {
namespace {

struct Eq {
  template <typename T>
  static std::uint8_t Apply(T a, T b) {
    return a == b ? 1 : 0;
  }
};
struct Ne {
  template <typename T>
  static std::uint8_t Apply(T a, T b) {
    return a != b ? 1 : 0;
  }
};
struct Lt {
  template <typename T>
  static std::uint8_t Apply(T a, T b) {
    return a < b ? 1 : 0;
  }
};
struct Le {
  template <typename T>
  static std::uint8_t Apply(T a, T b) {
    return a <= b ? 1 : 0;
  }
};
struct Gt {
  template <typename T>
  static std::uint8_t Apply(T a, T b) {
    return a > b ? 1 : 0;
  }
};
struct Ge {
  template <typename T>
  static std::uint8_t Apply(T a, T b) {
    return a >= b ? 1 : 0;
  }
};

template <typename Op>
COREPOOL_CLONES void CompareF64(const void* const* in, void* out, std::size_t n) {
  BinaryLoop<Op, double, std::uint8_t>(in, out, n);
}

template <typename Op>
MapPlan ComparePlan(Dtype out, Dtype) {
  if (out != Dtype::kUint8) return {};
  return {Dtype::kFloat64, CompareF64<Op>};
}

}  // namespace

MapKernel Make_eq_Map() {
  return {"eq", 2, ComparePlan<Eq>};
}
MapKernel Make_ne_Map() {
  return {"ne", 2, ComparePlan<Ne>};
}
MapKernel Make_lt_Map() {
  return {"lt", 2, ComparePlan<Lt>};
}
MapKernel Make_le_Map() {
  return {"le", 2, ComparePlan<Le>};
}
MapKernel Make_gt_Map() {
  return {"gt", 2, ComparePlan<Gt>};
}
MapKernel Make_ge_Map() {
  return {"ge", 2, ComparePlan<Ge>};
}

}  // namespace corepool
