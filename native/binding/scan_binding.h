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

/// scan_lines_async(kernelId, out, x, outer, n, inner, cancelFlag?) ->
/// Promise<boolean>: the scan along the middle axis of contiguous
/// [outer, n, inner] x and out, each line as the flat scan of that line.
Napi::Value ScanLinesAsync(const Napi::CallbackInfo& info, EnvState& state);
/// scan_lines_sync(kernelId, out, x, outer, n, inner) -> undefined.
Napi::Value ScanLinesSync(const Napi::CallbackInfo& info);

}  // namespace corepool
