// The exports about the addon itself rather than a kernel family: its pool,
// and what it says about its build at load, so that src/backend/select.ts can
// refuse a binary built from other sources than the JS it runs with (a stale
// build/Release, which node-gyp-build prefers over a matching prebuild).
#pragma once

#include <napi.h>

namespace corepool {

/// Bumped by hand when an export keeps its name but changes its arguments or
/// result: the export list and the kernel tables cannot show that. Mirrored
/// by BINDING_ABI_VERSION in src/backend/binding_check.ts.
inline constexpr int kBindingAbiVersion = 1;

/// pool_configure(threads) -> the pool's thread count; sizes the
/// process-wide pool if no environment has yet.
Napi::Value PoolConfigure(const Napi::CallbackInfo& info);

/// pool_info() -> { threads, simd, napiVersion }.
Napi::Value PoolInfo(const Napi::CallbackInfo& info);

/// kernel_names() -> { reduce, map, scan, random, hist }: every table the
/// wire addresses by position, as names in id order.
Napi::Value KernelNames(const Napi::CallbackInfo& info);

/// build_id() -> "abi<kBindingAbiVersion>-<hash>", the hash (FNV-1a, 32 bits)
/// covering the kernel tables and the export list, in the text form that
/// src/backend/binding_check.ts (buildId) also hashes.
Napi::Value BuildId(const Napi::CallbackInfo& info);

}  // namespace corepool
