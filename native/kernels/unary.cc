// The unary kernels with an exact answer (abs, neg, sign, square, sqrt,
// reciprocal, floor, ceil, round, trunc, isnan, isfinite), expm1 and log1p
// (cores in unary_math.h), and those left to glibc (asin, acos, atan).
// Exact kernels compute in the result dtype: for float32, sqrt, 1/x and x*x
// rounded once in float equal the double result rounded to float (53 >=
// 2*24 + 2), so they match the JS twins, which compute in double.
#include <cmath>
#include <cstring>
#include <limits>
#include <type_traits>

#include "unary_loops.h"

namespace corepool {
namespace {

// abs/neg/square of integers wrap like numpy: abs(int8 -128) is -128.
struct Abs {
  template <typename T>
  static T Apply(T a) {
    if constexpr (std::is_floating_point_v<T>) {
      return std::fabs(a);
    } else if constexpr (std::is_unsigned_v<T>) {
      return a;
    } else {
      using W = WrapType<T>;
      return static_cast<T>(a < 0 ? W{0} - static_cast<W>(a) : static_cast<W>(a));
    }
  }
};
struct Neg {
  template <typename T>
  static T Apply(T a) {
    if constexpr (std::is_floating_point_v<T>) {
      return -a;
    } else {
      using W = WrapType<T>;
      return static_cast<T>(W{0} - static_cast<W>(a));
    }
  }
};
// numpy: sign(±0) is +0 and sign(NaN) is NaN.
struct Sign {
  template <typename T>
  static T Apply(T a) {
    if constexpr (std::is_floating_point_v<T>) {
      return a > 0 ? T{1} : (a < 0 ? T{-1} : (a == 0 ? T{0} : a));
    } else {
      return static_cast<T>((a > 0 ? 1 : 0) - (a < 0 ? 1 : 0));
    }
  }
};
struct Square {
  template <typename T>
  static T Apply(T a) {
    using W = WrapType<T>;
    return static_cast<T>(static_cast<W>(a) * static_cast<W>(a));
  }
};
struct Sqrt {
  template <typename T>
  static T Apply(T a) {
    return std::sqrt(a);
  }
};
struct Reciprocal {
  template <typename T>
  static T Apply(T a) {
    return T{1} / a;
  }
};

// Rounding by adding and subtracting 2^52 (2^23 for float), with bit-mask
// selects: GCC only vectorises std::floor & co. under -fno-trapping-math, and
// the build keeps trapping math. Every result carries the sign of its input
// (floor(-0.5) is -1, ceil(-0.5) is -0), which the last step enforces.
template <typename T>
using UintOf = std::conditional_t<sizeof(T) == 8, std::uint64_t, std::uint32_t>;

template <typename T>
inline UintOf<T> BitsOf(T x) {
  UintOf<T> u;
  std::memcpy(&u, &x, sizeof u);
  return u;
}

template <typename T>
inline T FromBitsOf(UintOf<T> u) {
  T x;
  std::memcpy(&x, &u, sizeof x);
  return x;
}

template <typename T>
inline T Choose(bool c, T a, T b) {
  const UintOf<T> m = UintOf<T>{0} - static_cast<UintOf<T>>(c);
  return FromBitsOf<T>((BitsOf(a) & m) | (BitsOf(b) & ~m));
}

/// |magnitude| with the sign bit of `sign`.
template <typename T>
inline T SignOf(T magnitude, T sign) {
  constexpr UintOf<T> kSign = UintOf<T>{1} << (8 * sizeof(T) - 1);
  return FromBitsOf<T>((BitsOf(magnitude) & ~kSign) | (BitsOf(sign) & kSign));
}

/// Half to even (numpy's round/rint); x itself when |x| >= 2^52 (already an integer), inf or NaN.
template <typename T>
inline T Rint(T x) {
  constexpr T kBig = T{1} / std::numeric_limits<T>::epsilon();
  const T a = std::fabs(x);
  const T r = (a + kBig) - kBig;
  return Choose(a < kBig, SignOf(r, x), x);
}

struct Round {
  template <typename T>
  static T Apply(T a) {
    return Rint(a);
  }
};
struct Floor {
  template <typename T>
  static T Apply(T a) {
    const T r = Rint(a);
    return SignOf(Choose(r > a, r - T{1}, r), a);
  }
};
struct Ceil {
  template <typename T>
  static T Apply(T a) {
    const T r = Rint(a);
    return SignOf(Choose(r < a, r + T{1}, r), a);
  }
};
struct Trunc {
  template <typename T>
  static T Apply(T a) {
    return SignOf(Floor::Apply(std::fabs(a)), a);
  }
};

COREPOOL_LOOPS(UnaryLoop, Abs, Abs, COREPOOL_SAME_TYPE)
COREPOOL_LOOPS(UnaryLoop, Neg, Neg, COREPOOL_SAME_TYPE)
COREPOOL_LOOPS(UnaryLoop, Sign, Sign, COREPOOL_SAME_TYPE)
COREPOOL_LOOPS(UnaryLoop, Square, Square, COREPOOL_SAME_TYPE)
COREPOOL_FLOAT_LOOPS(UnaryLoop, Sqrt, Sqrt, COREPOOL_SAME_TYPE)
COREPOOL_FLOAT_LOOPS(UnaryLoop, Reciprocal, Reciprocal, COREPOOL_SAME_TYPE)
COREPOOL_FLOAT_LOOPS(UnaryLoop, Floor, Floor, COREPOOL_SAME_TYPE)
COREPOOL_FLOAT_LOOPS(UnaryLoop, Ceil, Ceil, COREPOOL_SAME_TYPE)
COREPOOL_FLOAT_LOOPS(UnaryLoop, Round, Round, COREPOOL_SAME_TYPE)
COREPOOL_FLOAT_LOOPS(UnaryLoop, Trunc, Trunc, COREPOOL_SAME_TYPE)

// Every dtype is exact in a double, so the predicates test float64.
struct IsNan {
  template <typename T>
  static std::uint8_t Apply(T a) {
    return a != a ? 1 : 0;
  }
};
struct IsFinite {
  template <typename T>
  static std::uint8_t Apply(T a) {
    return std::isfinite(a) ? 1 : 0;
  }
};

COREPOOL_CLONES void IsNanF64(const void* const* in, void* out, std::size_t n) {
  UnaryLoop<IsNan, double, std::uint8_t>(in, out, n);
}
COREPOOL_CLONES void IsFiniteF64(const void* const* in, void* out, std::size_t n) {
  UnaryLoop<IsFinite, double, std::uint8_t>(in, out, n);
}

template <MapLoop Loop>
MapPlan PredicatePlan(Dtype out, Dtype) {
  if (out != Dtype::kUint8) return {};
  return {Dtype::kFloat64, Loop};
}

// Results keep the input dtype (integers wrap), the engine's "same type" plan.
template <MapLoop (*Select)(Dtype)>
MapPlan SameType(Dtype out, Dtype) {
  return {out, Select(out)};
}

// expm1 and log1p: unary_math.h's cores, glibc for the lanes outside them.
// (glibc's own pick FMA variants at run time, so their bits vary by CPU.)
struct Expm1Op {
  static COREPOOL_INLINE double Apply(double x) { return unary::Expm1(x); }
  static COREPOOL_INLINE bool Fast(double x) { return unary::Expm1Fast(x); }
  static double Slow(double x) { return std::expm1(x); }
};
struct Log1pOp {
  static COREPOOL_INLINE double Apply(double x) { return unary::Log1p(x); }
  static COREPOOL_INLINE bool Fast(double x) { return unary::Log1pFast(x); }
  static double Slow(double x) { return std::log1p(x); }
};
struct AsinOp {
  static double Apply(double x) { return std::asin(x); }
};
struct AcosOp {
  static double Apply(double x) { return std::acos(x); }
};
struct AtanOp {
  static double Apply(double x) { return std::atan(x); }
};

COREPOOL_UNARY_DOUBLE(GuardedLoop, Expm1Op, Expm1)
COREPOOL_UNARY_DOUBLE(GuardedLoop, Log1pOp, Log1p)
COREPOOL_UNARY_DOUBLE(DoubleLoop, AsinOp, Asin)
COREPOOL_UNARY_DOUBLE(DoubleLoop, AcosOp, Acos)
COREPOOL_UNARY_DOUBLE(DoubleLoop, AtanOp, Atan)

}  // namespace

MapKernel Make_abs_Map() {
  return {"abs", 1, SameType<AbsLoop>};
}
MapKernel Make_neg_Map() {
  return {"neg", 1, SameType<NegLoop>};
}
MapKernel Make_sign_Map() {
  return {"sign", 1, SameType<SignLoop>};
}
MapKernel Make_sqrt_Map() {
  return {"sqrt", 1, SameType<SqrtLoop>};
}
MapKernel Make_square_Map() {
  return {"square", 1, SameType<SquareLoop>};
}
MapKernel Make_reciprocal_Map() {
  return {"reciprocal", 1, SameType<ReciprocalLoop>};
}
MapKernel Make_expm1_Map() {
  return {"expm1", 1, Expm1Plan};
}
MapKernel Make_log1p_Map() {
  return {"log1p", 1, Log1pPlan};
}
MapKernel Make_asin_Map() {
  return {"asin", 1, AsinPlan};
}
MapKernel Make_acos_Map() {
  return {"acos", 1, AcosPlan};
}
MapKernel Make_atan_Map() {
  return {"atan", 1, AtanPlan};
}
MapKernel Make_floor_Map() {
  return {"floor", 1, SameType<FloorLoop>};
}
MapKernel Make_ceil_Map() {
  return {"ceil", 1, SameType<CeilLoop>};
}
MapKernel Make_round_Map() {
  return {"round", 1, SameType<RoundLoop>};
}
MapKernel Make_trunc_Map() {
  return {"trunc", 1, SameType<TruncLoop>};
}
MapKernel Make_isnan_Map() {
  return {"isnan", 1, PredicatePlan<IsNanF64>};
}
MapKernel Make_isfinite_Map() {
  return {"isfinite", 1, PredicatePlan<IsFiniteF64>};
}

}  // namespace corepool
