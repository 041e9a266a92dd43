// JS-facing entry points of the sort family (contract: /work/ctx/sort_contract.md,
// mirrored by the Binding interface in src/backend/native.ts). Each async form
// resolves true when done and false when the cancel flag stopped it; each sync
// form returns undefined and helps the pool on the calling thread. Index
// outputs are Uint32Arrays, or Float64Arrays for 2^32 or more elements.
#pragma once

#include <napi.h>

#include "env_state.h"

namespace corepool {

/// sort_async(a, descending, cancelFlag?) -> Promise<boolean>; sorts a in place.
/// A sort that has started writing a completes, so a is never half sorted.
Napi::Value SortAsync(const Napi::CallbackInfo& info, EnvState& state);
/// sort_sync(a, descending) -> undefined.
Napi::Value SortSync(const Napi::CallbackInfo& info);
/// argsort_async(a, out, descending, cancelFlag?) -> Promise<boolean>.
Napi::Value ArgsortAsync(const Napi::CallbackInfo& info, EnvState& state);
/// argsort_sync(a, out, descending) -> undefined.
Napi::Value ArgsortSync(const Napi::CallbackInfo& info);
/// partition_async(a, k, values, indices, cancelFlag?) -> Promise<boolean>.
Napi::Value PartitionAsync(const Napi::CallbackInfo& info, EnvState& state);
/// partition_sync(a, k, values, indices) -> undefined.
Napi::Value PartitionSync(const Napi::CallbackInfo& info);
/// topk_async(a, k, largest, values, indices, cancelFlag?) -> Promise<boolean>.
Napi::Value TopkAsync(const Napi::CallbackInfo& info, EnvState& state);
/// topk_sync(a, k, largest, values, indices) -> undefined.
Napi::Value TopkSync(const Napi::CallbackInfo& info);
/// sort_lines_async(op, line, a, k, flag, values, indices, cancelFlag?) ->
/// Promise<boolean>: op 0 sort (a in place, or into values when given;
/// flag = descending), 1 argsort
/// (flag = descending), 2 partition, 3 topk (flag = largest) on every
/// contiguous line of `line` elements of a; outputs hold the lines' results
/// back to back (indices within each line).
Napi::Value SortLinesAsync(const Napi::CallbackInfo& info, EnvState& state);
/// sort_lines_sync(op, line, a, k, flag, values, indices) -> undefined.
Napi::Value SortLinesSync(const Napi::CallbackInfo& info);
/// searchsorted_async(sorted, values, right, out, cancelFlag?) -> Promise<boolean>.
Napi::Value SearchsortedAsync(const Napi::CallbackInfo& info, EnvState& state);
/// searchsorted_sync(sorted, values, right, out) -> undefined.
Napi::Value SearchsortedSync(const Napi::CallbackInfo& info);

}  // namespace corepool
