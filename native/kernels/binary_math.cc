// pow, mod, atan2, hypot. pow and mod keep integer dtypes (numpy: integer
// powers wrap modulo 2^bits, mod follows the sign of the divisor and gives 0
// for a zero divisor); atan2 and hypot are float-only. float32 pow and atan2
// are evaluated in double and rounded once, as the JS twin must do.
#include <cmath>
#include <type_traits>

#include "hypot.h"
#include "loops.h"

namespace corepool {
namespace {

// Exponentiation by squaring in the wrapping type: every product is exact
// modulo 2^32, so the result is base^exponent modulo 2^bits whatever the
// order of multiplication (numpy's integer power wraps the same way).
// corepool rejects negative integer exponents before a call reaches here (numpy
// raises); the loop still gives them a defined value, 1/base truncated.
template <typename T>
T IntegerPower(T base, T exponent) {
  using W = WrapType<T>;
  if constexpr (std::is_signed_v<T>) {
    if (exponent < 0) {
      if (base == 1) return 1;
      if (base == -1) return (exponent & 1) != 0 ? -1 : 1;
      return 0;
    }
  }
  W result = 1;
  W factor = static_cast<W>(base);
  for (W e = static_cast<W>(exponent); e != 0; e >>= 1) {
    if ((e & 1) != 0) result *= factor;
    factor *= factor;
  }
  return static_cast<T>(result);
}

struct Pow {
  template <typename T>
  static T Apply(T a, T b) {
    if constexpr (std::is_floating_point_v<T>) {
      return static_cast<T>(std::pow(static_cast<double>(a), static_cast<double>(b)));
    } else {
      return IntegerPower(a, b);
    }
  }
};

// numpy's remainder: fmod (exact), moved into the divisor's sign; a zero
// result takes the divisor's sign. Integers: 0 for a zero divisor, and
// x % -1 is 0 (INT_MIN % -1 would trap).
struct Mod {
  template <typename T>
  static T Apply(T a, T b) {
    if constexpr (std::is_floating_point_v<T>) {
      const T m = std::fmod(a, b);
      if (m != 0) return (m < 0) != (b < 0) ? m + b : m;
      return std::copysign(T{0}, b);
    } else {
      if (b == 0) return 0;
      if constexpr (std::is_signed_v<T>) {
        if (b == -1) return 0;
        const T m = static_cast<T>(a % b);
        return m != 0 && ((m < 0) != (b < 0)) ? static_cast<T>(m + b) : m;
      } else {
        return static_cast<T>(a % b);
      }
    }
  }
};

struct Atan2 {
  template <typename T>
  static T Apply(T y, T x) {
    return static_cast<T>(std::atan2(static_cast<double>(y), static_cast<double>(x)));
  }
};

struct Hypot {
  template <typename T>
  static T Apply(T x, T y) {
    if constexpr (std::is_same_v<T, double>) {
      return Hypot64(x, y);
    } else {
      return Hypot32(x, y);
    }
  }
};

COREPOOL_BINARY_LOOPS(Pow, Pow, COREPOOL_SAME_TYPE)
COREPOOL_BINARY_LOOPS(Mod, Mod, COREPOOL_SAME_TYPE)
COREPOOL_FLOAT_LOOPS(BinaryLoop, Atan2, Atan2, COREPOOL_SAME_TYPE)
COREPOOL_FLOAT_LOOPS(BinaryLoop, Hypot, Hypot, COREPOOL_SAME_TYPE)

// Each computes in its result dtype.
template <MapLoop (*Select)(Dtype)>
MapPlan SameType(Dtype out, Dtype) {
  return {out, Select(out)};
}

// The kernels whose body is their row in binary_math.def: a float expression
// of x and y, evaluated in double and rounded once to the result dtype (exact
// for float32 whenever the expression is).
#define COREPOOL_MAP(name, arity, stem)
#define COREPOOL_MAP_FLOAT2(name, ...)                                                                                 \
  struct name##_Op {                                                                                                   \
    template <typename T>                                                                                              \
    static T Apply(T a, T b) {                                                                                         \
      const double x = a;                                                                                              \
      const double y = b;                                                                                              \
      return static_cast<T>(__VA_ARGS__);                                                                              \
    }                                                                                                                  \
  };                                                                                                                   \
  COREPOOL_FLOAT_LOOPS(BinaryLoop, name##_Op, name, COREPOOL_SAME_TYPE)
#include "binary_math.def"
#undef COREPOOL_MAP_FLOAT2
#undef COREPOOL_MAP

}  // namespace

MapKernel Make_pow_Map() {
  return {"pow", 2, SameType<PowLoop>};
}
MapKernel Make_mod_Map() {
  return {"mod", 2, SameType<ModLoop>};
}
MapKernel Make_atan2_Map() {
  return {"atan2", 2, SameType<Atan2Loop>};
}
MapKernel Make_hypot_Map() {
  return {"hypot", 2, SameType<HypotLoop>};
}

#define COREPOOL_MAP(name, arity, stem)
#define COREPOOL_MAP_FLOAT2(name, ...)                                                                                 \
  MapKernel Make_##name##_Map() {                                                                                      \
    return {#name, 2, SameType<name##Loop>};                                                                           \
  }
#include "binary_math.def"
#undef COREPOOL_MAP_FLOAT2
#undef COREPOOL_MAP

}  // namespace corepool
