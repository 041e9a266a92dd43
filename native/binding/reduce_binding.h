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

}  // namespace corepool
