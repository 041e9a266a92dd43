// JS-facing scan entry points: scan_async and scan_sync.
#pragma once

#include <napi.h>

#include "env_state.h"

namespace corepool {

/// scan_async(kernelId, out, x, cancelFlag?) -> Promise<boolean>: false when
/// the flag stopped the scan before every block was written.
Napi::Value ScanAsync(const Napi::CallbackInfo& info, EnvState& state);
/// scan_sync(kernelId, out, x) -> undefined; the caller helps the pool.
Napi::Value ScanSync(const Napi::CallbackInfo& info);

}  // namespace corepool
