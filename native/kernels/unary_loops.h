// Loop shapes of the unary family. Transcendental kernels compute in double
// whatever they store (float32 results are the double result rounded once).
#pragma once

#include <cstddef>
#include <type_traits>

#include "loops.h"
#include "unary_math.h"

namespace corepool::unary {

/// out[i] = Op::Apply(in[i]) over doubles; Out is the stored type.
template <typename Op, typename Out>
COREPOOL_INLINE void DoubleLoop(const void* const* in, void* out, std::size_t n) {
  const double* x = static_cast<const double*>(in[0]);
  Out* o = static_cast<Out*>(out);
  for (std::size_t i = 0; i < n; ++i) o[i] = static_cast<Out>(Op::Apply(x[i]));
}

/// Op::Apply (vectorised) on every lane of xs[0, m) into o, then Op::Slow
/// (scalar) on the rare lanes outside Op::Fast, read again from xs.
template <typename Op>
COREPOOL_INLINE void GuardedPass(const double* __restrict xs, double* __restrict o, std::size_t m) {
  unsigned slow = 0;
  for (std::size_t i = 0; i < m; ++i) {
    o[i] = Op::Apply(xs[i]);
    slow |= Op::Fast(xs[i]) ? 0u : 1u;
  }
  if (slow != 0) {
    for (std::size_t i = 0; i < m; ++i) {
      if (!Op::Fast(xs[i])) o[i] = Op::Slow(xs[i]);
    }
  }
}

/// Elements per pass of GuardedLoop's scratch path: the scratch stays in L1.
inline constexpr std::size_t kGuardedPass = 256;

/// GuardedPass over [0, n). Results go straight to a float64 `out` that is
/// not the input; otherwise (in place, or float32) through a scratch buffer,
/// so the slow pass still reads the input.
template <typename Op, typename Out>
COREPOOL_INLINE void GuardedLoop(const void* const* in, void* out, std::size_t n) {
  const double* x = static_cast<const double*>(in[0]);
  if constexpr (std::is_same_v<Out, double>) {
    if (static_cast<const void*>(x) != out) {
      GuardedPass<Op>(x, static_cast<double*>(out), n);
      return;
    }
  }
  Out* o = static_cast<Out*>(out);
  double result[kGuardedPass];
  for (std::size_t base = 0; base < n; base += kGuardedPass) {
    const std::size_t m = n - base < kGuardedPass ? n - base : kGuardedPass;
    GuardedPass<Op>(x + base, result, m);
    for (std::size_t i = 0; i < m; ++i) o[base + i] = static_cast<Out>(result[i]);
  }
}

}  // namespace corepool::unary

/// Name##F64 / Name##F32 (double compute, double or float store) running
/// Shape (DoubleLoop or GuardedLoop) of Op, and Name##Plan for the registry.
#define COREPOOL_UNARY_DOUBLE(Shape, Op, Name)                                                                         \
  COREPOOL_CLONES void Name##F64(const void* const* in, void* out, std::size_t n) {                                    \
    ::corepool::unary::Shape<Op, double>(in, out, n);                                                                  \
  }                                                                                                                    \
  COREPOOL_CLONES void Name##F32(const void* const* in, void* out, std::size_t n) {                                    \
    ::corepool::unary::Shape<Op, float>(in, out, n);                                                                   \
  }                                                                                                                    \
  MapPlan Name##Plan(Dtype out, Dtype) {                                                                               \
    if (out == Dtype::kFloat64) return {Dtype::kFloat64, Name##F64};                                                   \
    if (out == Dtype::kFloat32) return {Dtype::kFloat64, Name##F32};                                                   \
    return {};                                                                                                         \
  }
