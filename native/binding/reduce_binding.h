// JS-facing reduction entry points: reduce_async and reduce_sync.
#pragma once

#include <napi.h>

#include "env_state.h"

namespace corepool {

/// reduce_async(kernelId, a, b|undefined, cancelFlag?) -> Promise<number>, computed
/// on the pool. Blocks that start after cancelFlag[0] became non-zero are skipped.
Napi::Value ReduceAsync(const Napi::CallbackInfo& info, EnvState& state);
/// reduce_sync(kernelId, a[, b]) -> number; the caller helps the pool.
Napi::Value ReduceSync(const Napi::CallbackInfo& info);

/// reduce_axis_async(kernelId, geometry, outerDims, a, out, cancelFlag?) ->
/// Promise<boolean> (false when cancelled): one output per line of a over
/// the reduced axes (the geometry's axes after the first outerDims), written
/// to out in C order, each reduced as the flat kernel reduces that line.
Napi::Value ReduceAxisAsync(const Napi::CallbackInfo& info, EnvState& state);
/// reduce_axis_sync(kernelId, geometry, outerDims, a, out) -> undefined.
Napi::Value ReduceAxisSync(const Napi::CallbackInfo& info);

}  // namespace corepool
