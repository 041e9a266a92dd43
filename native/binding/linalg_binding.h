// JS-facing dense linear algebra: gemm, gemv, transpose and outer, each as
// noun_async (Promise<boolean>: false when the cancel flag stopped it) and
// noun_sync (undefined; the calling thread helps the pool). Argument order
// and semantics: the linear algebra contract (TS validates first; this side
// re-checks what protects memory: dtypes, sizes and lengths).
#pragma once

#include <napi.h>

#include "env_state.h"

namespace corepool {

/// gemm_async(a, b, c, m, k, n, transA, transB, alpha, beta, cancelFlag?)
Napi::Value GemmAsync(const Napi::CallbackInfo& info, EnvState& state);
/// gemm_sync(a, b, c, m, k, n, transA, transB, alpha, beta)
Napi::Value GemmSync(const Napi::CallbackInfo& info);
/// gemm_batch_async(a, b, c, m, k, n, transA, transB, alpha, beta, aOffsets, bOffsets, cancelFlag?)
Napi::Value GemmBatchAsync(const Napi::CallbackInfo& info, EnvState& state);
/// gemm_batch_sync(a, b, c, m, k, n, transA, transB, alpha, beta, aOffsets, bOffsets)
Napi::Value GemmBatchSync(const Napi::CallbackInfo& info);
/// gemv_async(a, x, y, m, n, trans, alpha, beta, cancelFlag?)
Napi::Value GemvAsync(const Napi::CallbackInfo& info, EnvState& state);
/// gemv_sync(a, x, y, m, n, trans, alpha, beta)
Napi::Value GemvSync(const Napi::CallbackInfo& info);
/// transpose_async(a, out, rows, cols, cancelFlag?); out === a: in place.
Napi::Value TransposeAsync(const Napi::CallbackInfo& info, EnvState& state);
/// transpose_sync(a, out, rows, cols)
Napi::Value TransposeSync(const Napi::CallbackInfo& info);
/// outer_async(x, y, out, cancelFlag?)
Napi::Value OuterAsync(const Napi::CallbackInfo& info, EnvState& state);
/// outer_sync(x, y, out)
Napi::Value OuterSync(const Napi::CallbackInfo& info);

}  // namespace corepool
