// The abort flag of options.signal: a JS Int32Array the caller sets non-zero
// on abort. Pool threads read it between blocks, never through N-API.
#pragma once

#include <napi.h>

#include <cstdint>

#include "errors.h"
#include "operand.h"

namespace corepool {

/// Reads argument `at` as the flag; nullptr when it is undefined. JS thread.
[[nodiscard]] inline const std::int32_t* ReadCancelFlag(const Napi::CallbackInfo& info, std::size_t at) {
  if (info[at].IsUndefined()) return nullptr;
  const Operand op = ReadOperand(info.Env(), info[at], "cancelFlag");
  if (op.dtype != Dtype::kInt32 || op.length < 1) {
    throw CodedTypeError(info.Env(), kErrInvalidArgType, "cancelFlag must be an Int32Array of length >= 1");
  }
  return op.As<std::int32_t>();
}

/// True once the caller asked to stop. Any thread.
[[nodiscard]] inline bool Cancelled(const std::int32_t* flag) {
  return flag != nullptr && __atomic_load_n(flag, __ATOMIC_RELAXED) != 0;
}

}  // namespace corepool
