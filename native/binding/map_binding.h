// JS-facing elementwise entry points: map_async and map_sync.
#pragma once

#include <napi.h>

#include "env_state.h"

namespace corepool {

/// map_async(kernelId, out, x, y?, z?, cancelFlag?) -> Promise<boolean>:
/// true when every block ran, false when cancelFlag[0] became non-zero first.
Napi::Value MapAsync(const Napi::CallbackInfo& info, EnvState& state);
/// map_sync(kernelId, out, x, y?, z?) -> undefined; the caller helps the pool.
Napi::Value MapSync(const Napi::CallbackInfo& info);

}  // namespace corepool
