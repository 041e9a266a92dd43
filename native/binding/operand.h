// Turns JS TypedArrays into Operands on the JS thread, re-checking what
// protects memory: type, detachment and lengths. The TS layer has already
// produced friendlier errors; these guard against direct binding calls.
#pragma once

#include <napi.h>

#include "../kernels/dtype.h"

namespace corepool {

/// Reads `value` (argument `name`) as an Operand; throws a coded
/// Napi::TypeError for anything that is not a supported, attached TypedArray.
[[nodiscard]] Operand ReadOperand(Napi::Env env, const Napi::Value& value, const char* name);

}  // namespace corepool
