// Turns JS TypedArrays into Operands on the JS thread, re-checking what
// protects memory: type, detachment, resizability and lengths. The length is
// the one at call time: a growable SharedArrayBuffer may grow later (a
// length-tracking view then reports more), but never shrinks. The TS layer has already
// produced friendlier errors; these guard against direct binding calls.
#pragma once

#include <napi.h>

#include "../kernels/dtype.h"

namespace corepool {

/// Reads `value` (argument `name`) as an Operand; throws a coded
/// Napi::TypeError for anything that is not a supported, attached TypedArray
/// over a fixed-length ArrayBuffer or a SharedArrayBuffer.
[[nodiscard]] Operand ReadOperand(Napi::Env env, const Napi::Value& value, const char* name);

}  // namespace corepool
