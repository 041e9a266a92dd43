// Module init and per-environment state only. Each Node environment (main
// thread or worker_thread) gets its own CorepoolAddon; the compute pool
// behind it is process-wide.
#pragma once

#include <napi.h>

#include "binding/env_state.h"

namespace corepool {

class CorepoolAddon final : public Napi::Addon<CorepoolAddon> {
 public:
  CorepoolAddon(Napi::Env env, Napi::Object exports);

 private:
  Napi::Value PoolConfigure(const Napi::CallbackInfo& info);
  Napi::Value PoolInfo(const Napi::CallbackInfo& info);
  Napi::Value KernelNames(const Napi::CallbackInfo& info);
  Napi::Value ReduceAsyncMethod(const Napi::CallbackInfo& info);
  Napi::Value ReduceSyncMethod(const Napi::CallbackInfo& info);
  Napi::Value MapAsyncMethod(const Napi::CallbackInfo& info);
  Napi::Value MapSyncMethod(const Napi::CallbackInfo& info);
  Napi::Value ScanAsyncMethod(const Napi::CallbackInfo& info);
  Napi::Value ScanSyncMethod(const Napi::CallbackInfo& info);
  Napi::Value HistAsyncMethod(const Napi::CallbackInfo& info);
  Napi::Value HistSyncMethod(const Napi::CallbackInfo& info);
  Napi::Value RandomAsyncMethod(const Napi::CallbackInfo& info);
  Napi::Value RandomSyncMethod(const Napi::CallbackInfo& info);
  Napi::Value SortAsyncMethod(const Napi::CallbackInfo& info);
  Napi::Value SortSyncMethod(const Napi::CallbackInfo& info);
  Napi::Value ArgsortAsyncMethod(const Napi::CallbackInfo& info);
  Napi::Value ArgsortSyncMethod(const Napi::CallbackInfo& info);
  Napi::Value PartitionAsyncMethod(const Napi::CallbackInfo& info);
  Napi::Value PartitionSyncMethod(const Napi::CallbackInfo& info);
  Napi::Value TopkAsyncMethod(const Napi::CallbackInfo& info);
  Napi::Value TopkSyncMethod(const Napi::CallbackInfo& info);
  Napi::Value SearchsortedAsyncMethod(const Napi::CallbackInfo& info);
  Napi::Value SearchsortedSyncMethod(const Napi::CallbackInfo& info);
  Napi::Value GemmAsyncMethod(const Napi::CallbackInfo& info);
  Napi::Value GemmSyncMethod(const Napi::CallbackInfo& info);
  Napi::Value GemvAsyncMethod(const Napi::CallbackInfo& info);
  Napi::Value GemvSyncMethod(const Napi::CallbackInfo& info);
  Napi::Value TransposeAsyncMethod(const Napi::CallbackInfo& info);
  Napi::Value TransposeSyncMethod(const Napi::CallbackInfo& info);
  Napi::Value OuterAsyncMethod(const Napi::CallbackInfo& info);
  Napi::Value OuterSyncMethod(const Napi::CallbackInfo& info);

  EnvState state_;
};

}  // namespace corepool
