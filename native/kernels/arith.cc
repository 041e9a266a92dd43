// add, sub, mul, div, minimum, maximum. Inputs arrive already cast to the
// result dtype; integer results wrap modulo 2^bits like numpy (an int32
// product is Math.imul's), and minimum/maximum propagate NaN.
#include "loops.h"

namespace corepool {
namespace {

struct Add {
  template <typename T>
  static T Apply(T a, T b) {
    return static_cast<T>(static_cast<WrapType<T>>(a) + static_cast<WrapType<T>>(b));
  }
};
struct Sub {
  template <typename T>
  static T Apply(T a, T b) {
    return static_cast<T>(static_cast<WrapType<T>>(a) - static_cast<WrapType<T>>(b));
  }
};
struct Mul {
  template <typename T>
  static T Apply(T a, T b) {
    return static_cast<T>(static_cast<WrapType<T>>(a) * static_cast<WrapType<T>>(b));
  }
};
struct Div {
  template <typename T>
  static T Apply(T a, T b) {
    return a / b;
  }
};
// numpy: the first operand wins when it is NaN or strictly better, else the second.
struct Minimum {
  template <typename T>
  static T Apply(T a, T b) {
    return (a < b || a != a) ? a : b;
  }
};
struct Maximum {
  template <typename T>
  static T Apply(T a, T b) {
    return (a > b || a != a) ? a : b;
  }
};

COREPOOL_BINARY_LOOPS(Add, Add, COREPOOL_SAME_TYPE)
COREPOOL_BINARY_LOOPS(Sub, Sub, COREPOOL_SAME_TYPE)
COREPOOL_BINARY_LOOPS(Mul, Mul, COREPOOL_SAME_TYPE)
COREPOOL_BINARY_LOOPS(Minimum, Minimum, COREPOOL_SAME_TYPE)
COREPOOL_BINARY_LOOPS(Maximum, Maximum, COREPOOL_SAME_TYPE)

COREPOOL_FLOAT_LOOPS(BinaryLoop, Div, Div, COREPOOL_SAME_TYPE)

// Arithmetic computes in the result dtype itself.
template <MapLoop (*Select)(Dtype)>
MapPlan SameType(Dtype out, Dtype) {
  return {out, Select(out)};
}

MapPlan DivPlan(Dtype out, Dtype) {
  return {out, DivLoop(out)};
}

}  // namespace

MapKernel Make_add_Map() {
  return {"add", 2, SameType<AddLoop>};
}
MapKernel Make_sub_Map() {
  return {"sub", 2, SameType<SubLoop>};
}
MapKernel Make_mul_Map() {
  return {"mul", 2, SameType<MulLoop>};
}
MapKernel Make_div_Map() {
  return {"div", 2, DivPlan};
}
MapKernel Make_minimum_Map() {
  return {"minimum", 2, SameType<MinimumLoop>};
}
MapKernel Make_maximum_Map() {
  return {"maximum", 2, SameType<MaximumLoop>};
}

}  // namespace corepool
