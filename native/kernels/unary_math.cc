// exp, exp2, log, log2, log10, sinh, cosh, tanh, cbrt: the vectorised cores
// of unary_math.h, with glibc (scalar, correctly handled) for the lanes a
// core does not cover: overflow, underflow to subnormal or zero, log of
// zero/negative/inf, NaN. tanh/sinh/cosh/cbrt cover every input themselves.
#include "unary_math.h"

#include <cmath>

#include "unary_loops.h"

namespace corepool {
namespace {

namespace u = ::corepool::unary;

struct ExpOp {
  static COREPOOL_INLINE double Apply(double x) { return u::Exp(x); }
  static COREPOOL_INLINE bool Fast(double x) { return (x >= u::kExpFastMin) & (x <= u::kExpFastMax); }
  static double Slow(double x) { return std::exp(x); }
};
struct Exp2Op {
  static COREPOOL_INLINE double Apply(double x) { return u::Exp2(x); }
  static COREPOOL_INLINE bool Fast(double x) { return (x >= u::kExp2FastMin) & (x <= u::kExp2FastMax); }
  static double Slow(double x) { return std::exp2(x); }
};
struct LogOp {
  static COREPOOL_INLINE double Apply(double x) { return u::Log(x); }
  static COREPOOL_INLINE bool Fast(double x) { return u::LogFast(x); }
  static double Slow(double x) { return std::log(x); }
};
struct Log2Op {
  static COREPOOL_INLINE double Apply(double x) { return u::LogTimes(x, u::kInvLn2Hi, u::kInvLn2Lo); }
  static COREPOOL_INLINE bool Fast(double x) { return u::LogFast(x); }
  static double Slow(double x) { return std::log2(x); }
};
struct Log10Op {
  static COREPOOL_INLINE double Apply(double x) { return u::LogTimes(x, u::kInvLn10Hi, u::kInvLn10Lo); }
  static COREPOOL_INLINE bool Fast(double x) { return u::LogFast(x); }
  static double Slow(double x) { return std::log10(x); }
};
struct SinhOp {
  static COREPOOL_INLINE double Apply(double x) { return u::Sinh(x); }
};
struct CoshOp {
  static COREPOOL_INLINE double Apply(double x) { return u::Cosh(x); }
};
struct TanhOp {
  static COREPOOL_INLINE double Apply(double x) { return u::Tanh(x); }
};
struct CbrtOp {
  static COREPOOL_INLINE double Apply(double x) { return u::Cbrt(x); }
};

COREPOOL_UNARY_DOUBLE(GuardedLoop, ExpOp, Exp)
COREPOOL_UNARY_DOUBLE(GuardedLoop, Exp2Op, Exp2)
COREPOOL_UNARY_DOUBLE(GuardedLoop, LogOp, Log)
COREPOOL_UNARY_DOUBLE(GuardedLoop, Log2Op, Log2)
COREPOOL_UNARY_DOUBLE(GuardedLoop, Log10Op, Log10)
COREPOOL_UNARY_DOUBLE(DoubleLoop, SinhOp, Sinh)
COREPOOL_UNARY_DOUBLE(DoubleLoop, CoshOp, Cosh)
COREPOOL_UNARY_DOUBLE(DoubleLoop, TanhOp, Tanh)
COREPOOL_UNARY_DOUBLE(DoubleLoop, CbrtOp, Cbrt)

}  // namespace

MapKernel Make_cbrt_Map() {
  return {"cbrt", 1, CbrtPlan};
}
MapKernel Make_exp_Map() {
  return {"exp", 1, ExpPlan};
}
MapKernel Make_exp2_Map() {
  return {"exp2", 1, Exp2Plan};
}
MapKernel Make_log_Map() {
  return {"log", 1, LogPlan};
}
MapKernel Make_log2_Map() {
  return {"log2", 1, Log2Plan};
}
MapKernel Make_log10_Map() {
  return {"log10", 1, Log10Plan};
}
MapKernel Make_sinh_Map() {
  return {"sinh", 1, SinhPlan};
}
MapKernel Make_cosh_Map() {
  return {"cosh", 1, CoshPlan};
}
MapKernel Make_tanh_Map() {
  return {"tanh", 1, TanhPlan};
}

}  // namespace corepool
