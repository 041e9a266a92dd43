// JS-facing array-expression entry points: expr_async and expr_sync run a
// program (src/expr/program.ts) on the native VM (native/kernels/expr_vm.h).
#pragma once

#include <napi.h>

#include "env_state.h"

namespace corepool {

/// expr_async(program: Float64Array, arrays: TypedArray[], cancelFlag?:
/// Int32Array) -> Promise<number>: NaN when cancelFlag[0] became non-zero
/// before every block ran, else 0 in store mode and the reduced value in
/// reduce mode. Malformed programs throw a coded TypeError/RangeError.
Napi::Value ExprAsync(const Napi::CallbackInfo& info, EnvState& state);
/// expr_sync(program, arrays) -> number, as expr_async; the caller helps the pool.
Napi::Value ExprSync(const Napi::CallbackInfo& info);

}  // namespace corepool
