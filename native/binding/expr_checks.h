// The checks between an expression program's words (src/expr/program.ts)
// and the VM (native/kernels/expr_vm.h), without N-API: every field of the
// format is validated here, so no program, however malformed, can make the
// VM read or write outside its arrays or hit undefined behaviour. The
// libFuzzer target (test/fuzz/native/arg_checks_fuzz.cc) drives it directly.
#pragma once

#include <cstddef>

#include "../kernels/dtype.h"
#include "../kernels/expr_vm.h"
#include "arg_checks.h"

namespace corepool {

/// Words before the geometry, and per instruction (src/expr/program.ts).
inline constexpr std::size_t kExprHeaderWords = 7;
inline constexpr std::size_t kExprInstructionWords = 8;

/// What the binding knows of each array before any pointer is taken.
struct ExprArrayInfo {
  Dtype dtype = Dtype::kFloat64;
  std::size_t length = 0;
};

/// Validates `count` program words against the `n_arrays` arrays and fills
/// `out` (every field but the bindings' data pointers, which the caller sets
/// to the arrays' memory). On failure `out` is unspecified and the verdict
/// names the faulty field ("program must ..."): kOutOfRange for a bad word,
/// kLengthMismatch when the array count differs from the binding count,
/// kInvalidDtype for a dtype a binding, kernel or cast cannot take, and
/// kEmptyInput for a min/max over an empty shape.
[[nodiscard]] ArgVerdict CheckExprProgram(
    const double* words, std::size_t count, const ExprArrayInfo* arrays, std::size_t n_arrays, ExprProgram* out);

}  // namespace corepool
