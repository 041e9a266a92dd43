// JS-facing elementwise entry points: map_async and map_sync over flat
// arrays, map_strided_async and map_strided_sync over n-dimensional views.
#pragma once

#include <napi.h>

#include "env_state.h"

namespace corepool {

/// map_async(kernelId, out, x, y?, z?, cancelFlag?) -> Promise<boolean>:
/// true when every block ran, false when cancelFlag[0] became non-zero first.
Napi::Value MapAsync(const Napi::CallbackInfo& info, EnvState& state);
/// map_sync(kernelId, out, x, y?, z?) -> undefined; the caller helps the pool.
Napi::Value MapSync(const Napi::CallbackInfo& info);
/// map_strided_async(kernelId, geometry, out, x, y?, z?, cancelFlag?) ->
/// Promise<boolean>: as map_async over the elements the geometry (a
/// Float64Array, src/nd/geometry.ts) lays out, out being its operand 0.
Napi::Value MapStridedAsync(const Napi::CallbackInfo& info, EnvState& state);
/// map_strided_sync(kernelId, geometry, out, x, y?, z?) -> undefined.
Napi::Value MapStridedSync(const Napi::CallbackInfo& info);

}  // namespace corepool
