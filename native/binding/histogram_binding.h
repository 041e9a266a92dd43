// JS-facing histogram/bincount entry points: hist_async and hist_sync.
#pragma once

#include <napi.h>

#include "env_state.h"

namespace corepool {

/// hist_async(mode, counts, a, weights|undefined, edges|undefined, cancelFlag?)
/// -> Promise<boolean>: adds into `counts` (a Float64Array of one slot per
/// bin); false when the flag stopped it first. Modes: native/kernels/histogram.h.
Napi::Value HistAsync(const Napi::CallbackInfo& info, EnvState& state);
/// hist_sync(mode, counts, a, weights|undefined, edges|undefined) -> undefined.
Napi::Value HistSync(const Napi::CallbackInfo& info);

}  // namespace corepool
