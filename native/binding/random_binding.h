// JS-facing random entry points: random_async and random_sync.
#pragma once

#include <napi.h>

#include "env_state.h"

namespace corepool {

/// random_async(kind, out, key0, key1, start, a, b, cancelFlag?) -> Promise<boolean>:
/// fills `out` with stream elements start, start+1, ... of kernel `kind`
/// (native/kernels/random.h); true when every block ran, false when
/// cancelFlag[0] became non-zero first.
Napi::Value RandomAsync(const Napi::CallbackInfo& info, EnvState& state);
/// random_sync(kind, out, key0, key1, start, a, b) -> undefined; the caller helps the pool.
Napi::Value RandomSync(const Napi::CallbackInfo& info);

}  // namespace corepool
